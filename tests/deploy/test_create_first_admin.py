"""manage.py create_first_admin: the init step of docker-compose.yml and the migration Job."""

import pytest
from django.core.management import CommandError, call_command

from collectief.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-voor-beheer"


@pytest.fixture
def admin_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "beheer")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "beheer@gemeente.example.nl")


def test_without_a_username_nothing_is_created(monkeypatch, capsys):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    call_command("create_first_admin")
    assert not User.objects.exists()
    assert "no first admin created" in capsys.readouterr().out


def test_creates_a_superuser_from_the_environment(admin_environment):
    call_command("create_first_admin")
    user = User.objects.get(username="beheer")
    assert user.is_superuser and user.is_staff
    assert user.email == "beheer@gemeente.example.nl"
    assert user.check_password(PASSWORD)


def test_a_second_run_leaves_the_existing_admin_and_password_alone(
    admin_environment, monkeypatch, capsys
):
    call_command("create_first_admin")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "een-ander-lang-wachtwoord")
    call_command("create_first_admin")
    assert User.objects.count() == 1
    assert User.objects.get().check_password(PASSWORD)
    assert "exists: left unchanged" in capsys.readouterr().out


@pytest.mark.parametrize("password", ["", "beheer123"])
def test_a_missing_or_weak_password_stops_with_a_clear_message(
    admin_environment, monkeypatch, password
):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)
    with pytest.raises(CommandError, match="DJANGO_SUPERUSER_PASSWORD"):
        call_command("create_first_admin")
    assert not User.objects.exists()
