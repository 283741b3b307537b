"""Object permissions for `user.has_perm("collectief.<capability>", obj)`, backed by the policy.

Views use collectief.access directly; these rules let templates and the admin ask the same
policy about one object (a Team or anything with a team_id).
"""

import rules

from collectief.access import Capability, can


def _capability_predicate(capability):
    @rules.predicate(name=f"can_{capability}")
    def predicate(user, obj=None):
        return obj is not None and can(user, capability, obj)

    return predicate


for _capability in Capability:
    rules.add_perm(f"collectief.{_capability}", _capability_predicate(_capability))
