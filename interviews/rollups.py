"""Rollup of conversations per round and day, for dashboards across many teams.

RoundDayCounts holds, per round and day, the conversations held, those that came from a
referral, the referrals named and followed up, and the residents met for the first time in
that round (and in the team). A write to a conversation or referral only marks its round
stale (one small insert); the next reader rebuilds the stale rounds it needs from their own
conversations before it reads (collectief/rollups.py describes the rollups). Summing the
rows gives exact figures for any period; residents reached are exact for every period that
starts at the beginning (the dashboard's default), and counted live otherwise.
"""

from django.db import connection, transaction
from django.db.models import Count, Min, OuterRef, Q, Subquery, Sum
from django.db.models.signals import post_delete, post_save

from interviews.models import Conversation, Referral, RoundDayCounts, StaleRound

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


def _conversation_written(sender, instance, signal=None, **kwargs):
    # Its round, and the resident's other rounds: their first meeting in the team may move.
    if signal is post_delete:  # the deleted row no longer names its round
        mark_stale([instance.round_id])
    _mark_stale_from(
        f"SELECT DISTINCT round_id FROM {Conversation._meta.db_table} WHERE resident_id = %s",
        instance.resident_id,
    )


def _referral_written(sender, instance, **kwargs):
    _mark_stale_from(
        f"SELECT round_id FROM {Conversation._meta.db_table} WHERE id = %s",
        instance.conversation_id,
    )


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            _conversation_written, sender=Conversation, dispatch_uid=f"rollup-c-{signal}"
        )
        signal.connect(_referral_written, sender=Referral, dispatch_uid=f"rollup-r-{signal}")


def recount_round(round_ids):
    """RoundDayCounts rows for `round_ids`, counted from their conversations."""
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
        )
        .order_by()
    ):
        target = row(
            item["round_id"], item["round__team_id"], item["round__number"], item["held_on"]
        )
        target.conversations, target.via_referral = item["conversations"], item["via_referral"]
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
    team_first = (
        Conversation.objects.filter(resident_id=OuterRef("resident_id"))
        .order_by("held_on", "pk")
        .values("pk")[:1]
    )
    for item in (
        conversations.values("round_id", "round__team_id", "round__number", "resident_id")
        .annotate(first=Min("held_on"))
        .order_by()
    ):
        target = row(item["round_id"], item["round__team_id"], item["round__number"], item["first"])
        target.new_residents += 1
    for item in (
        conversations.filter(pk=Subquery(team_first))
        .values("round_id", "round__team_id", "round__number", "held_on")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        target = row(
            item["round_id"], item["round__team_id"], item["round__number"], item["held_on"]
        )
        target.new_team_residents = item["n"]
    return list(rows.values())


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
        RoundDayCounts.objects.bulk_create(recount_round(chunk), batch_size=2_000)
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
    """({round number: sums of the rollup's counts}, residents met for the first time), for
    the teams and period; interviews.services.round_counts turns them into figures."""
    refresh_stale(team_ids)
    rows = RoundDayCounts.objects.filter(team_id__in=team_ids)
    if start:
        rows = rows.filter(day__gte=start)
    if end:
        rows = rows.filter(day__lte=end)
    sums = {name: Sum(name) for name in [*COUNTS, "new_residents", "new_team_residents"]}
    rounds = {
        item.pop("round_number"): item
        for item in rows.values("round_number").annotate(**sums).order_by("round_number")
    }
    # Each resident's first conversation in the team lies in exactly one round.
    return rounds, sum(row["new_team_residents"] for row in rounds.values())
