"""Issue 17, section 4: one place writes every export cell for the active language."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from collectief.exports import tabular_response
from tests.spreadsheets import csv_rows, xlsx_cells

HEADERS = ["Team", "Dag", "Uren", "Aandeel (%)", "Aantal", "Deelnemers"]
ROW = ["Oost", datetime.date(2018, 6, 4), Decimal("7.50"), 31.2, 12, "<5"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", ["Oost", "2018-06-04", "7,50", "31,2", "12", "<5"]),
        ("en", ["Oost", "2018-06-04", "7.50", "31.2", "12", "<5"]),
    ],
)
def test_csv_uses_the_separator_and_decimal_mark_of_the_language(language, expected):
    with translation.override(language):
        response = tabular_response("figures", HEADERS, [ROW, [-1.5, None, "-1", 0, 0, 0]])
    header, row, negative = csv_rows(response, language)
    assert header == HEADERS and row == expected
    # A negative number stays a number; text that starts like a formula is neutralised.
    assert negative[:3] == ["-1" + (",5" if language == "nl" else ".5"), "", "'-1"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_xlsx_has_real_numbers_and_dates_with_a_number_format(language):
    with translation.override(language):
        response = tabular_response("figures", HEADERS, [ROW], fmt="xlsx")
    team, day, hours, share, count, hidden = xlsx_cells(response)[1]
    assert team.value == "Oost" and team.data_type == "s"
    assert day.value == datetime.datetime(2018, 6, 4) and day.is_date
    assert day.number_format == "yyyy-mm-dd"
    assert hours.value == 7.5 and hours.data_type == "n" and hours.number_format == "0.0#"
    assert share.value == 31.2 and share.data_type == "n" and share.number_format == "0.0#"
    assert count.value == 12 and count.data_type == "n"
    assert hidden.value == "<5" and hidden.data_type == "s"
