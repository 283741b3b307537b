from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from collectief.formats import local_date

register = template.Library()


@register.simple_tag
def score_cells(cells):
    """The <td>s of one working factor's scores, one per scoring moment.

    `cells` = [(score label or None, score or "", comment)], as reports.factor_progress gives
    them. Written here rather than as a template loop: five years of scoring are hundreds of
    cells on a pilot's page and report; the few kinds of score are escaped once each.
    """
    scores = {}
    html = []
    for label, score, comment in cells:
        if (label, score) not in scores:
            scores[label, score] = format_html(
                '<span class="score score-{}">{}</span>', score or "none", label or "–"
            )
        note = (
            format_html('<br><small class="text-body-secondary">{}</small>', comment)
            if comment
            else ""
        )
        html.append(f"<td>{scores[label, score]}{note}</td>")
    return mark_safe("".join(html))


@register.simple_tag
def journal_items(entries):
    """The <li>s of a pilot report's journal: a date, a kind and a text per entry, a hundred
    or more entries in a pilot's years (written here for the reason score_cells is)."""
    return format_html_join(
        "\n",
        "<li><strong>{} · {}:</strong> {}</li>",
        ((local_date(entry.date), entry.get_kind_display(), entry.text) for entry in entries),
    )
