"""Typed readers for settings that come from the environment.

Each helper fails loudly with ImproperlyConfigured on a value it cannot read, so a typo in a
deployment never turns silently into a default.

Each helper also records the variable (name, kind, default, description) in ``VARIABLES``:
``collectief/configuration_docs.py`` writes ``docs/configuration.md`` from it, so that the
documentation lists exactly what the settings read.
"""

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Variable:
    name: str
    kind: str  # text, true/false, whole number, list
    default: object  # None: required
    help: str


VARIABLES = {}


def _record(name, kind, default, help):
    VARIABLES[name] = Variable(name, kind, default, help)


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=None, help=""):
    _record(name, "text", default, help)
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Set the environment variable {name}.")
        return default
    return value


def env_bool(name, default, help=""):
    _record(name, "true/false", default, help)
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default, help=""):
    _record(name, "whole number", default, help)
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


def env_list(name, default=(), help=""):
    _record(name, "comma-separated list", list(default), help)
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def url_origin(url):
    """``https://login.example.nl`` for ``https://login.example.nl/realms/x``; "" for ""."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
