"""Issue 17, section 4: the balance export reads right in Dutch and English spreadsheets."""

import pytest
from django.urls import reverse

from tests.spreadsheets import csv_rows, xlsx_cells

pytestmark = pytest.mark.django_db

SHARE = {"nl": "23,8", "en": "23.8"}
HOURS = {"nl": "7,5", "en": "7.5"}


def _june_row(rows):
    return next(row for row in rows if "2018-06" in row)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_balance_csv_has_the_separator_and_decimal_mark_of_the_language(
    world, june_hours, login, language
):
    response = login(world.people["lead"]).get(
        reverse("collective:balance_export"), {"format": "csv"}, HTTP_ACCEPT_LANGUAGE=language
    )
    header, *rows = csv_rows(response, language)
    row = dict(zip(header, _june_row(rows), strict=True))
    collective_share = next(value for name, value in row.items() if "(%)" in name)
    assert collective_share == SHARE[language]
    assert HOURS[language] in row.values()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_balance_xlsx_has_numbers_with_a_number_format(world, june_hours, login, language):
    response = login(world.people["lead"]).get(
        reverse("collective:balance_export"), {"format": "xlsx"}, HTTP_ACCEPT_LANGUAGE=language
    )
    header, *rows = xlsx_cells(response)
    june_row = next(row for row in rows if row[2].value == "2018-06")
    # The last column says in words whether the month is complete.
    numbers = [cell for cell in june_row[3:-1] if cell.value is not None]
    assert numbers and all(cell.data_type == "n" for cell in numbers)
    assert 7.5 in [cell.value for cell in numbers]
    share = next(cell for cell in numbers if cell.value == 23.8)
    assert share.number_format == "0.0#"
