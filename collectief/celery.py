"""The Celery application: background jobs and their schedule (README "Background jobs").

Configured from Django's settings (the ``CELERY_*`` block in settings.py). Tasks live in the
app that owns their code (``<app>/tasks.py``, found by ``autodiscover_tasks``), so the core
imports no app. Without a broker every task runs eagerly, in the process that sends it.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")

app = Celery("collectief")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def crontab_from_string(text):
    """A Celery crontab from the five fields of a cron line ("*/10 * * * *")."""
    fields = text.split()
    if len(fields) != 5:
        raise ValueError(f"A schedule needs five cron fields, not {text!r}.")
    minute, hour, day_of_month, month_of_year, day_of_week = fields
    return crontab(minute, hour, day_of_week, day_of_month, month_of_year)


@app.on_after_configure.connect
def _schedule_from_settings(sender, **kwargs):
    """Celery beat's schedule from COLLECTIEF_SCHEDULE (an empty cron line switches a job off)."""
    from django.conf import settings

    sender.conf.beat_schedule = {
        name: {"task": task, "schedule": crontab_from_string(cron)}
        for name, (task, cron) in settings.COLLECTIEF_SCHEDULE.items()
        if cron.strip()
    }
