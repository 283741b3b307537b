"""The team's change history: who changed what on residents, conversations, initiatives and
frameworks, with old and new values, read from django-simple-history's tables.

Apps name their models with ``registry.register_history``; the core reads them by label, so
it never imports an app. One query per registered model, whatever the amount of history.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from collectief.registry import registry

HISTORY_LIMIT = 200  # the newest changes shown per model; older ones stay in the database
# Bookkeeping fields that change on every save and tell a reader nothing.
NOISE = {"id", "version", "revision", "last_activity_at", "created_at", "submission_token"}
KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class Change:
    at: object
    user: object
    kind: str
    model: str
    about: str
    fields: list = field(default_factory=list)  # (label, old, new)


def _value(row, model_field):
    if model_field.choices:
        return dict(model_field.flatchoices).get(getattr(row, model_field.attname), "")
    value = getattr(row, model_field.attname)
    return "" if value is None else value


def _tracked_fields(model):
    return [
        each
        for each in model._meta.concrete_fields
        if not each.is_relation and each.name not in NOISE and not each.name.startswith("uuid")
    ]


def team_history(team_id, limit=HISTORY_LIMIT):
    """The newest changes of the team's registered objects, newest first, and their residents."""
    changes, resident_keys = [], []
    for source in registry.history_sources:
        model = apps.get_model(source.model)
        rows = list(
            model.history.filter(**{source.team_field: team_id})
            .select_related("history_user", *source.select_related)
            .order_by("-history_date", "-history_id")[:limit]
        )
        # The previous version of each row, for the old values: from the same query's rows
        # where present, else one more query for all the missing ones together.
        previous = _previous_rows(model, rows)
        tracked = _tracked_fields(model)
        for row in rows:
            before = previous.get(row.history_id)
            shown = []
            for each in tracked:
                new = _value(row, each)
                old = _value(before, each) if before is not None else ""
                if row.history_type == "+" and new in ("", False):
                    continue
                if row.history_type == "~" and old == new:
                    continue
                if row.history_type == "-":
                    continue
                shown.append((each.verbose_name, old, new))
            changes.append(
                Change(
                    at=row.history_date,
                    user=row.history_user,
                    kind=KINDS[row.history_type],
                    model=model._meta.verbose_name,
                    about=source.describe(row),
                    fields=shown,
                )
            )
            if source.residents is not None:
                resident_keys.append(source.residents(row))
    changes.sort(key=lambda change: change.at, reverse=True)
    return changes[:limit], list(dict.fromkeys(key for key in resident_keys if key))


def _previous_rows(model, rows):
    """history_id -> the version before it of the same object."""
    history = model.history.model
    by_object = {}
    for row in rows:
        by_object.setdefault(row.id, []).append(row)
    earlier = (
        history.objects.filter(
            id__in=list(by_object),
            history_date__lt=min((row.history_date for row in rows), default=None),
        )
        .order_by("id", "-history_date", "-history_id")
        .distinct()
        if rows
        else history.objects.none()
    )
    last_before = {}
    for row in earlier:
        last_before.setdefault(row.id, row)
    previous = {}
    for object_rows in by_object.values():
        object_rows.sort(key=lambda row: (row.history_date, row.history_id))
        prior = last_before.get(object_rows[0].id)
        for row in object_rows:
            previous[row.history_id] = prior
            prior = row
    return previous
