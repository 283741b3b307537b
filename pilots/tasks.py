"""Scheduled jobs of the pilots app (see COLLECTIEF_SCHEDULE in settings.py)."""

from celery import shared_task

from collectief.jobs import run_once
from pilots import snapshots


@shared_task(name="pilots.refresh_figures")
@run_once(timeout=30 * 60)
def refresh_figures():
    """Recompute today's dashboard snapshots, as `manage.py refresh_figures` does."""
    snapshots.refresh()
