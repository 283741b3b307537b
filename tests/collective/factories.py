"""Factories for the weighing framework, interventions, signals and hours."""

import datetime

import factory

from collectief.models import (
    CollectiveIssue,
    Intervention,
    Quadrant,
    Role,
    Signal,
    SignalTheme,
    WeeklyHours,
)
from tests.factories import TeamFactory, UserFactory


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Intervention {n}")
    kind = Intervention.Kind.GROUP
    quadrant = Quadrant.COLLECTIVE_ACTIVATING
    started_on = datetime.date(2018, 1, 8)
    hours = 10


class SignalThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignalTheme
        django_get_or_create = ["team", "name"]

    team = factory.SubFactory(TeamFactory)
    name = "Geldstress"


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    team = factory.SubFactory(TeamFactory)
    theme = factory.LazyAttribute(lambda s: SignalThemeFactory(team=s.team))
    neighbourhood = factory.LazyAttribute(lambda s: s.team.neighbourhoods.first())
    households = 1
    description = "Brief van de Belastingdienst niet begrepen."
    recorded_on = datetime.date(2018, 3, 1)


class CollectiveIssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveIssue

    team = factory.SubFactory(TeamFactory)
    theme = factory.LazyAttribute(lambda s: SignalThemeFactory(team=s.team))
    neighbourhood = factory.LazyAttribute(lambda s: s.team.neighbourhoods.first())
    title = "Geldstress in de buurt"
    created_on = datetime.date(2018, 3, 5)


class WeeklyHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeeklyHours

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.MEMBER
    week = datetime.date(2018, 1, 1)
