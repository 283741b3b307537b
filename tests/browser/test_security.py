"""In the browser: the lockout explains itself; the two-step enrolment shows its QR code."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_repeated_wrong_passwords_show_the_lockout_page(page, demo_data, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill("ruud")
        page.get_by_label("Wachtwoord").fill("niet-het-goede-wachtwoord")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Inloggen is een tijdje geblokkeerd")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("15 minuten")


def test_enrolment_page_shows_the_qr_code_on_a_phone(phone_page, demo_data):
    log_in(phone_page, "sandra")
    phone_page.goto("/accounts/password/")
    phone_page.get_by_role("link", name="Inloggen in twee stappen").click()
    image = phone_page.get_by_role("img", name="QR-code")
    expect(image).to_be_visible()
    # The SVG loads and decodes (decode() rejects for a broken image).
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    expect(phone_page.get_by_label("Code uit je authenticator-app")).to_be_visible()
