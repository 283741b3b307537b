"""Open recommendations and working-factor progress, on hand-checked scores."""

import datetime

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from pilots import reports
from pilots.models import JournalEntry, Phase, WorkingFactor
from tests.pilots.factories import FactorScoreFactory, PilotFactory

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(world):
    first, second, third = WorkingFactor.objects.filter(phase=Phase.DESIGN)[:3]
    one = PilotFactory(team=world.team)
    two = PilotFactory(team=world.far_team)
    FactorScoreFactory(
        pilot=one, factor=first, scored_on=D(2018, 1, 1), score="not_yet", comment="begin"
    )
    FactorScoreFactory(pilot=one, factor=first, scored_on=D(2018, 6, 1), score="yes")
    FactorScoreFactory(pilot=one, factor=second, scored_on=D(2018, 6, 1), score="partly")
    FactorScoreFactory(pilot=two, factor=second, scored_on=D(2018, 6, 1), score="not_yet")
    FactorScoreFactory(pilot=two, factor=third, scored_on=D(2018, 6, 1), score="yes")
    return one, two, (first, second, third)


def test_progress_shows_each_moment_with_its_comments(scored):
    one, _two, (first, second, _third) = scored
    [(phase, moments, rows)] = reports.factor_progress(one)
    assert phase == Phase.DESIGN and moments == [D(2018, 1, 1), D(2018, 6, 1)]
    cells = dict(rows)
    assert [cell[1] for cell in cells[first]] == ["not_yet", "yes"]
    assert cells[first][0][2] == "begin"
    assert [cell[1] for cell in cells[second]] == ["", "partly"]


def test_open_recommendations_are_the_factors_not_yet_yes(scored):
    one, _two, (first, second, _third) = scored
    progress = reports.factor_progress(one)
    assert [(factor, label) for _p, factor, label in reports.open_recommendations(progress)] == [
        (second, "Deels")
    ]
    assert first not in [factor for _p, factor, _l in reports.open_recommendations(progress)]


# The markup score_cells replaced, kept as the reference it must render alike.
TEMPLATE_SCORE_CELLS = (
    "{% for label, value, comment in cells %}<td>"
    "<span class=\"score score-{{ value|default:'none' }}\">"
    '{{ label|default:"–" }}</span>{% if comment %}<br><small class="text-body-secondary">'
    "{{ comment }}</small>{% endif %}</td>{% endfor %}"
)


def test_score_cells_render_what_the_template_loop_rendered():
    cells = [("Ja", "yes", "Gaat <goed>"), ("Deels", "partly", ""), reports.NOT_SCORED]
    cells += [("Ja", "yes", ""), reports.NOT_SCORED]  # the same score again
    context = Context({"cells": cells})
    tag = Template("{% load pilots_tags %}{% score_cells cells %}").render(context)
    assert tag == Template(TEMPLATE_SCORE_CELLS).render(context)
    assert "Gaat &lt;goed&gt;" in tag and '<span class="score score-none">–</span>' in tag


@pytest.mark.parametrize("language", ["nl", "en"])
def test_journal_items_render_what_the_template_loop_rendered(language):
    entries = [
        JournalEntry(date=datetime.date(2026, 3, 1), kind=kind, text="Buurt <b>& co</b>")
        for kind in JournalEntry.Kind.values
    ]
    context = Context({"entries": entries})
    loop = (
        "{% for entry in entries %}<li><strong>{{ entry.date }} · {{ entry.get_kind_display }}:"
        "</strong> {{ entry.text }}</li>{% endfor %}"
    )
    with translation.override(language):
        tag = Template("{% load pilots_tags %}{% journal_items entries %}").render(context)
        assert parse_html(tag) == parse_html(Template(loop).render(context))
    assert "Buurt &lt;b&gt;&amp; co&lt;/b&gt;" in tag and tag.count("<li>") == len(entries)
