import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives import uploads
from initiatives.demo import leaflet_pdf
from initiatives.models import Material, Success
from tests.initiatives.factories import close_file, png_bytes

pytestmark = pytest.mark.django_db


def _upload(world, ours, login, name, content):
    return login(world.people["community_worker"]).post(
        reverse("initiatives:material_create", args=[ours.initiative.public_id]),
        {"title": "Weg met geldstress", "file": SimpleUploadedFile(name, content)},
    )


def test_a_pdf_leaflet_is_stored_with_its_checked_type(world, ours, login):
    response = _upload(world, ours, login, "folder.pdf", leaflet_pdf("Weg met geldstress", []))
    assert response.status_code == 302
    material = Material.objects.get(title="Weg met geldstress")
    assert material.content_type == "application/pdf" and material.uploaded_by
    assert material.file.name.startswith("materials/")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("folder.pdf", png_bytes()),  # claims PDF, is PNG
        ("folder.exe", b"MZ\x90\x00"),
        ("folder.pdf", b"<html>not a pdf</html>"),
    ],
)
def test_an_upload_that_is_not_what_it_claims_is_refused(world, ours, login, name, content):
    response = _upload(world, ours, login, name, content)
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert 'value="Weg met geldstress"' in response.content.decode()
    assert not Material.objects.filter(title="Weg met geldstress").exists()


def test_a_too_big_upload_is_refused(world, ours, login, monkeypatch):
    monkeypatch.setattr(uploads, "MATERIAL_MAX_BYTES", 100)
    response = _upload(world, ours, login, "folder.pdf", leaflet_pdf("x", ["y" * 200]))
    assert response.status_code == 200 and "file" in response.context["form"].errors


def test_removing_material_removes_the_file(world, ours, login, django_capture_on_commit_callbacks):
    storage, name = ours.material.file.storage, ours.material.file.name
    url = reverse("initiatives:material_delete", args=[ours.material.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        assert login(world.people["lead"]).post(url).status_code == 302
    assert not Material.objects.filter(pk=ours.material.pk).exists()
    assert not storage.exists(name)


def test_a_team_member_records_a_success_with_photo_and_celebrates_it(world, ours, login):
    client = login(world.people["member"])
    response = client.post(
        reverse("initiatives:success_create"),
        {
            "team": world.team.pk,
            "initiative": ours.initiative.pk,
            "title": "Twaalf bewoners op het plein",
            "happened_on": "2018-05-05",
            "involved": "Kees en buren",
            "photo": SimpleUploadedFile("plein.png", png_bytes(), "image/png"),
        },
    )
    assert response.status_code == 302
    success = Success.objects.get(title="Twaalf bewoners op het plein")
    assert success.recorded_by == world.people["member"] and success.photo
    photo = client.get(reverse("initiatives:success_photo", args=[success.public_id]))
    assert photo["Content-Type"] == "image/png"
    close_file(photo)
    response = client.post(
        reverse("initiatives:success_update", args=[success.public_id]),
        {
            "initiative": ours.initiative.pk,
            "title": success.title,
            "happened_on": "2018-05-05",
            "celebrated_on": "2018-05-12",
            "celebrated_how": "Taart bij de koffie",
            "shareable": "on",
            "version": 0,
        },
    )
    assert response.status_code == 302
    success.refresh_from_db()
    assert success.celebrated_on == datetime.date(2018, 5, 12) and success.shareable
    assert success.photo  # kept when no new photo is sent


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"celebrated_on": "2018-05-01"}, "celebrated_on"),  # before it happened
        ({"celebrated_how": "Taart"}, "celebrated_on"),
        ({"happened_on": "2999-01-01"}, "happened_on"),
    ],
)
def test_success_dates_are_checked(world, ours, login, overrides, field):
    data = {"team": world.team.pk, "title": "Feest", "happened_on": "2018-05-05", **overrides}
    response = login(world.people["member"]).post(reverse("initiatives:success_create"), data)
    assert response.status_code == 200 and field in response.context["form"].errors


def test_a_success_cannot_point_to_another_teams_initiative(world, ours, theirs, login):
    response = login(world.people["member"]).post(
        reverse("initiatives:success_create"),
        {
            "team": world.team.pk,
            "initiative": theirs.initiative.pk,
            "title": "Feest",
            "happened_on": "2018-05-05",
        },
    )
    assert response.status_code == 200 and "initiative" in response.context["form"].errors
