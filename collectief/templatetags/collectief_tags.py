import datetime
from decimal import Decimal

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils import numberformat
from django.utils.formats import get_format, localize
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from collectief.figures import suppress_small, suppress_unless
from collectief.formats import local_date

register = template.Library()


@register.filter(name="local_date")
def local_date_filter(day):
    """{{ day|local_date }}: what {{ day }} shows, for a date written many times on a page."""
    return local_date(day)


# The controls filter_field writes itself, with the Bootstrap class crispy gives each.
QUICK_CONTROLS = (
    (forms.Select, "form-select"),
    ((forms.TextInput, forms.NumberInput, forms.EmailInput), "form-control"),
)


@register.simple_tag
def filter_field(field):
    """A filter's field as {{ field|as_crispy_field }} writes it, written in Python: crispy's
    field template cost a millisecond a field, a third of the initiative list. Fields crispy
    marks up further (errors, help text, required, other controls) go through crispy."""
    widget = field.field.widget
    bootstrap = next((css for kinds, css in QUICK_CONTROLS if isinstance(widget, kinds)), None)
    if (
        bootstrap is None
        or field.errors
        or field.help_text
        or field.field.required
        or field.css_classes()
        or "class" in widget.attrs
    ):
        return as_crispy_field(field)
    # crispy marks a control with its widget's class name too, e.g. "select form-select".
    control = field.as_widget(attrs={"class": f"{type(widget).__name__.lower()} {bootstrap}"})
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}</div>',
        field.auto_id,
        field.id_for_label,
        field.label,
        control,
    )


@register.filter
def suppressed(value):
    """{{ count|suppressed }}: counts 1–4 show as "<5" on area and city pages."""
    return suppress_small(value)


@register.filter
def suppressed_unless(value, sees_personal_data):
    """{{ count|suppressed_unless:sees_personal }}: as it is inside the team, else as
    `suppressed` (the area connector and the municipality see figures only)."""
    return suppress_unless(value, sees_personal_data)


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
        if type(value) is int and -1000 < value < 1000:  # most figures: no separator to add
            return str(value)
        if type(value) is str:  # a label, or "<5" (not a SafeString, which stays as it is)
            return escape(value)
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
