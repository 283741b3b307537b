"""Benchmark data for pilots (``manage.py generate_data``, see collectief/generate.py).

Each team runs one pilot over the generated five years, going through the four phases, with
a journal entry about every fortnight, the working factors scored each quarter and a few
lessons.
"""

import datetime

from collectief.generate import END, STAMP, START, YEARS

JOURNAL_KINDS = ["decision", "obstacle", "breakthrough", "emotion", "municipality", "success"]
JOURNAL_TEXTS = [
    "Met de duo's besproken hoe we de tweede ronde aanpakken.",
    "De buurtkeuken draait nu zonder ons; bewoners koken zelf.",
    "Spanning in het team over de tijd voor collectief werk.",
    "Overleg met de gemeente over de uren van de opbouwwerker.",
]
LESSON_THEMES = [
    "individual_collective",
    "team_role",
    "community_work",
    "stakeholders",
    "support_process",
]


def generate_pilots(ctx):
    from pilots.models import FactorScore, JournalEntry, Lesson, Pilot, WorkingFactor

    rng, teams = ctx.rng, ctx.shared["teams"]
    # The critical questions are answered in words, not scored.
    factors = list(WorkingFactor.objects.filter(is_question=False).values_list("pk", flat=True))
    pilot = ctx.next_id(Pilot)
    phase_starts = [START + datetime.timedelta(weeks=52 * YEARS * n // 4) for n in range(4)]
    with ctx.batch("pilots, journal, scores", len(teams)) as batch:
        for team_id, _hoods, people in teams:
            batch.add(
                Pilot,
                ["id", "team_id", "title", "goal", "start_date", "track_short_term"]
                + ["track_mindset", "lead_group", "extra_capacity_hours"]
                + ["design_started_on", "contact_started_on", "execute_started_on"]
                + ["embed_started_on", "version", "created_at"],
                (
                    pilot, team_id, "Collectiviseren in de wijk", "Meer collectief werken",
                    START, "", "", "Twee teamleden en de opbouwwerker", 8, *phase_starts, 0,
                    STAMP,
                ),
            )  # fmt: skip
            day = START
            while day <= END:
                batch.add(
                    JournalEntry,
                    ["pilot_id", "date", "kind", "text", "shareable", "author_id", "created_at"],
                    (
                        pilot, day, rng.choice(JOURNAL_KINDS), rng.choice(JOURNAL_TEXTS),
                        rng.random() < 0.3, rng.choice(people)[0], STAMP,
                    ),
                )  # fmt: skip
                day += datetime.timedelta(weeks=2)
            day = START
            while day <= END:
                for factor in factors:
                    batch.add(
                        FactorScore,
                        ["pilot_id", "factor_id", "scored_on", "score", "comment"],
                        (pilot, factor, day, rng.choice(["not_yet", "partly", "yes"]), ""),
                    )
                day += datetime.timedelta(weeks=13)
            for theme in LESSON_THEMES:
                batch.add(
                    Lesson,
                    ["pilot_id", "theme", "title", "text", "recorded_on", "shareable"],
                    (pilot, theme, "Begin klein en concreet", "", END, rng.random() < 0.5),
                )
            pilot += 1
            batch.step()
