"""The demo tells the report's story: frameworks, a growing collective share, and the
money-stress signals in Noord-Noord that became the issue behind Stop de schulden."""

import datetime

import pytest
from django.core.management import call_command

from collectief import balance
from collectief.collective_forms import NAME
from collectief.models import Assessment, CollectiveIssue, Quadrant, Team, WeeklyHours


@pytest.mark.django_db
def test_demo_story():
    call_command("load_demo", "--force", verbosity=0)
    oost = Team.objects.get(name="SWT Oost 1")
    assert oost.frameworks.count() == 2
    assert all(team.frameworks.exists() for team in Team.objects.all())
    assert set(Assessment.objects.values_list("intervention__title", flat=True)) == {
        "De Wijkfabriek",
        "Tweede workshop Stop de schulden in Schalkwijk",
    }
    assert set(oost.interventions.values_list("quadrant", flat=True)) == set(Quadrant)
    issue = CollectiveIssue.objects.get(title="Geldstress in Noord-Noord")
    assert issue.signals.count() == 7 and issue.intervention.title.startswith("Stop de schulden")
    assert WeeklyHours.objects.filter(week__year=2017).exists()

    rozenprieel = Team.objects.get(name="SWT Rozenprieel-Centrum")
    [result] = balance.team_balances([rozenprieel], datetime.date(2018, 6, 1))
    october, june = result.months[3], result.months[-1]
    assert october.collective_share < 10 < 25 < june.collective_share


@pytest.mark.parametrize(
    ("text", "looks_like_a_name"),
    [
        ("Gesproken met mevrouw Jansen over huur.", True),
        ("Buurman Kees komt niet meer buiten.", True),
        ("Gesproken met Kees de Vries.", True),
        ("Brief van de Belastingdienst niet begrepen.", False),
        ("Oudere buurman komt niet meer buiten.", False),
    ],
)
def test_name_detection(text, looks_like_a_name):
    assert bool(NAME.search(text)) is looks_like_a_name
