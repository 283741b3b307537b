"""Building blocks of the scoping matrix (see tests/security/scoping.py)."""

from dataclasses import dataclass, field

from tests.conftest import ROLES


@dataclass(frozen=True)
class Entry:
    make: object  # make(world, team) -> URL kwargs of a new object of `team`
    existence_public: bool = False  # answer 403 instead of 404 is allowed
    visible_to: frozenset = field(default_factory=frozenset)  # roles that may see foreign ones
    # Who opens the own team's object in test_own_team_objects_open_for_the_roles_that_may, and
    # the GET status they get (405 for POST-only URLs).
    opened_by: str = "lead"
    own_status: int = 200


def same_for_all(*statuses):
    """The same accepted GET statuses for every role."""
    return dict.fromkeys(ROLES, frozenset(statuses))
