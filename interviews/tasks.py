"""Background jobs of the interviews app (see COLLECTIEF_SCHEDULE in settings.py)."""

from celery import shared_task
from django.conf import settings

from collectief.jobs import run_once
from interviews import exports, privacy


@shared_task(name="interviews.anonymise_inactive_residents")
@run_once(timeout=6 * 60 * 60)
def anonymise_inactive_residents():
    """The daily retention clean-up, as `manage.py anonymise_inactive_residents` does."""
    months = settings.COLLECTIEF_RETENTION_MONTHS
    residents = list(privacy.inactive_residents(months=months).select_related("team"))
    if residents:
        privacy.residents_anonymise(residents=residents)


@shared_task(name="interviews.run_export")
def run_export(job_id):
    """Make the file of one background export (safe to run again: a done job is skipped)."""
    exports.export_job_run(job_id)


@shared_task(name="interviews.delete_expired_exports")
def delete_expired_exports():
    exports.delete_expired_exports()
