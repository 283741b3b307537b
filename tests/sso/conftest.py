"""A real OpenID Connect provider for the single sign-on tests: the npm package
``oidc-provider`` (certified) run by Node on loopback, see provider/provider.mjs.

Without node/npm the tests skip with a reason, unless COLLECTIEF_REQUIRE_BROWSER=1 (set by
.ci/run), which turns the skip into a failure. ``npm ci`` runs when node_modules is absent.
"""

import os
import shutil
import socket
import subprocess
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest

from collectief import sso

# The browser fixtures, for this directory's Chromium tests.
from tests.browser.conftest import browser, page  # noqa: F401

PROVIDER_DIR = Path(__file__).resolve().parent / "provider"
CLIENT_ID = "collectief"
CLIENT_SECRET = "collectief-test-secret"
# The one user of the test provider (provider/provider.mjs).
USERNAME = "anna"
SUBJECT = "f3b6d1e2-anna"
PASSWORD = "correct horse battery"
START_TIMEOUT_SECONDS = 20


def _node_and_npm():
    node, npm = shutil.which("node"), shutil.which("npm")
    if node and npm:
        return node, npm
    message = "node and npm are needed for the test OpenID provider (apt-get install nodejs npm)"
    if os.environ.get("COLLECTIEF_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_provider(app_url, amr="pwd,mfa"):
    """Start the provider for the app at ``app_url``; it asserts ``amr`` for every login."""
    node, npm = _node_and_npm()
    if not (PROVIDER_DIR / "node_modules").is_dir():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=PROVIDER_DIR, check=True, timeout=300
        )
    port = _free_port()
    process = subprocess.Popen(
        [
            node,
            "provider.mjs",
            str(port),
            f"{app_url}/accounts/sso/callback/",
            f"{app_url}/accounts/login/",
        ],
        cwd=PROVIDER_DIR,
        env={**os.environ, "TEST_PROVIDER_AMR": amr},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        ready = process.stdout.readline()  # blocks until "READY <issuer>" or the exit
        if not ready.startswith("READY "):
            pytest.fail(f"The test OpenID provider did not start (exit {process.poll()}).")
        yield SimpleNamespace(issuer=ready.split()[1])
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    with running_provider(live_server.url) as provider:
        yield provider


def configure_sso(settings, issuer):
    """Single sign-on on, against ``issuer``, as the environment would set it."""
    settings.COLLECTIEF_OIDC_ENABLED = True
    settings.COLLECTIEF_OIDC_ISSUER = issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = {
        **policy,
        "DIRECTIVES": {
            **policy["DIRECTIVES"],
            "form-action": [*policy["DIRECTIVES"]["form-action"], issuer],
        },
    }
    sso._discovery_cache.clear()


@pytest.fixture
def sso_settings(settings, oidc_provider):
    configure_sso(settings, oidc_provider.issuer)
    yield settings
    sso._discovery_cache.clear()


def log_in_at_provider(tab, username=USERNAME, password=PASSWORD):
    """From the Collectief login page through the provider's login form."""
    tab.goto("/accounts/login/")
    tab.get_by_role("link", name="Inloggen met je organisatieaccount").click()
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Sign in").click()
