import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from initiatives import services
from initiatives.models import Initiative
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

S = Initiative.Status
DAY = datetime.date(2018, 6, 1)


@pytest.mark.parametrize(
    ("old", "new", "reason", "allowed"),
    [
        (S.IDEA, S.STARTING, "", True),
        (S.STARTING, S.RUNNING, "", True),
        (S.RUNNING, S.PAUSED, "", False),  # pausing needs a reason
        (S.RUNNING, S.PAUSED, "Zomerstop", True),
        (S.PAUSED, S.RUNNING, "", True),
        (S.RUNNING, S.ENDED, "", False),
        (S.RUNNING, S.ENDED, "Doel bereikt", True),
        (S.ENDED, S.RUNNING, "", False),
        (S.ENDED, S.RUNNING, "Nieuwe trekker", True),
        (S.ENDED, S.PAUSED, "Reden", False),
        (S.RUNNING, S.IDEA, "Reden", False),
        (S.RUNNING, S.RUNNING, "Reden", False),
    ],
)
def test_status_lifecycle(world, old, new, reason, allowed):
    initiative = InitiativeFactory(team=world.team, status=old, status_since=DAY)
    if not allowed:
        with pytest.raises(ValidationError):
            services.initiative_change_status(
                initiative=initiative, user=None, status=new, changed_on=DAY, reason=reason
            )
        return
    services.initiative_change_status(
        initiative=initiative, user=None, status=new, changed_on=DAY, reason=reason
    )
    initiative.refresh_from_db()
    assert initiative.status == new and initiative.status_since == DAY
    assert initiative.status_changes.get().reason == reason


def test_idea_that_starts_gets_its_start_date_and_ending_sets_the_end(world):
    initiative = InitiativeFactory(team=world.team, status=S.IDEA, started_on=None)
    services.initiative_change_status(
        initiative=initiative, user=None, status=S.RUNNING, changed_on=DAY
    )
    services.initiative_change_status(
        initiative=initiative,
        user=None,
        status=S.ENDED,
        changed_on=DAY + datetime.timedelta(days=30),
        reason="Klaar",
    )
    initiative.refresh_from_db()
    assert initiative.started_on == DAY and initiative.ended_on == DAY + datetime.timedelta(30)


def test_a_status_date_before_the_current_status_or_in_the_future_is_refused(world):
    initiative = InitiativeFactory(team=world.team, status=S.RUNNING, status_since=DAY)
    for day in (DAY - datetime.timedelta(days=1), datetime.date.today() + datetime.timedelta(9)):
        with pytest.raises(ValidationError):
            services.initiative_change_status(
                initiative=initiative, user=None, status=S.PAUSED, changed_on=day, reason="x"
            )


def test_the_database_refuses_an_end_before_the_start(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        InitiativeFactory(
            team=world.team, started_on=DAY, ended_on=DAY - datetime.timedelta(days=1)
        )


def test_the_database_refuses_absurd_session_counts(world, ours):
    ours.session.participants = 10**6
    with pytest.raises(IntegrityError), transaction.atomic():
        ours.session.save()
