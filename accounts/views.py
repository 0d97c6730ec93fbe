"""The second factor (confirming a code at each login, enrolling an authenticator once) and
the language switcher."""

from __future__ import annotations

import base64
from io import BytesIO

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from common.addresses import request_address
from common.models import DemoDataset

from . import services
from .forms import TokenForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def _verified(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    django_otp.login(request, device)
    # A new session key once fully authenticated: a key seen before the second factor is void.
    request.session.cycle_key()
    return redirect(_next_url(request))


def _demo_code(device: TOTPDevice) -> str | None:
    """On ``make run``'s demo database only: the code the demo account's app would show now."""
    if not settings.SHOW_DEMO_TOTP_CODES or device.name != "demo":
        return None
    if not DemoDataset.objects.exists():
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def verify(request: HttpRequest) -> HttpResponse:
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is None:
        return redirect(_step_url("two_factor_enrol", request))
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        return _verified(request, device)
    context = {"form": form, "next": _next_url(request), "demo_code": _demo_code(device)}
    return render(request, "registration/two_factor_verify.html", context)


def enrol(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator: a POST creates the (unconfirmed) device and its key, the page
    then shows them as a QR code, and a code from the app confirms it. Opening the page writes
    nothing."""
    if TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
        return redirect(_step_url("two_factor_verify", request))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if request.method == "POST" and "start" in request.POST:
        if device is None:
            TOTPDevice.objects.create(user=request.user, confirmed=False, name="authenticator")
        return redirect(_step_url("two_factor_enrol", request))
    if device is None:
        if request.method == "POST":
            return redirect(_step_url("two_factor_enrol", request))
        context = {"next": _next_url(request)}
        return render(request, "registration/two_factor_enrol.html", context)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        messages.success(request, _("Your authenticator app is set up."))
        return _verified(request, device)
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": _qr_data_uri(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode(),
    }
    return render(request, "registration/two_factor_enrol.html", context)


def _step_url(name: str, request: HttpRequest) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next_url(request)})}"


def _qr_data_uri(text: str) -> str:
    """The QR code as an SVG image in a data: URI (the policy allows images from data:, and an
    image runs no script and carries no inline style of the page's)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_not_required
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a link to choose a new password. Whatever the address, the answer is the same
    page, and the e-mail (if an account has the address) is sent by the mail worker."""
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_password_reset(
            form.cleaned_data["email"],
            client_address=request_address(request),
            domain=request.get_host(),
            use_https=request.is_secure(),
            language=translation.get_language(),
        )
        return redirect("password_reset_done")
    return render(request, "registration/password_reset_form.html", {"form": form})


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language`` (cookie, redirect back), and for a logged-in user also their
    preference, which follows them to every device."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        services.set_preferred_language(request.user, language)
    return response
