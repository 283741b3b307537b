import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_an_initiative_grant_the_wijkfabriek_label_and_see_the_badge(page, demo_data):
    log_in(page, "youssef")
    page.goto("/initiatives/")
    page.get_by_role("link", name="Initiatief registreren").click()
    page.get_by_label("Naam", exact=False).first.fill("Repaircafé Slachthuisbuurt")
    page.get_by_label("Soort").select_option(label="Bewonersinitiatief")
    page.get_by_label("Kwadrant").select_option(label="Collectief, activeren")
    page.get_by_label("Slachthuisbuurt").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Repaircafé Slachthuisbuurt")).to_be_visible()

    page.get_by_role("link", name="Label aanvragen").click()
    page.get_by_role("combobox", name="Label").select_option(label="De Wijkfabriek")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De Wijkfabriek: Aangevraagd")).to_be_visible()

    page.goto("/initiatives/labels/")
    page.get_by_role("link", name="De Wijkfabriek").click()
    page.get_by_role("link", name="Besluiten Repaircafé Slachthuisbuurt").click()
    page.get_by_label("Toegekend").check()
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("heading", name="De Wijkfabriek")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Repaircafé Slachthuisbuurt")
    expect(row).to_be_visible()
    badge = row.locator("img")
    expect(badge).to_be_visible()
    assert badge.evaluate("image => image.naturalWidth") > 0  # served through the access check


def test_team_member_on_a_phone_reads_the_label_page_without_edit_buttons(phone_page, demo_data):
    log_in(phone_page, "ruud")
    phone_page.goto("/initiatives/labels/")
    phone_page.get_by_role("link", name="De Wijkfabriek").click()
    for name in ("Leefstraat Amsterdamse buurt", "Bakkie in de Slachthuisbuurt"):
        expect(phone_page.get_by_role("link", name=name)).to_be_visible()
    expect(phone_page.get_by_role("link", name="Bewerken")).to_have_count(0)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360  # no sideways scrolling of the whole page
