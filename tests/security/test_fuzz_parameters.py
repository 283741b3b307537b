"""Issue 18, finding 6: malformed input gives 400 or 404 with a clear page, never a 500.

Every URL pattern (with the team's own objects in its path, and with unknown and huge ids) is
fetched by every role with every query parameter name the project knows, set to bad types,
huge numbers, unknown ids, SQL and HTML fragments. A first request per page records which
parameters the view actually reads; the others are sent all at once, a bad value in turn.

The parameters a view reads get every bad value, all of them together (a form checks its fields
together), for the first role that reaches the view (later roles get one value, in turn); for
that first role each also gets one bad value on its own, so that a parameter refused first
cannot hide another's crash. Bad path ids are tried once per URL pattern.
"""

import re
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls.converters import IntConverter, UUIDConverter
from django.utils.datastructures import MultiValueDict

from tests.conftest import ROLES
from tests.initiatives.factories import close_file
from tests.security.scoping import OBJECT_URLS
from tests.urlwalk import iter_routes

pytestmark = pytest.mark.django_db

APPS = ["collectief", "interviews", "initiatives", "pilots"]
ALWAYS_TRIED = {
    *("page", "round", "referral", "team", "area", "start", "end", "period", "q", "format"),
    *("lang", "resident", "pilot", "label", "status"),
}
BAD_VALUES = [
    "x",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "' OR 1=1--",
    "<script>x</script>",
    "\x00",
    "",
    "2026-13-45",
    str(uuid.uuid4()),
    "[]",
    "²",  # a digit to str.isdigit, not to int()
]
# Path ids: one beyond a 64-bit integer, the largest 64-bit one (unknown); an unknown uuid.
BAD_PATH_VALUES = {
    IntConverter: ["99999999999999999999", "9223372036854775807"],
    UUIDConverter: [str(uuid.uuid4())],
}
READ_IN_SOURCE = re.compile(r'request\.GET(?:\.get|\.getlist)?[(\[]\s*"(\w+)"')
FORM_BOUND_TO_GET = re.compile(r"(\w+Form)\(\s*request\.GET")


def _source_files():
    for app in APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def parameter_names():
    """The names views read from the query string, and the fields of forms bound to it."""
    names = set(ALWAYS_TRIED)
    form_names = set()
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        names |= set(READ_IN_SOURCE.findall(text))
        form_names |= set(FORM_BOUND_TO_GET.findall(text))
    for form_name in form_names:
        forms = [
            getattr(module, form_name)
            for module_name, module in list(sys.modules.items())
            if module_name.split(".")[0] in APPS and hasattr(module, form_name)
        ]
        assert forms, f"form {form_name} bound to request.GET not found"
        names |= set(forms[0].base_fields)
    return sorted(names)


class ReadParameters:
    """Records the keys a view reads from any QueryDict while it is active."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.keys = set()

    def __enter__(self):
        for method in ("__getitem__", "get", "getlist", "__contains__"):
            original = getattr(MultiValueDict, method)

            def recording(data, key, *args, _original=original):
                self.keys.add(key)
                return _original(data, key, *args)

            self.monkeypatch.setattr(MultiValueDict, method, recording)
        return self

    def __exit__(self, *exc):
        self.monkeypatch.undo()


def _own_paths(world, route):
    """The path with the team's own objects, and the paths with bad ids in their place."""
    if not route.kwargs:
        return route.path(), []
    own = OBJECT_URLS[route.name].make(world, world.team)
    bad = []
    for converter_type, values in BAD_PATH_VALUES.items():
        for value in values:
            swapped = {
                kwarg: value if type(converter) is converter_type else own[kwarg]
                for kwarg, converter in route.converters
            }
            if swapped != own:
                bad.append(route.path(**swapped))
    return route.path(**own), bad


def test_no_parameter_or_path_id_gives_a_server_error(world, monkeypatch, capsys):
    routes = list(iter_routes())  # imports every view, and so every form
    names = parameter_names()
    assert {"chains", "week", "theme", "neighbourhood", "kind"} <= set(names)
    paths = {route.name: _own_paths(world, route) for route in routes}
    server_errors = []
    requests = 0
    sampled = len(BAD_VALUES)
    fully_fuzzed = set()
    visited = set()

    def fetch(client, role, url, query):
        nonlocal requests
        response = client.get(url, query)
        close_file(response)
        requests += 1
        if response.status_code >= 500:
            server_errors.append((role, url, query, response.status_code))
        return response

    started = time.monotonic()
    for role in [*ROLES, "anonymous"]:
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(world.people[role])
        for route in routes:
            url, bad_path_urls = paths[route.name]
            first_visit = route.name not in visited
            visited.add(route.name)
            # Bad path ids answer the same for every role: the first role tries them all.
            for bad_url in bad_path_urls if first_visit else ():
                fetch(client, role, bad_url, {})
            with ReadParameters(monkeypatch) as read:
                fetch(client, role, url, dict.fromkeys(names, "1"))
            read_names = sorted(read.keys & set(names))
            if not read_names:
                # The view reads none: every name at once, with the bad values in turn.
                fetch(client, role, url, dict.fromkeys(names, BAD_VALUES[requests % sampled]))
                continue
            # Every bad value reaches every parameter the view reads for the first role that
            # reads them; each later role gets one, in turn, to keep the test fast ...
            first_reader = (route.name, tuple(read_names)) not in fully_fuzzed
            fully_fuzzed.add((route.name, tuple(read_names)))
            for value in BAD_VALUES if first_reader else [BAD_VALUES[requests % sampled]]:
                fetch(client, role, url, dict.fromkeys(read_names, value))
            # ... and each one alone, where another's refusal could hide its crash.
            if first_reader and len(read_names) > 1:
                for name in read_names:
                    fetch(client, role, url, {name: BAD_VALUES[requests % sampled]})
    with capsys.disabled():
        print(
            f"\nfuzz: {len(routes)} URL patterns, {len(names)} parameters, {requests} requests "
            f"in {time.monotonic() - started:.0f} s"
        )
    assert not server_errors, f"{len(server_errors)} server errors:\n" + "\n".join(
        map(str, server_errors)
    )
