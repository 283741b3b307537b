"""Writes of the pilots app, each in one transaction."""

from django.db import transaction

from collectief.concurrency import save_versioned
from pilots.models import FactorScore


@transaction.atomic
def pilot_save(*, pilot, expected_version=None):
    """Create or update a pilot; raises EditConflict when someone else saved in between."""
    return save_versioned(pilot, expected_version)


@transaction.atomic
def journal_entry_save(*, entry, pilot, author):
    """Save a journal entry of `pilot`; the first author stays the author."""
    entry.pilot = pilot
    if entry.pk is None:
        entry.author = author
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def lesson_save(*, lesson, pilot):
    lesson.pilot = pilot
    lesson.full_clean()
    lesson.save()
    return lesson


@transaction.atomic
def scores_record(*, pilot, scored_on, scores):
    """Record one scoring moment: `scores` maps factor -> (score, comment).

    Scoring the same factor again on the same day replaces that day's score, so a team can
    correct a moment; other days stay as they were, which is what makes progress visible.
    """
    saved = []
    for factor, (score, comment) in scores.items():
        record, _created = FactorScore.objects.update_or_create(
            pilot=pilot,
            factor=factor,
            scored_on=scored_on,
            defaults={"score": score, "comment": comment},
        )
        saved.append(record)
    return saved


@transaction.atomic
def workshop_save(*, form):
    """Save a workshop form with its participants."""
    return form.save()
