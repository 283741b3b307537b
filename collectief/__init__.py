"""Collectief: collective work of Dutch social neighbourhood teams (sociaal wijkteams)."""

# The one place of the version: pyproject.toml, publiccode.yml and CHANGELOG.md follow it.
__version__ = "0.1.0"
