"""Dates written as Django's templates write them ({{ day }}), remembered per language: a
pilot report writes hundreds, and Django formats each one anew, translating its month name."""

import datetime
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import get_language


def local_date(day: datetime.date, format: str | None = None) -> str:
    """`day` in the active language's DATE_FORMAT, e.g. "1 maart 2026", or in `format`
    ("j M Y": "1 Mrt 2026")."""
    return _local_date(day, get_language(), format)


@lru_cache(maxsize=20_000)  # a few years of days in two languages and two formats
def _local_date(day, language, format):
    return date_format(day, format)
