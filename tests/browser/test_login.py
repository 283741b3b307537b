import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_team_member_logs_in_and_sees_the_team(page, demo_data):
    log_in(page, "ruud")
    expect(page.get_by_role("heading", name="Jouw teams")).to_be_visible()
    page.get_by_role("link", name="SWT Oost 1").first.click()
    expect(page.get_by_role("heading", name="SWT Oost 1")).to_be_visible()
    expect(page.get_by_role("cell", name="Sandra Bakker")).to_be_visible()


def test_wrong_password_is_refused_with_a_message(page, demo_data):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("ruud")
    page.get_by_label("Wachtwoord").fill("niet-het-goede-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-danger")).to_contain_text("gebruikersnaam")
    assert page.get_by_label("Gebruikersnaam").input_value() == "ruud"
