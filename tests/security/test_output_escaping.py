"""No unsafe output: script payloads in every text field of every form come back escaped,
and the source uses no |safe, mark_safe or format_html that is not allow-listed with a reason."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.initiatives.factories import close_file
from tests.interviews.factories import RoundFactory
from tests.security.scoping import OBJECT_URLS
from tests.urlwalk import iter_routes

PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
# Every field a person types into; number and date fields must re-render bad input escaped too.
TEXT_TYPES = {"text", "email", "search", "url", "tel", "number", "date", None}
# A value that passes password validators, so forms get as far as possible.
PASSWORD = "een-lang-wachtwoord-2026"
ROLE_ORDER = ["lead", "community_worker", "member", "area_connector", "municipality"]


class FormParser(HTMLParser):
    """Collects each <form> with its fields: (kind, name, value) triples."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action") or "",
                    "method": (attrs.get("method") or "get").lower(),
                    "fields": [],
                }
            )
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.forms[-1]["fields"].append((kind, attrs["name"], attrs.get("value", "")))
        elif tag == "textarea" and attrs.get("name"):
            self.forms[-1]["fields"].append(("textarea", attrs["name"], ""))
        elif tag == "select" and attrs.get("name"):
            self._select = [attrs["name"], None]
        elif tag == "option" and self._select is not None and self._select[1] is None:
            self._select[1] = attrs.get("value") or None

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            self.forms[-1]["fields"].append(("select", self._select[0], self._select[1] or ""))
            self._select = None


def _forms_on(html):
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def _fill(fields, payload):
    data, text_fields = {}, 0
    for kind, name, value in fields:
        if kind in TEXT_TYPES or kind == "textarea":
            data[name] = payload
            text_fields += 1
        elif kind == "password":
            data[name] = PASSWORD
        elif kind not in ("submit", "button", "file"):
            data[name] = value
    return data, text_fields


def _assert_no_raw_payload(response, where):
    content = response.content.decode(errors="replace")
    for payload in PAYLOADS:
        assert payload not in content, f"raw payload in {where}"
    return content


@pytest.mark.django_db
def test_script_payloads_in_every_text_field_come_back_escaped(world, client, capsys):
    tested_forms = tested_fields = 0
    tested_names = []
    escaped_seen = False
    visited = []
    # One open round, so that the conversation form opens without choosing a round first.
    RoundFactory(team=world.team)
    for route in iter_routes():
        if route.kwargs and route.name not in OBJECT_URLS:
            continue  # test_scoping fails for such a URL already
        kwargs = OBJECT_URLS[route.name].make(world, world.team) if route.kwargs else {}
        url = route.path(**kwargs)
        for role in ROLE_ORDER:
            client.force_login(world.people[role])
            response = client.get(url)
            close_file(response)  # downloads (materials, badges) keep their file open till read
            if response.status_code == 200:
                break
        else:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        visited.append((role, url))
        for form in _forms_on(response.content.decode()):
            if form["action"] not in ("", url):
                continue  # navigation forms (log out, language) belong to other pages
            for payload in PAYLOADS:
                data, text_fields = _fill(form["fields"], payload)
                if not text_fields:
                    break
                send = client.post if form["method"] == "post" else client.get
                answer = send(url, data, follow=True)
                content = _assert_no_raw_payload(answer, f"answer of {url} as {role}")
                escaped_seen |= ESCAPED in content
                tested_fields += text_fields
            else:
                tested_forms += 1
                tested_names.append(f"{route.name}:{form['method']}")
    # Whatever was saved must show escaped on every page that can show it.
    for role, url in visited:
        client.force_login(world.people[role])
        _assert_no_raw_payload(client.get(url), f"{url} as {role} after the posts")
    _assert_no_raw_payload(
        client.get(reverse("teams:detail", args=[world.team.pk])), "the team page"
    )
    assert tested_forms >= 4 and escaped_seen
    with capsys.disabled():
        print(
            f"\nescaping: {tested_forms} forms, {tested_fields} fields × payloads: {tested_names}"
        )


# --- source scan ------------------------------------------------------------------------------

UNSAFE = re.compile(r"\|\s*safe(seq)?\b|mark_safe\s*\(|format_html\s*\(|\{%\s*autoescape\s+off")
SOURCE_DIRS = ["collectief", "interviews", "initiatives", "pilots", "templates"]
# (relative path, stripped line) -> why it is safe. Each entry needs a reason a reviewer accepts.
ALLOWED = {
    ("collectief/forms.py", "return format_html("): (
        "QuickSelect: format_html escapes the name; flatatt escapes the attributes"
    ),
    ("collectief/forms.py", "mark_safe(options),"): (
        "QuickSelect: _escaped() escapes every option's value and label as conditional_escape "
        "does (tests/core/test_shared_helpers.py compares it with Django's own select, with "
        "markup, lazy and safe labels)"
    ),
    (
        "collectief/templatetags/collectief_tags.py",
        'opening = format_html(\'<td class="{}">\', cell_class) if cell_class else "<td>"',
    ): "figure_rows: format_html escapes the class",
    (
        "collectief/templatetags/collectief_tags.py",
        "head = format_html('<a href=\"{}\">{}</a>', link, cell(label)) if link else cell(label)",
    ): "figure_rows: format_html escapes the link; cell() escapes the label",
    (
        "pilots/templatetags/pilots_tags.py",
        "format_html('<br><small class=\"text-body-secondary\">{}</small>', comment)",
    ): "score_cells: format_html escapes the comment",
    ("pilots/templatetags/pilots_tags.py", "scores[label, score] = format_html("): (
        "score_cells: format_html escapes the score and its label"
    ),
    ("pilots/templatetags/pilots_tags.py", 'return mark_safe("".join(html))'): (
        "score_cells: each cell joins the escaped score and the escaped comment "
        "(tests/pilots/test_reports.py compares it with the template loop)"
    ),
    ("collectief/templatetags/collectief_tags.py", "return format_html("): (
        "filter_field: format_html escapes the id and the label; the control is Django's own "
        "widget rendering (tests/core/test_shared_helpers.py compares it with crispy's)"
    ),
    (
        "initiatives/templatetags/initiatives_tags.py",
        'return format_html(\'<img src="{}" alt="" width="20" height="20"> \', url)',
    ): "label_badges: format_html escapes the reversed URL",
    ("collectief/templatetags/collectief_tags.py", 'return mark_safe("".join(html))'): (
        "figure_rows: every cell is escaped by cell() (numbers are digits and the language's "
        "separators); tests/core/test_shared_helpers.py compares it with the template loops"
    ),
}


def _unsafe_uses():
    base = Path(settings.BASE_DIR)
    for folder in SOURCE_DIRS:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix not in (".py", ".html", ".txt") or "migrations" in path.parts:
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if UNSAFE.search(line):
                    yield str(path.relative_to(base)), line.strip()


def test_no_unreviewed_safe_mark_safe_or_format_html():
    found = [use for use in _unsafe_uses() if use not in ALLOWED]
    assert not found, f"Unreviewed unsafe output (add to ALLOWED with a reason, or remove): {found}"
    assert all(reason.strip() for reason in ALLOWED.values())


def test_the_scan_finds_what_it_looks_for():
    samples = ["{{ x|safe }}", "{{ x | safeseq }}", "mark_safe(x)", "format_html('{}', x)"]
    assert all(UNSAFE.search(sample) for sample in samples + ["{% autoescape off %}"])
    assert not UNSAFE.search("{{ x|safely }} unsafe_name = 1")


@pytest.mark.django_db
def test_the_login_form_escapes_a_payload_username(client):
    for payload in PAYLOADS:
        response = client.post("/accounts/login/", {"username": payload, "password": "x"})
        content = _assert_no_raw_payload(response, "the login page")
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in content
