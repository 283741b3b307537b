from django import template

from collectief.figures import suppress_small

register = template.Library()


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
            (label, [dataset["data"][index] for dataset in spec["datasets"]])
            for index, label in enumerate(spec["labels"])
        ],
    }
