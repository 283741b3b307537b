import datetime
import io
import uuid
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.test import RequestFactory
from django.test.html import parse_html
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from collectief.disclosure import HIDDEN
from collectief.exports import csv_cell, export_format, tabular_response, xlsx_cell
from collectief.figures import share
from collectief.formats import local_date
from collectief.forms import AccessLogFilterForm, QuickModelChoiceField, QuickSelect
from collectief.links import uuid_link_maker
from collectief.models import Area, Team
from initiatives.forms import InitiativeFilterForm
from pilots.forms import DashboardFilterForm


def test_a_hidden_count_is_exported_as_its_text():
    assert csv_cell(HIDDEN, ",") == "<5"
    assert type(xlsx_cell(None, HIDDEN)) is str
    assert xlsx_cell(None, HIDDEN) == "<5"


def test_share_is_a_rounded_percentage_and_none_for_an_empty_whole():
    assert share(1, 3) == 33.3
    assert share(5, 0) is None


def test_csv_export_escapes_formulas_and_opens_in_excel():
    response = tabular_response("figures", ["Naam", "Aantal"], [["=HYPERLINK()", 3]])
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffNaam;Aantal")
    assert "'=HYPERLINK()" in body
    assert response["Content-Disposition"] == 'attachment; filename="figures.csv"'


def test_xlsx_export_has_the_rows():
    response = tabular_response("figures", ["Naam", "Aantal"], [["Oost", 7]], fmt="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Naam", "Aantal"],
        ["Oost", 7],
    ]


def test_unknown_export_format_falls_back_to_csv():
    request = RequestFactory().get("/", {"format": "exe"})
    assert export_format(request) == "csv"


def test_chart_tag_renders_a_table_with_every_number():
    html = Template("{% load collectief_tags %}{% chart 'c1' 'Gesprekken' spec %}").render(
        Context(
            {
                "spec": {
                    "type": "bar",
                    "labels": ["Ronde 1", "Ronde 2"],
                    "datasets": [{"label": "Gesprekken", "data": [20, 14]}],
                }
            }
        )
    )
    assert 'data-chart="c1-data"' in html and 'id="c1-data"' in html
    assert '<td class="text-end">20</td>' in html and "Ronde 2" in html


# The markup figure_rows replaced, kept as the reference it must render alike.
TEMPLATE_ROWS = (
    "{% for link, row in rows %}<tr>{% for value in row %}{% if forloop.first %}"
    '<th scope="row">{% if link %}<a href="{{ link }}">{{ value }}</a>{% else %}{{ value }}'
    '{% endif %}</th>{% else %}<td{% if cls %} class="{{ cls }}"{% endif %}>'
    '{{ value|default_if_none:"–" }}</td>{% endif %}{% endfor %}</tr>{% endfor %}'
)


@pytest.mark.parametrize("grouping", [False, True])
@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("cell_class", ["", "text-end"])
def test_figure_rows_render_what_the_template_loops_rendered(
    language, cell_class, grouping, settings
):
    settings.USE_THOUSAND_SEPARATOR = grouping
    rows = [
        ("/pilots/1/?a=1&b=2", ["Wijk <Oost>", 1234, 12.5, Decimal("3.25"), None, True]),
        (None, [datetime.date(2026, 3, 1), "<5", 0, -7.125, "<b>x</b>", Decimal("1000000")]),
        (None, ["Grenzen", 999, -999, 1000, -1000, 10**7]),
    ]
    context = Context({"rows": rows, "cls": cell_class})
    tag = Template("{% load collectief_tags %}{% figure_rows rows cls %}")
    with translation.override(language):
        assert tag.render(context) == Template(TEMPLATE_ROWS).render(context)
        written = tag.render(context)
        assert ("1.234" in written) is (grouping and language == "nl")
        assert "Wijk &lt;Oost&gt;" in written


@pytest.mark.parametrize("value", [None, "", "2", ["2"]])
def test_quick_select_renders_what_djangos_select_renders(value):
    choices = [
        ("", gettext_lazy("All areas")),
        (1, "Oost & Zuid"),
        (2, '<b>"Noord"</b>'),
        (3, mark_safe("<i>al veilig</i>")),
    ]
    attrs = {"id": "id_area", "class": "form-select", "required": True}
    expected = forms.Select(choices=choices).render("area", value, attrs)
    assert parse_html(QuickSelect(choices=choices).render("area", value, attrs)) == parse_html(
        expected
    )


@pytest.mark.django_db
def test_quick_model_choice_field_renders_what_a_model_choice_field_renders(world):
    areas = Area.objects.order_by("name")
    long = QuickModelChoiceField(queryset=areas, empty_label="Alle gebieden", required=False)
    usual = forms.ModelChoiceField(queryset=areas, empty_label="Alle gebieden", required=False)
    for value in (None, world.area.pk):
        assert parse_html(long.widget.render("area", value)) == parse_html(
            forms.Select(choices=usual.choices).render("area", value)
        )
    assert long.clean(str(world.area.pk)) == world.area


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"q": "buurt", "kind": "workshop", "start": "2026-01-01", "resident": "R-1"},
        {"team": "999", "status": "nonsense", "start": "1 januari", "end": "2025-01-01"},
    ],
    ids=["unbound", "valid", "invalid"],
)
def test_filter_field_writes_what_crispy_writes(world, data):
    def filter_forms():
        return [
            InitiativeFilterForm(data, teams=Team.objects.all()),
            DashboardFilterForm(data, areas=Area.objects.all()),
            AccessLogFilterForm(data, team=world.team),
        ]

    quick = Template("{% load collectief_tags %}{% filter_field field %}")
    crispy = Template("{% load crispy_forms_tags %}{{ field|as_crispy_field }}")
    for written, expected in zip(filter_forms(), filter_forms(), strict=True):
        written.is_valid(), expected.is_valid()
        for name in written.fields:
            assert parse_html(quick.render(Context({"field": written[name]}))) == parse_html(
                crispy.render(Context({"field": expected[name]}))
            ), name


def test_local_date_writes_what_the_template_writes_in_each_language():
    day = datetime.date(2026, 3, 1)
    written = {}
    for language in ["nl", "en", "nl"]:
        with translation.override(language):
            written.setdefault(language, local_date(day))
            assert local_date(day) == Template("{{ day }}").render(Context({"day": day}))
            assert local_date(day, "j M Y") == Template('{{ day|date:"j M Y" }}').render(
                Context({"day": day})
            )
    assert written == {"nl": "1 maart 2026", "en": "March 1, 2026"}
    with translation.override("nl"):
        assert local_date(day, "j M Y") == "1 Mrt 2026"


@pytest.mark.parametrize("viewname", ["interviews:detail", "initiatives:detail"])
def test_uuid_link_maker_writes_what_reverse_writes(viewname):
    for language in ["nl", "en"]:
        with translation.override(language):
            link = uuid_link_maker(viewname)
            for value in (uuid.uuid4(), uuid.UUID(int=0), uuid.UUID(int=2**128 - 1)):
                assert link(value) == reverse(viewname, args=[value])
