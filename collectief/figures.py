"""Small helpers for figures. Which figures a viewer may see is decided in
`collectief.disclosure`."""

from django.utils.translation import gettext_lazy as _


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
