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


def test_the_demo_dates_of_journal_rounds_and_interventions_agree():
    """Issue 17 §2: Rozenprieel's round 1 starts after the journal's decision to start the
    conversations, in the contact phase; its exchange is the journal's eye-opener; every
    conversation lies within the pilot's period; the intervention starts with round 1."""
    from collectief.models import Intervention
    from interviews.models import Conversation, Round

    call_command("load_demo", "--force", verbosity=0)
    pilot = Pilot.objects.get(team__name="SWT Rozenprieel-Centrum")
    decision = pilot.journal.get(text__startswith="We beginnen met het onderzoeken")
    exchange = pilot.journal.filter(text__startswith="Eyeopener bij het uitwisselen").get()
    round_one, round_two = Round.objects.filter(team=pilot.team).order_by("number")
    assert decision.date < round_one.starts_on
    assert pilot.phase_on(round_one.starts_on) == Phase.CONTACT
    assert round_one.ends_on < round_one.closed_at.date() == exchange.date < round_two.starts_on
    held = Conversation.objects.filter(round__team=pilot.team).values_list("held_on", flat=True)
    assert all(pilot.start_date <= day <= pilot.end_date for day in held)
    conversations = Intervention.objects.get(title="Bewonersgesprekken in duo's")
    assert conversations.started_on == round_one.starts_on
