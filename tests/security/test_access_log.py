"""The access log: append-only records, the service apps call, the team lead's page, the admin."""

import datetime
import uuid

import pytest
from django.contrib.admin.sites import site
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from collectief.audit import record_access, record_list_access
from collectief.models import AccessRecord, AccessRecordChangeError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _request(user, **meta):
    request = RequestFactory().get("/", **meta)
    request.user = user
    return request


def _record(world, user=None, keys=None, purpose="interviews:resident_detail", shown=True):
    user = user or world.people["member"]
    return record_access(
        _request(user, REMOTE_ADDR="192.0.2.7"),
        team=world.team,
        resident_keys=[uuid.uuid4()] if keys is None else keys,
        purpose=purpose,
        shown=shown,
    )


def test_record_access_stores_who_what_why_result_and_address(world):
    keys = [uuid.uuid4(), uuid.uuid4()]
    record = _record(world, keys=keys, shown=False)
    record.refresh_from_db()
    assert record.user == world.people["member"] and record.team == world.team
    assert record.keys == [str(key) for key in keys]
    assert record.purpose == "interviews:resident_detail"
    assert record.shown is False and record.client_address == "192.0.2.7"
    assert abs(record.at - timezone.now()) < datetime.timedelta(minutes=1)
    assert list(AccessRecord.objects.for_resident(keys[1])) == [record]
    assert not AccessRecord.objects.for_resident(str(keys[1])[:-1]).exists()


def test_record_access_refuses_empty_or_ambiguous_keys(world):
    with pytest.raises(ValueError):
        _record(world, keys=[])
    with pytest.raises(ValueError):
        _record(world, keys=["two words"])


def test_a_list_is_recorded_with_one_insert_one_record_per_team(world, django_assert_num_queries):
    first, second, third = (uuid.uuid4() for _ in range(3))
    shown = [
        (world.team.pk, first),
        (world.other_team.pk, second),
        (world.team.pk, third),
        (world.team.pk, first),
    ]
    request = _request(world.people["member"], REMOTE_ADDR="192.0.2.7")
    with django_assert_num_queries(1):
        record_list_access(request, shown=shown, purpose="interviews:resident_list")
    ours, theirs = (AccessRecord.objects.get(team=team) for team in (world.team, world.other_team))
    assert ours.keys == [str(first), str(third)] and theirs.keys == [str(second)]
    assert (ours.user, ours.purpose, ours.shown, ours.client_address) == (
        world.people["member"],
        "interviews:resident_list",
        True,
        "192.0.2.7",
    )


def test_a_list_that_shows_no_one_writes_nothing(world, django_assert_num_queries):
    with django_assert_num_queries(0):
        record_list_access(_request(world.people["member"]), shown=[], purpose="interviews:list")
    with pytest.raises(ValueError):
        record_list_access(
            _request(world.people["member"]), shown=[(world.team.pk, "")], purpose="p"
        )


def test_behind_the_proxy_only_the_proxy_added_address_counts(world, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    request = _request(
        world.people["member"],
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4",
    )
    record = record_access(request, team=world.team, resident_keys=["k1"], purpose="p")
    assert record.client_address == "198.51.100.4"


def test_access_records_cannot_be_changed_or_deleted_through_the_orm(world):
    record = _record(world)
    record.purpose = "something else"
    with pytest.raises(AccessRecordChangeError):
        record.save()
    with pytest.raises(AccessRecordChangeError):
        record.delete()
    with pytest.raises(AccessRecordChangeError):
        AccessRecord.objects.filter(pk=record.pk).update(shown=False)
    with pytest.raises(AccessRecordChangeError):
        AccessRecord.objects.all().delete()
    # bulk_update runs in a transaction of its own that the refusal rolls back.
    with pytest.raises(AccessRecordChangeError), transaction.atomic():
        AccessRecord.objects.bulk_update([record], ["purpose"])
    record.refresh_from_db()
    assert record.purpose == "interviews:resident_detail"


def test_the_admin_shows_records_read_only(world, rf):
    admin = site._registry[AccessRecord]
    request = rf.get("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    record = _record(world)
    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, record)
    assert not admin.has_delete_permission(request, record)
    assert admin.has_view_permission(request, record)


def test_admin_changelist_opens_for_an_administrator(world, client):
    _record(world)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:collectief_accessrecord_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("member", 403),
        ("community_worker", 403),
        ("lead", 200),
        ("area_connector", 403),
        ("municipality", 404),
        ("outsider", 404),
    ],
)
def test_only_the_team_lead_sees_the_team_access_log(world, login, role, status):
    url = reverse("teams:access_log", args=[world.team.pk])
    assert login(world.people[role]).get(url).status_code == status


def test_the_log_shows_this_team_only_and_filters(world, login):
    wanted = uuid.uuid4()
    _record(world, keys=[wanted], purpose="interviews:resident_detail")
    _record(world, user=world.people["community_worker"], purpose="interviews:export")
    far = record_access(
        _request(world.people["outsider"]),
        team=world.far_team,
        resident_keys=[wanted],
        purpose="far-away-purpose",
    )
    client = login(world.people["lead"])
    url = reverse("teams:access_log", args=[world.team.pk])
    page = client.get(url).content.decode()
    assert "interviews:export" in page and "interviews:resident_detail" in page
    assert far.purpose not in page

    page = client.get(url, {"resident": str(wanted)}).content.decode()
    assert "interviews:resident_detail" in page and "interviews:export" not in page

    person = world.people["community_worker"].pk
    page = client.get(url, {"person": person}).content.decode()
    assert "interviews:export" in page and "interviews:resident_detail" not in page

    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    page = client.get(url, {"date_from": tomorrow}).content.decode()
    assert "Er zijn geen inzageregels" in page


def test_a_person_of_another_team_is_no_valid_filter(world, login):
    url = reverse("teams:access_log", args=[world.team.pk])
    response = login(world.people["lead"]).get(url, {"person": world.people["outsider"].pk})
    assert response.context["form"].errors["person"]


def test_the_log_is_paginated_with_a_fixed_number_of_queries(
    world, login, django_assert_max_num_queries
):
    client = login(world.people["lead"])
    url = reverse("teams:access_log", args=[world.team.pk])
    for size in (3, 120):
        while AccessRecord.objects.count() < size:
            _record(world, user=world.people[("member", "lead")[size % 2]])
        with django_assert_max_num_queries(12):
            response = client.get(url, {"page": 2 if size > 50 else 1})
        assert response.status_code == 200
    page = response.content.decode()
    assert "Pagina 2 van 3" in page and page.count("<tr>") == 51


def test_the_record_has_no_room_for_note_text():
    """Data minimisation: adding a free-text field to the log must be a deliberate decision."""
    fields = {field.name for field in AccessRecord._meta.get_fields()}
    assert fields == {
        "id",
        "user",
        "team",
        "resident_keys",
        "purpose",
        "shown",
        "at",
        "client_address",
    }
