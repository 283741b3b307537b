"""Small-number suppression for figures that leave the team (area and city views).

A count below SMALL_NUMBER_THRESHOLD could single out a resident, so views for area
connectors and municipality staff show it as "<5" instead.
"""

from django.utils.translation import gettext_lazy as _

SMALL_NUMBER_THRESHOLD = 5
SUPPRESSED = "<5"


def suppress_small(value):
    """`value` unchanged when it is 0 or at least the threshold, else "<5"."""
    if value is None:
        return value
    return SUPPRESSED if 0 < value < SMALL_NUMBER_THRESHOLD else value


def share(part, whole):
    """Percentage of `part` in `whole`, rounded to one decimal; None when `whole` is 0."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


# Texts shared by the figure definitions of every app (see registry.register_figure).
SMALL_NUMBERS_PROTECTION = _(
    "For the roles that see figures only (area connector, municipality): a count of 1 to 4 "
    "people shows as “<5”, and enough else (totals, neighbouring cells) is hidden too, so that "
    "the hidden count cannot be worked out by subtraction. A percentage or ratio built on a "
    "hidden count is hidden as well, and periods are rounded to whole months."
)
NO_PEOPLE_COUNTED = _(
    "Counts no residents, so nothing needs hiding; what the team writes (names, notes) is not "
    "shown here."
)
