"""Issue 17, section 4: the conversations export for Dutch and English spreadsheets."""

import pytest
from django.urls import reverse

from tests.spreadsheets import csv_rows, xlsx_cells

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nl", "en"])
def test_csv_has_the_separator_of_the_language_and_an_iso_date(world, own, login, language):
    response = login(world.people["member"]).get(
        reverse("interviews:export", args=[world.team.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    header, row = csv_rows(response, language)
    assert len(row) == len(header)
    assert row[:2] == ["1", own.conversation.held_on.isoformat()]


def test_xlsx_has_the_date_as_a_date_and_counts_as_numbers(world, own, login):
    response = login(world.people["member"]).get(
        reverse("interviews:export", args=[world.team.pk]), {"format": "xlsx"}
    )
    header, row = xlsx_cells(response)
    round_number, day = row[:2]
    assert round_number.value == 1 and round_number.data_type == "n"
    assert day.is_date and day.value.date() == own.conversation.held_on
    assert day.number_format == "yyyy-mm-dd"
    assert row[-1].value == 1 and row[-1].data_type == "n"  # referrals
