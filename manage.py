#!/usr/bin/env python
"""Django's command-line utility for Collectief."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")
    # Without a secret key this is a developer's machine: debug on. A deployment always sets
    # DJANGO_SECRET_KEY (the settings refuse to start without it when debug is off), so its
    # commands run with debug off; gunicorn (collectief/wsgi.py) never gets this default.
    if "DJANGO_SECRET_KEY" not in os.environ:
        os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
