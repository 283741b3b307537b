"""On a 360×740 phone the conversation form (used in the street) is one column with touch
targets of at least 44×44 CSS pixels (WCAG 2.5.5); a checkbox or radio counts with its label,
which is clickable too."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIN_TARGET = 44
# Every visible control of the form with its box; a checkbox or radio is measured by its row.
CONTROLS = """form => [...form.querySelectorAll('input, select, textarea, button, a')]
    .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
    .map(el => {
        const box = (el.closest('.form-check') || el).getBoundingClientRect();
        return {
            name: el.id || el.name || el.innerText.slice(0, 30),
            field: ['text', 'number', 'date', 'email', 'tel', 'select-one', 'select-multiple',
                    'textarea'].includes(el.type),
            left: Math.round(box.left), top: Math.round(box.top),
            width: Math.round(box.width), height: Math.round(box.height),
        };
    })"""


def test_conversation_form_is_one_column_with_large_touch_targets(phone_page, demo_data):
    page = phone_page
    log_in(page, "ruud")
    page.goto("/interviews/new/")
    expect(page.get_by_role("heading", name="Gesprek vastleggen")).to_be_visible()
    form = page.locator("main form").first
    controls = form.evaluate(CONTROLS)
    assert len(controls) > 20

    small = [c for c in controls if c["width"] < MIN_TARGET or c["height"] < MIN_TARGET]
    assert small == [], f"touch targets smaller than {MIN_TARGET}px: {small}"

    # One column: every field spans (nearly) the form's width and no two fields share a line.
    form_width = form.evaluate("form => form.getBoundingClientRect().width")
    fields = [c for c in controls if c["field"]]
    narrow = [c for c in fields if c["width"] < 0.85 * form_width]
    assert narrow == [], f"fields narrower than the column: {narrow}"
    tops = [c["top"] for c in fields]
    assert len(tops) == len(set(tops))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
