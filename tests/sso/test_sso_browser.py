"""Single sign-on in Chromium against a real OpenID Connect provider (tests/sso/conftest.py)."""

import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from collectief import sso
from collectief.models import Membership, OidcIdentity
from tests.factories import UserFactory
from tests.sso.conftest import SUBJECT, configure_sso, log_in_at_provider, running_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOME = re.compile(r"^http://[^/]+/$")


def test_first_login_creates_a_user_without_roles_and_logout_ends_both_sessions(page, sso_settings):
    log_in_at_provider(page)
    page.wait_for_url(HOME)
    expect(page.get_by_role("heading", name="Welkom, Anna")).to_be_visible()
    identity = OidcIdentity.objects.select_related("user").get(subject=SUBJECT)
    assert identity.user.email == "anna.devries@gemeente.example"
    assert not Membership.objects.filter(user=identity.user).exists()

    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url("**/accounts/login/")
    page.goto("/")
    assert "/accounts/login/" in page.url  # Collectief's session is gone
    # The provider's too: it asks for the password again instead of logging straight in.
    page.get_by_role("link", name="Inloggen met je organisatieaccount").click()
    expect(page.get_by_label("Password")).to_be_visible()


def test_second_factor_asserted_by_the_provider_is_not_asked_again(page, sso_settings):
    sso_settings.COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA = True
    user = UserFactory(username="anna", first_name="Anna")
    OidcIdentity.objects.create(
        user=user, issuer=sso_settings.COLLECTIEF_OIDC_ISSUER, subject=SUBJECT
    )
    TOTPDevice.objects.create(user=user, name="Collectief", confirmed=True)

    log_in_at_provider(page)
    page.wait_for_url(HOME)
    expect(page.get_by_role("heading", name="Welkom, Anna")).to_be_visible()


def test_without_the_providers_second_factor_the_local_code_is_asked(page, settings, live_server):
    user = UserFactory(username="anna", first_name="Anna")
    TOTPDevice.objects.create(user=user, name="Collectief", confirmed=True)
    with running_provider(live_server.url, amr="pwd") as provider:
        configure_sso(settings, provider.issuer)
        OidcIdentity.objects.create(user=user, issuer=provider.issuer, subject=SUBJECT)
        log_in_at_provider(page)
        page.wait_for_url("**/accounts/two-step/verify/**")
    sso._discovery_cache.clear()


def _expect_refused(page, reason):
    expect(page.get_by_role("heading", name="Inloggen is niet gelukt")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text(reason)
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_forged_state_is_refused_with_a_clear_page(page, sso_settings):
    page.goto("/accounts/sso/login/")  # the session now holds a state for the provider
    response = page.goto("/accounts/sso/callback/?code=stolen&state=forged")
    assert response.status == 400
    _expect_refused(page, "Deze inlogpoging is niet (meer) geldig.")


def test_changed_nonce_is_refused_with_a_clear_page(page, sso_settings):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Inloggen met je organisatieaccount").click()
    expect(page.get_by_label("Username")).to_be_visible()
    # Another nonce than the one sent to the provider, as in a replayed ID token.
    session_key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key)
    states = session["oidc_states"]
    for state in states.values():
        state["nonce"] = "not-the-nonce-the-provider-saw"
    session["oidc_states"] = states
    session.save()

    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/sso/callback/**")
    _expect_refused(page, "Het antwoord van de inlogdienst kon niet worden gecontroleerd.")
    assert not OidcIdentity.objects.exists()


def test_token_from_another_issuer_is_refused_with_a_clear_page(page, sso_settings):
    document = sso.discovery_document(sso_settings.COLLECTIEF_OIDC_ISSUER)
    for name, key in sso.DISCOVERED.items():
        setattr(sso_settings, name, document[key])
    sso_settings.COLLECTIEF_OIDC_ISSUER = "https://login.other-municipality.example"

    log_in_at_provider(page)
    page.wait_for_url("**/accounts/sso/callback/**")
    _expect_refused(page, "Het antwoord kwam van een andere inlogdienst dan die we vertrouwen.")
    assert not OidcIdentity.objects.exists()


def test_person_outside_the_allowed_groups_is_refused_with_a_clear_page(page, sso_settings):
    sso_settings.OIDC_RP_SCOPES = "openid email profile groups"
    sso_settings.COLLECTIEF_OIDC_ALLOWED_GROUPS = ["collectief-gebruikers"]
    log_in_at_provider(page, username="bert")
    page.wait_for_url("**/accounts/sso/callback/**")
    _expect_refused(page, "niet in een groep die Collectief mag gebruiken")
    assert not OidcIdentity.objects.exists()
