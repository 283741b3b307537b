import datetime
import importlib
import uuid
from types import SimpleNamespace

import factory
from django.apps import apps as django_apps
from django.db import connection
from django.utils import timezone

from interviews.models import (
    Answer,
    Conversation,
    PlaceKind,
    Question,
    Questionnaire,
    Referral,
    Resident,
    Round,
    Theme,
    Wish,
)
from tests.factories import TeamFactory, UserFactory


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Vragenlijst {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    title = factory.Sequence(lambda n: f"Thema {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    theme = factory.SubFactory(ThemeFactory)
    text = factory.Sequence(lambda n: f"Vraag {n}?")
    kind = Question.Kind.OPEN


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    number = factory.Sequence(lambda n: n + 1)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    goal = "De buurt leren kennen"
    questionnaire = factory.LazyAttribute(lambda o: QuestionnaireFactory(team=o.team))

    @factory.post_generation
    def neighbourhoods(self, create, extracted, **kwargs):
        if create:
            self.neighbourhoods.set(extracted or self.team.neighbourhoods.all())


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Bewoner{n}")


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    resident = factory.LazyAttribute(lambda o: ResidentFactory(team=o.round.team))
    held_on = factory.LazyAttribute(lambda o: o.round.starts_on)
    neighbourhood = factory.LazyAttribute(lambda o: o.round.team.neighbourhoods.first())
    place_kind = PlaceKind.DOORSTEP
    submission_token = factory.LazyFunction(uuid.uuid4)
    created_by = factory.SubFactory(UserFactory)
    notes = "Geheime notitie"

    @factory.post_generation
    def interviewers(self, create, extracted, **kwargs):
        if create:
            self.interviewers.set(extracted or [self.created_by])


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    conversation = factory.SubFactory(ConversationFactory)
    name = factory.Sequence(lambda n: f"Genoemde{n}")
    how_to_reach = "Via de buren"
    relationship = "buren"


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    conversation = factory.SubFactory(ConversationFactory)
    question = factory.SubFactory(QuestionFactory)
    value = "Gezellig"


class WishFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wish

    conversation = factory.SubFactory(ConversationFactory)
    text = "Een bankje op het plein"


def place_chains_as_the_migration_does():
    """Run data migration 0008 on the conversations in the database. It takes only the
    connection and quote_name of the schema editor, and a real one cannot open inside a
    test's transaction on SQLite."""
    migration = importlib.import_module("interviews.migrations.0008_fill_conversation_chains")
    editor = SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name)
    migration.place_conversations_in_their_chains(django_apps, editor)
