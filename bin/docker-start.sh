#!/bin/sh
# Start Collectief's web process: wait for the database, apply the migrations, serve.
#
# The image's entrypoint; also run as-is by tests/deploy/test_start_script.py against the local
# PostgreSQL. Settings come from the environment (README, "Configuration").
#   COLLECTIEF_DB_WAIT_SECONDS  how long to wait for the database (default 60)
#   COLLECTIEF_MIGRATE          0 leaves the migrations to a separate job (default 1)
#   GUNICORN_BIND               address to serve on (default 0.0.0.0:8000)
#   GUNICORN_WORKERS            worker processes (default 3)
#   PYTHON                      interpreter (default: python on the PATH)
# Any arguments replace the web server: `docker-start.sh python manage.py shell`.
set -eu
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-collectief.settings}"

python="${PYTHON:-python}"
wait_seconds="${COLLECTIEF_DB_WAIT_SECONDS:-60}"

echo "docker-start: waiting up to ${wait_seconds}s for the database"
"$python" - "$wait_seconds" <<'PYTHON'
import sys
import time

import django
from django.db import connection

django.setup()
deadline = time.monotonic() + float(sys.argv[1])
while True:
    try:
        connection.ensure_connection()
        break
    except Exception as error:  # any failure to connect: try again until the deadline
        if time.monotonic() > deadline:
            sys.exit(f"docker-start: the database did not answer: {error}")
        connection.close()
        time.sleep(1)
PYTHON

if [ "${COLLECTIEF_MIGRATE:-1}" != "0" ]; then
    echo "docker-start: applying migrations"
    "$python" manage.py migrate --noinput
fi

if [ "$#" -gt 0 ]; then
    exec "$@"
fi

# No control socket: it would be written under $HOME, read-only in the container.
echo "docker-start: serving on ${GUNICORN_BIND:-0.0.0.0:8000}"
exec "$python" -m gunicorn collectief.wsgi:application \
    --bind "${GUNICORN_BIND:-0.0.0.0:8000}" \
    --workers "${GUNICORN_WORKERS:-3}" \
    --timeout "${GUNICORN_TIMEOUT:-60}" \
    --access-logfile - \
    --error-logfile - \
    --worker-tmp-dir "${GUNICORN_WORKER_TMP_DIR:-/tmp}" \
    --no-control-socket
