"""Writes docs/configuration.md from the environment variables the settings read.

The settings read every variable through ``collectief.env``, whose helpers record it; this
module imports the settings in a fresh interpreter with production defaults (no DJANGO_DEBUG)
and renders what was recorded. ``mkdocs build`` runs it (docs/hooks.py), and a test fails
when the committed page differs, so the page cannot drift from the code.

    python -m collectief.configuration_docs          # rewrite docs/configuration.md
"""

import json
import os
import subprocess
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "docs" / "configuration.md"

# Run in a fresh interpreter: what the settings read in production, whatever this shell holds.
DUMP_VARIABLES = """
import json
from dataclasses import asdict
import collectief.settings
from collectief.env import VARIABLES
print(json.dumps([asdict(variable) for variable in VARIABLES.values()]))
"""

INTRODUCTION = """\
# Configuration

Collectief reads its configuration from environment variables only. This page is generated
from the settings (`python -m collectief.configuration_docs`, also run by `mkdocs build`);
a test fails when it differs from what `collectief/settings.py` reads.

The defaults are those of production (`DJANGO_DEBUG` unset). With `DJANGO_DEBUG=1` some
defaults are relaxed for development: an insecure fixed `DJANGO_SECRET_KEY`, `127.0.0.1` and
`localhost` as allowed hosts, no HTTPS redirect, HSTS or secure cookies, no required one-time
code, and readable (`console`) logs instead of JSON. `manage.py` turns `DJANGO_DEBUG` on when
`DJANGO_SECRET_KEY` is not set (a developer's machine); gunicorn never does.

A value that cannot be read (a word where a number is expected, `maybe` for true/false) stops
the start with a message naming the variable; it never turns silently into a default.

| Variable | Kind | Default | What it does |
| --- | --- | --- | --- |
"""


def recorded_variables():
    """The variables the settings read, as dicts, in the order the settings read them."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "COLLECTIEF_", "DATABASE_"))
    }
    environment["DJANGO_SECRET_KEY"] = "documentation-only"  # required in production
    result = subprocess.run(
        [sys.executable, "-c", DUMP_VARIABLES],
        env=environment,
        cwd=PAGE.parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _default(variable):
    default = variable["default"]
    if default is None:
        return "*required*"
    if isinstance(default, bool):
        default = "true" if default else "false"
    elif isinstance(default, list):
        default = ",".join(default)
    default = str(default).replace(str(PAGE.parent.parent), "<project>")
    return f"`{default}`" if default != "" else "*empty*"


def render():
    rows = [
        f"| `{variable['name']}` | {variable['kind']} | {_default(variable)} | {variable['help']} |"
        for variable in recorded_variables()
    ]
    return INTRODUCTION + "\n".join(rows) + "\n"


def main():
    PAGE.write_text(render())
    print(f"Wrote {PAGE}")


if __name__ == "__main__":
    main()
