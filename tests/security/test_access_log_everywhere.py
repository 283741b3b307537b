"""Every page, export and endpoint that shows a resident's or a referred person's name or contact
details writes an access record naming them (issue 18, finding 1).

The test seeds residents and referrals with names found nowhere else, walks every URL pattern
as each team role and fails for each response that shows one of them without an access record
of that request with the person's key.
"""

import datetime

import pytest
from django.utils import timezone

from collectief.models import AccessRecord
from initiatives.models import Participant
from tests.initiatives.factories import (
    ActivityFactory,
    InitiativeFactory,
    SessionFactory,
    SuccessFactory,
    close_file,
)
from tests.interviews.factories import (
    ConversationFactory,
    ReferralFactory,
    ResidentFactory,
    RoundFactory,
)
from tests.security.scoping import OBJECT_URLS
from tests.urlwalk import iter_routes

pytestmark = pytest.mark.django_db

TEAM_ROLES = ["member", "community_worker", "lead"]


def _seed(world):
    """Two rounds of a team: Zwaantje named Quirijn (still to contact), Wubbo (known) and
    Xandrien (met in round 2). Returns the seeded objects and {shown text: key}."""
    member = world.people["member"]
    first = RoundFactory(team=world.team, number=1)
    second = RoundFactory(team=world.team, number=2, questionnaire=first.questionnaire)
    zwaantje = ResidentFactory(
        team=world.team,
        name="Zwaantje",
        contact_details="zwaantje@voorbeeld.nl",
        consent_asked_by=member,
        consent_given_at=timezone.now(),
        consent_purpose="uitnodiging buurtavond",
    )
    wubbo = ResidentFactory(team=world.team, name="Wubbo")
    xandrien = ResidentFactory(team=world.team, name="Xandrien")
    start = ConversationFactory(round=first, resident=zwaantje, created_by=member, notes="")
    quirijn = ReferralFactory(
        conversation=start, name="Quirijn", how_to_reach="06-55501234", relationship="buurman"
    )
    ReferralFactory(conversation=start, name="Wubbo", resident=wubbo, how_to_reach="")
    followed = ReferralFactory(
        conversation=start, name="Xandrien", resident=xandrien, how_to_reach=""
    )
    follow_up = ConversationFactory(
        round=second,
        resident=xandrien,
        source_referral=followed,
        held_on=first.starts_on + datetime.timedelta(days=1),
        created_by=member,
        notes="",
    )
    shown = {
        "Zwaantje": str(zwaantje.uuid),
        "zwaantje@voorbeeld.nl": str(zwaantje.uuid),
        "Wubbo": str(wubbo.uuid),
        "Xandrien": str(xandrien.uuid),
        # A referred person who is no resident (yet) is logged under the referral's key.
        "Quirijn": f"referral-{quirijn.uuid}",
        "06-55501234": f"referral-{quirijn.uuid}",
    }
    objects = {
        "conversation_uuid": follow_up.uuid,
        "resident_uuid": zwaantje.uuid,
        "round_uuid": second.uuid,
        "referral_uuid": quirijn.uuid,
        "team_pk": world.team.pk,
    }
    return objects, shown, start


def _seed_initiative(world):
    """An initiative started by Fokeltje, with Hiltsje at a session and Gerbrich involved in a
    success: pseudonyms without a resident record. Returns {route name: kwargs} and
    {shown text: key}."""
    initiative = InitiativeFactory(team=world.team, resident_starters="Fokeltje")
    activity = ActivityFactory(initiative=initiative)
    session = SessionFactory(activity=activity)
    hiltsje = Participant.objects.create(initiative=initiative, pseudonym="Hiltsje")
    session.attendees.add(hiltsje)
    success = SuccessFactory(team=world.team, initiative=initiative, involved="Gerbrich")
    routes = {
        "initiatives:detail": {"public_id": initiative.public_id},
        "initiatives:update": {"public_id": initiative.public_id},
        "initiatives:activity_detail": {"public_id": activity.public_id},
        "initiatives:session_update": {"pk": session.pk},
        "initiatives:success_update": {"public_id": success.public_id},
    }
    shown = {
        "Fokeltje": f"starters-{initiative.public_id}",
        "Hiltsje": f"participant-{hiltsje.pk}",
        "Gerbrich": f"involved-{success.public_id}",
    }
    return routes, shown


def _urls(world, objects, start, routes):
    """Every route with the seeded objects where it takes them (else the scoping matrix's own
    object of the team), plus the query strings that change what a page shows."""
    urls = []
    for route in iter_routes():
        kwargs = OBJECT_URLS[route.name].make(world, world.team) if route.kwargs else {}
        kwargs.update({key: value for key, value in objects.items() if key in kwargs})
        kwargs.update(routes.get(route.name, {}))
        urls.append(route.path(**kwargs))
    round_ = f"?round={objects['round_uuid']}"
    urls += [
        f"/interviews/{round_}",
        f"/interviews/new/{round_}",
        f"/interviews/new/?referral={objects['referral_uuid']}",
        f"/interviews/conversations/{start.uuid}/",
        f"/interviews/conversations/{start.uuid}/edit/",
        f"/interviews/teams/{world.team.pk}/export/?named=1",
        f"/interviews/teams/{world.team.pk}/themes/{round_}",
        f"/interviews/residents/{objects['resident_uuid']}/data/?format=json",
    ]
    return urls


def _keys_recorded_since(last_pk):
    return {
        key
        for record in AccessRecord.objects.filter(pk__gt=last_pk, shown=True)
        for key in record.keys
    }


def test_every_response_that_shows_a_name_records_it(world, client):
    objects, shown, start = _seed(world)
    routes, shown_in_initiatives = _seed_initiative(world)
    shown.update(shown_in_initiatives)
    urls = _urls(world, objects, start, routes)
    unrecorded = []
    for role in TEAM_ROLES:
        client.force_login(world.people[role])
        for url in urls:
            last_pk = AccessRecord.objects.order_by("-pk").values_list("pk", flat=True).first()
            response = client.get(url)
            content = close_file(response).decode("utf-8", errors="replace")
            if response.status_code != 200:
                continue
            recorded = _keys_recorded_since(last_pk or 0)
            missing = sorted(
                text for text, key in shown.items() if text in content and key not in recorded
            )
            if missing:
                unrecorded.append((role, url, missing))
    assert not unrecorded, "\n".join(map(str, unrecorded))
