"""What an initiative answers: conversation themes and wishes (issue 4) and collective issues
(issue 5), shown on both sides without interviews or the core importing this app."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.collective.factories import CollectiveIssueFactory
from tests.initiatives.factories import InitiativeFactory
from tests.interviews.factories import ConversationFactory, ThemeFactory, WishFactory

pytestmark = pytest.mark.django_db
ROLES = ["member", "community_worker", "lead", "area_connector", "municipality", "outsider"]


@pytest.fixture
def team_things(world):
    """An initiative of world.team, a theme, a wish and a collective issue of the same team."""
    conversation = ConversationFactory(round__team=world.team)
    theme = ThemeFactory(questionnaire=conversation.round.questionnaire, title="Ontmoeten")
    return {
        "initiative": InitiativeFactory(team=world.team, name="Bakkie op het plein"),
        "theme": theme,
        "wish": WishFactory(conversation=conversation, theme=theme, text="Koffie bij Truus"),
        "issue": CollectiveIssueFactory(team=world.team, title="Eenzaam in de buurt"),
    }


@pytest.fixture
def other_things(world):
    conversation = ConversationFactory(round__team=world.other_team)
    theme = ThemeFactory(questionnaire=conversation.round.questionnaire, title="Buurtthema")
    return {
        "initiative": InitiativeFactory(team=world.other_team, name="Initiatief hiernaast"),
        "theme": theme,
        "wish": WishFactory(conversation=conversation, theme=theme, text="Wens hiernaast"),
        "issue": CollectiveIssueFactory(team=world.other_team, title="Vraagstuk hiernaast"),
    }


def _url(initiative):
    return reverse("initiatives:links", args=[initiative.public_id])


def _post(things):
    return {
        "themes": [things["theme"].pk],
        "wishes": [things["wish"].pk],
        "collective_issues": [things["issue"].pk],
    }


def test_the_link_page_per_role(world, login, team_things, other_things):
    expected = {
        "member": 403,
        "community_worker": 200,
        "lead": 200,
        "area_connector": 403,
        "municipality": 404,
        "outsider": 404,
    }
    for role in ROLES:
        response = login(world.people[role]).get(_url(team_things["initiative"]))
        assert response.status_code == expected[role], role
    # Another team's initiative is not found, even for a community worker.
    client = login(world.people["community_worker"])
    assert client.get(_url(other_things["initiative"])).status_code == 404
    assert client.post(_url(other_things["initiative"]), _post(other_things)).status_code == 404
    assert not other_things["initiative"].themes.exists()


def test_the_form_offers_only_the_own_teams_themes_wishes_and_issues(
    world, login, team_things, other_things
):
    page = login(world.people["community_worker"]).get(_url(team_things["initiative"]))
    body = page.content.decode()
    assert "Ontmoeten" in body and "Koffie bij Truus" in body and "Eenzaam in de buurt" in body
    assert "Buurtthema" not in body and "Wens hiernaast" not in body
    assert "Vraagstuk hiernaast" not in body


@pytest.mark.parametrize("field", ["themes", "wishes", "collective_issues"])
def test_a_forged_id_of_another_team_is_a_field_error(
    world, login, team_things, other_things, field
):
    key = {"themes": "theme", "wishes": "wish", "collective_issues": "issue"}[field]
    data = _post(team_things) | {field: [other_things[key].pk]}
    response = login(world.people["community_worker"]).post(_url(team_things["initiative"]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    initiative = team_things["initiative"]
    assert not (
        initiative.themes.exists()
        or initiative.wishes.exists()
        or initiative.collective_issues.exists()
    )


def test_links_show_on_the_initiative_issue_and_themes_pages(world, login, team_things):
    initiative, issue = team_things["initiative"], team_things["issue"]
    worker = login(world.people["community_worker"])
    response = worker.post(_url(initiative), _post(team_things))
    assert response.status_code == 302
    page = worker.get(initiative.get_absolute_url()).content.decode()
    assert "Ontmoeten" in page and "Koffie bij Truus" in page and "Eenzaam in de buurt" in page
    # The way back, through the registry panels.
    issue_page = worker.get(issue.get_absolute_url()).content.decode()
    assert initiative.get_absolute_url() in issue_page
    themes_url = reverse("interviews:themes", args=[world.team.pk])
    themes_page = worker.get(themes_url).content.decode()
    assert "Bakkie op het plein" in themes_page and initiative.get_absolute_url() in themes_page
    # Outside the team: the area connector sees the links but never the resident's wish.
    connector = login(world.people["area_connector"])
    page = connector.get(initiative.get_absolute_url()).content.decode()
    assert "Ontmoeten" in page and "Koffie bij Truus" not in page
    # Municipality staff see on the themes page what grew, without a link they cannot open.
    municipality = login(world.people["municipality"])
    themes_page = municipality.get(themes_url).content.decode()
    assert "Bakkie op het plein" in themes_page
    assert initiative.get_absolute_url() not in themes_page


def test_a_wish_alone_links_the_initiative_to_its_theme(world, login, team_things):
    team_things["initiative"].wishes.add(team_things["wish"])
    page = login(world.people["lead"]).get(reverse("interviews:themes", args=[world.team.pk]))
    assert "Bakkie op het plein" in page.content.decode()


def test_neither_the_core_nor_interviews_imports_initiatives():
    for app in ("collectief", "interviews"):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    assert not (node.module or "").startswith("initiatives"), path
                elif isinstance(node, ast.Import):
                    assert not any(a.name.startswith("initiatives") for a in node.names), path
