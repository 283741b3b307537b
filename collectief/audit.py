"""The access log: apps call ``record_access`` from every view that shows residents' data.

Usage in an app's view (after the access check, also when it refused)::

    record_access(request, team=resident.team, resident_keys=[resident.uuid],
                  purpose="interviews:resident_detail")

A refused attempt (the policy answered 404 or 403) is recorded too, with ``shown=False``. Pass
the resident's real team when the resident exists, so that the team lead sees that someone
outside the team tried; ``team=None`` when the key matches no resident at all.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from collectief.access import get_for_user, get_team_for_user
from collectief.models import AccessRecord, Team
from collectief.observability import access_logger


def client_address(request):
    """The client's address: REMOTE_ADDR, or behind our proxy the address the proxy saw.

    Only the right-most X-Forwarded-For entry is trusted: our proxy appends it, whereas
    anything to its left came from the client and can be forged.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        if entries:
            return entries[-1]
    return request.META.get("REMOTE_ADDR") or None


def _access_record(request, *, team, resident_keys, purpose, shown):
    """An unsaved access record, its keys checked: opaque, without spaces, at least one."""
    keys = [str(key) for key in resident_keys]
    if not keys:
        raise ValueError("An access record needs at least one resident key.")
    if any(not key or any(char.isspace() for char in key) for key in keys):
        raise ValueError("Resident keys are opaque identifiers without spaces.")
    return AccessRecord(
        user=request.user,
        team=team,
        resident_keys=f" {' '.join(keys)} ",
        purpose=str(purpose)[:100],
        shown=shown,
        client_address=client_address(request),
    )


def _log(record):
    """The log line points at the record; which residents it names stays in the database."""
    access_logger.info(
        "access_recorded",
        access_record_id=record.pk,
        user_id=record.user_id,
        team_id=record.team_id,
        purpose=record.purpose,
        shown=record.shown,
        resident_count=len(record.resident_keys.split()),
    )


def record_access(request, *, team, resident_keys, purpose, shown=True):
    """Append one access record: who (the logged-in person), which residents, why, result."""
    record = _access_record(
        request, team=team, resident_keys=resident_keys, purpose=purpose, shown=shown
    )
    record.save()
    _log(record)
    return record


def record_list_access(request, *, shown, purpose):
    """Record the residents a list, form or export shows: one INSERT for the whole request.

    ``shown`` holds ``(team_id, key)`` pairs, in the page's order; repeats are dropped. A page
    can show residents of several teams (a person in two teams), and each team lead sees their
    own team's records, so there is one record per team, all written by one statement.
    A page that shows no one writes nothing.
    """
    keys_by_team = {}
    for team_id, key in shown:
        keys_by_team.setdefault(team_id, {})[str(key)] = None
    records = []
    for team_id, keys in keys_by_team.items():
        record = _access_record(request, team=None, resident_keys=keys, purpose=purpose, shown=True)
        record.team_id = team_id
        records.append(record)
    records = AccessRecord.objects.bulk_create(records)
    for record in records:
        _log(record)
    return records


def _team_of(obj, team_field):
    for part in team_field.split("__"):
        obj = getattr(obj, part)
    return obj


def get_recorded(
    request, queryset, capability, *, purpose, residents, team_field="team", allow=None, **kw
):
    """``get_for_user`` for pages that show residents' personal data, with the access record.

    ``residents(obj)`` gives the resident keys the page shows; ``allow(obj)`` is an extra check
    of the view (403 when false). A refusal (404 or 403) is recorded too, under the object's
    real team when it exists (so that its team lead sees the attempt) and with the requested
    key when it does not; then the refusal is raised as usual.
    """
    lookup = {key: value for key, value in kw.items() if key != "require"}
    try:
        obj = get_for_user(request.user, queryset, capability, team_field=team_field, **kw)
        if allow is not None and not allow(obj):
            raise PermissionDenied
    except (Http404, PermissionDenied):
        try:
            found = queryset.filter(**lookup).first()
        except (ValueError, ValidationError):
            found = None
        if found is None:
            keys, team = [str(value) for value in lookup.values()], None
        else:
            keys, team = residents(found), _team_of(found, team_field)
        record_access(request, team=team, resident_keys=keys, purpose=purpose, shown=False)
        raise
    record_access(
        request, team=_team_of(obj, team_field), resident_keys=residents(obj), purpose=purpose
    )
    return obj


def get_team_recorded(request, team_pk, capability, *, purpose, require=None):
    """``get_team_for_user`` for team-wide pages with residents' data (exports, history).

    A refusal is recorded under the team asked for; it showed no resident, so the team stands
    in for the resident keys. The caller records what a shown page held.
    """
    try:
        return get_team_for_user(request.user, team_pk, capability, require=require)
    except (Http404, PermissionDenied):
        record_access(
            request,
            team=Team.objects.filter(pk=team_pk).first(),
            resident_keys=[f"team-{team_pk}"],
            purpose=purpose,
            shown=False,
        )
        raise
