"""The opaque keys under which the access log (collectief/audit.py) records the people that
the interviews pages show: a resident by their uuid, a referred person who is no resident
(yet) by their referral's uuid with a prefix, so that the two can never be mistaken.
"""

REFERRAL_PREFIX = "referral-"


def referral_key(referral_uuid, resident_uuid=None):
    """A referred person's key: the known resident's once the name was linked to one."""
    if resident_uuid is not None:
        return str(resident_uuid)
    return f"{REFERRAL_PREFIX}{referral_uuid}"


def referral_keys(referrals):
    """The keys of the people a queryset of referrals names (one query)."""
    return [referral_key(*row) for row in referrals.values_list("uuid", "resident__uuid")]


def of_referral(referral):
    """The key of a Referral loaded with its `resident` (select_related)."""
    return referral_key(referral.uuid, referral.resident.uuid if referral.resident_id else None)


def named_and_namer(referral):
    """The keys a referral row shows: the person named and the resident who named them (a
    Referral loaded with its `resident` and `conversation__resident`)."""
    return [of_referral(referral), str(referral.conversation.resident.uuid)]
