import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import OUTPUT_DIR, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_municipality_filters_the_city_dashboard_and_opens_a_pilot_report(page, demo_data):
    log_in(page, "mirjam")
    page.get_by_role("button", name="Pilots").click()  # the menu's dropdown
    page.get_by_role("link", name="Stedelijk dashboard").first.click()
    expect(page.get_by_role("heading", name="Stedelijk dashboard van de pilots")).to_be_visible()
    expect(page.get_by_role("link", name="Stop de schulden")).to_be_visible()
    # The figures of the other apps are there: conversations, and the successes teams shared.
    expect(
        page.get_by_role("heading", name="Gesprekken en bereikte bewoners per ronde")
    ).to_be_visible()
    expect(page.get_by_role("table", name="Successen (alleen gedeelde)")).to_be_visible()

    page.get_by_label("Gebied", exact=True).select_option(label="Noord")
    page.get_by_label("Van", exact=True).fill("2018-01-01")
    page.get_by_label("Tot en met").fill("2018-12-31")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_role("link", name="Stop de schulden")).to_be_visible()
    expect(page.get_by_role("link", name="De Wijkfabriek")).to_have_count(0)
    expect(page.get_by_text("Tien deelnemers op de terugkom-ochtend")).to_be_visible()
    # The chart is drawn and its numbers are in the table beside it.
    expect(page.locator("canvas#chart-phases")).to_be_visible()
    expect(page.get_by_role("table", name="Pilots per fase")).to_be_visible()

    page.get_by_role("link", name="Stop de schulden").click()
    expect(page.get_by_role("heading", name="Stop de schulden", level=1)).to_be_visible()
    page.get_by_role("link", name="Pilotrapport (om af te drukken)").click()
    expect(page.get_by_role("heading", name="Stop de schulden", level=1)).to_be_visible()
    # The team's own reflection (open recommendations from its self-scores) stays in the team.
    expect(page.get_by_role("heading", name=re.compile("Openstaande aanbevelingen"))).to_have_count(
        0
    )
    page.emulate_media(media="print")
    expect(page.locator("header nav")).to_be_hidden()
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.pdf(path=str(OUTPUT_DIR / "pilot-report-stop-de-schulden.pdf"))


def test_an_inverted_period_gives_a_message(page, demo_data):
    log_in(page, "mirjam")
    page.goto("/pilots/dashboard/?start=2018-06-01&end=2018-01-01")
    expect(page.get_by_text("De periode eindigt voordat hij begint")).to_be_visible()


def test_community_worker_logs_a_journal_entry_on_a_phone(phone_page, demo_data):
    page = phone_page
    log_in(page, "fatima")
    page.goto("/pilots/")
    page.get_by_role("link", name="Collectiviseren in het Rozenprieel").click()
    page.get_by_role("link", name="Nieuwe logboekregel").click()
    page.get_by_label("Datum").fill("2018-06-20")
    page.get_by_label("Soort").select_option(label="Doorbraak of eyeopener")
    page.get_by_label("Wat er gebeurde").fill("Bewoners willen zelf een koffieochtend.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Bewoners willen zelf een koffieochtend.")).to_be_visible()
