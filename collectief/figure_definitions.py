"""What each figure of the balance page counts, for the "How we count" page."""

from django.utils.translation import gettext_lazy as _

from collectief.figures import SMALL_NUMBERS_PROTECTION

BALANCE = _("Balance")
COMPLETE_MONTHS = _(
    "Only complete months count: a month in which at least 80% of the members whose "
    "membership covers that month registered their hours. Other months show as “–”."
)
THIS_MONTH = _("The month chosen on the page (by default the latest complete month).")
TWELVE_MONTHS = _("The twelve months up to the month chosen on the page.")
HOURS_PROTECTION = _(
    "Hours are not counts of people: they are shown as they are, also to the roles that see "
    "figures only."
)


def register(registry):
    figures = [
        (
            "balance-share",
            _("Collective share of the hours"),
            _(
                "The hours the team registered in the two collective quadrants (collective "
                "helping and collective activating) as a percentage of all its registered hours."
            ),
            THIS_MONTH,
            HOURS_PROTECTION,
        ),
        (
            "balance-target",
            _("Target"),
            _(
                "The collective share the team lead set as the team's target; “below target” "
                "when the month's collective share is lower."
            ),
            _("The target that applies to the month chosen."),
            HOURS_PROTECTION,
        ),
        (
            "balance-first-share",
            _("Collective share twelve months ago"),
            _("The collective share of the hours in the first month of the twelve months."),
            TWELVE_MONTHS,
            HOURS_PROTECTION,
        ),
        (
            "balance-hours",
            _("Hours registered"),
            _("All hours the members registered, in all four quadrants."),
            THIS_MONTH,
            HOURS_PROTECTION,
        ),
        (
            "balance-quadrants",
            _("The four quadrants"),
            _(
                "Hours per quadrant (individual or collective × helping or activating) in the "
                "month, and the interventions started per quadrant in the twelve months, each "
                "also as a percentage of the total."
            ),
            TWELVE_MONTHS,
            HOURS_PROTECTION,
        ),
        (
            "balance-trend",
            _("Collective share over twelve months"),
            _("The collective share of the hours per month, against the target of that month."),
            TWELVE_MONTHS,
            HOURS_PROTECTION,
        ),
        (
            "balance-roles",
            _("Hours per role"),
            _(
                "Registered and collective hours of the community workers and of the other "
                "members of the team, and the collective share of each."
            ),
            THIS_MONTH,
            HOURS_PROTECTION,
        ),
        (
            "balance-teams",
            _("Teams side by side"),
            _(
                "Per team: the collective share, target, share twelve months ago, hours, "
                "interventions, open signals (and the households in them), candidate issues "
                "and collective issues. Teams are compared on the same months."
            ),
            TWELVE_MONTHS,
            SMALL_NUMBERS_PROTECTION,
        ),
    ]
    for order, (key, title, definition, period, protection) in enumerate(figures):
        registry.register_figure(
            key,
            title,
            order=order,
            definition=definition,
            period=period,
            exclusions=COMPLETE_MONTHS,
            protection=protection,
            group=BALANCE,
        )
