import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives import services
from initiatives.models import LabelApplication, LabelProgramme
from tests.initiatives.factories import (
    InitiativeFactory,
    LabelApplicationFactory,
    LabelProgrammeFactory,
    close_file,
    png_bytes,
)

pytestmark = pytest.mark.django_db


def test_lead_creates_a_label_with_a_checked_badge(world, login):
    client = login(world.people["lead"])
    badge = SimpleUploadedFile("wijkfabriek.png", png_bytes((120, 120)), "image/png")
    response = client.post(
        reverse("initiatives:label_create"),
        {
            "team": world.team.pk,
            "name": "De Wijkfabriek",
            "criteria": "Bewoners doen mee",
            "badge": badge,
        },
    )
    programme = LabelProgramme.objects.get()
    assert response.status_code == 302 and programme.team == world.team
    badge_response = client.get(reverse("initiatives:label_badge", args=[programme.pk]))
    assert badge_response["Content-Type"] == "image/png"
    close_file(badge_response)


@pytest.mark.parametrize(
    ("name", "content", "message_part"),
    [
        ("badge.png", b"%PDF-1.4 not an image", "type"),
        ("badge.png", b"\x89PNG\r\n\x1a\n" + b"broken" * 10, "image"),
        ("badge.jpg", png_bytes((120, 120)), "name"),
        ("badge.png", png_bytes((10, 10)), "pixels"),
    ],
)
def test_a_badge_that_is_not_a_sensible_image_is_refused(world, login, name, content, message_part):
    client = login(world.people["lead"])
    response = client.post(
        reverse("initiatives:label_create"),
        {
            "team": world.team.pk,
            "name": "De Wijkfabriek",
            "badge": SimpleUploadedFile(name, content, "image/png"),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert message_part in " ".join(response.context["form"].errors["badge"])
    assert 'value="De Wijkfabriek"' in response.content.decode()
    assert not LabelProgramme.objects.exists()


def test_apply_grant_and_the_badge_shows_in_list_detail_and_label_page(world, login):
    programme = LabelProgrammeFactory(team=world.team, name="De Wijkfabriek")
    initiative = InitiativeFactory(team=world.team, name="Bakkie in de buurt")
    client = login(world.people["community_worker"])
    response = client.post(
        reverse("initiatives:label_apply", args=[initiative.public_id]),
        {"programme": programme.pk, "motivation": "Bewoners trekken het zelf"},
    )
    assert response.status_code == 302
    application = LabelApplication.objects.get()
    assert application.status == "applied"
    decide = reverse("initiatives:application_decide", args=[application.pk])
    assert login(world.people["lead"]).post(decide, {"status": "granted"}).status_code == 302
    badge_url = reverse("initiatives:label_badge", args=[programme.pk])
    for url in (
        reverse("initiatives:list"),
        initiative.get_absolute_url(),
        programme.get_absolute_url(),
    ):
        html = client.get(url).content.decode()
        assert badge_url in html and "Bakkie in de buurt" in html, url


def test_declining_needs_a_reason(world, login):
    application = LabelApplicationFactory(programme__team=world.team)
    url = reverse("initiatives:application_decide", args=[application.pk])
    client = login(world.people["lead"])
    response = client.post(url, {"status": "declined", "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert client.post(url, {"status": "declined", "reason": "Geen bewoners"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "declined" and application.decided_by == world.people["lead"]


def test_withdrawn_application_can_apply_again(world):
    application = LabelApplicationFactory(programme__team=world.team, status="withdrawn")
    again = services.label_apply(programme=application.programme, initiative=application.initiative)
    assert again.pk == application.pk and again.status == "applied"
    with pytest.raises(ValidationError):
        services.label_apply(programme=application.programme, initiative=application.initiative)


def test_a_label_cannot_go_to_an_initiative_of_another_team(world, login):
    programme = LabelProgrammeFactory(team=world.far_team)
    initiative = InitiativeFactory(team=world.team)
    response = login(world.people["lead"]).post(
        reverse("initiatives:label_apply", args=[initiative.public_id]),
        {"programme": programme.pk},
    )
    assert response.status_code == 200 and "programme" in response.context["form"].errors
    with pytest.raises(ValidationError):
        services.label_apply(programme=programme, initiative=initiative)
    forged = LabelApplication(programme=programme, initiative=initiative)
    with pytest.raises(ValidationError):
        services.label_decide(application=forged, user=world.people["lead"], status="granted")


def test_label_update_keeps_input_on_conflict(world, login):
    programme = LabelProgrammeFactory(team=world.team, name="Wijkfabriek")
    url = reverse("initiatives:label_update", args=[programme.pk])
    client = login(world.people["lead"])
    assert client.post(url, {"name": "Eerste", "version": 0}).status_code == 302
    response = client.post(url, {"name": "Tweede", "version": 0})
    assert response.status_code == 200 and 'value="Tweede"' in response.content.decode()
    programme.refresh_from_db()
    assert programme.name == "Eerste"
