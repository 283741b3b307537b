"""Issue 18, finding 2: the admin is no back door to residents' personal data.

Functional management needs none of it: every page of every registered model (list, add,
change, history and a history record) is fetched as a superuser with a verified second factor,
and none may show a seeded resident string. A staff account without a verified second factor
does not reach the admin at all.
"""

import json
import os
import subprocess
import sys

import pytest
from django.contrib import admin
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from collectief.security import HAS_DEVICE
from tests.factories import UserFactory
from tests.initiatives.factories import (
    InitiativeFactory,
    LabelApplicationFactory,
    SessionFactory,
    SuccessFactory,
)
from tests.interviews.factories import (
    AnswerFactory,
    ConversationFactory,
    ReferralFactory,
    ResidentFactory,
    RoundFactory,
    WishFactory,
)

pytestmark = pytest.mark.django_db

SEEDED = {
    "resident name": "Zwaantje-Qx",
    "resident contact details": "06-71717171",
    "referral name": "Genovevaqq",
    "referral phone": "06-83838383",
    "conversation notes": "schuldenzorgQQ",
    "answer": "antwoordPPQ",
    "wish": "wensKKQ",
    "initiative starters": "startersJJQ",
    "success involved": "betrokkenWWQ",
    "session attendee": "deelnemerVVQ",
    "session note": "sessienotitieYYQ",
    "round reflection": "reflectieZZQ",
    "label motivation": "motivatieMMQ",
}


@pytest.fixture
def residents_everywhere(world):
    """Every kind of resident data, under the team's round, initiative, session and success."""
    team = world.team
    round_ = RoundFactory(team=team, reflection_experiences=SEEDED["round reflection"])
    resident = ResidentFactory(
        team=team,
        name=SEEDED["resident name"],
        contact_details=SEEDED["resident contact details"],
        consent_given_at=timezone.now(),
        consent_asked_by=world.people["lead"],
    )
    conversation = ConversationFactory(
        round=round_, resident=resident, notes=SEEDED["conversation notes"]
    )
    ReferralFactory(
        conversation=conversation,
        name=SEEDED["referral name"],
        how_to_reach=SEEDED["referral phone"],
    )
    AnswerFactory(conversation=conversation, value=SEEDED["answer"])
    wish = WishFactory(conversation=conversation, text=SEEDED["wish"])
    initiative = InitiativeFactory(team=team, resident_starters=SEEDED["initiative starters"])
    initiative.wishes.add(wish)
    LabelApplicationFactory(initiative=initiative, motivation=SEEDED["label motivation"])
    session = SessionFactory(activity__initiative=initiative, note=SEEDED["session note"])
    session.attendees.create(initiative=initiative, pseudonym=SEEDED["session attendee"])
    SuccessFactory(team=team, initiative=initiative, involved=SEEDED["success involved"])
    return SEEDED


def _verified_superuser(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[HAS_DEVICE] = True
    session.save()
    return client, device


def _admin_url(name, *args):
    try:
        return reverse(f"admin:{name}", args=args)
    except NoReverseMatch:
        return None


def _admin_pages():
    """Every list, add, change and history page of every registered model (and one history
    record of each), for the first object of each model."""
    for model, model_admin in admin.site._registry.items():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}"
        yield _admin_url(f"{prefix}_changelist")
        yield _admin_url(f"{prefix}_add")
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        yield _admin_url(f"{prefix}_change", obj.pk)
        yield _admin_url(f"{prefix}_history", obj.pk)
        history = getattr(obj, "history", None)
        if history is not None and hasattr(model_admin, "history_form_view"):
            for record in history.all():
                yield _admin_url(f"{prefix}_simple_history", obj.pk, record.history_id)


def test_no_admin_page_shows_resident_personal_data(residents_everywhere, client):
    client, device = _verified_superuser(client)
    # Nor a colleague's second factor: with its secret, anyone could make their codes.
    secrets = {**residents_everywhere, "TOTP secret": device.key}
    leaks = []
    pages = [url for url in _admin_pages() if url]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 403), (url, response.status_code)
        page = response.content.decode()
        leaks += [(url, what) for what, text in secrets.items() if text in page]
    assert len(pages) > 20
    assert not leaks


@override_settings(
    COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA=True, COLLECTIEF_REQUIRE_2FA_FOR_ADMIN=True
)
@pytest.mark.parametrize("has_device", [False, True])
def test_a_superuser_without_a_verified_second_factor_cannot_reach_the_admin(
    world, client, has_device
):
    """A superuser without a team role sees no personal data in the app, yet needs the code."""
    user = UserFactory(is_staff=True, is_superuser=True)
    if has_device:
        TOTPDevice.objects.create(user=user, name="x", confirmed=True)
    client.force_login(user)
    session = client.session
    session[HAS_DEVICE] = has_device
    session.save()
    response = client.get(reverse("admin:index"))
    target = reverse("otp:verify" if has_device else "otp:setup")
    assert response.status_code == 302 and response["Location"].startswith(target)
    assert client.get(reverse("admin:collectief_accessrecord_changelist")).status_code == 302


@override_settings(COLLECTIEF_REQUIRE_2FA_FOR_ADMIN=True)
def test_the_admin_site_itself_refuses_an_unverified_staff_user(world, rf):
    """Behind the middleware, the admin site checks the second factor too."""
    request = rf.get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    request.user.is_verified = lambda: False
    assert not admin.site.has_permission(request)
    request.user.is_verified = lambda: True
    assert admin.site.has_permission(request)


def test_production_always_requires_the_second_factor_for_the_admin():
    code = (
        "import json, collectief.settings as s; "
        "print(json.dumps(getattr(s, 'COLLECTIEF_REQUIRE_2FA_FOR_ADMIN', None)))"
    )
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 50,
        "COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA": "0",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) is True
