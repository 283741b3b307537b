import pytest
from django.core.management import call_command

from pilots.models import FactorScore, JournalEntry, Lesson, Phase, Pilot, Workshop

pytestmark = pytest.mark.django_db


def test_demo_has_the_three_pilots_of_the_report():
    call_command("load_demo", "--force", verbosity=0)
    pilots = {pilot.title: pilot for pilot in Pilot.objects.select_related("team")}
    assert {pilot.team.name for pilot in pilots.values()} == {
        "SWT Rozenprieel-Centrum",
        "SWT Oost 1",
        "SWT Noord",
    }
    schulden = pilots["Stop de schulden"]
    assert schulden.phase_on(schulden.end_date) == Phase.EMBED
    assert JournalEntry.objects.filter(kind=JournalEntry.Kind.OBSTACLE).count() >= 4
    assert JournalEntry.objects.filter(kind=JournalEntry.Kind.BREAKTHROUGH).count() >= 3
    assert Lesson.objects.values("theme").distinct().count() == 5
    moments = FactorScore.objects.values("pilot", "scored_on").distinct().count()
    assert moments >= 8
    assert Workshop.objects.filter(team__isnull=True).count() == 1
    for pilot in pilots.values():
        pilot.full_clean()


def test_the_home_page_shows_the_pilots_of_ones_team(client):
    call_command("load_demo", "--force", verbosity=0)
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="ruud"))
    page = client.get("/").content.decode()
    assert "De Wijkfabriek" in page and "Stop de schulden" not in page
