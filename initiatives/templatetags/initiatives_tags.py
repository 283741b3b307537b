from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from collectief.links import uuid_link_maker

register = template.Library()

ROW = (
    '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
    "<td>{}</td></tr>"
)


@register.simple_tag
def label_badges(applications):
    """A badge linking to the label for each granted label application (programme loaded)."""
    return format_html_join(
        "",
        '<a href="{}" class="badge text-bg-light border">{}{}</a> ',
        (
            (
                reverse("initiatives:label_detail", args=[application.programme_id]),
                _badge_image(application),
                application.programme.name,
            )
            for application in applications
        ),
    )


def _badge_image(application):
    if not application.programme.badge:
        return ""
    url = reverse("initiatives:label_badge", args=[application.programme_id])
    return format_html('<img src="{}" alt="" width="20" height="20"> ', url)


@register.simple_tag
def initiative_rows(initiatives):
    """The <tr>s of the initiative list, for InitiativeQuerySet.with_list_data() rows.

    Written in Python, as the conversation list's rows are: fifty rows through the template
    engine were two thirds of the page.
    """
    initiative_url = uuid_link_maker("initiatives:detail")
    return format_html_join(
        "\n",
        ROW,
        (
            (
                initiative_url(initiative.public_id),
                initiative.name,
                initiative.team.name,
                ", ".join(neighbourhood.name for neighbourhood in initiative.neighbourhoods.all()),
                _kind(initiative),
                initiative.get_status_display(),
                initiative.get_quadrant_display(),
                label_badges(initiative.granted_labels),
            )
            for initiative in initiatives
        ),
    )


def _kind(initiative):
    if not initiative.approach:
        return initiative.get_kind_display()
    return f"{initiative.get_kind_display()} ({initiative.get_approach_display()})"
