"""Small-number suppression for figures that leave the team (area and city views).

A count below SMALL_NUMBER_THRESHOLD could single out a resident, so views for area
connectors and municipality staff show it as "<5" instead.
"""

from collectief.disclosure import Hidden

SMALL_NUMBER_THRESHOLD = 5
SUPPRESSED = "<5"


def suppress_small(value):
    """`value` unchanged when it is 0 or at least the threshold, else "<5"."""
    if value is None:
        return value
    return SUPPRESSED if 0 < value < SMALL_NUMBER_THRESHOLD else value


def exported(value):
    """A figure for a CSV or Excel cell: a count hidden by `collectief.disclosure` as its
    text, "<5" (a spreadsheet cannot hold the object)."""
    return str(value) if isinstance(value, Hidden) else value


def share(part, whole):
    """Percentage of `part` in `whole`, rounded to one decimal; None when `whole` is 0."""
    if not whole:
        return None
    return round(100 * part / whole, 1)
