"""The one access policy of Collectief.

Every view and every queryset that reaches a user goes through this module:

* ``scope_for(user)`` tells which teams a person may see and with which capabilities;
* ``scope_queryset(user, queryset, capability)`` narrows any queryset to those teams;
* ``get_for_user(user, queryset, ...)`` loads one object: 404 for outsiders (existence is a
  secret), 403 for people who may see the object but not do the action;
* ``require_capability`` guards pages that are not about one object (dashboards, lists).

The default matrix follows ``shared/domain.md``: team roles act on their own teams; an area
connector sees (aggregates of) the teams in their area; municipality staff see aggregates of
every team; nobody outside a team ever holds VIEW_PERSONAL_DATA for it.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from collectief.models import AreaConnector, Membership, Role, Team


class Capability(StrEnum):
    VIEW_TEAM = "view_team"  # team pages: members, initiatives, pilots, framework
    VIEW_FIGURES = "view_figures"  # aggregates only: dashboards, balance, counts
    VIEW_PERSONAL_DATA = "view_personal_data"  # residents, conversations, free notes
    # What a team writes about itself (journal, self-scores, workshop notes): stays in the
    # team unless the team marks it shareable (report §2.2, "looking into the kitchen").
    VIEW_TEAM_REFLECTION = "view_team_reflection"
    LOG_WORK = "log_work"  # conversations, referrals, signals
    RECORD_HOURS = "record_hours"  # own weekly hours per quadrant
    COMMENT = "comment"
    RUN_COLLECTIVE_WORK = "run_collective_work"  # rounds, questionnaires, initiatives, pilots
    MANAGE_TEAM = "manage_team"  # members and roles, weighing framework, targets


class ScopeRole(StrEnum):
    """Roles that are not held in a team."""

    AREA_CONNECTOR = "area_connector"
    MUNICIPALITY = "municipality"


C = Capability
ROLE_CAPABILITIES = {
    Role.MEMBER: frozenset(
        {
            C.VIEW_TEAM,
            C.VIEW_FIGURES,
            C.VIEW_PERSONAL_DATA,
            C.VIEW_TEAM_REFLECTION,
            C.LOG_WORK,
            C.RECORD_HOURS,
            C.COMMENT,
        }
    ),
    Role.COMMUNITY_WORKER: frozenset(
        {
            C.VIEW_TEAM,
            C.VIEW_FIGURES,
            C.VIEW_PERSONAL_DATA,
            C.VIEW_TEAM_REFLECTION,
            C.LOG_WORK,
            C.RECORD_HOURS,
            C.COMMENT,
            C.RUN_COLLECTIVE_WORK,
        }
    ),
    Role.LEAD: frozenset(
        {
            C.VIEW_TEAM,
            C.VIEW_FIGURES,
            C.VIEW_PERSONAL_DATA,
            C.VIEW_TEAM_REFLECTION,
            C.RECORD_HOURS,
            C.COMMENT,
            C.RUN_COLLECTIVE_WORK,
            C.MANAGE_TEAM,
        }
    ),
    ScopeRole.AREA_CONNECTOR: frozenset({C.VIEW_TEAM, C.VIEW_FIGURES, C.COMMENT}),
    ScopeRole.MUNICIPALITY: frozenset({C.VIEW_FIGURES}),
}


class _AllTeams:
    """Marks a scope that covers every team (municipality staff, for figures)."""

    def __repr__(self):
        return "ALL_TEAMS"


ALL_TEAMS = _AllTeams()


@dataclass(frozen=True)
class Scope:
    """What one person may see, computed once per request from their roles."""

    team_roles: dict = field(default_factory=dict)  # team id -> frozenset of Role values
    connector_area_ids: frozenset = frozenset()
    connector_team_ids: frozenset = frozenset()
    citywide: bool = False

    def capabilities(self, team_id):
        caps = set()
        for role in self.team_roles.get(team_id, ()):
            caps |= ROLE_CAPABILITIES[role]
        if team_id in self.connector_team_ids:
            caps |= ROLE_CAPABILITIES[ScopeRole.AREA_CONNECTOR]
        if self.citywide:
            caps |= ROLE_CAPABILITIES[ScopeRole.MUNICIPALITY]
        return caps

    def can(self, capability, team_id):
        return capability in self.capabilities(team_id)

    def sees_personal_data(self, team_id):
        """May figures of the team show small numbers as they are? Only inside the team:
        for everyone else (area connector, municipality) they are figures only, protected by
        `collectief.disclosure.Disclosure.for_viewer`, which asks this."""
        return self.can(Capability.VIEW_PERSONAL_DATA, team_id)

    def team_ids(self, capability):
        """Team ids where the person holds `capability`, or ALL_TEAMS."""
        if self.citywide and capability in ROLE_CAPABILITIES[ScopeRole.MUNICIPALITY]:
            return ALL_TEAMS
        ids = {
            tid for tid, roles in self.team_roles.items() if self._roles_grant(roles, capability)
        }
        if capability in ROLE_CAPABILITIES[ScopeRole.AREA_CONNECTOR]:
            ids |= self.connector_team_ids
        return frozenset(ids)

    def has_anywhere(self, capability):
        ids = self.team_ids(capability)
        return ids is ALL_TEAMS or bool(ids)

    def role_names(self):
        """Every role this person holds somewhere, for navigation and the home page."""
        names = {role for roles in self.team_roles.values() for role in roles}
        if self.connector_area_ids:
            names.add(ScopeRole.AREA_CONNECTOR)
        if self.citywide:
            names.add(ScopeRole.MUNICIPALITY)
        return names

    @staticmethod
    def _roles_grant(roles, capability):
        return any(capability in ROLE_CAPABILITIES[role] for role in roles)


EMPTY_SCOPE = Scope()


def scope_for(user):
    """The person's Scope, cached on the user object for the rest of the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, "_collectief_scope", None)
    if cached is not None:
        return cached
    team_roles = {}
    for team_id, role in Membership.objects.filter(user=user).values_list("team_id", "role"):
        team_roles.setdefault(team_id, set()).add(role)
    area_ids = frozenset(AreaConnector.objects.filter(user=user).values_list("area_id", flat=True))
    connector_team_ids = (
        frozenset(Team.objects.filter(area_id__in=area_ids).values_list("id", flat=True))
        if area_ids
        else frozenset()
    )
    scope = Scope(
        team_roles={tid: frozenset(roles) for tid, roles in team_roles.items()},
        connector_area_ids=area_ids,
        connector_team_ids=connector_team_ids,
        citywide=user.is_municipality_staff,
    )
    user._collectief_scope = scope
    return scope


def forget_scope(user):
    """Drop the cached scope after the person's roles changed within this request."""
    user.__dict__.pop("_collectief_scope", None)


def _team_id_of(obj):
    if isinstance(obj, Team):
        return obj.pk
    if hasattr(obj, "team_id"):
        return obj.team_id
    raise TypeError(f"Cannot tell the team of {obj!r}; give it a team_id.")


def can(user, capability, obj):
    """May `user` do `capability` for `obj` (a Team or anything with a team_id)?"""
    return scope_for(user).can(capability, _team_id_of(obj))


def scope_queryset(user, queryset, capability=Capability.VIEW_TEAM, *, team_field="team"):
    """Narrow `queryset` to the objects whose team (at `team_field`) grants `capability`."""
    ids = scope_for(user).team_ids(capability)
    if ids is ALL_TEAMS:
        return queryset
    if not ids:
        return queryset.none()
    lookup = "pk__in" if team_field is None else f"{team_field}__in"
    return queryset.filter(**{lookup: ids})


def teams_for(user, capability=Capability.VIEW_TEAM):
    return scope_queryset(user, Team.objects.all(), capability, team_field=None)


def get_for_user(
    user,
    queryset,
    capability=Capability.VIEW_TEAM,
    *,
    require=None,
    team_field="team",
    **lookup,
):
    """Load one object the person may see, or answer 404 — and 403 if `require` is missing.

    An object outside the person's teams answers 404 so that ids cannot be probed; an object
    the person can see but not change (e.g. a team member opening the edit page of the
    framework) answers 403.
    """
    scoped = scope_queryset(user, queryset, capability, team_field=team_field)
    try:
        obj = scoped.get(**lookup)
    except (
        scoped.model.DoesNotExist,
        # A malformed id from the query string ("x" for a uuid, digits beyond the database's
        # integers) names nothing: 404, never a server error.
        ValidationError,
        ValueError,
        TypeError,
        OverflowError,
    ) as error:
        raise Http404 from error
    if require is not None:
        team_id = obj.pk if team_field is None else _resolve_team_id(obj, team_field)
        if not scope_for(user).can(require, team_id):
            raise PermissionDenied
    return obj


def _resolve_team_id(obj, team_field):
    *path, last = team_field.split("__")
    for part in path:
        obj = getattr(obj, part)
    return getattr(obj, f"{last}_id")  # the id the row holds: no query for the team


def get_team_for_user(user, pk, capability=Capability.VIEW_TEAM, *, require=None):
    return get_for_user(
        user,
        Team.objects.select_related("area"),
        capability,
        require=require,
        team_field=None,
        pk=pk,
    )


def require_capability(capability):
    """Guard a view that needs `capability` for at least one team (or city-wide)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not scope_for(request.user).has_anywhere(capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
