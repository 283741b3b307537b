import datetime
from decimal import Decimal

from django import template
from django.utils import numberformat
from django.utils.formats import get_format, localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from collectief.figures import suppress_small
from collectief.formats import local_date

register = template.Library()


@register.filter(name="local_date")
def local_date_filter(day):
    """{{ day|local_date }}: what {{ day }} shows, for a date written many times on a page."""
    return local_date(day)


@register.filter
def suppressed(value):
    """{{ count|suppressed }}: counts 1–4 show as "<5" on area and city pages."""
    return suppress_small(value)


@register.inclusion_tag("includes/chart.html")
def chart(chart_id, title, spec, table_caption=None):
    """A Chart.js chart with its numbers in a table beside it (the text alternative).

    `spec` = {"type": "bar"|"line"|..., "labels": [...],
              "datasets": [{"label": str, "data": [numbers]}], "unit": optional str}
    """
    return {
        "chart_id": chart_id,
        "data_id": f"{chart_id}-data",
        "title": title,
        "spec": spec,
        "caption": table_caption or title,
        "rows": [
            (None, [label, *(dataset["data"][index] for dataset in spec["datasets"])])
            for index, label in enumerate(spec["labels"])
        ],
    }


def _figure_cell():
    """Shows a cell as {{ value|default_if_none:"–" }} does, with the active language's number
    format looked up once per table instead of three times per number."""
    decimal_separator = get_format("DECIMAL_SEPARATOR")
    grouping = get_format("NUMBER_GROUPING")
    thousand_separator = get_format("THOUSAND_SEPARATOR")

    def cell(value):
        if value is None:
            return "–"
        if type(value) in (int, float, Decimal):  # not bool: it shows as True/False
            return numberformat.format(value, decimal_separator, None, grouping, thousand_separator)
        if type(value) is datetime.date:
            return local_date(value)
        return conditional_escape(localize(template_localtime(value)))

    return cell


@register.simple_tag
def figure_rows(rows, cell_class=""):
    """The <tr>s of a table of figures: `rows` = [(drill-down URL or None, [label, value, ...])].

    Written here rather than as loops in a template: a dashboard or report holds about a
    thousand cells, and the template engine spent a quarter of the page on them.
    """
    cell = _figure_cell()
    opening = format_html('<td class="{}">', cell_class) if cell_class else "<td>"
    html = []
    for link, (label, *values) in rows:
        head = format_html('<a href="{}">{}</a>', link, cell(label)) if link else cell(label)
        cells = "".join(f"{opening}{cell(value)}</td>" for value in values)
        html.append(f'<tr><th scope="row">{head}</th>{cells}</tr>')
    return mark_safe("".join(html))
