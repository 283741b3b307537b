"""Make the benchmark database ready: create it, migrate it, fill it once with generate_data.

Usage: DATABASE_URL=postgres://... python bench/prepare.py [--scale city|nation|FACTOR]
A database that already holds generated data is left as it is (delete it to regenerate).
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
FILLED_CHECK = (
    "from collectief.models import Team; "
    "print(Team.objects.filter(name__contains='fictief').exists())"
)


def ensure_database(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    admin.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "city"))
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database for the benchmark.")
    ensure_database(url)
    env = {**os.environ, "DJANGO_DEBUG": "1"}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    filled = subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            FILLED_CHECK,
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    if filled[-1:] != ["True"]:  # the last line: logging may print before it
        subprocess.run(
            [*manage, "generate_data", "--scale", args.scale], cwd=ROOT, env=env, check=True
        )
    else:
        print("benchmark data already present")


if __name__ == "__main__":
    main()
