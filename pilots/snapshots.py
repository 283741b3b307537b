"""Snapshots of the city dashboard's figures: what a dashboard view reads instead of summing
the summaries of every team in view on each request.

The figures of one view (the pilots and workshops in view, the period, the language, ...) are
computed by `pilots.figures` and kept in one FigureSnapshot row for
COLLECTIEF_FIGURES_MAX_AGE_SECONDS. The page says when they were computed and offers to
recompute them at once; `manage.py refresh_figures` (run from cron more often than the maximum
age) recomputes every snapshot of the day, so that readers seldom wait for a computation whose
cost grows with the number of teams. With a maximum age of 0 every request computes.
"""

import hashlib
import json
from dataclasses import asdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from collectief.disclosure import Disclosure
from pilots import figures
from pilots.models import FigureEncoder, FigureSnapshot, Pilot, Workshop

# Part of every snapshot's key: raise it when a computation in `pilots.figures` changes, so
# that no snapshot of the old computation is served (2: counts protected by
# `collectief.disclosure`, or what is counted bound to complete months and the pilot's period;
# 3: both).
FIGURES_VERSION = 3


def _params(ctx, keys):
    """Everything the figures of `ctx` depend on, as JSON-able values (two queries, four for
    a part of what the viewer may see)."""
    return {
        "version": FIGURES_VERSION,
        "keys": keys,
        "pilots": sorted(ctx.pilots.order_by().values_list("pk", flat=True)),
        "workshops": sorted(ctx.workshops.order_by().values_list("pk", flat=True).distinct()),
        "start": ctx.start,
        "end": ctx.end,
        "as_of": ctx.as_of,
        "protect": ctx.disclosure.protect,
        "team_reflection": ctx.team_reflection,
        "overview_limit": ctx.overview_limit,
        "language": translation.get_language(),
        "whole": _params(ctx.whole, keys) if ctx.whole is not None else None,
    }


def _key(params):
    text = json.dumps(params, cls=FigureEncoder, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _store(params, sections):
    now = timezone.now()
    FigureSnapshot.objects.update_or_create(
        key=_key(params),
        defaults={
            "params": params,
            "sections": [asdict(section) for section in sections],
            "computed_at": now,
        },
    )
    return now


def sections(ctx, keys=None, *, recompute=False):
    """(the sections of `ctx`, all or those in `keys`, and when they were computed): from
    their snapshot when that is younger than the maximum age and `recompute` is not asked,
    else computed and kept."""
    max_age = settings.COLLECTIEF_FIGURES_MAX_AGE_SECONDS
    if not max_age:
        return figures.compute(ctx, keys), timezone.now()
    params = _params(ctx, keys)
    snapshot = FigureSnapshot.objects.filter(key=_key(params)).defer("params").first()
    if (
        snapshot
        and not recompute
        and snapshot.computed_at > timezone.now() - timedelta(seconds=max_age)
    ):
        return [figures.Section(**section) for section in snapshot.sections], snapshot.computed_at
    computed = figures.compute(ctx, keys)
    return computed, _store(params, computed)


def _context(params):
    """The FigureContext a snapshot was computed for."""
    return figures.FigureContext(
        pilots=Pilot.objects.filter(pk__in=params["pilots"]),
        workshops=Workshop.objects.filter(pk__in=params["workshops"]),
        start=params["start"],
        end=params["end"],
        disclosure=Disclosure(protect=params["protect"]),
        team_reflection=params.get("team_reflection", False),
        overview_limit=params["overview_limit"],
        whole=_context(params["whole"]) if params["whole"] else None,
    )


@transaction.atomic
def refresh(team_ids=None):
    """Recompute the snapshots made today and drop older ones (a rollup refresh: the other
    rollups are refreshed first). Snapshots cover many teams, so `team_ids` does not narrow."""
    today = timezone.localdate()
    FigureSnapshot.objects.filter(computed_at__date__lt=today).delete()
    snapshots = FigureSnapshot.objects.order_by("pk").values_list("params", flat=True)
    for params in snapshots.filter(params__version=FIGURES_VERSION):
        with translation.override(params["language"]):
            _store(params, figures.compute(_context(params), params["keys"]))


def health():
    """For /-/health/: the age of the newest snapshot; "stale" when the refresh seems stuck."""
    newest = FigureSnapshot.objects.order_by("-computed_at").values_list("computed_at").first()
    if newest is None:
        return {"status": "ok", "age_seconds": None}
    age = (timezone.now() - newest[0]).total_seconds()
    stale = age > settings.COLLECTIEF_HEALTH_FIGURES_STALE_SECONDS
    return {"status": "stale" if stale else "ok", "age_seconds": round(age)}
