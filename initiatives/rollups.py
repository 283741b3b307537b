"""The sessions rollup (TeamDaySessions): what the city dashboard's participants section sums.

Kept current on every save or delete of a Session by signals, in the writer's transaction;
`manage.py refresh_rollups` rebuilds it from the sessions (generate_data does, after COPY).
See collectief/rollups.py.
"""

from django.db import transaction
from django.db.models import Count, F, Sum
from django.db.models.signals import post_delete, post_save, pre_save

from initiatives.models import Activity, Session, TeamDaySessions


def _team_of(session):
    return Activity.objects.filter(pk=session.activity_id).values_list(
        "initiative__team_id", flat=True
    )[0]


def _add(team_id, day, sessions, participants, volunteers):
    row, _created = TeamDaySessions.objects.get_or_create(team_id=team_id, day=day)
    # F() adds in the database, so two saves at once both count.
    TeamDaySessions.objects.filter(pk=row.pk).update(
        sessions=F("sessions") + sessions,
        participants=F("participants") + participants,
        volunteers=F("volunteers") + volunteers,
    )


def _remember_old(sender, instance, raw=False, **kwargs):
    old = None
    if instance.pk and not raw:
        old = Session.objects.filter(pk=instance.pk).values("date", "participants", "volunteers")
        old = old.first()
    instance._rollup_old = old


def _saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    team_id = _team_of(instance)
    old = getattr(instance, "_rollup_old", None)
    if old:
        _add(team_id, old["date"], -1, -old["participants"], -old["volunteers"])
    _add(team_id, instance.date, 1, instance.participants, instance.volunteers)


def _deleted(sender, instance, **kwargs):
    team = Activity.objects.filter(pk=instance.activity_id).values_list(
        "initiative__team_id", flat=True
    )
    if team:  # gone with its activity's team: the team's rows went with it (cascade)
        _add(team[0], instance.date, -1, -instance.participants, -instance.volunteers)


def connect():
    pre_save.connect(_remember_old, sender=Session, dispatch_uid="rollup-session-old")
    post_save.connect(_saved, sender=Session, dispatch_uid="rollup-session-saved")
    post_delete.connect(_deleted, sender=Session, dispatch_uid="rollup-session-deleted")


def sessions_recount(team_ids=None):
    """{(team_id, day): (sessions, participants, volunteers)} counted from every session."""
    sessions = Session.objects.all()
    if team_ids is not None:
        sessions = sessions.filter(activity__initiative__team_id__in=team_ids)
    return {
        (row["activity__initiative__team_id"], row["date"]): (row["n"], row["p"], row["v"])
        for row in sessions.values("activity__initiative__team_id", "date")
        .annotate(n=Count("pk"), p=Sum("participants"), v=Sum("volunteers"))
        .order_by()
    }


@transaction.atomic
def refresh(team_ids=None):
    stale = TeamDaySessions.objects.all()
    if team_ids is not None:
        stale = stale.filter(team_id__in=team_ids)
    stale.delete()
    TeamDaySessions.objects.bulk_create(
        [
            TeamDaySessions(team_id=team, day=day, sessions=n, participants=p, volunteers=v)
            for (team, day), (n, p, v) in sessions_recount(team_ids).items()
        ],
        batch_size=2_000,
    )
