"""Who may read and maintain the social map, and the writes on it.

The map is kept per neighbourhood, not per team: everyone in a team sees the neighbourhoods of
their team, an area connector those of their area. Community workers (and team leads) of a team
covering the neighbourhood, and the area's connector, maintain it; other team members suggest.
"""

from django.db import transaction
from django.db.models import Q

from collectief.access import Capability, scope_for
from collectief.concurrency import save_versioned
from collectief.models import Neighbourhood
from initiatives.models import MapTheme, SocialMapEntry


def visible_neighbourhoods(user):
    """Neighbourhoods of the teams the person sees (connectors: every team of their area)."""
    team_ids = scope_for(user).team_ids(Capability.VIEW_TEAM)
    if not team_ids:
        return Neighbourhood.objects.none()
    return Neighbourhood.objects.filter(teams__in=team_ids).distinct()


def maintained_neighbourhoods(user):
    """Neighbourhoods whose map the person keeps: as community worker/lead or area connector."""
    scope = scope_for(user)
    team_ids = scope.team_ids(Capability.RUN_COLLECTIVE_WORK)
    condition = Q(area_id__in=scope.connector_area_ids)
    if team_ids:
        condition |= Q(teams__in=team_ids)
    if not team_ids and not scope.connector_area_ids:
        return Neighbourhood.objects.none()
    return Neighbourhood.objects.filter(condition).distinct()


def can_maintain(user, neighbourhood_id):
    return maintained_neighbourhoods(user).filter(pk=neighbourhood_id).exists()


def themes_matching(text):
    """Theme keys whose (translated) label contains `text`: "eenzaam" finds loneliness."""
    text = text.lower()
    return [key for key, label in MapTheme.choices if text in str(label).lower()]


def search(queryset, text, fields, *, with_themes=False):
    """Rows with `text` in one of `fields` (or, for map entries, in a theme's name)."""
    if not text:
        return queryset
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": text})
    if with_themes:
        for key in themes_matching(text):
            condition |= Q(themes__contains=f",{key},")
    return queryset.filter(condition)


@transaction.atomic
def entry_save(*, entry, themes, user, maintainer, expected_version=None):
    """Save an entry; from someone who does not maintain the map it stays a suggestion."""
    entry.theme_keys = themes
    if entry.pk is None:
        entry.suggested_by = user
        entry.status = (
            SocialMapEntry.Status.ACCEPTED if maintainer else SocialMapEntry.Status.SUGGESTED
        )
    return save_versioned(entry, expected_version)


@transaction.atomic
def entry_accept(*, entry):
    entry.status = SocialMapEntry.Status.ACCEPTED
    entry.save(update_fields=["status"])
    return entry
