"""Crawl every page a logged-in person can reach and check each one in real Chromium.

The list of pages is not kept by hand: the crawler follows the links each demo role sees,
and `test_every_page.py` then checks that every URL pattern of the project was reached by
some role — so a page added later is scanned automatically, or the test says it is missing.
"""

import json
import re
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js").read_text(
    encoding="utf-8"
)
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SERIOUS = {"serious", "critical"}
SKIP_PREFIXES = ("/accounts/logout/", "/admin/", "/i18n/", "/static/", "/media/", "/-/")
PAGES_PER_PATTERN = 2  # enough to see a pattern's template with different data
# English words that never occur in Dutch sentences: on a Dutch page they reveal a string
# that was not marked for translation.
ENGLISH_ONLY_WORDS = re.compile(
    r"\b(the|your|and|with|this|are|for|not|has|have|you|there|which|should|please)\b",
    re.IGNORECASE,
)
# Dutch words that never occur in English sentences: on an English page they reveal Dutch text
# hard-coded in a template or a string missing from the catalogue. Demo data is Dutch, so on
# English pages only the interface's own text is read (UI_TEXT), not the page body.
DUTCH_ONLY_WORDS = re.compile(
    r"\b(het|een|niet|geen|jouw|naar|nog|zijn|wordt|deze|voor|bij|ook|alle|nieuwe|opslaan|"
    r"terug|bewoners?|gesprekk?en|ronde)\b",
    re.IGNORECASE,
)
UI_TEXT = (
    "body > header, body > footer, label:not(.form-check-label), button, legend, caption, "
    ".form-text, .invalid-feedback, .btn, .nav-link"
)
# The text of the interface elements without the names of data they carry for screen readers.
UI_TEXT_JS = """els => els.map(el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.visually-hidden').forEach(hidden => hidden.remove());
    return copy.textContent;
})"""


@dataclass
class PageResult:
    url: str
    route: str
    html: str = ""
    violations: list = field(default_factory=list)
    overflow_px: int = 0
    console_errors: list = field(default_factory=list)
    charts_without_table: int = 0
    untranslated: list = field(default_factory=list)
    language: str = ""


def route_name(path):
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def _same_origin_paths(page, origin, selector="a[href]"):
    hrefs = page.eval_on_selector_all(selector, "links => links.map(a => a.href)")
    for href in hrefs:
        href, _ = urldefrag(href)
        if href.startswith(origin):
            path = href[len(origin) :] or "/"
            if not path.startswith(SKIP_PREFIXES):
                yield path


def _check_page(page, result, language):
    page.evaluate(AXE_SOURCE)
    report = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    result.violations = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"][:3]],
        }
        for violation in report["violations"]
        if violation["impact"] in SERIOUS
    ]
    result.overflow_px = page.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    result.charts_without_table = page.evaluate(
        """() => [...document.querySelectorAll('canvas[data-chart]')].filter(canvas => {
               const figure = canvas.closest('figure');
               const table = figure && figure.querySelector('table');
               return !canvas.getAttribute('aria-label') || !table;
           }).length"""
    )
    result.html = page.content()
    if language == "nl":
        # Only pages that declare Dutch are checked for English (public pages offer ?lang=en).
        foreign = ENGLISH_ONLY_WORDS
        text = page.evaluate(
            "() => document.documentElement.lang.startsWith('nl') ? document.body.innerText : ''"
        )
    else:
        foreign = DUTCH_ONLY_WORDS
        text = "\n".join(page.eval_on_selector_all(UI_TEXT, UI_TEXT_JS))
    result.untranslated = sorted(
        {line.strip()[:80] for line in text.splitlines() if foreign.search(line)}
    )
    result.language = page.evaluate("() => document.documentElement.lang")


def crawl(page, start="/", limit=300, per_pattern=PAGES_PER_PATTERN, language="nl", shots=None):
    """Visit every reachable HTML page (at most `per_pattern` per URL pattern).

    With `shots` (a folder and a file name prefix), the start page and every page of the main
    menu are saved as full-page screenshots: the main pages of the role, to look at.
    """
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    console_errors = []
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    queue, seen, per_route, results = deque([start]), {start}, Counter(), []
    main_pages = {start}
    while queue and len(results) < limit:
        path = queue.popleft()
        name = route_name(path)
        if name is None or per_route[name] >= per_pattern:
            continue
        probe = page.request.get(origin + path)
        per_route[name] += 1
        result = PageResult(url=path, route=name)
        results.append(result)
        if probe.status != 200 or "text/html" not in probe.headers.get("content-type", ""):
            result.html = None  # a download or an error: counted as reached, not scanned
            if probe.status >= 400:
                result.console_errors.append(f"HTTP {probe.status}")
            continue
        console_errors.clear()
        page.goto(origin + path)
        _check_page(page, result, language)
        result.console_errors.extend(console_errors)
        if path == start:
            main_pages.update(_same_origin_paths(page, origin, "header nav a[href]"))
        if shots and path in main_pages:
            folder, prefix = shots
            page.screenshot(
                path=str(folder / f"{prefix}-{len(results):03d}-{name.replace(':', '-')}.png"),
                full_page=True,
            )
        for link in _same_origin_paths(page, origin):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return results


def write_report(results, folder: Path, label):
    folder.mkdir(parents=True, exist_ok=True)
    summary = [{k: v for k, v in vars(result).items() if k != "html"} for result in results]
    (folder / f"pages-{label}.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
