"""Signing in: the password, then the second factor. A user without an authenticator
enrols one only after redeeming an administrator's one-time activation code; a user who
lost theirs signs in with a recovery code."""

import base64
import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from xarxa.accounts import selectors, services
from xarxa.accounts.forms import (
    ActivationCodeForm,
    OneTimeCodeForm,
    RecoveryCodeForm,
    SignInForm,
)
from xarxa.core.errors import API_PREFIX, REFUSALS, form_errors, problem
from xarxa.core.middleware import (
    SESSION_RENEWED_KEY,
    allow_unverified,
    public,
    second_factor_required,
    session_expires_in,
)

ENROLMENT_KEY = "_activation_code"  # the redeemed activation code that opens enrolment
AFTER_KEY = "after_second_factor"


def next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


@public
def sign_in(request):
    if request.user.is_authenticated and (
        request.user.is_verified() or not second_factor_required(request.user)
    ):
        return redirect(next_url(request))
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.user
            previous = user.last_login
            login(request, user)  # starts the session clocks (see AccountsConfig.ready)
            request.session["previous_login"] = previous.isoformat() if previous else ""
            services.sign_in_recorded(user=user)
            if second_factor_required(user):
                request.session[AFTER_KEY] = next_url(request)
                return redirect("accounts:second_factor")
            return redirect(next_url(request))
        services.sign_in_failed(username=request.POST.get("username", ""))
    context = {"form": form, "next": next_url(request)}
    return render(request, "accounts/sign_in.html", context)


def locked_out(request, credentials=None, *args, **kwargs):
    """Called by django-axes when too many failed attempts came from one place."""
    if request.path.startswith(API_PREFIX):
        return problem(request, 429, _("Too many attempts"), _("Wait 15 minutes and try again."))
    return render(request, "accounts/locked_out.html", status=429)


@allow_unverified
def second_factor(request):
    """Verify the second factor; or redeem an activation code, then enrol an authenticator."""
    user = request.user
    if user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    if selectors.has_authenticator(user):
        return _verify(request, user)
    if not request.session.get(ENROLMENT_KEY):
        return _activate(request, user)
    return _enrol(request, user)


def _done(request):
    return redirect(request.session.pop(AFTER_KEY, settings.LOGIN_REDIRECT_URL))


def _verify(request, user):
    device, _enrolling = services.second_factor_device(user=user)
    posted = request.POST if request.method == "POST" else None
    recovering = posted is not None and "recovery_code" in posted
    form = OneTimeCodeForm(device, data=None if recovering else posted)
    recovery = RecoveryCodeForm(data=posted if recovering else None)
    if recovering and recovery.is_valid():
        static = services.recovery_code_use(user=user, raw=recovery.cleaned_data["recovery_code"])
        if static is not None:
            otp_login(request, static)
            messages.warning(
                request, _("You signed in with a recovery code: it cannot be used again.")
            )
            return _done(request)
        recovery.add_error("recovery_code", _("This recovery code is not valid or was used."))
    elif posted is not None and form.is_valid():
        otp_login(request, device)
        return _done(request)
    context = {"form": form, "recovery_form": recovery, "mode": "verify"}
    return render(request, "accounts/second_factor.html", context)


def _activate(request, user):
    form = ActivationCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            code = services.activation_code_redeem(
                user=user, raw=form.cleaned_data["activation_code"]
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            request.session[ENROLMENT_KEY] = code.pk
            return redirect("accounts:second_factor")
    return render(request, "accounts/second_factor.html", {"form": form, "mode": "activate"})


def _enrol(request, user):
    device, _enrolling = services.second_factor_device(user=user)
    form = OneTimeCodeForm(device, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.second_factor_confirm(device=device)
        otp_login(request, device)
        request.session.pop(ENROLMENT_KEY, None)
        target = request.session.pop(AFTER_KEY, settings.LOGIN_REDIRECT_URL)
        return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": target})
    context = {
        "form": form,
        "mode": "enrol",
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(
            scale=5, title=_("QR code to add Xarxa to your authenticator app")
        ),
        "secret": base64.b32encode(device.bin_key).decode(),
    }
    return render(request, "accounts/second_factor.html", context)


@allow_unverified
@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        services.sign_out_recorded(user=request.user)
    logout(request)
    messages.info(request, _("You have signed out."))
    return redirect("accounts:login")


@require_POST
def keep_alive(request):
    """The user is still there: renew the session now, whenever it was last renewed."""
    request.session[SESSION_RENEWED_KEY] = int(time.time())
    return JsonResponse({"expires_in": session_expires_in(request)})
