"""requirements/*.txt, the locks the image installs from, pin every dependency of pyproject
at a version its range allows: a dependency added without `make lock` fails here."""

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def pins(lock):
    pinned = {}
    for line in (ROOT / "requirements" / lock).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"{lock}: {line!r} is not pinned with =="
            pinned[canonicalize_name(name)] = version.split(";")[0].strip()
    return pinned


@pytest.mark.parametrize(("lock", "extras"), [("base.txt", []), ("ci.txt", ["test", "deploy"])])
def test_the_lock_pins_every_dependency_within_its_range(lock, extras):
    pinned = pins(lock)
    declared = PROJECT["dependencies"] + [
        line for extra in extras for line in PROJECT["optional-dependencies"][extra]
    ]
    for line in declared:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement.name} is not in requirements/{lock}: run make lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"requirements/{lock} pins {requirement.name}=={pinned[name]}, outside {line!r}"
        )
