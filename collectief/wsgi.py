"""WSGI entry point, e.g. for `gunicorn collectief.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")
application = get_wsgi_application()
