"""Issue 17 §1 on the interviews pages: no hidden count can be worked out of the snowball,
themes and rounds pages by people who see figures only; the team itself sees every number."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import NeighbourhoodFactory
from tests.interviews.factories import (
    AnswerFactory,
    ConversationFactory,
    QuestionFactory,
    ReferralFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = "<5"
FIGURES_ONLY = ["area_connector", "municipality"]


class TableReader(HTMLParser):
    """The text of each row of the table with `table_id`: [[header, cell, ...], ...]."""

    def __init__(self, table_id):
        super().__init__()
        self.table_id, self.inside, self.rows, self.cell = table_id, False, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def table(client, url, table_id):
    """{row header: [cells]} of a table on the page at `url`."""
    response = client.get(url)
    assert response.status_code == 200
    reader = TableReader(table_id)
    reader.feed(response.content.decode())
    return {row[0]: row[1:] for row in reader.rows}


@pytest.fixture
def snowball(world):
    """Issue 17's Rozenprieel line: referrals 15 in round 1, 3 in round 2 (18 in all), over
    10 and 8 conversations (0.4 names per conversation in round 2); round 3 has 2
    conversations and no names."""
    rounds = [RoundFactory(team=world.team, number=number) for number in (1, 2, 3)]
    for round_, conversations, referrals in zip(rounds, (10, 8, 2), (15, 3, 0), strict=True):
        held = [ConversationFactory(round=round_) for _ in range(conversations)]
        for index in range(referrals):
            ReferralFactory(conversation=held[index % conversations])
    return rounds


def test_the_15_hidden_18_line_hides_round_one_too_for_figures_only_roles(world, snowball, login):
    url = reverse("interviews:snowball_team", args=[world.team.pk])
    for role in FIGURES_ONLY:
        rows = table(login(world.people[role]), url, "snowball-figures")
        # Rounds 1, 2, 3 and all rounds.
        assert rows["Doorverwijzingen"] == [HIDDEN, HIDDEN, "0", "18"]
        assert rows["Gesprekken"] == ["10", HIDDEN, HIDDEN, "20"]
        # 0.4 names per conversation times 8 conversations gave the hidden 3 back.
        assert rows["Doorverwijzingen per gesprek"][1] == HIDDEN
        for label in ("Doorverwijzingen", "Gesprekken"):
            assert_no_round_follows_from_the_total(rows[label])
        people_and_conversations = {k: v for k, v in rows.items() if k != "Bereikte buurten"}
        for label, cells in people_and_conversations.items():
            assert not any(cell in {"1", "2", "3", "4"} for cell in cells), label


def assert_no_round_follows_from_the_total(cells):
    """All rounds minus the shown rounds may not leave a single hidden round, nor hidden
    rounds that must all be 1."""
    *rounds, total = cells
    hidden = [cell for cell in rounds if cell == HIDDEN]
    if not hidden or total == HIDDEN:
        return
    rest = int(total) - sum(int(cell) for cell in rounds if cell != HIDDEN)
    assert len(hidden) >= 2 and rest != len(hidden)


def test_a_rounds_page_hides_what_the_teams_page_hides(world, snowball, login):
    client = login(world.people["municipality"])
    url = reverse("interviews:snowball_round", args=[snowball[0].uuid])
    rows = table(client, url, "snowball-figures")
    assert rows["Doorverwijzingen"] == [HIDDEN]
    assert rows["Doorverwijzingen per gesprek"] == [HIDDEN]


def test_the_rounds_list_hides_the_same_conversation_counts(world, snowball, login):
    client = login(world.people["area_connector"])
    response = client.get(reverse("interviews:round_list"))
    reader = TableReader(None)
    reader.inside = True
    reader.feed(response.content.decode())
    conversations = {row[1]: row[-1] for row in reader.rows if row and row[0] == world.team.name}
    assert conversations == {"Ronde 1": "10", "Ronde 2": HIDDEN, "Ronde 3": HIDDEN}


def test_the_team_itself_sees_the_exact_snowball_figures(world, snowball, login):
    url = reverse("interviews:snowball_team", args=[world.team.pk])
    rows = table(login(world.people["member"]), url, "snowball-figures")
    assert rows["Doorverwijzingen"] == ["15", "3", "0", "18"]
    assert rows["Gesprekken"] == ["10", "8", "2", "20"]
    assert rows["Doorverwijzingen per gesprek"][:2] == ["1,5", "0,4"]


@pytest.fixture
def themes(world):
    """One theme in two neighbourhoods: round 1 has 5 conversations in the Slachthuisbuurt
    and 2 in the Parkhuisbuurt, round 2 has 6 in the Slachthuisbuurt."""
    first = RoundFactory(team=world.team, number=1)
    second = RoundFactory(team=world.team, number=2, questionnaire=first.questionnaire)
    question = QuestionFactory(theme__questionnaire=first.questionnaire, theme__title="Veiligheid")
    slachthuis = world.team.neighbourhoods.get()
    parkhuis = NeighbourhoodFactory(name="Parkhuisbuurt", area=world.area)
    world.team.neighbourhoods.add(parkhuis)
    for round_, neighbourhood, count in (
        (first, slachthuis, 5),
        (first, parkhuis, 2),
        (second, slachthuis, 6),
    ):
        for _ in range(count):
            conversation = ConversationFactory(round=round_, neighbourhood=neighbourhood)
            AnswerFactory(conversation=conversation, question=question)
    return first, second


def test_round_one_plus_round_two_minus_a_neighbourhood_gives_nothing_away(world, themes, login):
    """Issue 17: 7 + 6 - 11 gave the Parkhuisbuurt's hidden 2."""
    url = reverse("interviews:themes", args=[world.team.pk])
    for role in FIGURES_ONLY:
        client = login(world.people[role])
        # Round 1, round 2, Parkhuisbuurt, Slachthuisbuurt: 7 + <5 - 11 leaves two unknowns.
        assert table(client, url, "theme-counts")["Veiligheid"] == ["7", HIDDEN, HIDDEN, "11"]
        # A round's page shows that round's row of the same table: 7 - 5 gave the 2 too.
        first = table(client, f"{url}?round={themes[0].uuid}", "theme-counts")
        assert first["Veiligheid"] == ["7", HIDDEN, HIDDEN]
        # Round 2, Slachthuisbuurt: 11 minus round 1's Slachthuisbuurt stays unknown.
        second = table(client, f"{url}?round={themes[1].uuid}", "theme-counts")
        assert second["Veiligheid"] == [HIDDEN, HIDDEN]


def test_the_team_itself_sees_every_theme_count(world, themes, login):
    url = reverse("interviews:themes", args=[world.team.pk])
    client = login(world.people["lead"])
    assert table(client, url, "theme-counts")["Veiligheid"] == ["7", "6", "2", "11"]
    round_page = table(client, f"{url}?round={themes[0].uuid}", "theme-counts")
    assert round_page["Veiligheid"] == ["7", "2", "5"]
