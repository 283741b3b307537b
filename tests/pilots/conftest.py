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


# Recognisable resident names, notes and quotes in the other apps' data of the pilot's team.
RESIDENT_SECRETS = [
    "Gerrit Grootveld",  # a resident in a conversation
    "praat met niemand sinds zijn vrouw overleed",  # conversation notes
    "Annie van de Bakkerij",  # a name given (referral)
    "koffie bij Truus op nummer 12",  # a resident's wish (quote)
    "Henkie Hoogstraat",  # starter of an initiative
    "Dirk Duindam",  # registered participant
    "Bep en haar kleinzoon",  # who was involved in a success
    "Feestje bij Marietje thuis",  # a success not shared
    "brief van het CJIB aan familie Smit",  # a signal
]


@pytest.fixture
def resident_work(world):
    """Conversations, initiatives, successes and signals of world.team that name residents."""
    from tests.collective.factories import CollectiveIssueFactory, SignalFactory
    from tests.initiatives.factories import ActivityFactory, InitiativeFactory, SuccessFactory
    from tests.interviews.factories import (
        ConversationFactory,
        ReferralFactory,
        ResidentFactory,
        RoundFactory,
        WishFactory,
    )

    team = world.team
    round_ = RoundFactory(
        team=team, number=1, starts_on=datetime.date(2018, 1, 8), ends_on=datetime.date(2018, 6, 1)
    )
    conversation = ConversationFactory(
        round=round_,
        resident=ResidentFactory(team=team, name=RESIDENT_SECRETS[0]),
        notes=RESIDENT_SECRETS[1],
    )
    ReferralFactory(conversation=conversation, name=RESIDENT_SECRETS[2])
    WishFactory(conversation=conversation, text=RESIDENT_SECRETS[3])
    initiative = InitiativeFactory(
        team=team,
        name="Bakkie op het plein",
        resident_starters=RESIDENT_SECRETS[4],
        description=f"Opgezet door {RESIDENT_SECRETS[4]}.",
    )
    activity = ActivityFactory(initiative=initiative)
    participant = initiative.participants.create(pseudonym=RESIDENT_SECRETS[5])
    session = activity.sessions.create(date=datetime.date(2018, 2, 1), participants=3)
    session.attendees.add(participant)
    SuccessFactory(
        team=team,
        initiative=initiative,
        title="Eerste bakkie",
        involved=RESIDENT_SECRETS[6],
        shareable=True,
    )
    SuccessFactory(team=team, title=RESIDENT_SECRETS[7], shareable=False)
    SignalFactory(team=team, description=RESIDENT_SECRETS[8])
    CollectiveIssueFactory(team=team, description=RESIDENT_SECRETS[8])
    return {"conversation": conversation, "initiative": initiative}
