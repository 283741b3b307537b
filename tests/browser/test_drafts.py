"""Issue 18, finding 5: a conversation draft kept in the browser belongs to one person's login.

Two people of SWT Oost 1 share one browser (one context): what the first typed and did not
save is never offered to the second, and nothing of it stays in the browser's storage.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Mevrouw Geheim"
NOTES = "Schulden bij de woningcorporatie"
NAME_FIELD = "Of een nieuwe bewoner: voornaam of roepnaam"
NOTES_FIELD = "Aantekeningen (alleen voor het team)"


def _type_a_draft_and_leave(page):
    log_in(page, "ruud")
    page.goto("/interviews/new/")
    page.get_by_label(NAME_FIELD).fill(NAME)
    page.get_by_label(NOTES_FIELD).fill(NOTES)
    stored = page.evaluate("JSON.stringify(Object.assign({}, window.localStorage))")
    assert NOTES in stored  # the draft is kept while Ruud works
    page.goto("/")


def _assert_nothing_of_the_draft_is_offered(page):
    log_in(page, "youssef")
    page.goto("/interviews/new/")
    expect(page.get_by_role("heading", name="Gesprek vastleggen")).to_be_visible()
    expect(page.locator("#draft-notice")).to_be_hidden()
    expect(page.get_by_label(NAME_FIELD)).to_have_value("")
    expect(page.get_by_label(NOTES_FIELD)).to_have_value("")
    for storage in ("localStorage", "sessionStorage"):
        stored = page.evaluate(f"JSON.stringify(Object.assign({{}}, window.{storage}))")
        assert NAME not in stored and NOTES not in stored, storage


def test_a_draft_is_gone_after_logging_out_and_not_offered_to_the_next_person(page, demo_data):
    _type_a_draft_and_leave(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/accounts/login/**")
    stored = page.evaluate("JSON.stringify(Object.assign({}, window.localStorage))")
    assert NOTES not in stored and NAME not in stored  # cleared at logout, before anyone logs in
    _assert_nothing_of_the_draft_is_offered(page)


def test_a_draft_of_an_expired_session_is_not_offered_to_the_next_person(page, demo_data):
    _type_a_draft_and_leave(page)
    page.context.clear_cookies()  # the session ends without a logout click
    _assert_nothing_of_the_draft_is_offered(page)


def test_the_same_login_still_gets_its_own_draft_back(page, demo_data):
    _type_a_draft_and_leave(page)
    page.goto("/interviews/new/")
    page.get_by_role("button", name="Concept terugzetten").click()
    expect(page.get_by_label(NOTES_FIELD)).to_have_value(NOTES)
    expect(page.get_by_label(NAME_FIELD)).to_have_value(NAME)
