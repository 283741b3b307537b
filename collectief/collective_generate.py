"""Benchmark data for the collective core (``manage.py generate_data``): five years of weekly
hours per team member, interventions, signals and the collective issues made of them.

Each team moves from mostly individual work towards its collective target over the years,
so the balance page has a trend to show.
"""

import datetime
from decimal import Decimal

from collectief.generate import END, STAMP, START, YEARS

SIGNAL_THEMES = ["Geldzorgen", "Eenzaamheid", "Wonen", "Opvoeding", "Taal", "Gezondheid"]
INTERVENTIONS_PER_MONTH = 4
SIGNALS_PER_WEEK = 3
ISSUES_PER_YEAR = 10
KINDS = ["group", "workshop", "initiative_support", "collective_approach", "individual_support"]
QUADRANTS = [
    "individual_helping",
    "individual_activating",
    "collective_helping",
    "collective_activating",
]


def _split(rng, total, collective_share):
    """`total` hours over the four quadrants, `collective_share` of them collective."""
    collective = total * collective_share
    individual = total - collective
    helping = rng.uniform(0.5, 0.8)
    parts = [individual * helping, individual * (1 - helping)]
    parts += [collective * (1 - helping), collective * helping]
    return [Decimal(f"{part:.1f}") for part in parts]


def generate_collective(ctx):
    from collectief.models import (
        CollectiveIssue,
        Intervention,
        Signal,
        SignalTheme,
        WeeklyHours,
    )

    rng, teams = ctx.rng, ctx.shared["teams"]
    weeks = 52 * YEARS
    ids = {model: ctx.next_id(model) for model in (SignalTheme, Intervention, CollectiveIssue)}

    def take(model):
        ids[model] += 1
        return ids[model] - 1

    people = sum(len(team_people) for _team, _hoods, team_people in teams)
    with ctx.batch("weekly hours", people * weeks) as batch:
        for team_id, _hoods, team_people in teams:
            start_share, end_share = rng.uniform(0.05, 0.15), rng.uniform(0.2, 0.4)
            for week in range(weeks):
                monday = START + datetime.timedelta(weeks=week)
                share = start_share + (end_share - start_share) * week / weeks
                for user_id, role in team_people:
                    batch.add(
                        WeeklyHours,
                        ["team_id", "user_id", "role", "week"] + QUADRANTS + ["updated_at"],
                        (team_id, user_id, role, monday, *_split(rng, rng.uniform(24, 32), share))
                        + (STAMP,),
                    )
                batch.step(len(team_people))

    months = 12 * YEARS
    per_team = ctx.per_team(INTERVENTIONS_PER_MONTH * months * 15) + ctx.per_team(
        SIGNALS_PER_WEEK * weeks * 15
    )
    with ctx.batch("interventions, signals", per_team * len(teams)) as batch:
        for team_id, hoods, team_people in teams:
            lead = team_people[0][0]
            themes = []
            for name in SIGNAL_THEMES:
                theme = take(SignalTheme)
                batch.add(
                    SignalTheme, ["id", "team_id", "name", "active"], (theme, team_id, name, True)
                )
                themes.append(theme)
            interventions = []
            for _ in range(ctx.per_team(INTERVENTIONS_PER_MONTH * months * 15)):
                intervention, kind = take(Intervention), rng.choice(KINDS)
                started = ctx.day_between(START, END)
                batch.add(
                    Intervention,
                    ["id", "uuid", "team_id", "title", "kind", "quadrant", "status", "started_on"]
                    + ["hours", "people_supported", "description", "created_by_id", "created_at"],
                    (
                        intervention,
                        ctx.uuid(),
                        team_id,
                        f"Aanpak {intervention}",
                        kind,
                        QUADRANTS[0] if kind == "individual_support" else rng.choice(QUADRANTS),
                        "ended"
                        if (END - started).days > 365
                        else rng.choice(["running", "considered"]),
                        started,
                        Decimal(f"{rng.uniform(2, 200):.1f}"),
                        rng.randint(1, 40) if kind == "individual_support" else None,
                        "",
                        lead,
                        STAMP,
                    ),
                )
                interventions.append(intervention)
                batch.step()
            issues = []
            for _ in range(ctx.per_team(ISSUES_PER_YEAR * YEARS * 15)):
                issue, theme, hood = take(CollectiveIssue), rng.choice(themes), rng.choice(hoods)
                batch.add(
                    CollectiveIssue,
                    ["id", "uuid", "team_id", "theme_id", "neighbourhood_id", "title"]
                    + ["description", "intervention_id", "outcome", "created_by_id", "created_on"],
                    (
                        issue,
                        ctx.uuid(),
                        team_id,
                        theme,
                        hood,
                        f"Gedeeld probleem {issue}",
                        "",
                        rng.choice(interventions),
                        "",
                        lead,
                        ctx.day_between(START, END),
                    ),
                )
                issues.append((issue, theme, hood))
            for _ in range(ctx.per_team(SIGNALS_PER_WEEK * weeks * 15)):
                # A signal in an issue shares its theme and neighbourhood (that is why it's in it).
                issue, theme, hood = (None, rng.choice(themes), rng.choice(hoods))
                if rng.random() < 0.4:
                    issue, theme, hood = rng.choice(issues)
                batch.add(
                    Signal,
                    ["uuid", "team_id", "theme_id", "neighbourhood_id", "households"]
                    + ["description", "recorded_on", "recorded_by_id", "collective_issue_id"],
                    (
                        ctx.uuid(),
                        team_id,
                        theme,
                        hood,
                        rng.randint(1, 6),
                        "",
                        ctx.day_between(START, END),
                        rng.choice(team_people)[0],
                        issue,
                    ),
                )
                batch.step()
