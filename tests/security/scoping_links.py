"""Scoping entries of the links between apps (what an initiative answers)."""

from tests.initiatives.factories import InitiativeFactory
from tests.security.matrix import Entry


def _initiative(world, team):
    return {"public_id": InitiativeFactory(team=team).public_id}


OBJECT_URLS = {
    "initiatives:links": Entry(_initiative),
}

PAGES = {}
