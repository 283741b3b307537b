"""Scoping entries of the pilots URLs (pilots, journal, lessons, scores, workshops, dashboard)."""

from tests.conftest import ROLES
from tests.pilots.factories import JournalEntryFactory, LessonFactory, PilotFactory, WorkshopFactory
from tests.security.matrix import Entry
from tests.security.matrix import same_for_all as _same


def _pilot(world, team):
    return {"pk": PilotFactory(team=team).pk}


def _export(world, team):
    return {**_pilot(world, team), "key": "journal"}


def _scores(world, team):
    return {**_pilot(world, team), "phase": "design"}


def _journal_entry(world, team):
    entry = JournalEntryFactory(pilot__team=team)
    return {"pk": entry.pilot_id, "entry_pk": entry.pk}


def _lesson(world, team):
    lesson = LessonFactory(pilot__team=team)
    return {"pk": lesson.pilot_id, "lesson_pk": lesson.pk}


def _section(world, team):
    return {"key": "journal"}


def _workshop(world, team):
    return {"pk": WorkshopFactory(team=team).pk}


_CITYWIDE = frozenset({"municipality"})

OBJECT_URLS = {
    # Municipality staff follow every pilot (VIEW_FIGURES citywide; small counts suppressed).
    "pilots:detail": Entry(_pilot, visible_to=_CITYWIDE),
    "pilots:update": Entry(_pilot),
    "pilots:report": Entry(_pilot, visible_to=_CITYWIDE),
    "pilots:export": Entry(_export, visible_to=_CITYWIDE),
    "pilots:journal_create": Entry(_pilot),
    "pilots:journal_update": Entry(_journal_entry),
    "pilots:lesson_create": Entry(_pilot),
    "pilots:lesson_update": Entry(_lesson),
    "pilots:scores": Entry(_scores),
    "pilots:workshop_detail": Entry(_workshop),
    "pilots:workshop_update": Entry(_workshop),
    # The key names a dashboard section, not a team's object: every role gets the figures of
    # its own scope (tests/pilots/test_figures.py), so there is no foreign object to refuse.
    "pilots:dashboard_export": Entry(_section, visible_to=frozenset(ROLES)),
}

_TEAMS_AND_AREA = {
    "member": {200},
    "community_worker": {200},
    "lead": {200},
    "area_connector": {200},
    "municipality": {403},
}

PAGES = {
    "pilots:list": _TEAMS_AND_AREA,
    "pilots:create": {**_TEAMS_AND_AREA, "member": {403}, "area_connector": {403}},
    "pilots:workshop_list": _same(200),
    # Area connectors and municipality staff organise citywide workshops; members don't.
    "pilots:workshop_create": {**_same(200), "member": {403}},
    "pilots:dashboard": _same(200),
    "pilots:city_report": _same(200),
}
