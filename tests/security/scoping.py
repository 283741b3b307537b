"""The scoping matrix: which URL makes which object, and what each role may see without one.

Every URL pattern of the project must appear here, or ``test_scoping`` fails; that is how a new
page cannot slip through without a scoping test.

* ``OBJECT_URLS``: URL name -> ``Entry`` whose ``make(world, team)`` creates an object that
  belongs to ``team`` and returns the URL kwargs for it. The test calls it with a team the person
  has no business in and expects 404 (403 only where ``existence_public``). It also calls it with
  the person's own team and swaps one kwarg at a time for the foreign one (e.g. own team, another
  team's membership), which must never open anything either.
* ``PAGES``: URL name -> the accepted GET statuses per role for URLs without kwargs.

Entries live in ``tests/security/scoping_<area>.py`` modules (each defines ``OBJECT_URLS`` and
``PAGES``), found automatically: a new app adds its own module with factories from
``tests/<app>/factories.py``, and no shared file changes.
"""

import importlib
import pkgutil
from pathlib import Path

from tests.security.matrix import Entry  # noqa: F401  (re-exported for the tests)

OBJECT_URLS = {}
PAGES = {}
for _module_info in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if _module_info.name.startswith("scoping_"):
        _module = importlib.import_module(f"tests.security.{_module_info.name}")
        for _name, _mapping in (("OBJECT_URLS", OBJECT_URLS), ("PAGES", PAGES)):
            _entries = getattr(_module, _name, {})
            _clash = set(_entries) & set(_mapping)
            assert not _clash, f"{_module_info.name} repeats scoping entries: {_clash}"
            _mapping.update(_entries)

TEAM_ROLES = {"member", "community_worker", "lead"}


def foreign_teams(world, role):
    """Teams whose objects `role` must not reach: for team roles also the team next door."""
    if role in TEAM_ROLES:
        return [world.other_team, world.far_team]
    # The area connector legitimately sees the teams of their own area; nobody sees far_team.
    return [world.far_team]
