"""Templates are written in English and marked for translation: Dutch text typed straight into
a template would stay Dutch in the English interface. (Demo data lives in Python, not here.)"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = ["templates", "collectief", "interviews", "initiatives", "pilots"]
# What a template may contain besides translated text: Django tags, variables, comments, HTML
# tags with their attributes, and the content of <script> and <style> elements.
NOT_TEXT = re.compile(
    r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}|{%.*?%}|{{.*?}}|{#.*?#}"
    r"|<script.*?</script>|<style.*?</style>|<!--.*?-->|<[^>]*>",
    re.DOTALL,
)
DUTCH_ONLY_WORDS = re.compile(
    r"\b(het|een|niet|geen|jouw|naar|nog|zijn|wordt|deze|voor|bij|ook|alle|nieuwe|opslaan|"
    r"terug|bewoners?|gesprekk?en|ronde|wijk|buurt|gemeente)\b",
    re.IGNORECASE,
)


def templates():
    for folder in TEMPLATE_DIRS:
        yield from (ROOT / folder).rglob("templates/**/*.html")
    yield from (ROOT / "templates").rglob("*.html")


def test_no_dutch_typed_into_a_template():
    found = []
    for path in sorted(set(templates())):
        text = NOT_TEXT.sub(" ", path.read_text(encoding="utf-8"))
        for line in text.splitlines():
            if DUTCH_ONLY_WORDS.search(line):
                found.append(f"{path.relative_to(ROOT)}: {line.strip()[:80]}")
    assert found == []


def test_every_page_declares_its_language():
    """base.html and any template that is a whole document without it (the 500 page)."""
    documents = [path for path in set(templates()) if "<html" in path.read_text(encoding="utf-8")]
    assert documents
    undeclared = [
        str(path.relative_to(ROOT))
        for path in documents
        if not re.search(
            r"<html lang=\"({{ *LANGUAGE_CODE *}}|[a-z]{2})\"", path.read_text("utf-8")
        )
    ]
    assert undeclared == []
