"""Benchmark data for initiatives (``manage.py generate_data``, see collectief/generate.py).

City scale: 3,000 initiatives over the teams, each with a weekly activity and a session for
every week it has been running; one label per team, granted to about a fifth of its
initiatives (some of them shown on the public label page).
"""

import datetime

from collectief.generate import END, FAKE_MARK, STAMP, START

KINDS = ["resident_initiative", "workshop", "club", "meeting_place", "campaign"]
QUADRANTS = [
    "individual_helping",
    "individual_activating",
    "collective_helping",
    "collective_activating",
]
NAMES = ["Buurtkeuken", "Wandelclub", "Repair café", "Taalcafé", "Moestuin", "Bakkie in de buurt"]


def generate_initiatives(ctx):
    from initiatives.models import Activity, Initiative, LabelApplication, LabelProgramme, Session

    rng, teams = ctx.rng, ctx.shared["teams"]
    per_team = ctx.per_team(3_000)
    ids = {model: ctx.next_id(model) for model in (Initiative, Activity, LabelProgramme)}

    def take(model):
        ids[model] += 1
        return ids[model] - 1

    initiative_columns = [
        "id", "public_id", "team_id", "name", "description", "kind", "approach",
        "resident_starters", "contact_person_id", "quadrant", "status", "status_since",
        "status_reason", "started_on", "ended_on", "version", "created_at",
    ]  # fmt: skip
    with ctx.batch("initiatives, sessions", per_team * len(teams)) as batch:
        for team_id, hoods, people in teams:
            label = take(LabelProgramme)
            batch.add(
                LabelProgramme,
                ["id", "team_id", "name", "description", "criteria", "badge", "version"]
                + ["published"],
                (label, team_id, f"Wijkfabriek {label} {FAKE_MARK}", "", "", "", 0, True),
            )
            for _ in range(per_team):
                initiative = take(Initiative)
                started = ctx.day_between(START, END - datetime.timedelta(weeks=4))
                ended = None
                status = rng.choice(["running", "running", "running", "starting", "paused"])
                if rng.random() < 0.2:
                    status, ended = "ended", ctx.day_between(started, END)
                batch.add(
                    Initiative,
                    initiative_columns,
                    (
                        initiative, ctx.uuid(), team_id,
                        f"{rng.choice(NAMES)} {initiative} {FAKE_MARK}", "", rng.choice(KINDS),
                        "", ctx.fake_name(), rng.choice(people)[0], rng.choice(QUADRANTS),
                        status, ended or started, "", started, ended, 0, STAMP,
                    ),
                )  # fmt: skip
                batch.add(
                    Initiative.neighbourhoods.through,
                    ["initiative_id", "neighbourhood_id"],
                    (initiative, rng.choice(hoods)),
                )
                if rng.random() < 0.2:
                    batch.add(
                        LabelApplication,
                        ["programme_id", "initiative_id", "status", "motivation", "applied_on"]
                        + ["decided_on", "decided_by_id", "decision_reason", "public"]
                        + ["public_summary", "how_to_join"],
                        (
                            label, initiative, "granted", "", started, started, people[0][0],
                            "", rng.random() < 0.5, "Een initiatief in de buurt.", "Loop binnen.",
                        ),
                    )  # fmt: skip
                activity = take(Activity)
                batch.add(
                    Activity,
                    ["id", "public_id", "initiative_id", "name", "recurrence", "location"],
                    (activity, ctx.uuid(), initiative, "Wekelijkse ochtend", "weekly", "Buurthuis"),
                )
                day = started
                while day <= (ended or END):
                    batch.add(
                        Session,
                        ["activity_id", "date", "participants", "volunteers", "professionals"]
                        + ["note", "version"],
                        (
                            activity,
                            day,
                            rng.randint(3, 25),
                            rng.randint(0, 4),
                            rng.randint(0, 1),
                            "",
                            0,
                        ),
                    )
                    day += datetime.timedelta(weeks=1)
                batch.step()
