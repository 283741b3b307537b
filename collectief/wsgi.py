"""WSGI entry point, e.g. for `gunicorn collectief.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")
application = get_wsgi_application()

# What is loaded by now (Django, the apps, their models) lives as long as the process: keep it
# out of the garbage collector's full passes, which otherwise walk it all and pause a request
# now and then for tens of milliseconds.
gc.freeze()
