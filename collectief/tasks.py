"""Scheduled jobs of the core (see COLLECTIEF_SCHEDULE in settings.py)."""

from celery import shared_task
from django.core.management import call_command

from collectief.jobs import run_once
from collectief.rollups import refresh_all


@shared_task(name="collectief.refresh_rollups")
@run_once(timeout=60 * 60)
def refresh_rollups():
    """Rebuild every rollup table, as `manage.py refresh_rollups` does."""
    refresh_all()


@shared_task(name="collectief.backup_check")
@run_once(timeout=6 * 60 * 60)
def backup_check():
    """Dump, restore and compare, as `manage.py backup_check` does (PostgreSQL only)."""
    call_command("backup_check")
