"""What each figure of the pilot dashboard, the pilot reports and the capacity page counts,
for the "How we count" page. The keys are the sections' keys (figures.SECTIONS)."""

from django.utils.translation import gettext_lazy as _

from collectief.figures import NO_PEOPLE_COUNTED, SMALL_NUMBERS_PROTECTION

PILOTS = _("Pilots")
PILOT_PERIOD = _(
    "The period chosen in the dashboard's filter; in a pilot's report, the pilot's own period "
    "(start to end date)."
)
PILOT_TEAMS = _(
    "Only the teams of the pilots in view (a pilot's report: its team); other teams' work "
    "does not count."
)
NOW = _("The situation today.")
SHARED_ONLY = _(
    "Outside the team only what the team marked as shareable is shown; titles only, no notes."
)


def register(registry):
    figures = [
        (
            "pilots",
            _("Pilots with phase, period and team"),
            _("Every pilot in view with its team, area, current phase, start and end date."),
            NOW,
            PILOT_TEAMS,
            NO_PEOPLE_COUNTED,
        ),
        (
            "phases",
            _("Pilots per phase"),
            _("The number of pilots in each phase (designing, making contact, executing) now."),
            NOW,
            PILOT_TEAMS,
            NO_PEOPLE_COUNTED,
        ),
        (
            "conversations",
            _("Conversations and residents reached per round"),
            _(
                "Per round number: the conversations held and the residents reached. Residents "
                "are distinct people: someone spoken to twice counts once. Rounds are compared "
                "within a team only; the totals add up the rounds of all teams in view."
            ),
            PILOT_PERIOD,
            PILOT_TEAMS,
            SMALL_NUMBERS_PROTECTION,
        ),
        (
            "snowball",
            _("Snowball yield"),
            _(
                "Per round: the names residents gave of other residents to talk to, the names "
                "per conversation, and the share of names that led to a conversation."
            ),
            PILOT_PERIOD,
            PILOT_TEAMS,
            SMALL_NUMBERS_PROTECTION,
        ),
        (
            "initiatives",
            _("Initiatives by status and label"),
            _(
                "The initiatives that ran in the period, per status, and per label granted to "
                "them (such as De Wijkfabriek)."
            ),
            PILOT_PERIOD,
            PILOT_TEAMS,
            NO_PEOPLE_COUNTED,
        ),
        (
            "participants",
            _("Participants in activities"),
            _(
                "Per month: the sessions of the initiatives' activities, and the attendance of "
                "participants and volunteers. Attendance is the sum over the sessions: someone "
                "who came to four sessions counts four times."
            ),
            PILOT_PERIOD,
            PILOT_TEAMS,
            SMALL_NUMBERS_PROTECTION,
        ),
        (
            "hours",
            _("Collective share of hours against target"),
            _(
                "Per month: the collective hours, all registered hours, the collective share "
                "and the teams' targets weighted by their hours, and how many teams reached "
                "their target. Only complete months count (hours registered by at least 80% of "
                "the members whose membership covers the month)."
            ),
            PILOT_PERIOD,
            PILOT_TEAMS,
            NO_PEOPLE_COUNTED,
        ),
        (
            "issues",
            _("Candidate and collective issues"),
            _(
                "Candidate collective issues (themes of open signals from individual casework), "
                "collective issues, open signals and the households in them."
            ),
            PILOT_PERIOD,
            PILOT_TEAMS,
            SMALL_NUMBERS_PROTECTION,
        ),
        (
            "successes",
            _("Successes (shared only)"),
            _("The successes the teams chose to share, newest first."),
            PILOT_PERIOD,
            SHARED_ONLY,
            NO_PEOPLE_COUNTED,
        ),
        (
            "factors",
            _("Working factors over time"),
            _(
                "Per month and phase: the working factors scored “not yet”, “partly” and "
                "“yes”, and the percentage scored “yes”."
            ),
            PILOT_PERIOD,
            PILOT_TEAMS,
            NO_PEOPLE_COUNTED,
        ),
        (
            "journal",
            _("Journal entries per type"),
            _("The pilots' journal entries per type (such as successes and obstacles)."),
            PILOT_PERIOD,
            PILOT_TEAMS,
            NO_PEOPLE_COUNTED,
        ),
        (
            "lessons",
            _("Lessons per theme"),
            _("The lessons per theme of the end report, all and those shared city-wide."),
            PILOT_PERIOD,
            PILOT_TEAMS,
            NO_PEOPLE_COUNTED,
        ),
        (
            "workshops",
            _("Workshops"),
            _(
                "The team and city-wide workshops held, the teams and organisations that took "
                "part, and the residents present."
            ),
            PILOT_PERIOD,
            PILOT_TEAMS,
            SMALL_NUMBERS_PROTECTION,
        ),
        (
            "factor-progress",
            _("Progress on the working factors"),
            _("Per phase: each working factor's score at each moment the team scored them."),
            PILOT_PERIOD,
            _("Only the pilot's own scores; the comments only for the team itself."),
            NO_PEOPLE_COUNTED,
        ),
        (
            "capacity",
            _("Capacity for community work"),
            _(
                "Per team: the contracted hours per week of community work inside the team and "
                "the EXTRA hours alongside it (partner organisations in running pilots). Only "
                "the extra hours are compared with the report's advice of at least 0.5 FTE "
                "extra community work per team; the team's own community worker does not "
                "count towards it."
            ),
            NOW,
            PILOT_TEAMS,
            NO_PEOPLE_COUNTED,
        ),
    ]
    for order, (key, title, definition, period, exclusions, protection) in enumerate(figures):
        registry.register_figure(
            key,
            title,
            order=100 + order,
            definition=definition,
            period=period,
            exclusions=exclusions,
            protection=protection,
            group=PILOTS,
        )
