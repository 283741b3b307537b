"""Issue 20 §5: docs/configuration.md lists every environment variable the settings read."""

import re
from pathlib import Path

from collectief import configuration_docs

SETTINGS = Path(configuration_docs.__file__).with_name("settings.py")


def test_the_committed_configuration_page_is_what_the_settings_generate():
    assert configuration_docs.PAGE.read_text() == configuration_docs.render(), (
        "docs/configuration.md is out of date: run `python -m collectief.configuration_docs`."
    )


def test_every_variable_read_in_the_settings_is_documented_with_a_description():
    source = SETTINGS.read_text()
    read = set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"(\w+)\"", source))
    documented = {
        variable["name"]: variable for variable in configuration_docs.recorded_variables()
    }

    assert read  # the pattern still finds the helpers' calls
    assert read <= set(documented)
    assert not [name for name, variable in documented.items() if not variable["help"]]
    page = configuration_docs.PAGE.read_text()
    assert all(f"| `{name}` |" in page for name in read)


def test_the_settings_read_the_environment_only_through_the_documented_helpers():
    source = SETTINGS.read_text()
    assert not re.search(r"os\.environ|getenv", source)
