"""Prove that a backup restores: dump, restore into an empty database, compare row counts.

Runs the same ``pg_dump -Fc`` / ``pg_restore`` as the procedure in docs/operations.md, so a
green run means that procedure works for this database, today.
"""

import os
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg2
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

# One query counts every table of the schema, so the comparison needs no list of tables.
COUNT_ROWS = """
SELECT table_name,
       (xpath('/row/c/text()', query_to_xml(
           format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name),
           false, true, '')))[1]::text::bigint
FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
ORDER BY table_name
"""


class Command(BaseCommand):
    help = (
        "Dump the PostgreSQL database with pg_dump -Fc, restore the dump into a new empty "
        "database, compare the row counts of every table, and drop the copy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="Django database alias.")

    def handle(self, *args, database, **options):
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError("backup_check needs a PostgreSQL database (DATABASE_URL).")
        config = connection.settings_dict
        source = config["NAME"]
        target = f"{source}_restore_check_{uuid.uuid4().hex[:8]}"
        env = {**os.environ, **self._libpq_env(config)}

        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / "collectief.dump"
            self._run(["pg_dump", "-Fc", "--no-owner", "-f", str(dump), source], env)
            self.stdout.write(f"Dumped {source} ({dump.stat().st_size} bytes).")
            self._run(["createdb", "-T", "template0", target], env)
            try:
                self._run(
                    ["pg_restore", "--no-owner", "--exit-on-error", "-d", target, str(dump)], env
                )
                before = self._counts(config, source)
                after = self._counts(config, target)
            finally:
                self._run(["dropdb", "--if-exists", target], env)

        differences = [
            f"{table}: {before.get(table)} before, {after.get(table)} after restore"
            for table in sorted(set(before) | set(after))
            if before.get(table) != after.get(table)
        ]
        if differences:
            raise CommandError("Restore differs from the database:\n" + "\n".join(differences))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restore OK: {len(before)} tables, {sum(before.values())} rows, all counts equal."
            )
        )
        return None

    @staticmethod
    def _libpq_env(config):
        values = {
            "PGHOST": config.get("HOST"),
            "PGPORT": str(config.get("PORT") or ""),
            "PGUSER": config.get("USER"),
            "PGPASSWORD": config.get("PASSWORD"),
        }
        return {key: value for key, value in values.items() if value}

    @staticmethod
    def _run(command, env):
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")

    @staticmethod
    def _counts(config, name):
        with (
            psycopg2.connect(
                dbname=name,
                host=config.get("HOST") or None,
                port=config.get("PORT") or None,
                user=config.get("USER") or None,
                password=config.get("PASSWORD") or None,
            ) as conn,
            conn.cursor() as cursor,
        ):
            cursor.execute(COUNT_ROWS)
            counts = dict(cursor.fetchall())
        conn.close()
        return counts
