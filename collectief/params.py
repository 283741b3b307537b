"""Ids from the query string, read so that a malformed value never becomes a server error."""

# The largest value of a bigint column (PostgreSQL and SQLite); beyond it a query fails.
DATABASE_ID_MAX = 2**63 - 1


def id_or_none(value):
    """`value` as a database id (a positive 64-bit integer), or None for anything else.

    ``str.isdigit`` alone lets "²" through (``int`` refuses it) and any length of digits (the
    database refuses those): both checks are here.
    """
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= DATABASE_ID_MAX else None
