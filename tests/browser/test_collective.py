"""From private trouble to public issue, end to end in Chromium: a team member records a
signal, the community worker turns the candidate into a collective issue, the team lead
sees the balance."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signal_becomes_a_collective_issue_and_the_lead_sees_the_balance(
    page, phone_page, demo_data
):
    # Ruud, on his phone: the fifth loneliness signal in the Slachthuisbuurt in three months.
    log_in(phone_page, "ruud")
    phone_page.goto("/collectief/signals/")
    phone_page.get_by_role("link", name="Signaal vastleggen").click()
    phone_page.get_by_label("Eenzaamheid").check()
    phone_page.get_by_label("Slachthuisbuurt").check()
    phone_page.get_by_label("Korte omschrijving").fill("Buurman Kees komt niet meer buiten.")
    phone_page.get_by_label("Datum").fill("2018-06-25")
    phone_page.get_by_role("button", name="Signaal vastleggen").click()
    # "Buurman Kees" looks like a name: he is asked to remove it, and his text is kept.
    expect(phone_page.locator(".invalid-feedback")).to_contain_text("naam")
    description = phone_page.get_by_label("Korte omschrijving")
    expect(description).to_have_value("Buurman Kees komt niet meer buiten.")
    description.fill("Oudere buurman komt niet meer buiten.")
    phone_page.get_by_role("button", name="Signaal vastleggen").click()
    expect(phone_page.get_by_text("het signaal is vastgelegd")).to_be_visible()

    # Youssef, community worker: the group passed the threshold.
    log_in(page, "youssef")
    page.goto("/collectief/signals/")
    candidate = page.locator("article").filter(has_text="Eenzaamheid – Slachthuisbuurt")
    expect(candidate).to_contain_text("5 signalen in 91 dagen")
    candidate.get_by_role("link", name="Maak er een collectief vraagstuk van").click()
    expect(page.get_by_text("5 open signalen over Eenzaamheid")).to_be_visible()
    page.get_by_label("Interventie").select_option(label="Leefstraat Amsterdamse buurt")
    page.get_by_label("Wat het heeft opgeleverd").fill("Koffieochtend in het buurthuis.")
    page.get_by_role("button", name="Collectief vraagstuk maken").click()
    expect(page.get_by_role("heading", name="Eenzaamheid – Slachthuisbuurt")).to_be_visible()
    expect(page.get_by_text("Koffieochtend in het buurthuis.")).to_be_visible()

    # Sandra, team lead: the balance of SWT Oost 1, with the numbers beside the charts.
    page.context.clear_cookies()
    log_in(page, "sandra")
    page.get_by_role("button", name="Collectief werk").click()  # the menu's dropdown
    page.get_by_role("link", name="Balans").first.click()
    expect(page.get_by_role("heading", name="SWT Oost 1 · juni 2018")).to_be_visible()
    expect(page.get_by_text("19,0%")).to_be_visible()
    expect(page.get_by_role("table", name="De vier kwadranten: uren deze maand")).to_be_visible()
    expect(page.locator("canvas#trend-chart")).to_be_visible()
