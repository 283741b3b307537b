"""Small helpers for figures. Which figures a viewer may see is decided in
`collectief.disclosure`."""

from collectief.disclosure import Hidden


def exported(value):
    """A figure for a CSV or Excel cell: a count hidden by `collectief.disclosure` as its
    text, "<5" (a spreadsheet cannot hold the object)."""
    return str(value) if isinstance(value, Hidden) else value


def share(part, whole):
    """Percentage of `part` in `whole`, rounded to one decimal; None when `whole` is 0."""
    if not whole:
        return None
    return round(100 * part / whole, 1)
