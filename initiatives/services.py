"""Writes of the initiatives app (one transaction each) and a small read API for other apps.

The read functions at the end (`initiative_counts`, `participants_per_period`,
`shareable_successes`) take team ids that the caller has already scoped with
collectief.access, so that a city dashboard can use them without knowing these models.
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.utils import timezone
from django.utils.translation import gettext as _

from collectief.concurrency import save_versioned
from initiatives.models import (
    Activity,
    Comment,
    Initiative,
    InitiativePartner,
    LabelApplication,
    Material,
    Participant,
    Session,
    StatusChange,
    Success,
    TeamDaySessions,
)
from interviews.models import Theme, Wish

S = Initiative.Status
# Which status may follow which (the lifecycle idea → starting → running → paused → ended).
TRANSITIONS = {
    S.IDEA: {S.STARTING, S.RUNNING, S.ENDED},
    S.STARTING: {S.RUNNING, S.PAUSED, S.ENDED},
    S.RUNNING: {S.PAUSED, S.ENDED},
    S.PAUSED: {S.RUNNING, S.ENDED},
    S.ENDED: {S.RUNNING},
}
NEEDS_REASON = {S.PAUSED, S.ENDED}


def status_change_problem(initiative, new_status, changed_on, reason):
    """Why this status change is not allowed (a message), or None when it is."""
    if new_status == initiative.status:
        return _("The initiative already has this status.")
    if new_status not in TRANSITIONS[initiative.status]:
        return _("An initiative cannot go from “%(old)s” to “%(new)s”.") % {
            "old": initiative.get_status_display(),
            "new": S(new_status).label,
        }
    if not reason.strip() and (
        new_status in NEEDS_REASON or (initiative.status == S.ENDED and new_status == S.RUNNING)
    ):
        return _("Give a reason for this status change.")
    if changed_on > timezone.localdate():
        return _("The date of a status change cannot be in the future.")
    if changed_on < initiative.status_since:
        return _("The date cannot be before the current status began (%(date)s).") % {
            "date": initiative.status_since.strftime("%d-%m-%Y")
        }
    return None


def _apply_status(initiative, status, changed_on):
    initiative.status = status
    initiative.status_since = changed_on
    if status in (S.STARTING, S.RUNNING) and initiative.started_on is None:
        initiative.started_on = changed_on
    if status == S.ENDED:
        initiative.ended_on = changed_on
    elif initiative.ended_on is not None:
        initiative.ended_on = None  # restarted after it had ended


@transaction.atomic
def initiative_create(*, team, user, neighbourhoods, organisation_starters, partners, **fields):
    """Register an initiative of `team`; `partners` is a list of (organisation, role)."""
    initiative = Initiative(team=team, **fields)
    if initiative.status in (S.STARTING, S.RUNNING) and initiative.started_on is None:
        initiative.started_on = initiative.status_since
    initiative.full_clean()
    initiative.save()
    initiative.neighbourhoods.set(neighbourhoods)
    initiative.organisation_starters.set(organisation_starters)
    _set_partners(initiative, partners)
    StatusChange.objects.create(
        initiative=initiative,
        to_status=initiative.status,
        changed_on=initiative.status_since,
        changed_by=user,
    )
    return initiative


@transaction.atomic
def initiative_update(
    *, initiative, expected_version, neighbourhoods, organisation_starters, partners, **fields
):
    """Save an edit; raises EditConflict when someone else saved since `expected_version`."""
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.full_clean()
    save_versioned(initiative, expected_version)
    initiative.neighbourhoods.set(neighbourhoods)
    initiative.organisation_starters.set(organisation_starters)
    _set_partners(initiative, partners)
    return initiative


def _set_partners(initiative, partners):
    wanted = {organisation.pk: (organisation, role) for organisation, role in partners}
    initiative.partners.exclude(organisation_id__in=wanted).delete()
    existing = {p.organisation_id: p for p in initiative.partners.all()}
    for pk, (organisation, role) in wanted.items():
        partner = existing.get(pk)
        if partner is None:
            InitiativePartner.objects.create(
                initiative=initiative, organisation=organisation, role=role
            )
        elif partner.role != role:
            partner.role = role
            partner.save(update_fields=["role"])


@transaction.atomic
def initiative_change_status(*, initiative, user, status, changed_on, reason=""):
    """Move the initiative along its lifecycle, or raise ValidationError with the reason why not."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    problem = status_change_problem(initiative, status, changed_on, reason)
    if problem:
        raise ValidationError(problem)
    StatusChange.objects.create(
        initiative=initiative,
        from_status=initiative.status,
        to_status=status,
        changed_on=changed_on,
        reason=reason.strip(),
        changed_by=user,
    )
    _apply_status(initiative, status, changed_on)
    initiative.status_reason = reason.strip()
    initiative.version += 1
    initiative.save()
    return initiative


@transaction.atomic
def comment_add(*, initiative, author, text):
    return Comment.objects.create(initiative=initiative, author=author, text=text)


@transaction.atomic
def label_programme_save(*, programme, expected_version=None):
    """Create a label programme, or save an edit unless someone else saved first."""
    return save_versioned(programme, expected_version)


def _same_team(programme, initiative):
    if programme.team_id != initiative.team_id:
        raise ValidationError(_("Only initiatives of the label's own team can carry this label."))


@transaction.atomic
def label_publish(*, programme, published):
    programme.published = published
    programme.save(update_fields=["published"])
    return programme


@transaction.atomic
def public_entry_save(*, application):
    application.save(update_fields=["public", "public_summary", "how_to_join"])
    return application


@transaction.atomic
def label_apply(*, programme, initiative, motivation="", public=False):
    """An initiative applies for the label (again, after a decline or withdrawal)."""
    _same_team(programme, initiative)
    application, created = LabelApplication.objects.get_or_create(
        programme=programme,
        initiative=initiative,
        defaults={
            "motivation": motivation,
            "public": public,
            "applied_on": timezone.localdate(),
        },
    )
    if not created:
        if application.status in (LabelApplication.Status.APPLIED, LabelApplication.Status.GRANTED):
            raise ValidationError(_("This initiative has already applied for this label."))
        application.status = LabelApplication.Status.APPLIED
        application.motivation = motivation
        application.public = public
        application.applied_on = timezone.localdate()
        application.decided_on = application.decided_by = None
        application.decision_reason = ""
        application.save()
    return application


@transaction.atomic
def label_decide(*, application, user, status, reason=""):
    """The team's decision: granted, declined (with a reason) or withdrawn."""
    _same_team(application.programme, application.initiative)
    if status == LabelApplication.Status.DECLINED and not reason.strip():
        raise ValidationError(_("Give the reason why the label is declined."))
    if status not in (
        LabelApplication.Status.GRANTED,
        LabelApplication.Status.DECLINED,
        LabelApplication.Status.WITHDRAWN,
    ):
        raise ValidationError(_("Choose granted, declined or withdrawn."))
    application.status = status
    application.decision_reason = reason.strip()
    application.decided_on = timezone.localdate()
    application.decided_by = user
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def activity_create(*, initiative, name, recurrence, location="", **when):
    """`when`: optional starts_on, start_time, end_time (for the public calendar)."""
    activity = Activity(
        initiative=initiative, name=name, recurrence=recurrence, location=location, **when
    )
    activity.full_clean()
    activity.save()
    return activity


def session_problem(activity, date):
    """Why a session on `date` cannot be recorded, or None."""
    started_on = activity.initiative.started_on
    if started_on and date < started_on:
        return _("The initiative started on %(date)s; a session cannot be earlier.") % {
            "date": started_on.strftime("%d-%m-%Y")
        }
    if date > timezone.localdate():
        return _("Record a session once it has taken place (the date is in the future).")
    return None


def _participants(initiative, pseudonyms):
    return [
        Participant.objects.get_or_create(initiative=initiative, pseudonym=name)[0]
        for name in pseudonyms
    ]


@transaction.atomic
def session_record(*, activity, attendee_names=(), session=None, expected_version=None, **fields):
    """Record (or correct) one session; registered attendees are kept by pseudonym."""
    problem = session_problem(activity, fields["date"])
    if problem:
        raise ValidationError({"date": problem})
    if session is None:
        session = Session(activity=activity)
    for name, value in fields.items():
        setattr(session, name, value)
    session.full_clean()
    save_versioned(session, expected_version)
    session.attendees.set(_participants(activity.initiative, attendee_names))
    return session


@transaction.atomic
def material_add(*, initiative, user, title, file, content_type):
    material = Material(
        initiative=initiative,
        title=title,
        file=file,
        content_type=content_type,
        size=file.size,
        uploaded_by=user,
    )
    material.save()
    return material


@transaction.atomic
def material_delete(*, material):
    stored = material.file
    material.delete()
    # Remove the file only once the row is gone for good.
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


@transaction.atomic
def success_record(*, team, user, **fields):
    success = Success(team=team, recorded_by=user, **fields)
    success.full_clean()
    success.save()
    return success


@transaction.atomic
def success_update(*, success, expected_version, **fields):
    for name, value in fields.items():
        setattr(success, name, value)
    success.full_clean()
    return save_versioned(success, expected_version)


def reach(initiative):
    """Sessions, attendance and distinct registered participants of one initiative."""
    sessions = Session.objects.filter(activity__initiative=initiative)
    figures = sessions.reach()
    figures["distinct_participants"] = (
        Participant.objects.filter(initiative=initiative, sessions__isnull=False).distinct().count()
    )
    over_time = list(
        sessions.values("date")
        .annotate(people=Sum("participants"), helpers=Sum("volunteers"))
        .order_by("date")
    )
    figures["over_time"] = over_time
    return figures


PEOPLE_PER_DAY = ("people", "helpers")  # participants and volunteers of a session day


def _protected_days(days, disclosure, key="date"):
    """[{`key`, "people", "helpers", ...}] (session days, or sessions) of one initiative as
    `disclosure` lets them show, and the protected totals {"people", "helpers"}: the rows and
    their totals are ONE table, the same on the initiative and activity pages and in the
    session export."""
    table = disclosure.table(
        {(day[key], column): day[column] or 0 for day in days for column in PEOPLE_PER_DAY},
        row_totals=False,
        grand_total=False,
    )
    shown = [
        day | {column: table.cell(day[key], column) for column in PEOPLE_PER_DAY} for day in days
    ]
    totals = {column: table.column_total(column) if days else 0 for column in PEOPLE_PER_DAY}
    return shown, totals


def protect_reach(figures, disclosure):
    """`reach(...)` as `disclosure` lets it show: the people per session day with their
    totals (the volunteers' total is shown, the participants' is behind the average), the
    average and the distinct participants hidden when a count behind them is."""
    over_time, totals = _protected_days(figures["over_time"], disclosure)
    participants = totals["people"]
    return figures | {
        "over_time": over_time,
        "total_participants": participants,
        "total_volunteers": totals["helpers"],
        "average_participants": disclosure.derived(figures["average_participants"], participants),
        "distinct_participants": disclosure.count(figures["distinct_participants"]),
    }


def _session_table(sessions, disclosure):
    return _protected_days(
        [
            {"session": session, "people": session.participants, "helpers": session.volunteers}
            for session in sessions
        ],
        disclosure,
        key="session",
    )


def protect_activity(sessions, figures, disclosure):
    """The sessions of one activity as `disclosure` lets them show ({"session", "people",
    "helpers"} each) and its `figures` (`SessionQuerySet.reach`) with the average hidden
    when a count behind it is."""
    rows, totals = _session_table(sessions, disclosure)
    average = disclosure.derived(figures["average_participants"], totals["people"])
    return rows, figures | {"average_participants": average}


def protected_sessions(sessions, disclosure):
    """[{"session", "people", "helpers"}] for the session export: per activity the same
    table as on the activity's page."""
    by_activity = {}
    for session in sessions:
        by_activity.setdefault(session.activity_id, []).append(session)
    return [row for group in by_activity.values() for row in _session_table(group, disclosure)[0]]


# ---- Read API for dashboards (e.g. the pilots app's city dashboard) ----


def _in_teams(queryset, team_ids, team_field):
    """`team_ids` may be collectief.access.ALL_TEAMS (anything that is not a collection)."""
    if isinstance(team_ids, set | frozenset | list | tuple):
        return queryset.filter(**{f"{team_field}__in": team_ids})
    return queryset


def _ran_in(start, end, prefix=""):
    """A Q for initiatives that ran at some time between `start` and `end` (either may be None):
    not ended before the start, and started (or, not yet started, created) by the end."""
    condition = Q()
    if start:
        condition &= Q(**{f"{prefix}ended_on__isnull": True}) | Q(
            **{f"{prefix}ended_on__gte": start}
        )
    if end:
        condition &= Q(**{f"{prefix}started_on__lte": end}) | Q(
            **{f"{prefix}started_on__isnull": True, f"{prefix}created_at__date__lte": end}
        )
    return condition


def initiative_counts(team_ids, *, start=None, end=None):
    """{team_id: {"by_status": {status: n}, "by_label": {label name: n}}} in two queries.

    With `start` and/or `end`, only initiatives that ran in that period count.
    """
    result = {}
    by_status = (
        _in_teams(Initiative.objects.filter(_ran_in(start, end)), team_ids, "team_id")
        .values("team_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in by_status:
        team = result.setdefault(row["team_id"], {"by_status": {}, "by_label": {}})
        team["by_status"][row["status"]] = row["n"]
    by_label = (
        _in_teams(
            LabelApplication.objects.granted().filter(_ran_in(start, end, "initiative__")),
            team_ids,
            "initiative__team_id",
        )
        .values("initiative__team_id", "programme__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in by_label:
        team = result.setdefault(row["initiative__team_id"], {"by_status": {}, "by_label": {}})
        team["by_label"][row["programme__name"]] = row["n"]
    return result


PERIODS = {"month": TruncMonth, "quarter": TruncQuarter, "year": TruncYear}


def participants_per_period(team_ids, *, start=None, end=None, period="month"):
    """[{"period" (date), "sessions", "participants", "volunteers"}] per period, summed over
    the teams in the database.

    Summed from the daily rollup (initiatives/rollups.py), not from every session.
    """
    days = _between(
        _in_teams(TeamDaySessions.objects.filter(sessions__gt=0), team_ids, "team_id"),
        "day",
        start,
        end,
    )
    rows = (
        days.annotate(period=PERIODS[period]("day"))
        .values("period")
        .annotate(
            session_count=Sum("sessions"),
            people=Sum("participants"),
            helpers=Sum("volunteers"),
        )
        .order_by("period")
    )
    return [
        {
            "period": _as_date(row["period"]),
            "sessions": row["session_count"],
            "participants": row["people"],
            "volunteers": row["helpers"],
        }
        for row in rows
    ]


def distinct_participants_per_period(team_ids, *, start=None, end=None, period="month"):
    """{period (date): distinct registered participants who attended a session in it}, over
    the teams (one query). Unlike the attendance, a person who came to four sessions counts
    once; participants count only where the team registers them."""
    attended = _between(
        _in_teams(
            Session.attendees.through.objects.all(),
            team_ids,
            "session__activity__initiative__team_id",
        ),
        "session__date",
        start,
        end,
    )
    rows = (
        attended.annotate(period=PERIODS[period]("session__date"))
        .values("period")
        .annotate(people=Count("participant", distinct=True))
        .order_by()
    )
    return {_as_date(row["period"]): row["people"] for row in rows}


def _between(queryset, field_name, start=None, end=None):
    """`queryset` with `field_name` (a date) from `start` to `end`; either may be open."""
    if start:
        queryset = queryset.filter(**{f"{field_name}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field_name}__lte": end})
    return queryset


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def shareable_successes(team_ids, *, limit=None, start=None, end=None):
    """Shareable successes without personal data: title, date, team, initiative, celebrated.

    With `start` and/or `end`, only successes that happened in that period.
    """
    successes = Success.objects.shareable()
    if start:
        successes = successes.filter(happened_on__gte=start)
    if end:
        successes = successes.filter(happened_on__lte=end)
    rows = (
        _in_teams(successes, team_ids, "team_id")
        .order_by("-happened_on", "-pk")
        .values(
            "title",
            "happened_on",
            "celebrated_on",
            "team_id",
            "team__name",
            "initiative__name",
        )
    )
    return list(rows[:limit] if limit else rows)


def home_figures(team_ids):
    """The home panel's figures for the person's own teams, in one query each."""
    initiatives = Initiative.objects.filter(team_id__in=team_ids).aggregate(
        active=Count("pk", filter=Q(status__in=[S.STARTING, S.RUNNING])),
        total=Count("pk"),
    )
    uncelebrated = Success.objects.filter(team_id__in=team_ids, celebrated_on__isnull=True)
    return {**initiatives, "uncelebrated": uncelebrated.count()}


# ---- Links: what an initiative answers (themes and wishes, collective issues) ----


def linkable_themes(initiative):
    """The team's conversation themes, one per theme (its latest version), plus those already
    linked."""
    team_themes = Theme.objects.filter(questionnaire__team=initiative.team_id)
    latest = team_themes.values("key").annotate(latest=Max("pk")).values("latest")
    return (
        team_themes.filter(Q(pk__in=latest) | Q(initiatives=initiative.pk))
        .select_related("questionnaire")
        .distinct()
        .order_by("title")
    )


def linkable_wishes(initiative):
    return (
        Wish.objects.filter(conversation__round__team=initiative.team_id)
        .select_related("theme")
        .order_by("theme__title", "pk")
    )


@transaction.atomic
def initiative_set_links(*, initiative, themes, wishes, collective_issues):
    """Replace what the initiative answers; each must belong to the initiative's team."""
    team_id = initiative.team_id
    if (
        any(theme.questionnaire.team_id != team_id for theme in themes)
        or Wish.objects.filter(pk__in=[wish.pk for wish in wishes])
        .exclude(conversation__round__team=team_id)
        .exists()
        or any(issue.team_id != team_id for issue in collective_issues)
    ):
        raise ValidationError(_("Only your own team's themes, wishes and issues can be linked."))
    initiative.themes.set(themes)
    initiative.wishes.set(wishes)
    initiative.collective_issues.set(collective_issues)


def what_grew_from_themes(team_id):
    """[(theme title, [(initiative name, public id)])]: the team's initiatives that answer a
    conversation theme, directly or through a wish under it (two queries)."""
    titles, found = {}, defaultdict(dict)
    rows = list(
        Initiative.themes.through.objects.filter(
            theme__questionnaire__team=team_id, initiative__team=team_id
        ).values_list("theme__key", "theme__title", "initiative__name", "initiative__public_id")
    ) + list(
        Initiative.wishes.through.objects.filter(
            wish__conversation__round__team=team_id,
            wish__theme__isnull=False,
            initiative__team=team_id,
        ).values_list(
            "wish__theme__key", "wish__theme__title", "initiative__name", "initiative__public_id"
        )
    )
    for key, title, name, public_id in rows:
        titles.setdefault(key, title)
        found[key][public_id] = name
    return sorted(
        (titles[key], sorted((name, public_id) for public_id, name in items.items()))
        for key, items in found.items()
    )
