"""publiccode.yml against the standard's schema, and the version and licence in one place."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

import collectief

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((Path(__file__).parent / "publiccode.schema.json").read_text())


@pytest.fixture(scope="module")
def publiccode():
    # Loaded as YAML 1.1 would: a date must be quoted, or it is no string and fails the schema.
    return yaml.safe_load((ROOT / "publiccode.yml").read_text())


def test_publiccode_follows_the_standard(publiccode):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(publiccode)]
    assert not errors


def test_the_schema_refuses_what_the_standard_refuses(publiccode):
    broken = {**publiccode, "developmentStatus": "finished"}
    del broken["legal"]
    broken["description"] = {"nl": {**publiccode["description"]["nl"], "longDescription": "Kort."}}
    messages = {e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(broken)}
    assert "'legal' is a required property" in messages
    assert any("'finished' is not one of" in message for message in messages)
    assert any("is too short" in message for message in messages)


def test_dutch_and_english_descriptions_for_dutch_and_english_pages(publiccode):
    assert set(publiccode["description"]) == {"nl", "en"}
    assert publiccode["localisation"]["availableLanguages"] == ["nl", "en"]
    assert "usedBy" not in publiccode  # left for the municipalities that adopt Collectief


def test_version_and_release_date_agree_with_the_code_and_the_changelog(publiccode):
    assert publiccode["softwareVersion"] == collectief.__version__
    changelog = (ROOT / "CHANGELOG.md").read_text()
    latest = re.search(r"^## \[(\d[^\]]*)\] - (\d{4}-\d{2}-\d{2})$", changelog, re.MULTILINE)
    assert latest.groups() == (collectief.__version__, publiccode["releaseDate"])


def test_the_licence_is_the_eupl_1_2_everywhere(publiccode):
    assert publiccode["legal"]["license"] == "EUPL-1.2"
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in licence and len(licence) > 12_000  # the whole text, not a summary
