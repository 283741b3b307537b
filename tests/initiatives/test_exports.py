"""Issue 17, section 4: initiative and activity exports for Dutch and English spreadsheets."""

import pytest
from django.urls import reverse

from tests.spreadsheets import csv_rows, xlsx_cells

pytestmark = pytest.mark.django_db

EXPORTS = ["initiatives:export", "initiatives:session_export"]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("url_name", EXPORTS)
def test_csv_has_the_separator_of_the_language_and_iso_dates(
    world, ours, login, url_name, language
):
    response = login(world.people["member"]).get(reverse(url_name), HTTP_ACCEPT_LANGUAGE=language)
    header, row = csv_rows(response, language)
    assert len(row) == len(header) and ours.initiative.name == row[0]
    day = ours.session.date if "session" in url_name else ours.initiative.status_since
    assert day.isoformat() in row


def test_session_xlsx_has_dates_and_counts_as_numbers(world, ours, login):
    response = login(world.people["member"]).get(
        reverse("initiatives:session_export"), {"format": "xlsx"}
    )
    header, row = xlsx_cells(response)
    day, *counts = row[3:]
    assert day.is_date and day.value.date() == ours.session.date
    assert day.number_format == "yyyy-mm-dd"
    assert [cell.value for cell in counts] == [
        ours.session.participants,
        ours.session.volunteers,
        ours.session.professionals,
    ]
    assert all(cell.data_type == "n" for cell in counts)
