import datetime

import pytest
from django.urls import reverse

from collectief.models import Membership
from initiatives.models import Initiative, StatusChange
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _form_data(world, **overrides):
    data = {
        "team": world.team.pk,
        "name": "Leefstraat Zomerkade",
        "description": "Een zomer lang autovrij.",
        "kind": Initiative.Kind.EXISTING_APPROACH,
        "approach": Initiative.Approach.LEEFSTRAAT,
        "quadrant": "collective_activating",
        "neighbourhoods": [n.pk for n in world.team.neighbourhoods.all()],
        "resident_starters": "Kees",
        "contact_person": world.people["community_worker"].pk,
        "status": Initiative.Status.STARTING,
        "status_since": "2018-05-01",
        "partners-TOTAL_FORMS": "2",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "20",
        "partners-0-organisation": "",
        "partners-0-role": "",
        "partners-1-organisation": "",
        "partners-1-role": "",
    }
    data.update(overrides)
    return data


def test_community_worker_registers_an_initiative_with_partners(world, login):
    dock = OrganisationFactory(name="Dock")
    client = login(world.people["community_worker"])
    response = client.post(
        reverse("initiatives:create"),
        _form_data(world, **{"partners-0-organisation": dock.pk, "partners-0-role": "Opbouwwerk"}),
    )
    initiative = Initiative.objects.get(name="Leefstraat Zomerkade")
    assert response.status_code == 302 and response["Location"] == initiative.get_absolute_url()
    assert initiative.team == world.team and initiative.started_on == datetime.date(2018, 5, 1)
    assert [(p.organisation.name, p.role) for p in initiative.partners.all()] == [
        ("Dock", "Opbouwwerk")
    ]
    assert initiative.status_changes.get().to_status == Initiative.Status.STARTING
    assert initiative.history.exists()


def test_forged_team_neighbourhood_and_contact_fail_with_field_errors(world, login):
    client = login(world.people["community_worker"])
    stranger = Membership.objects.get(user=world.people["outsider"]).user
    response = client.post(
        reverse("initiatives:create"),
        _form_data(
            world,
            team=world.far_team.pk,
            contact_person=stranger.pk,
            neighbourhoods=[world.far_team.neighbourhoods.get().pk],
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"team", "contact_person", "neighbourhoods"} <= set(errors)
    assert 'value="Leefstraat Zomerkade"' in response.content.decode()
    assert not Initiative.objects.exists()


def test_a_partner_role_without_organisation_is_refused(world, login):
    client = login(world.people["community_worker"])
    response = client.post(
        reverse("initiatives:create"), _form_data(world, **{"partners-0-role": "Vrijwilligers"})
    )
    assert response.status_code == 200 and not Initiative.objects.exists()


def _edit_data(initiative, world, version, **overrides):
    data = _form_data(world, version=version, **overrides)
    for field in ("team", "status", "status_since"):
        data.pop(field)
    data["started_on"] = "2018-01-02"
    return data


def test_lead_edits_and_a_second_editor_gets_a_conflict_with_input_kept(world, ours, login):
    url = reverse("initiatives:update", args=[ours.initiative.public_id])
    first = login(world.people["lead"])
    assert first.post(url, _edit_data(ours.initiative, world, 0, name="Eerste")).status_code == 302
    second = login(world.people["community_worker"])
    response = second.post(url, _edit_data(ours.initiative, world, 0, name="Tweede versie"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "in the meantime" in page or "intussen" in page
    assert 'value="Tweede versie"' in page
    ours.initiative.refresh_from_db()
    assert ours.initiative.name == "Eerste" and ours.initiative.version == 1


def test_an_initiative_cannot_start_after_it_ended(world, ours, login):
    ours.initiative.status = Initiative.Status.ENDED
    ours.initiative.ended_on = datetime.date(2018, 3, 1)
    ours.initiative.save()
    url = reverse("initiatives:update", args=[ours.initiative.public_id])
    data = _edit_data(ours.initiative, world, 0)
    data["started_on"] = "2018-04-01"
    response = login(world.people["lead"]).post(url, data)
    assert response.status_code == 200 and "started_on" in response.context["form"].errors


def test_ended_to_running_needs_a_reason(world, ours, login):
    client = login(world.people["community_worker"])
    url = reverse("initiatives:status", args=[ours.initiative.public_id])
    assert (
        client.post(
            url, {"status": "ended", "changed_on": "2018-03-01", "reason": "Subsidie op"}
        ).status_code
        == 302
    )
    response = client.post(url, {"status": "running", "changed_on": "2018-04-01", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    response = client.post(
        url, {"status": "running", "changed_on": "2018-04-01", "reason": "Nieuwe trekker"}
    )
    assert response.status_code == 302
    ours.initiative.refresh_from_db()
    assert ours.initiative.status == "running" and ours.initiative.ended_on is None
    assert StatusChange.objects.filter(initiative=ours.initiative).count() == 2


def test_filters_and_search(world, login):
    from tests.initiatives.factories import InitiativeFactory, LabelApplicationFactory

    walking = InitiativeFactory(
        team=world.team, name="Wandelclub", kind=Initiative.Kind.CLUB, quadrant="individual_helping"
    )
    walking.neighbourhoods.set(world.team.neighbourhoods.all())
    cafe = InitiativeFactory(team=world.team, name="Buurtcafé", status=Initiative.Status.IDEA)
    labelled = LabelApplicationFactory(
        programme__team=world.team, initiative=cafe, status="granted"
    )
    partner = OrganisationFactory(name="Humanitas")
    cafe.partners.create(organisation=partner, role="Vrijwilligers")
    client = login(world.people["member"])

    def names(**params):
        response = client.get(reverse("initiatives:list"), params)
        return {i.name for i in response.context["page"]}

    assert names(q="wandel") == {"Wandelclub"}
    assert names(kind="club") == {"Wandelclub"}
    assert names(status="idea") == {"Buurtcafé"}
    assert names(quadrant="individual_helping") == {"Wandelclub"}
    assert names(neighbourhood=world.team.neighbourhoods.get().pk) == {"Wandelclub"}
    assert names(label=labelled.programme.pk) == {"Buurtcafé"}
    assert names(partner=partner.pk) == {"Buurtcafé"}
    assert names() == {"Wandelclub", "Buurtcafé"}
