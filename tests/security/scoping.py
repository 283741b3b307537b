"""The scoping matrix: which URL makes which object, and what each role may see without one.

Every URL pattern of the project must appear here, or ``test_scoping`` fails; that is how a new
page cannot slip through without a scoping test.

* ``OBJECT_URLS``: URL name -> ``Entry`` whose ``make(world, team)`` creates an object that
  belongs to ``team`` and returns the URL kwargs for it. The test calls it with a team the person
  has no business in and expects 404 (403 only where ``existence_public``). It also calls it with
  the person's own team and swaps one kwarg at a time for the foreign one (e.g. own team, another
  team's membership), which must never open anything either.
* ``PAGES``: URL name -> the accepted GET statuses per role for URLs without kwargs.

When an app merges, add its URLs here with factories from ``tests/<app>/factories.py``.
"""

from dataclasses import dataclass, field

from tests.conftest import ROLES
from tests.factories import MembershipFactory


@dataclass(frozen=True)
class Entry:
    make: object  # make(world, team) -> URL kwargs of a new object of `team`
    existence_public: bool = False  # answer 403 instead of 404 is allowed
    visible_to: frozenset = field(default_factory=frozenset)  # roles that may see foreign ones


def _team(world, team):
    return {"pk": team.pk}


def _membership(world, team):
    return {"pk": team.pk, "membership_pk": MembershipFactory(team=team).pk}


OBJECT_URLS = {
    "teams:detail": Entry(_team),
    "teams:member_add": Entry(_team),
    "teams:member_update": Entry(_membership),
    "teams:member_remove": Entry(_membership),
    "teams:access_log": Entry(_team),
}


def _same(*statuses):
    return dict.fromkeys(ROLES, frozenset(statuses))


PAGES = {
    "home": _same(200),
    "teams:list": _same(200),
    # Already logged in: the login page sends the person on.
    "login": _same(302),
    "logout": _same(405),  # POST only
    "password_change": _same(200),
    "password_change_done": _same(200),
    "otp:setup": _same(200),
    # Only one's own secret, and only while enrolling (after opening otp:setup), else 404.
    "otp:qr_code": _same(200, 404),
    "otp:verify": _same(200),
    "otp:disable": _same(405),  # POST only
    "set_language": _same(302),
    "alive": _same(200),
    "health": _same(200),
}

TEAM_ROLES = {"member", "community_worker", "lead"}


def foreign_teams(world, role):
    """Teams whose objects `role` must not reach: for team roles also the team next door."""
    if role in TEAM_ROLES:
        return [world.other_team, world.far_team]
    # The area connector legitimately sees the teams of their own area; nobody sees far_team.
    return [world.far_team]
