"""Factories for the core models. Apps keep theirs in tests/<app>/factories.py."""

import factory
from django.contrib.auth import get_user_model

from collectief.models import (
    Area,
    AreaConnector,
    Membership,
    Neighbourhood,
    Organisation,
    Role,
    Team,
)

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Sequence(lambda n: f"Person{n}")
    last_name = "Test"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.invalid")
    password = factory.django.Password(TEST_PASSWORD)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Area {n}")


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Neighbourhood {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.WELFARE


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"SWT Test {n}")
    area = factory.SubFactory(AreaFactory)

    @factory.post_generation
    def neighbourhoods(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [NeighbourhoodFactory(area=self.area)]
        self.neighbourhoods.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = Role.MEMBER
    hours_per_week = 32


class AreaConnectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaConnector

    user = factory.SubFactory(UserFactory)
    area = factory.SubFactory(AreaFactory)
