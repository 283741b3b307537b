import datetime

import factory

from pilots.models import (
    AgendaPriority,
    FactorScore,
    JournalEntry,
    Lesson,
    Pilot,
    StakeholderMeeting,
    Theme,
    WorkingFactor,
    Workshop,
)
from tests.factories import AreaFactory, TeamFactory


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilot

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Pilot {n}")
    goal = "Collectiviseren in de wijk."
    start_date = datetime.date(2017, 11, 1)
    end_date = datetime.date(2018, 6, 30)
    design_started_on = factory.SelfAttribute("start_date")


class JournalEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JournalEntry

    pilot = factory.SubFactory(PilotFactory)
    date = datetime.date(2018, 1, 15)
    kind = JournalEntry.Kind.DECISION
    text = "Besluit van het team."


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    pilot = factory.SubFactory(PilotFactory)
    theme = Theme.SUPPORT_PROCESS
    title = factory.Sequence(lambda n: f"Les {n}")
    recorded_on = datetime.date(2018, 6, 1)


class FactorScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FactorScore

    pilot = factory.SubFactory(PilotFactory)
    factor = factory.LazyFunction(lambda: WorkingFactor.objects.filter(phase="design").first())
    scored_on = datetime.date(2018, 1, 15)
    score = "partly"


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop
        skip_postgeneration_save = True

    team = None
    title = factory.Sequence(lambda n: f"Werkplaats {n}")
    date = datetime.date(2018, 9, 20)
    residents_count = 0

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.set(extracted)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)


class AgendaPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaPriority

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Speerpunt {n}")
    why = "Bewoners voelen zich niet gehoord."
    carried_by = "Team en opbouwwerk"


class StakeholderMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StakeholderMeeting

    area = factory.SubFactory(AreaFactory)
    held_on = datetime.date(2017, 11, 14)
    attended = "Wijkagent, woningcorporatie"
    themes_raised = "Leefbaarheid\nVeiligheid"
