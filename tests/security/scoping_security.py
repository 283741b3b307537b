"""Scoping entries of the privacy pages of issue 7 part 2 (change history, resident rights)."""

from tests.security.matrix import Entry
from tests.security.scoping_core import _team
from tests.security.scoping_interviews import _resident

OBJECT_URLS = {
    "teams:history": Entry(_team),
    "interviews:resident_data": Entry(_resident),
    "interviews:resident_erase": Entry(_resident),
}
