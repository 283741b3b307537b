"""The backup procedure of docs/operations.md restores the demo database completely."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection


@pytest.mark.django_db(transaction=True)
def test_backup_of_the_demo_database_restores_with_equal_row_counts(capsys):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore need PostgreSQL: run with DATABASE_URL=postgres://...")
    call_command("load_demo", "--force", verbosity=0)
    call_command("backup_check")
    out = capsys.readouterr().out
    assert "Restore OK" in out and "all counts equal" in out


def test_backup_check_refuses_other_databases():  # no database: the command reads the vendor
    if connection.vendor == "postgresql":
        pytest.skip("this checks the message on SQLite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("backup_check")
