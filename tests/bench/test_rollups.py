"""Rollup tables agree with a full recount of the rows they summarise, whatever path wrote."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from collectief import collective_services, rollups
from collectief.models import Membership, Role, TeamMonthHours, WeeklyHours
from initiatives import rollups as session_rollups
from initiatives import services as initiative_services
from initiatives.models import TeamDaySessions
from interviews import rollups as interview_rollups
from interviews.models import (
    Conversation,
    Referral,
    Round,
    RoundDayCounts,
    RoundNeighbourhoodCounts,
    StaleRound,
)
from tests.collective.factories import WeeklyHoursFactory
from tests.factories import NeighbourhoodFactory
from tests.initiatives.factories import ActivityFactory, SessionFactory
from tests.interviews.factories import (
    ConversationFactory,
    ReferralFactory,
    ResidentFactory,
    RoundFactory,
    place_chains_as_the_migration_does,
)

pytestmark = pytest.mark.django_db


def _rollup():
    return {
        (row.team_id, row.month, row.role): {q: getattr(row, q) for q in rollups.QUADRANTS}
        for row in TeamMonthHours.objects.all()
        if any(getattr(row, q) for q in rollups.QUADRANTS)  # emptied months may stay at zero
    }


def _recount():
    return {key: hours for key, hours in rollups.hours_recount().items() if any(hours.values())}


def test_hours_rollup_follows_every_write(world):
    member = world.people["member"]
    week = datetime.date(2026, 3, 30)  # a Monday in March whose week ends in April
    hours = {"individual_helping": Decimal("10"), "collective_activating": Decimal("4.5")}
    collective_services.hours_record(team=world.team, user=member, week=week, hours=hours)
    collective_services.hours_record(
        team=world.team, user=member, week=week + datetime.timedelta(weeks=1), hours=hours
    )
    assert _rollup() == _recount()
    assert TeamMonthHours.objects.get(month=datetime.date(2026, 3, 1)).collective_activating == (
        Decimal("4.5")
    )
    # A correction replaces the week's hours; a role change moves them to the new role.
    Membership.objects.filter(team=world.team, user=member).update(role=Role.COMMUNITY_WORKER)
    collective_services.hours_record(
        team=world.team, user=member, week=week, hours={"collective_helping": Decimal("8")}
    )
    WeeklyHoursFactory(
        team=world.other_team, week=datetime.date(2025, 12, 29), collective_helping=3
    )
    assert _rollup() == _recount()
    WeeklyHours.objects.filter(team=world.team).first().delete()
    assert _rollup() == _recount()


def test_refresh_rebuilds_the_rollup_after_a_bulk_load(world):
    WeeklyHours.objects.bulk_create(
        [
            WeeklyHours(
                team=world.team,
                user=world.people["member"],
                role=Role.MEMBER,
                week=datetime.date(2026, 1, 5) + datetime.timedelta(weeks=n),
                individual_helping=Decimal("20"),
            )
            for n in range(10)
        ]
    )
    assert _rollup() != _recount()  # bulk_create sends no signals
    call_command("refresh_rollups", verbosity=0)
    assert _rollup() == _recount()


def test_generated_data_comes_with_current_rollups():
    call_command("generate_data", "--scale", "0.005", "--allow-sqlite", verbosity=0)
    assert TeamMonthHours.objects.exists()
    assert _rollup() == _recount()


def _live_round_counts(team_ids, start=None, end=None):
    """The dashboard's figures counted from every conversation (the full recount)."""
    conversations = Conversation.objects.filter(round__team_id__in=team_ids)
    referrals = Referral.objects.filter(conversation__round__team_id__in=team_ids)
    if start:
        conversations = conversations.filter(held_on__gte=start)
        referrals = referrals.filter(conversation__held_on__gte=start)
    if end:
        conversations = conversations.filter(held_on__lte=end)
        referrals = referrals.filter(conversation__held_on__lte=end)
    rounds = {}
    for row in (
        conversations.values("round__team_id", "round__number")
        .annotate(
            conversations=Count("pk"),
            residents=Count("resident", distinct=True),
            via_referral=Count("pk", filter=Q(source_referral__isnull=False)),
        )
        .order_by()
    ):
        key = (row.pop("round__team_id"), row.pop("round__number"))
        rounds[key] = row | {"referrals": 0, "referrals_followed": 0}
    for row in (
        referrals.values("conversation__round__team_id", "conversation__round__number")
        .annotate(
            referrals=Count("pk"),
            referrals_followed=Count("pk", filter=Q(resulting_conversation__isnull=False)),
        )
        .order_by()
    ):
        key = (row.pop("conversation__round__team_id"), row.pop("conversation__round__number"))
        rounds[key].update(row)
    residents = conversations.aggregate(n=Count("resident", distinct=True))["n"]
    return dict(sorted(rounds.items())), residents


def _from_rollup(team_ids, start=None, end=None):
    rounds, residents = interview_rollups.round_counts(team_ids, start=start, end=end)
    return {
        number: {
            "conversations": row["conversations"],
            "residents": row["new_residents"],
            "via_referral": row["via_referral"],
            "referrals": row["referrals"],
            "referrals_followed": row["referrals_followed"],
        }
        for number, row in rounds.items()
    }, residents


def _stored_conversation_rollup():
    """Every row of both conversation rollups, after the stale rounds were recounted."""
    interview_rollups.refresh_stale(None)
    days = {
        (row.round_id, row.day): tuple(getattr(row, name) for name in DAY_COLUMNS)
        for row in RoundDayCounts.objects.all()
    }
    neighbourhoods = set(
        RoundNeighbourhoodCounts.objects.values_list(
            "round_id", "neighbourhood_id", "conversations"
        )
    )
    return days, neighbourhoods


def _recounted_conversation_rollup():
    days, neighbourhoods = interview_rollups.recount_round(Round.objects.values("pk"))
    return (
        {
            (row.round_id, row.day): tuple(getattr(row, name) for name in DAY_COLUMNS)
            for row in days
        },
        {(row.round_id, row.neighbourhood_id, row.conversations) for row in neighbourhoods},
    )


DAY_COLUMNS = [
    "team_id",
    "round_number",
    "conversations",
    "via_referral",
    "referrals",
    "referrals_followed",
    "new_residents",
    "new_team_residents",
    "new_residents_not_known",
    "new_team_residents_not_known",
    "longest_chain",
]


def test_conversation_rollup_agrees_with_a_full_recount_after_every_kind_of_write(world):
    day = datetime.date(2026, 3, 2)
    first = RoundFactory(
        team=world.team, number=1, starts_on=day, ends_on=day + datetime.timedelta(90)
    )
    second = RoundFactory(
        team=world.team,
        number=2,
        starts_on=day + datetime.timedelta(100),
        ends_on=day + datetime.timedelta(200),
    )
    other = RoundFactory(
        team=world.other_team, number=1, starts_on=day, ends_on=day + datetime.timedelta(90)
    )
    ans = ResidentFactory(team=world.team)
    start = ConversationFactory(round=first, resident=ans, held_on=day)
    again = ConversationFactory(round=first, resident=ans, held_on=day + datetime.timedelta(10))
    named = ReferralFactory(conversation=start)
    ReferralFactory(conversation=again)
    follow = ConversationFactory(
        round=second, held_on=day + datetime.timedelta(120), source_referral=named
    )
    ConversationFactory(round=second, resident=ans, held_on=day + datetime.timedelta(130))
    ConversationFactory(round=other, held_on=day + datetime.timedelta(5))
    assert not StaleRound.objects.exists()  # new conversations and names were added on write
    teams = [world.team.pk, world.other_team.pk]
    periods = [
        (None, None),
        (None, day + datetime.timedelta(5)),
        (None, day + datetime.timedelta(125)),
    ]
    for period in periods:
        assert _from_rollup(teams, *period) == _live_round_counts(teams, *period)
    assert _stored_conversation_rollup() == _recounted_conversation_rollup()
    # Conversations and referrals (start date included) always agree.
    late = (day + datetime.timedelta(8), None)
    assert {
        n: {k: v for k, v in r.items() if k != "residents"}
        for n, r in _from_rollup(teams, *late)[0].items()
    } == {
        n: {k: v for k, v in r.items() if k != "residents"}
        for n, r in _live_round_counts(teams, *late)[0].items()
    }
    # Edits, a conversation logged late (earlier than the resident's first), deletes.
    follow.held_on = day + datetime.timedelta(110)
    follow.save()
    ConversationFactory(round=first, resident=ans, held_on=day - datetime.timedelta(3))
    again.delete()
    for period in periods:
        assert _from_rollup(teams, *period) == _live_round_counts(teams, *period)
    assert _from_rollup([world.team.pk]) == _live_round_counts([world.team.pk])
    assert _stored_conversation_rollup() == _recounted_conversation_rollup()
    # A resident found to be a client after all; a name given and followed in the same round;
    # a name struck off; a conversation in a neighbourhood of its own.
    ans.known_as_client = not ans.known_as_client
    ans.save()
    later = ReferralFactory(conversation=follow)
    ConversationFactory(
        round=second,
        held_on=day + datetime.timedelta(140),
        source_referral=later,
        neighbourhood=NeighbourhoodFactory(area=world.team.area),
    )
    ReferralFactory(conversation=follow).delete()
    assert _stored_conversation_rollup() == _recounted_conversation_rollup()


def test_a_conversation_from_a_name_looks_up_where_the_name_was_given_once(world):
    round_ = RoundFactory(team=world.team)
    referral = ReferralFactory(conversation=ConversationFactory(round=round_))
    with CaptureQueriesContext(connection) as queries:
        ConversationFactory(round=round_, source_referral=referral)
    lookups = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith(
            ('SELECT "interviews_conversation".', 'SELECT "interviews_referral".')
        )
    ]
    assert len(lookups) == 1, lookups  # chain and rollup from one row
    assert _stored_conversation_rollup() == _recounted_conversation_rollup()


def test_generated_conversations_come_with_their_rollup_and_chains():
    call_command("generate_data", "--scale", "0.005", "--allow-sqlite", verbosity=0)
    teams = list(Round.objects.values_list("team_id", flat=True).distinct())
    assert not StaleRound.objects.exists()
    assert _from_rollup(teams) == _live_round_counts(teams)
    assert _stored_conversation_rollup() == _recounted_conversation_rollup()
    # The chains the generator wrote are those the data migration derives from the referrals.
    generated = set(Conversation.objects.values_list("pk", "chain_length", "chain_start"))
    assert {length for _pk, length, _start in generated} >= {1, 2, 3}
    Conversation.objects.update(chain_length=1, chain_start=None)
    place_chains_as_the_migration_does()
    assert set(Conversation.objects.values_list("pk", "chain_length", "chain_start")) == generated


def _sessions_rollup():
    return {
        (row.team_id, row.day): (row.sessions, row.participants, row.volunteers)
        for row in TeamDaySessions.objects.filter(sessions__gt=0)
    }


def test_sessions_rollup_agrees_with_a_full_recount(world):
    activity = ActivityFactory(initiative__team=world.team)
    other = ActivityFactory(initiative__team=world.other_team)
    day = datetime.date(2026, 2, 4)
    first = SessionFactory(activity=activity, date=day, participants=10, volunteers=2)
    SessionFactory(activity=activity, date=day, participants=5, volunteers=1)
    SessionFactory(activity=other, date=day + datetime.timedelta(7), participants=7)
    assert _sessions_rollup() == session_rollups.sessions_recount()
    first.date, first.participants = day + datetime.timedelta(14), 12
    first.save()
    assert _sessions_rollup() == session_rollups.sessions_recount()
    first.delete()
    other.delete()
    assert _sessions_rollup() == session_rollups.sessions_recount()
    rows = initiative_services.participants_per_period({world.team.pk}, start=day)
    assert [(r["sessions"], r["participants"], r["volunteers"]) for r in rows] == [(1, 5, 1)]
    TeamDaySessions.objects.all().delete()
    call_command("refresh_rollups", verbosity=0)
    assert _sessions_rollup() == session_rollups.sessions_recount()
