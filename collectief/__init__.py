"""Collectief: collective work of Dutch social neighbourhood teams (sociaal wijkteams)."""

# The one place of the version: pyproject.toml, publiccode.yml and CHANGELOG.md follow it.
__version__ = "0.1.0"

# Load the Celery app with Django, so that @shared_task uses it (Celery's Django set-up).
from collectief.celery import app as celery_app

__all__ = ["celery_app"]
