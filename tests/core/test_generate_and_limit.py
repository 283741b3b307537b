import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from collectief.models import AreaConnector, Membership, Team, User
from collectief.views import bench_limit
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_generate_data_at_a_tiny_scale_is_marked_fictional_and_can_run_twice():
    # One team of 20 at 0.005 of the city (2,500 conversations): the numbers the command
    # promises, in seconds rather than the minutes 0.2 of the city took.
    call_command("generate_data", "--scale", "0.005", "--allow-sqlite", verbosity=0)
    assert Team.objects.count() == 1
    assert Membership.objects.count() == 20
    assert AreaConnector.objects.count() == 1
    assert User.objects.filter(is_municipality_staff=True).count() == 1
    # A second run adds a second, separately named set instead of clashing.
    call_command("generate_data", "--scale", "0.005", "--allow-sqlite", verbosity=0)
    assert Team.objects.count() == 2
    assert all("fictief" in name for name in Team.objects.values_list("name", flat=True))


def test_generate_data_refuses_a_bad_scale():
    with pytest.raises(CommandError):
        call_command("generate_data", "--scale", "huge", "--allow-sqlite", verbosity=0)
    with pytest.raises(CommandError):
        call_command("generate_data", "--scale", "0", "--allow-sqlite", verbosity=0)


def test_the_limit_view_renders_50_rows_from_one_query(django_assert_num_queries):
    MembershipFactory.create_batch(60)
    request = RequestFactory().get("/-/bench/limit/")
    with django_assert_num_queries(1):
        response = bench_limit(request)
    assert response.content.decode().count("<tr><td>") == 50
