"""Issue 17, section 4: pilot figures exported for Dutch and English spreadsheets."""

import datetime

import pytest
from django.urls import reverse

from tests.collective.factories import WeeklyHoursFactory
from tests.spreadsheets import csv_rows, xlsx_cells

pytestmark = pytest.mark.django_db

SHARE = {"nl": "23,8", "en": "23.8"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dashboard_csv_has_the_separator_of_the_language_and_iso_dates(
    world, login, pilot, language
):
    response = login(world.people["lead"]).get(
        reverse("pilots:dashboard_export", args=["pilots"]), HTTP_ACCEPT_LANGUAGE=language
    )
    header, row = csv_rows(response, language)
    assert row[:2] == ["De Wijkfabriek", "SWT Oost 1"]
    assert "2017-11-01" in row and "2018-06-30" in row


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dashboard_xlsx_has_dates_as_dates(world, login, pilot, language):
    response = login(world.people["lead"]).get(
        reverse("pilots:dashboard_export", args=["pilots"]),
        {"format": "xlsx"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    header, row = xlsx_cells(response)
    dates = [cell for cell in row if cell.is_date]
    assert [cell.value.date() for cell in dates] == [
        datetime.date(2017, 11, 1),
        datetime.date(2018, 6, 30),
    ]
    assert {cell.number_format for cell in dates} == {"yyyy-mm-dd"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_pilot_report_export_has_decimals_in_the_language(
    world, login, pilot, june_hours, language
):
    # Only complete months count (true-figures): every other member registers the week too,
    # with no hours, so that June is complete and its share stays 23.8 %.
    for membership in world.team.memberships.exclude(user=june_hours.user):
        WeeklyHoursFactory(team=world.team, user=membership.user, week=june_hours.week)
    client = login(world.people["lead"])
    url = reverse("pilots:export", args=[pilot.pk, "hours"])
    # June, then each team's last complete month against its target.
    header, june, _last_complete = csv_rows(
        client.get(url, HTTP_ACCEPT_LANGUAGE=language), language
    )
    assert june[0] == "2018-06" and SHARE[language] in june
    header, june, _last_complete = xlsx_cells(
        client.get(url, {"format": "xlsx"}, HTTP_ACCEPT_LANGUAGE=language)
    )
    share = next(cell for cell in june if cell.value == 23.8)
    assert share.data_type == "n" and share.number_format == "0.0#"
