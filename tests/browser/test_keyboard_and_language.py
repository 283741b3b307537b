"""Keyboard-only use, visible focus, no focus trap, and the language switch."""

import pytest
from playwright.sync_api import expect

from collectief.demo import DEMO_PASSWORD
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_ELEMENT = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName, text: (el.innerText || el.value || el.name || '').slice(0, 40),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== 'none',
    };
}"""


def tab_until(page, predicate, limit=80):
    """Press Tab until `predicate(focused)` holds; returns every element focused on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_ELEMENT)
        seen.append(focused)
        if predicate(focused):
            return seen
    raise AssertionError(f"focus never got there; it went through {seen}")


def test_log_in_with_the_keyboard_alone(page, demo_data):
    page.goto("/accounts/login/")
    tab_until(page, lambda f: f["tag"] == "INPUT" and f["text"] == "username")
    page.keyboard.type("ruud")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Jouw teams")).to_be_visible()


def test_skip_link_is_first_and_focus_is_always_visible(page, demo_data):
    log_in(page, "sandra")
    page.goto("/")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED_ELEMENT)
    assert first["text"] == "Direct naar de inhoud" and (first["outline"] or first["shadow"])
    # Tab through the whole page: every stop shows focus, and focus leaves the page's end
    # (back to the browser) instead of being trapped.
    stops = tab_until(page, lambda f: f["tag"] == "BODY", limit=200)
    hidden = [stop for stop in stops[:-1] if not (stop["outline"] or stop["shadow"])]
    assert hidden == []
    assert any(stop["text"] == "Wisselen" for stop in stops)


def test_switching_to_english_translates_the_page(page, demo_data):
    log_in(page, "sandra")
    page.goto("/")
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wisselen").click()
    expect(page.get_by_role("heading", name="Your teams")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_label("Language").select_option("nl")
    page.get_by_role("button", name="Switch").click()
    expect(page.get_by_role("heading", name="Jouw teams")).to_be_visible()
