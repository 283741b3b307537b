import datetime

import pytest

from pilots.models import JournalEntry, WorkingFactor
from tests.pilots.factories import (
    FactorScoreFactory,
    JournalEntryFactory,
    LessonFactory,
    PilotFactory,
    WorkshopFactory,
)

# Recognisable resident names and notes that must never reach municipality pages.
SECRETS = ["Kees Koelewijn", "Mevrouw Jansen-Bakkum", "schuld bij de Belastingdienst van Kees"]


@pytest.fixture
def pilot(world):
    """A pilot of world.team with team-internal notes that name residents."""
    pilot = PilotFactory(
        team=world.team,
        title="De Wijkfabriek",
        contact_started_on=datetime.date(2018, 3, 1),
    )
    JournalEntryFactory(
        pilot=pilot, kind=JournalEntry.Kind.OBSTACLE, text=f"{SECRETS[0]} haakt af."
    )
    JournalEntryFactory(
        pilot=pilot,
        kind=JournalEntry.Kind.SUCCESS,
        text="Twaalf bewoners bij de start.",
        shareable=True,
    )
    LessonFactory(pilot=pilot, title="Eigenaarschap telt", shareable=True)
    LessonFactory(pilot=pilot, title="Teamles", text=f"Gesprek met {SECRETS[1]}.", shareable=False)
    FactorScoreFactory(
        pilot=pilot,
        factor=WorkingFactor.objects.filter(phase="design").first(),
        comment=SECRETS[2],
    )
    return pilot


@pytest.fixture
def team_workshop(world):
    return WorkshopFactory(
        team=world.team, teams=[world.team], shared=f"Verhaal van {SECRETS[0]}.", residents_count=2
    )


@pytest.fixture
def citywide_workshop(world):
    return WorkshopFactory(
        teams=[world.team, world.far_team], shared="Resultaten van de pilots.", residents_count=3
    )
