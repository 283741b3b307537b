from django import template
from django.utils.html import format_html, format_html_join

from collectief.formats import local_date

register = template.Library()


@register.simple_tag
def score_cells(cells):
    """The <td>s of one working factor's scores, one per scoring moment.

    `cells` = [(score label or None, score or "", comment)], as reports.factor_progress gives
    them. Written here rather than as a template loop: five years of scoring are hundreds of
    cells on a pilot's page and report.
    """
    return format_html_join(
        "",
        '<td><span class="score score-{}">{}</span>{}</td>',
        (
            (
                score or "none",
                label or "–",
                format_html('<br><small class="text-body-secondary">{}</small>', comment)
                if comment
                else "",
            )
            for label, score, comment in cells
        ),
    )


@register.simple_tag
def journal_items(entries):
    """The <li>s of a pilot report's journal: a date, a kind and a text per entry, a hundred
    or more entries in a pilot's years (written here for the reason score_cells is)."""
    return format_html_join(
        "\n",
        "<li><strong>{} · {}:</strong> {}</li>",
        ((local_date(entry.date), entry.get_kind_display(), entry.text) for entry in entries),
    )
