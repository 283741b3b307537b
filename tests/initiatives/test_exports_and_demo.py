import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from initiatives import services
from initiatives.models import Initiative, LabelProgramme, Material

pytestmark = pytest.mark.django_db


def test_initiatives_export_follows_the_filters_and_scope(world, ours, theirs, login):
    client = login(world.people["member"])
    body = client.get(reverse("initiatives:export"), {"q": "Bakkie"}).content.decode("utf-8")
    assert ours.initiative.name in body and theirs.initiative.name not in body
    response = client.get(reverse("initiatives:export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in next(sheet.iter_rows())][0] == "Naam"


def test_activity_figures_export_has_counts_but_no_notes(world, ours, login):
    ours.session.note = "Mevrouw J. had een zware week"
    ours.session.save()
    body = (
        login(world.people["area_connector"])
        .get(reverse("initiatives:session_export"))
        .content.decode("utf-8")
    )
    assert ours.activity.name in body and "Mevrouw J." not in body


def test_demo_has_the_wijkfabriek_and_stop_de_schulden(media_root):
    call_command("load_demo", "--force", verbosity=0)
    wijkfabriek = LabelProgramme.objects.get(name="De Wijkfabriek")
    assert wijkfabriek.team.name == "SWT Oost 1" and wijkfabriek.badge
    assert wijkfabriek.applications.granted().count() == 3
    debts = Initiative.objects.get(name="Stop de schulden")
    assert {p.organisation.name for p in debts.partners.all()} == {
        "Dock",
        "Humanitas",
        "Stem in de stad",
    }
    reach = services.reach(debts)
    first, last = reach["over_time"][0], reach["over_time"][-1]
    assert (first["people"], first["helpers"], last["people"]) == (4, 4, 10)
    # What the demo initiatives answer (issue 4 links, issue 5 collective issue).
    assert [issue.title for issue in debts.collective_issues.all()] == ["Geldstress in Noord-Noord"]
    square = Initiative.objects.get(name="Bakkie op het plein")
    assert square.team.name == "SWT Rozenprieel-Centrum"
    assert {theme.title for theme in square.themes.all()} == {"Ontmoetingsplekken"}
    assert square.wishes.exists()
    assert all("koffie" in wish.text for wish in square.wishes.all())
    leaflet = Material.objects.get(initiative=debts)
    with leaflet.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert Initiative.objects.filter(name="Wandelclub Rozenprieel").exists()
