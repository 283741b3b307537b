import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pilots.models import JournalEntry, Phase, Pilot
from tests.pilots.factories import PilotFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def _pilot(world, **fields):
    data = {
        "team": world.team,
        "title": "Test",
        "goal": "Doel",
        "start_date": D(2017, 11, 1),
        "design_started_on": D(2017, 11, 1),
    } | fields
    return Pilot(**data)


def _errors(pilot):
    with pytest.raises(ValidationError) as error:
        pilot.full_clean()
    return error.value.message_dict


def test_a_phase_may_not_begin_before_the_pilot_started(world):
    errors = _errors(_pilot(world, design_started_on=D(2017, 10, 1)))
    assert "design_started_on" in errors


def test_phases_must_be_in_order(world):
    errors = _errors(
        _pilot(world, contact_started_on=D(2018, 3, 1), execute_started_on=D(2018, 2, 1))
    )
    assert list(errors) == ["execute_started_on"]


def test_a_later_phase_needs_the_earlier_ones(world):
    errors = _errors(_pilot(world, execute_started_on=D(2018, 2, 1)))
    assert "contact_started_on" in errors


def test_the_end_may_not_lie_before_the_start(world):
    errors = _errors(_pilot(world, end_date=D(2017, 10, 1)))
    assert "end_date" in errors


def test_a_valid_pilot_passes(world):
    _pilot(
        world,
        contact_started_on=D(2018, 1, 1),
        execute_started_on=D(2018, 2, 1),
        embed_started_on=D(2018, 6, 1),
        end_date=D(2018, 6, 30),
    ).full_clean()


def test_current_phase_in_python_and_in_the_database_agree(world):
    pilot = PilotFactory(
        team=world.team, contact_started_on=D(2018, 1, 1), execute_started_on=D(2018, 5, 1)
    )
    for day, expected in [
        (D(2017, 12, 1), Phase.DESIGN),
        (D(2018, 1, 1), Phase.CONTACT),
        (D(2018, 6, 1), Phase.EXECUTE),
    ]:
        assert pilot.phase_on(day) == expected
        assert Pilot.objects.with_phase(day).get(pk=pilot.pk).current_phase == expected


def test_a_journal_entry_cannot_be_dated_in_the_future(world):
    entry = JournalEntry(
        pilot=PilotFactory(team=world.team),
        date=timezone.localdate() + datetime.timedelta(days=1),
        kind=JournalEntry.Kind.OBSTACLE,
        text="Later",
    )
    with pytest.raises(ValidationError) as error:
        entry.full_clean()
    assert "date" in error.value.message_dict


def test_the_working_factors_of_the_report_are_loaded():
    from pilots.models import WorkingFactor

    counts = {phase: WorkingFactor.objects.filter(phase=phase).count() for phase in Phase}
    assert counts == {Phase.DESIGN: 7, Phase.CONTACT: 6, Phase.EXECUTE: 8, Phase.EMBED: 0}
    assert WorkingFactor.objects.filter(text__startswith="Succes werkt").exists()
