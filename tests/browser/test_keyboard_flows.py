"""The main flows with the keyboard alone (no mouse click anywhere): focus is visible at every
stop on the way and moves on (never trapped). Logging in by keyboard is in
test_keyboard_and_language.py; here the flows after it."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Whether the focused element is `target`, and whether its focus can be seen.
FOCUS_STATE = """target => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return {
        isTarget: el === target,
        tag: el.tagName,
        name: el.id || el.name || (el.innerText || '').slice(0, 30),
        visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== 'none',
    };
}"""


def tab_to(page, locator, limit=150):
    """Press Tab until `locator` has the focus; every element on the way shows its focus."""
    target = locator.element_handle()
    path = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE, target)
        path.append(state["name"])
        assert state["visible"], f"no visible focus on {state['tag']} {state['name']!r}"
        if state["isTarget"]:
            return
    raise AssertionError(f"Tab never reached the element; focus went through {path}")


def choose(page, select, text):
    """Pick an option of a focused <select> by typing its first letters (type-ahead)."""
    tab_to(page, select)
    page.keyboard.type(text)
    assert select.evaluate("s => s.selectedOptions[0].text").startswith(text)


def test_log_a_conversation_with_a_referral(page, demo_data):
    log_in(page, "ruud")
    page.goto("/interviews/")
    tab_to(page, page.get_by_role("link", name="Gesprek vastleggen"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Gesprek vastleggen")).to_be_visible()
    choose(page, page.locator("#id_neighbourhood"), "Slachthuis")
    tab_to(page, page.get_by_label("Of een nieuwe bewoner: voornaam of roepnaam"))
    page.keyboard.type("Meneer T.")
    tab_to(page, page.locator("#id_referrals-0-name"))
    page.keyboard.type("Kees")
    page.keyboard.press("Tab")
    page.keyboard.type("Naast de bakker")
    tab_to(page, page.get_by_role("button", name="Gesprek opslaan"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Het gesprek is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Gesprek met Meneer T.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Kees")


def test_record_a_signal(page, demo_data):
    log_in(page, "ruud")
    page.goto("/collectief/signals/")
    tab_to(page, page.get_by_role("link", name="Signaal vastleggen"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Signaal vastleggen")).to_be_visible()
    # A radio group is one Tab stop; the arrow keys choose within it.
    tab_to(page, page.locator("#id_theme_0"))
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_theme_1")).to_be_checked()
    tab_to(page, page.locator("#id_neighbourhood_0"))
    page.keyboard.press("Space")
    expect(page.locator("#id_neighbourhood_0")).to_be_checked()
    tab_to(page, page.get_by_label("Omschrijving", exact=False))
    page.keyboard.type("Buurvrouw durft de post niet meer open te maken.")
    tab_to(page, page.get_by_role("button", name="Signaal vastleggen"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Dank je, het signaal is vastgelegd.")).to_be_visible()


def test_register_an_initiative(page, demo_data):
    log_in(page, "youssef")  # community worker of SWT Oost 1
    page.goto("/initiatives/")
    tab_to(page, page.get_by_role("link", name="Initiatief registreren"))
    page.keyboard.press("Enter")
    tab_to(page, page.locator("#id_name"))
    page.keyboard.type("Buurtmoestuin Slachthuisbuurt")
    choose(page, page.locator("#id_kind"), "Bewoners")
    choose(page, page.locator("#id_quadrant"), "Collectief, a")
    tab_to(page, page.get_by_label("Slachthuisbuurt"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Opslaan"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Buurtmoestuin Slachthuisbuurt")).to_be_visible()


def test_open_and_filter_the_city_dashboard(page, demo_data):
    log_in(page, "mirjam")
    tab_to(page, page.get_by_role("button", name="Pilots"))  # the menu's dropdown
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Stedelijk dashboard").first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Stedelijk dashboard van de pilots")).to_be_visible()
    choose(page, page.get_by_label("Gebied", exact=True), "Noord")
    tab_to(page, page.get_by_role("button", name="Filteren"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Stop de schulden")).to_be_visible()
    expect(page.get_by_role("link", name="De Wijkfabriek")).to_have_count(0)
    # Through the whole dashboard (charts, tables, exports) and out at its end: no trap.
    for _ in range(300):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE, None)
        if state["tag"] == "BODY":
            break
        assert state["visible"], f"no visible focus on {state['tag']} {state['name']!r}"
    else:
        raise AssertionError("focus never left the dashboard")
