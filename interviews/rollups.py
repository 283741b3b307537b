"""Rollup of conversations per round and day, for dashboards across many teams.

RoundDayCounts holds, per round and day, the conversations held, those that came from a
referral, the referrals named and followed up, and the residents met for the first time in
that round (and in the team), how many of those were not known as a client, and the longest
snowball chain; RoundNeighbourhoodCounts holds the conversations per round and neighbourhood.
Together they give the snowball view its figures.

They are kept current on write: a new conversation or referral (nearly every write) adds
its counts to its rows in a few small statements. A change, a removal, or a conversation
logged before one the resident already had only marks the rounds concerned stale (one small
insert); the next reader rebuilds the stale rounds it needs from their own conversations
before it reads (collectief/rollups.py describes the rollups). Summing the rows gives exact
figures for any period; residents reached are exact for every period that starts at the
beginning (the dashboard's default), and counted live otherwise.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Max, Min, Q, Sum, Value, Window
from django.db.models.functions import Greatest, RowNumber
from django.db.models.signals import post_delete, post_save, pre_save

from interviews.models import (
    NAMED_IN_FIELDS,
    Conversation,
    Referral,
    Resident,
    RoundDayCounts,
    RoundNeighbourhoodCounts,
    StaleRound,
)

COUNTS = ["conversations", "via_referral", "referrals", "referrals_followed"]


def mark_stale(round_ids):
    StaleRound.objects.bulk_create(
        [StaleRound(round_id=pk) for pk in set(round_ids) if pk], ignore_conflicts=True
    )


def _mark_stale_from(select_sql, param):
    """Mark the rounds `select_sql` finds stale, in one statement (writes stay cheap)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {StaleRound._meta.db_table} (round_id) {select_sql} "
            "ON CONFLICT DO NOTHING",
            [param],
        )


def _resident_rounds_stale(resident_id):
    _mark_stale_from(
        f"SELECT DISTINCT round_id FROM {Conversation._meta.db_table} WHERE resident_id = %s",
        resident_id,
    )


def _add(model, keys, counts, create_with=None, longest_chain=None):
    """Add `counts` to the rollup row found by `keys`; create the row when it is missing."""
    increments = {name: F(name) + value for name, value in counts.items() if value}
    if longest_chain is not None:
        increments["longest_chain"] = Greatest("longest_chain", Value(longest_chain))
    if model.objects.filter(**keys).update(**increments):
        return
    values = {**keys, **(create_with or {}), **counts}
    if longest_chain is not None:
        values["longest_chain"] = longest_chain
    try:
        with transaction.atomic():  # a savepoint: another writer may create the row first
            model.objects.create(**values)
    except IntegrityError:
        model.objects.filter(**keys).update(**increments)


def _named_in(conversation_id):
    """What the rollup needs of the conversation in which a name was given."""
    return Conversation.objects.values(*NAMED_IN_FIELDS).get(pk=conversation_id)


def _count_referral(named_in, **counts):
    """Add `counts` to the row of the day of the conversation `named_in` (_named_in)."""
    _add(
        RoundDayCounts,
        {"round_id": named_in["round_id"], "day": named_in["held_on"]},
        counts,
        create_with={
            "team_id": named_in["round__team_id"],
            "round_number": named_in["round__number"],
        },
    )


def _conversation_created(conversation):
    """Count a new conversation into its round's rows in a few small statements.

    Logged before a conversation the resident already had, it moves their first meeting:
    then the rounds concerned are marked stale and recounted by the next reader instead.
    """
    if conversation.source_referral_id is not None:
        # Conversation.save looked it up already when the conversation was saved through it.
        named_in = getattr(conversation, "_named_in", None) or _named_in(
            conversation.source_referral.conversation_id
        )
        _count_referral(named_in, referrals_followed=1)
    first = (
        Conversation.objects.filter(resident_id=conversation.resident_id)
        .exclude(pk=conversation.pk)
        .aggregate(
            in_team=Min("held_on"),
            in_round=Min("held_on", filter=Q(round_id=conversation.round_id)),
        )
    )
    day = conversation.held_on
    if first["in_team"] is not None and first["in_team"] > day:
        return _resident_rounds_stale(conversation.resident_id)
    if first["in_round"] is not None and first["in_round"] > day:
        return mark_stale([conversation.round_id])
    round_ = conversation.round
    not_known = not conversation.resident.known_as_client
    new_in_round, new_in_team = first["in_round"] is None, first["in_team"] is None
    _add(
        RoundDayCounts,
        {"round_id": round_.pk, "day": day},
        {
            "conversations": 1,
            "via_referral": int(conversation.source_referral_id is not None),
            "new_residents": int(new_in_round),
            "new_residents_not_known": int(new_in_round and not_known),
            "new_team_residents": int(new_in_team),
            "new_team_residents_not_known": int(new_in_team and not_known),
        },
        create_with={"team_id": round_.team_id, "round_number": round_.number},
        longest_chain=conversation.chain_length,
    )
    _add(
        RoundNeighbourhoodCounts,
        {"round_id": round_.pk, "neighbourhood_id": conversation.neighbourhood_id},
        {"conversations": 1},
        create_with={"team_id": round_.team_id},
    )


def _conversation_written(sender, instance, created=False, signal=None, **kwargs):
    if created:
        return _conversation_created(instance)
    # A change or a removal: recount its round and the resident's other rounds (their first
    # meeting in the team may move), and the round in which the resident was named.
    mark_stale([instance.round_id])
    _resident_rounds_stale(instance.resident_id)
    if instance.source_referral_id is not None:
        _mark_stale_from(
            f"SELECT c.round_id FROM {Conversation._meta.db_table} c "
            f"JOIN {Referral._meta.db_table} r ON r.conversation_id = c.id WHERE r.id = %s",
            instance.source_referral_id,
        )


def _referral_written(sender, instance, created=False, signal=None, **kwargs):
    if created:
        _count_referral(_named_in(instance.conversation_id), referrals=1)
    elif signal is post_delete:
        _mark_stale_from(
            f"SELECT round_id FROM {Conversation._meta.db_table} WHERE id = %s",
            instance.conversation_id,
        )
    # A changed name or status changes no count.


def _resident_saving(sender, instance, **kwargs):
    """Whether a resident is known as a client counts in every round they were met in."""
    if (
        instance.pk is not None
        and Resident.objects.filter(pk=instance.pk)
        .exclude(known_as_client=instance.known_as_client)
        .exists()
    ):
        _resident_rounds_stale(instance.pk)


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            _conversation_written, sender=Conversation, dispatch_uid=f"rollup-c-{signal}"
        )
        signal.connect(_referral_written, sender=Referral, dispatch_uid=f"rollup-r-{signal}")
    pre_save.connect(_resident_saving, sender=Resident, dispatch_uid="rollup-resident")


def recount_round(round_ids):
    """RoundDayCounts and RoundNeighbourhoodCounts rows for `round_ids`, counted from their
    conversations."""
    conversations = Conversation.objects.filter(round_id__in=round_ids)
    rows = {}

    def row(round_id, team_id, number, day):
        return rows.setdefault(
            (round_id, day),
            RoundDayCounts(round_id=round_id, team_id=team_id, round_number=number, day=day),
        )

    for item in (
        conversations.values("round_id", "round__team_id", "round__number", "held_on")
        .annotate(
            conversations=Count("pk"),
            via_referral=Count("pk", filter=Q(source_referral__isnull=False)),
            longest_chain=Max("chain_length"),
        )
        .order_by()
    ):
        target = row(
            item["round_id"], item["round__team_id"], item["round__number"], item["held_on"]
        )
        target.conversations, target.via_referral = item["conversations"], item["via_referral"]
        target.longest_chain = item["longest_chain"]
    for item in (
        Referral.objects.filter(conversation__round_id__in=round_ids)
        .values(
            "conversation__round_id",
            "conversation__round__team_id",
            "conversation__round__number",
            "conversation__held_on",
        )
        .annotate(
            referrals=Count("pk"),
            referrals_followed=Count("pk", filter=Q(resulting_conversation__isnull=False)),
        )
        .order_by()
    ):
        target = row(
            item["conversation__round_id"],
            item["conversation__round__team_id"],
            item["conversation__round__number"],
            item["conversation__held_on"],
        )
        target.referrals, target.referrals_followed = item["referrals"], item["referrals_followed"]
    # First meetings: per resident, the first day in the round, and whether that was also
    # their first conversation in the team.
    # A resident's first conversation in the team: number their conversations (in any
    # round) by date; one pass over their rows, where a subquery per conversation took
    # minutes at nation scale.
    team_first = conversations.filter(
        pk__in=Conversation.objects.filter(resident_id__in=conversations.values("resident_id"))
        .annotate(
            order_in_team=Window(
                RowNumber(), partition_by=[F("resident_id")], order_by=[F("held_on"), F("pk")]
            )
        )
        .filter(order_in_team=1)
        .values("pk")
    )
    for item in (
        conversations.values(
            "round_id",
            "round__team_id",
            "round__number",
            "resident_id",
            "resident__known_as_client",
        )
        .annotate(first=Min("held_on"))
        .order_by()
    ):
        target = row(item["round_id"], item["round__team_id"], item["round__number"], item["first"])
        target.new_residents += 1
        target.new_residents_not_known += not item["resident__known_as_client"]
    for item in (
        team_first.values("round_id", "round__team_id", "round__number", "held_on")
        .annotate(n=Count("pk"), not_known=Count("pk", filter=Q(resident__known_as_client=False)))
        .order_by()
    ):
        target = row(
            item["round_id"], item["round__team_id"], item["round__number"], item["held_on"]
        )
        target.new_team_residents = item["n"]
        target.new_team_residents_not_known = item["not_known"]
    neighbourhoods = [
        RoundNeighbourhoodCounts(
            round_id=item["round_id"],
            team_id=item["round__team_id"],
            neighbourhood_id=item["neighbourhood_id"],
            conversations=item["conversations"],
        )
        for item in conversations.values("round_id", "round__team_id", "neighbourhood_id")
        .annotate(conversations=Count("pk"))
        .order_by()
    ]
    return list(rows.values()), neighbourhoods


@transaction.atomic
def refresh(team_ids=None, round_ids=None):
    """Rebuild the rows of the given rounds (all rounds of `team_ids`, or all when both None)."""
    from interviews.models import Round

    rounds = Round.objects.all()
    if team_ids is not None:
        rounds = rounds.filter(team_id__in=team_ids)
    if round_ids is not None:
        rounds = rounds.filter(pk__in=round_ids)
    ids = list(rounds.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        RoundDayCounts.objects.filter(round_id__in=chunk).delete()
        RoundNeighbourhoodCounts.objects.filter(round_id__in=chunk).delete()
        days, neighbourhoods = recount_round(chunk)
        RoundDayCounts.objects.bulk_create(days, batch_size=2_000)
        RoundNeighbourhoodCounts.objects.bulk_create(neighbourhoods, batch_size=2_000)
        StaleRound.objects.filter(round_id__in=chunk).delete()


def refresh_stale(team_ids):
    """Rebuild the stale rounds of `team_ids` (skipping rounds another reader is rebuilding).
    When none is stale, as on most reads, this is one small query."""
    stale = StaleRound.objects.all()
    if team_ids is not None:
        stale = stale.filter(round__team_id__in=team_ids)
    if not stale.exists():
        return
    with transaction.atomic():
        locked = stale.select_for_update(skip_locked=True, of=("self",))
        round_ids = list(locked.values_list("round_id", flat=True))
        if round_ids:
            refresh(round_ids=round_ids)


def round_counts(team_ids, *, start=None, end=None):
    """({(team id, round number): sums of the rollup's counts and the team's name}, residents
    met for the first time), for the teams and period; interviews.services.round_counts turns
    them into figures. Rounds are numbered per team: round 1 of two teams are two rounds."""
    refresh_stale(team_ids)
    rows = RoundDayCounts.objects.filter(team_id__in=team_ids)
    if start:
        rows = rows.filter(day__gte=start)
    if end:
        rows = rows.filter(day__lte=end)
    sums = {name: Sum(name) for name in [*COUNTS, "new_residents", "new_team_residents"]}
    rounds = {
        (item.pop("team_id"), item.pop("round_number")): item
        for item in rows.values("team_id", "team__name", "round_number")
        .annotate(**sums)
        .order_by("team__name", "team_id", "round_number")
    }
    # Each resident's first conversation in the team lies in exactly one round.
    return rounds, sum(row["new_team_residents"] for row in rounds.values())
