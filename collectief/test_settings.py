"""Settings for the test suite: the production settings with debug on and fast hashing."""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from collectief.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Figures computed per request, so a test sees what it just saved; tests/pilots/test_snapshots.py
# turns the snapshots on.
COLLECTIEF_FIGURES_MAX_AGE_SECONDS = 0
