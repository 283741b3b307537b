"""Small-number suppression for figures that leave the team (area and city views).

A count below SMALL_NUMBER_THRESHOLD could single out a resident, so views for area
connectors and municipality staff show it as "<5" instead.
"""

SMALL_NUMBER_THRESHOLD = 5
SUPPRESSED = "<5"


def suppress_small(value):
    """`value` unchanged when it is 0 or at least the threshold, else "<5"."""
    if value is None:
        return value
    return SUPPRESSED if 0 < value < SMALL_NUMBER_THRESHOLD else value


def suppress_unless(value, sees_personal_data):
    """`value` as it is for a viewer inside the team, else as `suppress_small` (the area
    connector and the municipality see figures only; ``Scope.sees_personal_data``)."""
    return value if sees_personal_data else suppress_small(value)


def share(part, whole):
    """Percentage of `part` in `whole`, rounded to one decimal; None when `whole` is 0."""
    if not whole:
        return None
    return round(100 * part / whole, 1)
