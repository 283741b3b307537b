"""Issue 17, section 3: every figure the app shows is explained on the "How we count" page.

Each figure on the dashboard, the balance, a pilot report and the capacity page carries
data-figure="<key>"; the key must have a registered definition and the figure a link to it.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from collectief.registry import registry
from tests.collective.factories import WeeklyHoursFactory

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class FigureParser(HTMLParser):
    """{figure key: [the links inside the element marked data-figure="<key>"]}."""

    def __init__(self):
        super().__init__()
        self.figures = {}
        self.open = []  # (tag, figure key or None) of the elements around the current one

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            for _tag, key in self.open:
                if key:
                    self.figures[key].append(attrs.get("href", ""))
        if tag in VOID:
            return
        key = attrs.get("data-figure")
        if key:
            self.figures.setdefault(key, [])
        self.open.append((tag, key))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass


def _figures(response):
    assert response.status_code == 200
    parser = FigureParser()
    parser.feed(response.content.decode())
    return parser.figures


@pytest.fixture
def hours(world, pilot):
    for team, member in ((world.team, "member"), (world.other_team, "outsider")):
        WeeklyHoursFactory(
            team=team,
            user=world.people[member],
            week=datetime.date(2018, 6, 4),
            collective_activating=8,
            individual_helping=24,
        )


@pytest.fixture
def pages(world, login, pilot, hours):
    """The figures on each page, rendered with data for the roles that see the most."""
    lead = login(world.people["lead"])
    figures = {
        "dashboard": _figures(lead.get(reverse("pilots:dashboard"))),
        "report": _figures(lead.get(reverse("pilots:report", args=[pilot.pk]))),
        "capacity": _figures(lead.get(reverse("pilots:capacity"))),
    }
    connector = login(world.people["area_connector"])
    figures["balance"] = _figures(
        connector.get(reverse("collective:balance"), {"until": "2018-06"})
    )
    return figures


def test_every_figure_has_a_definition_and_a_link_to_it(pages):
    defined = registry.figure_keys()
    how_we_count = reverse("how_we_count")
    for page, figures in pages.items():
        assert figures, f"no figures marked on the {page}"
        for key, links in figures.items():
            assert key in defined, f"{page}: figure {key!r} has no definition"
            assert f"{how_we_count}#figure-{key}" in links, f"{page}: {key!r} has no link"


def test_every_page_shows_the_figures_it_should(pages):
    assert {"balance-share", "balance-quadrants", "balance-teams"} <= set(pages["balance"])
    assert {"conversations", "participants", "hours"} <= set(pages["dashboard"])
    assert {"conversations", "factor-progress"} <= set(pages["report"])
    # No definition without a figure: a renamed key would leave one behind.
    assert registry.figure_keys() == set().union(*pages.values())


@pytest.mark.parametrize("role", ["member", "area_connector", "municipality"])
def test_how_we_count_defines_every_figure_and_is_in_the_footer(world, login, role):
    response = login(world.people[role]).get(reverse("how_we_count"))
    html = response.content.decode()
    assert response.status_code == 200
    with translation.override("nl"):  # the page's language
        for figure in registry.figures:
            assert f'id="figure-{figure.key}"' in html
            texts = (figure.definition, figure.period, figure.exclusions, figure.protection)
            for text in (figure.title, *texts):
                assert escape(str(text)) in html
    home = login(world.people[role]).get(reverse("home")).content.decode()
    assert f'href="{reverse("how_we_count")}"' in home
