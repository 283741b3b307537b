"""Scoping entries of issue 10: social map, public label pages, shared agenda, capacity."""

import datetime

from initiatives.models import LabelApplication
from interviews.models import SuggestedTheme
from tests.conftest import ROLES
from tests.initiatives.factories import LabelApplicationFactory, LabelProgrammeFactory
from tests.initiatives.factories import SocialMapEntryFactory as _MapEntry
from tests.interviews.factories import QuestionnaireFactory
from tests.pilots.factories import AgendaPriorityFactory, StakeholderMeetingFactory
from tests.security.matrix import Entry


def _map_entry(world, team):
    return {"pk": _MapEntry(neighbourhood=team.neighbourhoods.first()).pk}


def _label(world, team):
    return {"pk": LabelProgrammeFactory(team=team).pk}


def _published_label(world, team):
    return {"pk": LabelProgrammeFactory(team=team, published=True).pk}


def _application(world, team):
    application = LabelApplicationFactory(
        programme__team=team, status=LabelApplication.Status.GRANTED
    )
    return {"pk": application.pk}


def _priority(world, team):
    return {"pk": AgendaPriorityFactory(area=team.area).pk}


def _meeting(world, team):
    return {"pk": StakeholderMeetingFactory(area=team.area, held_on=datetime.date(2018, 1, 9)).pk}


def _suggestion(world, team):
    questionnaire = QuestionnaireFactory(team=team)
    suggestion = SuggestedTheme.objects.create(
        questionnaire=questionnaire, title="Veiligheid", source="Stakeholdersoverleg"
    )
    return {"pk": questionnaire.pk, "suggestion_pk": suggestion.pk}


# The agenda is kept per area: the team next door (same area) shares it by design.
_AREA_WIDE = frozenset({"member", "community_worker", "lead"})

OBJECT_URLS = {
    "initiatives:map_update": Entry(_map_entry),
    "initiatives:map_accept": Entry(_map_entry, own_status=405),  # POST only
    "initiatives:map_delete": Entry(_map_entry, own_status=405),  # POST only
    "initiatives:label_publish": Entry(_label, own_status=405),  # POST only
    "initiatives:application_public": Entry(_application),
    # Public by design: anyone, logged in or not, may open a published label's page.
    "public:label": Entry(_published_label, visible_to=frozenset(ROLES)),
    "public:label_calendar": Entry(_published_label, visible_to=frozenset(ROLES)),
    "pilots:priority_update": Entry(_priority, visible_to=_AREA_WIDE),
    "pilots:meeting_update": Entry(_meeting, visible_to=_AREA_WIDE),
    "pilots:meeting_send": Entry(_meeting, visible_to=_AREA_WIDE),
    "interviews:suggestion_decide": Entry(_suggestion, own_status=405),  # POST only
}


def _roles(**statuses):
    return {role: frozenset({statuses[role]}) for role in ROLES}


_TEAM_PAGE = _roles(
    member=200, community_worker=200, lead=200, area_connector=200, municipality=403, outsider=200
)
_KEEPERS = _roles(
    member=403, community_worker=200, lead=200, area_connector=200, municipality=403, outsider=200
)

PAGES = {
    "initiatives:map": _TEAM_PAGE,
    "initiatives:map_create": _TEAM_PAGE,
    "pilots:agenda": _TEAM_PAGE,
    "pilots:priority_create": _KEEPERS,
    "pilots:meeting_create": _KEEPERS,
    "pilots:capacity": _roles(
        member=200,
        community_worker=200,
        lead=200,
        area_connector=200,
        municipality=200,
        outsider=200,
    ),
}
