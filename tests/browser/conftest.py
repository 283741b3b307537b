"""Real Chromium (Debian's package) driven by Playwright; one browser per test module.

Without Chromium the browser tests skip with a reason, unless COLLECTIEF_REQUIRE_BROWSER=1
(set by .ci/run), which turns the skip into a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

from collectief.demo import DEMO_PASSWORD

CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
OUTPUT_DIR = Path(__file__).resolve().parents[2] / "test-output"


def _chromium_path():
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Playwright's sync API keeps an event loop running in this
    thread while it is open, and Django refuses ORM calls beside a running loop; here that is
    safe (one thread), so DJANGO_ALLOW_ASYNC_UNSAFE is set for as long as the browser is open,
    and only then: the rest of the suite keeps Django's check."""
    executable = _chromium_path()
    if not executable:
        message = "Chromium is not installed (apt-get install chromium chromium-driver)"
        if os.environ.get("COLLECTIEF_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh Dutch browser context on the live server; closed after the test."""
    context = browser.new_context(locale="nl-NL", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        locale="nl-NL", base_url=live_server.url, viewport=PHONE, has_touch=True, is_mobile=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_data(transactional_db):
    from django.core.management import call_command

    call_command("load_demo", "--force", verbosity=0)


def log_in(page, username, password=DEMO_PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
