"""initiative_rows and label_badges write what the template loop and include they replaced
wrote."""

import pytest
from django.template import Context, Template
from django.test.html import parse_html
from django.utils import translation

from initiatives.models import Initiative, LabelApplication
from tests.factories import NeighbourhoodFactory
from tests.initiatives.factories import (
    InitiativeFactory,
    LabelApplicationFactory,
    LabelProgrammeFactory,
)

pytestmark = pytest.mark.django_db

# The markup the tags replaced: the initiative list's loop and initiatives/_badges.html.
TEMPLATE_BADGES = (
    "{% for application in labels %}<a href=\"{% url 'initiatives:label_detail' "
    'application.programme_id %}" class="badge text-bg-light border">'
    "{% if application.programme.badge %}<img src=\"{% url 'initiatives:label_badge' "
    'application.programme_id %}" alt="" width="20" height="20"> {% endif %}'
    "{{ application.programme.name }}</a> {% endfor %}"
)
TEMPLATE_ROWS = (
    "{% for initiative in page %}<tr>"
    '<td><a href="{{ initiative.get_absolute_url }}">{{ initiative.name }}</a></td>'
    "<td>{{ initiative.team.name }}</td>"
    "<td>{% for n in initiative.neighbourhoods.all %}{{ n.name }}{% if not forloop.last %}, "
    "{% endif %}{% endfor %}</td>"
    "<td>{{ initiative.get_kind_display }}{% if initiative.approach %} "
    "({{ initiative.get_approach_display }}){% endif %}</td>"
    "<td>{{ initiative.get_status_display }}</td>"
    "<td>{{ initiative.get_quadrant_display }}</td>"
    "<td>" + TEMPLATE_BADGES.replace("in labels", "in initiative.granted_labels") + "</td>"
    "</tr>{% endfor %}"
)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_initiative_rows_render_what_the_template_loop_rendered(world, language):
    walking = InitiativeFactory(
        team=world.team,
        name="Wandelen <b>& koffie</b>",
        approach=Initiative.Approach.WALKING_CLUB,
        status=Initiative.Status.IDEA,
    )
    walking.neighbourhoods.set(
        [*world.team.neighbourhoods.all(), NeighbourhoodFactory(name="Park & Zee")]
    )
    granted = LabelApplication.Status.GRANTED
    LabelApplicationFactory(initiative=walking, status=granted)
    LabelApplicationFactory(
        initiative=walking,
        status=granted,
        programme=LabelProgrammeFactory(team=world.team, name="<i>Wijk</i>", badge=""),
    )
    LabelApplicationFactory(initiative=walking)  # not granted: no badge
    InitiativeFactory(team=world.team)
    page = list(Initiative.objects.with_list_data().order_by("pk"))
    context = Context({"page": page, "labels": page[0].granted_labels})
    rows = Template("{% load initiatives_tags %}{% initiative_rows page %}")
    badges = Template("{% load initiatives_tags %}{% label_badges labels %}")
    with translation.override(language):
        written = rows.render(context)
        assert parse_html(written) == parse_html(Template(TEMPLATE_ROWS).render(context))
        assert parse_html(badges.render(context)) == parse_html(
            Template(TEMPLATE_BADGES).render(context)
        )
    assert "Wandelen &lt;b&gt;&amp; koffie&lt;/b&gt;" in written and "&lt;i&gt;Wijk" in written
    assert written.count("<tr>") == 2 and written.count('class="badge') == 2
