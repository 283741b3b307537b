"""Single sign-on without a provider: off by default, the password switch, the second-factor
rules and the logout redirect (the flows through a real provider are in test_sso_browser.py)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from collectief.security import PROVIDER_VERIFIED
from collectief.sso import may_log_in, provider_asserted_mfa
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
END_SESSION = "https://login.gemeente.example/realms/collectief/logout"


def test_single_sign_on_is_off_by_default(client):
    assert client.get("/accounts/sso/login/").status_code == 404
    assert client.get("/accounts/sso/callback/?code=x&state=y").status_code == 404
    page = client.get(LOGIN).content.decode()
    assert "organisatieaccount" not in page and 'name="password"' in page


def test_login_page_offers_the_provider_and_can_hide_the_password_form(client, settings):
    settings.COLLECTIEF_OIDC_ENABLED = True
    settings.COLLECTIEF_PASSWORD_LOGIN = False
    page = client.get(f"{LOGIN}?next=/teams/").content.decode()
    assert "Inloggen met je organisatieaccount" in page
    assert "/accounts/sso/login/?next=/teams/" in page
    assert 'name="password"' not in page


def test_password_login_switched_off_refuses_even_the_right_password(client, settings):
    settings.COLLECTIEF_OIDC_ENABLED = True
    settings.COLLECTIEF_PASSWORD_LOGIN = False
    UserFactory(username="ruud")
    response = client.post(LOGIN, {"username": "ruud", "password": TEST_PASSWORD}, follow=True)
    assert "_auth_user_id" not in client.session
    assert "Log in met je organisatieaccount." in response.content.decode()


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": ["pwd", "hwk"]}, True),
        ({"amr": "otp"}, True),
        ({"amr": ["pwd"]}, False),
        ({}, False),
        ({"acr": "urn:gemeente:loa:substantial"}, True),
        ({"acr": "urn:gemeente:loa:low"}, False),
    ],
)
def test_second_factor_at_the_provider_is_read_from_amr_and_acr(claims, expected, settings):
    settings.COLLECTIEF_OIDC_MFA_ACR_VALUES = ["urn:gemeente:loa:substantial"]
    assert provider_asserted_mfa(claims) is expected


def test_allowed_groups_decide_only_who_may_log_in(settings):
    assert may_log_in({"groups": []})  # no groups configured: everyone the provider knows
    settings.COLLECTIEF_OIDC_ALLOWED_GROUPS = ["collectief-gebruikers"]
    assert may_log_in({"groups": ["x", "collectief-gebruikers"]})
    assert not may_log_in({"groups": ["andere-applicatie"]})
    assert not may_log_in({})
    settings.COLLECTIEF_OIDC_GROUPS_CLAIM = "roles"
    assert may_log_in({"roles": "collectief-gebruikers"})


def _logged_in_with_device(client):
    user = UserFactory(username="anna")
    TOTPDevice.objects.create(user=user, name="Collectief", confirmed=True)
    client.post(LOGIN, {"username": "anna", "password": TEST_PASSWORD})
    return user


def test_local_code_is_asked_unless_the_provider_asserted_a_second_factor(client):
    _logged_in_with_device(client)
    assert "/accounts/two-step/verify/" in client.get("/").url
    session = client.session
    session[PROVIDER_VERIFIED] = True
    session.save()
    assert client.get("/").status_code == 200


def test_a_new_login_forgets_the_providers_second_factor(client):
    user = _logged_in_with_device(client)
    session = client.session
    session[PROVIDER_VERIFIED] = True
    session.save()
    client.force_login(user)  # a later login of the same session, not by single sign-on
    assert PROVIDER_VERIFIED not in client.session
    assert "/accounts/two-step/verify/" in client.get("/").url


def test_logout_ends_the_providers_session_too(client, settings):
    settings.COLLECTIEF_OIDC_ENABLED = True
    settings.OIDC_OP_LOGOUT_ENDPOINT = END_SESSION
    settings.OIDC_RP_CLIENT_ID = "collectief"
    client.force_login(UserFactory())
    session = client.session
    session["oidc_id_token"] = "the.id.token"
    session.save()
    response = client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session
    target = urlsplit(response.url)
    assert f"{target.scheme}://{target.netloc}{target.path}" == END_SESSION
    assert parse_qs(target.query) == {
        "id_token_hint": ["the.id.token"],
        "post_logout_redirect_uri": ["http://testserver/accounts/login/"],
        "client_id": ["collectief"],
    }


def test_logout_of_a_password_session_stays_local(client, settings):
    settings.COLLECTIEF_OIDC_ENABLED = True
    settings.OIDC_OP_LOGOUT_ENDPOINT = END_SESSION
    client.force_login(UserFactory())
    assert client.post("/accounts/logout/").url == LOGIN


def test_a_single_sign_on_session_ends_when_the_user_is_set_inactive(client):
    user = UserFactory()
    client.force_login(user, backend="collectief.sso.OidcBackend")
    assert client.get("/").status_code == 200
    user.is_active = False
    user.save()
    assert client.get("/").url.startswith(LOGIN)
