import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_conversation_with_two_referrals_on_a_phone_reaches_the_next_round(phone_page, demo_data):
    page = phone_page
    log_in(page, "ruud")
    page.goto("/interviews/new/")
    expect(page.get_by_role("heading", name="Gesprek vastleggen")).to_be_visible()
    page.get_by_label("Of een nieuwe bewoner: voornaam of roepnaam").fill("Mevrouw J.")
    page.locator("#id_neighbourhood").select_option(label="Slachthuisbuurt")
    page.locator("#id_referrals-0-name").fill("Kees")
    page.locator("#id_referrals-0-how_to_reach").fill("Naast de bakker, nummer 12")
    page.locator("#id_referrals-0-relationship").fill("buurman")
    page.locator("#id_referrals-1-name").fill("Truus")
    page.locator("#id_referrals-1-relationship").fill("van de wandelclub")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.get_by_text("Het gesprek is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Gesprek met Mevrouw J.")).to_be_visible()

    # The community worker opens round 2; the names are on its to-contact list.
    page.context.clear_cookies()
    log_in(page, "youssef")
    page.goto("/interviews/rounds/")
    page.get_by_role("link", name="Ronde openen voor SWT Oost 1").click()
    today = timezone.localdate()
    page.get_by_label("Begint op").fill(today.isoformat())
    page.get_by_label("Eindigt op").fill((today + datetime.timedelta(days=60)).isoformat())
    page.get_by_label("Doel").fill("Sneeuwbal: de genoemde bewoners")
    page.get_by_label("Versie van de vragenlijst").select_option(index=1)
    page.get_by_label("Slachthuisbuurt").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="SWT Oost 1 – Ronde 2")).to_be_visible()
    to_contact = page.locator("#to-contact")
    expect(to_contact).to_contain_text("Kees")
    expect(to_contact).to_contain_text("Naast de bakker, nummer 12")
    expect(to_contact).to_contain_text("Truus")
    expect(to_contact).to_contain_text("Genoemd door Mevrouw J.")


def test_the_form_keeps_a_draft_in_the_browser(phone_page, demo_data):
    page = phone_page
    log_in(page, "ruud")
    page.goto("/interviews/new/")
    page.get_by_label("Aantekeningen (alleen voor het team)").fill("Tekst die niet weg mag")
    page.reload()
    page.get_by_role("button", name="Concept terugzetten").click()
    expect(page.get_by_label("Aantekeningen (alleen voor het team)")).to_have_value(
        "Tekst die niet weg mag"
    )
