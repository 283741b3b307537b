"""Scoping entries of the initiatives URLs (initiatives, activities, labels, successes)."""

from django.core.files.base import ContentFile

from tests.initiatives.factories import (
    ActivityFactory,
    InitiativeFactory,
    LabelApplicationFactory,
    LabelProgrammeFactory,
    MaterialFactory,
    SessionFactory,
    SuccessFactory,
    png_bytes,
)
from tests.security.matrix import Entry


def _initiative(world, team):
    return {"public_id": InitiativeFactory(team=team).public_id}


def _activity(world, team):
    return {"public_id": ActivityFactory(initiative__team=team).public_id}


def _session(world, team):
    return {"pk": SessionFactory(activity__initiative__team=team).pk}


def _material(world, team):
    return {"public_id": MaterialFactory(initiative__team=team).public_id}


def _label(world, team):
    return {"pk": LabelProgrammeFactory(team=team).pk}


def _application(world, team):
    return {"pk": LabelApplicationFactory(programme__team=team).pk}


def _success(world, team):
    return {"public_id": SuccessFactory(team=team).public_id}


def _success_with_photo(world, team):
    success = SuccessFactory(team=team, photo=ContentFile(png_bytes(), name="foto.png"))
    return {"public_id": success.public_id}


OBJECT_URLS = {
    "initiatives:detail": Entry(_initiative),
    "initiatives:update": Entry(_initiative),
    "initiatives:status": Entry(_initiative),
    "initiatives:comment_add": Entry(_initiative, own_status=405),  # POST only
    "initiatives:label_apply": Entry(_initiative),
    "initiatives:activity_create": Entry(_initiative),
    "initiatives:material_create": Entry(_initiative),
    "initiatives:activity_detail": Entry(_activity),
    "initiatives:session_create": Entry(_activity),
    "initiatives:session_update": Entry(_session),
    "initiatives:material_file": Entry(_material),
    "initiatives:material_delete": Entry(_material, own_status=405),  # POST only
    "initiatives:label_detail": Entry(_label),
    "initiatives:label_update": Entry(_label),
    "initiatives:label_badge": Entry(_label),
    "initiatives:application_decide": Entry(_application),
    "initiatives:success_update": Entry(_success),
    "initiatives:success_photo": Entry(_success_with_photo),
}

_TEAMS_AND_AREA = {
    "member": {200},
    "community_worker": {200},
    "lead": {200},
    "area_connector": {200},
    "municipality": {403},
}
_RUN_WORK = {**_TEAMS_AND_AREA, "member": {403}, "area_connector": {403}}

PAGES = {
    "initiatives:list": _TEAMS_AND_AREA,
    "initiatives:export": _TEAMS_AND_AREA,
    "initiatives:session_export": _TEAMS_AND_AREA,
    "initiatives:label_list": _TEAMS_AND_AREA,
    "initiatives:success_list": _TEAMS_AND_AREA,
    "initiatives:create": _RUN_WORK,
    "initiatives:label_create": _RUN_WORK,
    # Successes name the residents involved: only the teams record them.
    "initiatives:success_create": {**_TEAMS_AND_AREA, "area_connector": {403}},
}
