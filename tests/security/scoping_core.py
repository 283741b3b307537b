"""Scoping entries of the core URLs (teams, accounts, health)."""

from tests.factories import MembershipFactory
from tests.security.matrix import Entry
from tests.security.matrix import same_for_all as _same


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


PAGES = {
    "home": _same(200),
    "how_we_count": _same(200),
    "teams:list": _same(200),
    # Already logged in: the login page sends the person on.
    "login": _same(302),
    "logout": _same(405),  # POST only
    # Single sign-on is off by default (tests/sso/ turns it on).
    "sso_login": _same(404),
    "sso_callback": _same(404),
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
