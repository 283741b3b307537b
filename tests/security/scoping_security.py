"""Scoping entries of the privacy pages added in issue 7 part 2 (the team's change history)."""

from tests.security.matrix import Entry
from tests.security.scoping_core import _team

OBJECT_URLS = {
    "teams:history": Entry(_team),
}
