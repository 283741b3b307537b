"""What the pilot pages, the printable reports and the workshop agenda show, built from what
the teams logged."""

from django.db.models import Q

from pilots import figures
from pilots.models import FactorScore, JournalEntry, Lesson, Phase, Score, Theme, WorkingFactor

# The pilot page and report show every dashboard section but the list of pilots.
PILOT_SECTION_KEYS = [key for key, _function in figures.SECTIONS if key != "pilots"]


NOT_SCORED = (None, "", "")  # (score label, score, comment) of a factor not scored that day


def factor_progress(pilot):
    """Per scored phase: the scoring moments and, per factor, its score at each moment.

    Returns [(Phase, moments, [(factor, [(score label or None, comment)])])]. The self-scores
    and their comments are the team's own reflection: for pages inside the team only.
    """
    # Translated once, not in each of the hundreds of cells of five years of scoring.
    labels = {value: str(label) for value, label in Score.choices}
    by_phase = {}
    for factor_id, phase_value, scored_on, score, comment in FactorScore.objects.filter(
        pilot=pilot
    ).values_list("factor_id", "factor__phase", "scored_on", "score", "comment"):
        phase = by_phase.setdefault(phase_value, {"moments": set(), "cells": {}})
        phase["moments"].add(scored_on)
        phase["cells"][(factor_id, scored_on)] = (
            labels.get(score),  # None for a critical question: its answer is the comment
            score,
            comment,
        )
    factors = WorkingFactor.objects.filter(phase__in=by_phase)
    result = []
    for phase in Phase:
        if phase.value not in by_phase:
            continue
        data = by_phase[phase.value]
        moments = sorted(data["moments"])
        rows = []
        for factor in factors:
            if factor.phase != phase.value:
                continue
            cells = [data["cells"].get((factor.pk, moment), NOT_SCORED) for moment in moments]
            rows.append((factor, cells))
        result.append((phase, moments, rows))
    return result


def open_recommendations(progress):
    """Working factors whose latest score is not yet "yes": what the team still has to do."""
    open_items = []
    for phase, _moments, rows in progress:
        for factor, cells in rows:
            latest = next((cell for cell in reversed(cells) if cell[1]), None)
            if latest and latest[1] != Score.YES:
                open_items.append((phase, factor, latest[0]))
    return open_items


def workshop_agenda(workshop):
    """A city-wide workshop's agenda: every lesson and success the teams shared, up to its
    date, grouped by pilot."""
    lessons = (
        Lesson.objects.filter(shareable=True, recorded_on__lte=workshop.date)
        .select_related("pilot__team")
        .order_by("pilot__team__name", "pilot__title", "theme")
    )
    successes = (
        JournalEntry.objects.shareable()
        .filter(kind=JournalEntry.Kind.SUCCESS, date__lte=workshop.date)
        .select_related("pilot__team")
        .order_by("pilot__team__name", "pilot__title", "date")
    )
    return {"lessons": lessons, "successes": successes}


def _lessons_by_theme(lessons):
    grouped = {theme: [] for theme in Theme}
    for lesson in lessons:
        grouped[Theme(lesson.theme)].append(lesson)
    return [(theme, items) for theme, items in grouped.items() if items]


def pilot_report(pilot, sections, *, in_team):
    """The end report of one pilot, with its figures (`sections`). Outside the team only
    shared entries and lessons, and none of the team's working-factor self-scores."""
    journal = pilot.journal.all()
    lessons = pilot.lessons.all()
    if not in_team:
        journal, lessons = journal.shareable(), lessons.filter(shareable=True)
    progress = factor_progress(pilot) if in_team else []
    journal = list(journal)
    process = []
    for phase, started in pilot.phase_dates():
        if started:
            process.append((phase, started, []))
    for entry in journal:
        for _phase, started, entries in reversed(process):
            if entry.date >= started:
                entries.append(entry)
                break
    before = [entry for entry in journal if not process or entry.date < process[0][1]]
    return {
        "pilot": pilot,
        "in_team": in_team,
        "process": process,
        "before_start": before,
        "sections": sections,
        "lessons_by_theme": _lessons_by_theme(lessons),
        "progress": progress,
        "recommendations": open_recommendations(progress),
    }


def city_report(pilots, ctx, sections):
    """The city's report over the filtered pilots: what each did, the figures (`sections`,
    computed for `ctx`) and the shared lessons. The teams' working-factor self-scores stay in
    the teams (§2.2): they are no "open recommendations" for the city."""
    pilots = list(pilots)
    lessons = [lesson for pilot in pilots for lesson in pilot.lessons.all()]
    successes = (
        JournalEntry.objects.shareable()
        .filter(ctx.in_period("date"), pilot__in=[pilot.pk for pilot in pilots])
        .filter(Q(kind=JournalEntry.Kind.SUCCESS) | Q(kind=JournalEntry.Kind.BREAKTHROUGH))
        .select_related("pilot")
    )
    return {
        "pilots": pilots,
        "phase_labels": dict(Phase.choices),
        "ctx": ctx,
        "sections": sections,
        "lessons_by_theme": _lessons_by_theme(lessons),
        "successes": successes,
    }
