"""Rollup tables: small, maintained summaries that pages read instead of scanning big tables.

Each rollup is kept current on write by model signals (so every path that saves a row — the
service functions, the admin, factories — updates it in the same transaction) and can be
rebuilt from the source rows with `manage.py refresh_rollups` (generate_data does that after
its bulk COPY, which sends no signals). Apps add their rollups with
`registry.register_rollup(refresh)`; `refresh(team_ids=None)` rebuilds one rollup.

The hours rollup (TeamMonthHours) lives here: the balance and the city dashboard read it.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import F, Sum
from django.db.models.functions import TruncMonth
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from collectief.models import Quadrant, TeamMonthHours, WeeklyHours
from collectief.registry import registry

QUADRANTS = [quadrant.value for quadrant in Quadrant]


def refresh_all(on_refreshed=None):
    """Rebuild every registered rollup in one transaction (`manage.py refresh_rollups` and the
    scheduled task); `on_refreshed(refresh)` is called after each, for the command's report."""
    with transaction.atomic():
        for refresh in registry.rollups:
            refresh()
            if on_refreshed:
                on_refreshed(refresh)


def month_of(day):
    return day.replace(day=1)


def hours_recount(team_ids=None):
    """{(team_id, month, role): {quadrant: hours}} summed from WeeklyHours (a full recount)."""
    rows = WeeklyHours.objects.all()
    if team_ids is not None:
        rows = rows.filter(team_id__in=team_ids)
    rows = (
        rows.annotate(month=TruncMonth("week"))
        .values("team_id", "month", "role")
        .annotate(**{quadrant: Sum(quadrant) for quadrant in QUADRANTS})
        .order_by()
    )
    return {
        (row["team_id"], row["month"], row["role"]): {q: row[q] for q in QUADRANTS} for row in rows
    }


@transaction.atomic
def refresh_hours(team_ids=None):
    """Rebuild TeamMonthHours of `team_ids` (all teams when None) from WeeklyHours."""
    stale = TeamMonthHours.objects.all()
    if team_ids is not None:
        stale = stale.filter(team_id__in=team_ids)
    stale.delete()
    TeamMonthHours.objects.bulk_create(
        [
            TeamMonthHours(team_id=team_id, month=month, role=role, **hours)
            for (team_id, month, role), hours in hours_recount(team_ids).items()
        ],
        batch_size=2_000,
    )


def _add_hours(team_id, week, role, values, sign):
    changes = {q: sign * (values[q] or Decimal(0)) for q in QUADRANTS}
    # The row exists even for a week of zero hours: the month counts as registered.
    row, _created = TeamMonthHours.objects.get_or_create(
        team_id=team_id, month=month_of(week), role=role
    )
    if not any(changes.values()):
        return
    # F() adds in the database, so two saves at once both count.
    TeamMonthHours.objects.filter(pk=row.pk).update(
        **{q: F(q) + change for q, change in changes.items()}
    )


def _counted(instance):
    return (
        instance.team_id,
        instance.week,
        instance.role,
        {q: getattr(instance, q) for q in QUADRANTS},
    )


@receiver(pre_save, sender=WeeklyHours)
def _remember_old_hours(sender, instance, raw=False, **kwargs):
    old = None
    if instance.pk and not raw:
        old = WeeklyHours.objects.filter(pk=instance.pk).first()
    instance._rollup_old = _counted(old) if old else None


@receiver(post_save, sender=WeeklyHours)
def _hours_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old = getattr(instance, "_rollup_old", None)
    if old:
        _add_hours(*old, sign=-1)
    _add_hours(*_counted(instance), sign=1)


@receiver(post_delete, sender=WeeklyHours)
def _hours_deleted(sender, instance, **kwargs):
    _add_hours(*_counted(instance), sign=-1)
