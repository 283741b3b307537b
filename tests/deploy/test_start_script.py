"""bin/docker-start.sh run for real against the local PostgreSQL: it waits for a database that
is not there yet, migrates it, and serves /-/alive/ through gunicorn on a loopback port, with
the static files collected as the Dockerfile collects them (production settings)."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = "postgres://postgres@127.0.0.1:5432"


def postgres_or_skip():
    try:
        return psycopg2.connect(f"{SERVER}/postgres", connect_timeout=3)
    except psycopg2.OperationalError as error:
        if os.environ.get("CI"):
            raise  # .ci/run starts PostgreSQL before the tests: it must be there
        pytest.skip(f"no PostgreSQL at 127.0.0.1:5432 ({error})")


def run_sql(sql):
    connection = postgres_or_skip()
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def free_loopback_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, headers=()):
    request = urllib.request.Request(url, headers={"Host": "localhost", **dict(headers)})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.read()


@pytest.fixture
def database_name():
    postgres_or_skip().close()
    name = f"collectief_start_{uuid.uuid4().hex[:12]}"
    yield name
    run_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_start_script_waits_for_the_database_migrates_and_serves(database_name, tmp_path):
    port = free_loopback_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "collectief.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "start-script-test-" + uuid.uuid4().hex,
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DJANGO_BEHIND_PROXY": "1",  # as behind the ingress, which terminates TLS
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"{SERVER}/{database_name}",
        "PYTHON": sys.executable,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "COLLECTIEF_DB_WAIT_SECONDS": "60",
    }
    # As the Dockerfile's build step: production settings, compressed and hashed names.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
    )
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    stylesheet = next(name for name in manifest.values() if name.endswith(".css"))

    log = tmp_path / "start.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(ROOT / "bin" / "docker-start.sh")],
            cwd=tmp_path,  # the script finds the project itself
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        time.sleep(3)
        assert server.poll() is None, log.read_text()  # still waiting: the database is missing
        assert "waiting up to 60s for the database" in log.read_text()
        run_sql(f"CREATE DATABASE {database_name}")

        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, log.read_text()
            try:
                status, body = get(f"http://127.0.0.1:{port}/-/alive/")
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(1)
        assert (status, body) == (200, b"ok")
        assert get(f"http://127.0.0.1:{port}/-/health/")[0] == 200
        static = get(f"http://127.0.0.1:{port}/static/{stylesheet}", {"X-Forwarded-Proto": "https"})
        assert static[0] == 200  # served by WhiteNoise from the collected files
        text = log.read_text()
        assert text.index("applying migrations") < text.index("serving on")
        assert "Booting worker" in text  # gunicorn, not a development server
        assert "Control socket" not in text  # nothing written under a read-only $HOME

        # Every migration was applied to the new database.
        check = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout + check.stderr
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
