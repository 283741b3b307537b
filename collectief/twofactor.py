"""Optional (or, by setting, required) one-time codes at login: TOTP with django-otp.

The enrolment page shows the secret as a QR code (an SVG image made on the server, so no
external service ever sees the secret) and as text; the device counts only after the person
entered one correct code.
"""

import io
from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from collectief.observability import log_security_event
from collectief.security import HAS_DEVICE, two_factor_required

DEVICE_NAME = "Collectief"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next_url(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _pending_device(user):
    """The person's unconfirmed device, made on first visit of the enrolment page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@never_cache
@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        if not user.is_verified():
            # A device enrolled in another session: ask for its code, never show the status.
            request.session[HAS_DEVICE] = True
            return redirect("otp:verify")
        return render(
            request,
            "collectief/twofactor_status.html",
            {"form": TokenForm(), "required": two_factor_required(user)},
        )
    device = _pending_device(user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            request.session[HAS_DEVICE] = True
            messages.success(request, _("Two-step login is on for your account."))
            return redirect(_next_url(request))
        log_security_event("two_factor_failed", request)
        form.add_error("token", _("This code is not correct. Try the current code."))
    return render(
        request,
        "collectief/twofactor_setup.html",
        {
            "form": form,
            "secret": b32encode(device.bin_key).decode(),
            "required": two_factor_required(user),
            "next": _next_url(request, ""),
        },
    )


@never_cache
@require_GET
def qr_code(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        raise Http404
    image = io.BytesIO()
    # A white quiet zone: phone cameras fail on a QR code drawn on a dark page background.
    segno.make(device.config_url, error="m").save(
        image, kind="svg", scale=5, light="#fff", title=DEVICE_NAME
    )
    return HttpResponse(image.getvalue(), content_type="image/svg+xml")


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        log_security_event("two_factor_failed", request)
        form.add_error("token", _("This code is not correct. Try the current code."))
    return render(
        request, "collectief/twofactor_verify.html", {"form": form, "next": _next_url(request, "")}
    )


@require_POST
def disable(request):
    user = request.user
    if two_factor_required(user):
        messages.error(request, _("Your role requires two-step login; it cannot be turned off."))
        return redirect("otp:setup")
    form = TokenForm(request.POST)
    if form.is_valid() and match_token(user, form.cleaned_data["token"]) is not None:
        TOTPDevice.objects.filter(user=user).delete()
        request.session[HAS_DEVICE] = False
        messages.success(request, _("Two-step login is off for your account."))
        return redirect("home")
    log_security_event("two_factor_failed", request)
    messages.error(request, _("This code is not correct. Try the current code."))
    return redirect("otp:setup")
