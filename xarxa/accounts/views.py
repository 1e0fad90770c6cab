import base64
import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from xarxa.accounts import selectors, services
from xarxa.accounts.forms import OneTimeCodeForm, SignInForm
from xarxa.accounts.policies import AccountsPerm
from xarxa.core.middleware import (
    SESSION_RENEWED_KEY,
    allow_unverified,
    public,
    second_factor_required,
)
from xarxa.core.policies import require_perm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


@public
def sign_in(request):
    if request.user.is_authenticated and (
        request.user.is_verified() or not second_factor_required()
    ):
        return redirect(_next_url(request))
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.user
            previous = user.last_login
            login(request, user)
            request.session["previous_login"] = previous.isoformat() if previous else ""
            services.sign_in_recorded(user=user)
            if second_factor_required():
                request.session["after_second_factor"] = _next_url(request)
                return redirect("accounts:second_factor")
            return redirect(_next_url(request))
        services.sign_in_failed(username=request.POST.get("username", ""))
    return render(request, "accounts/sign_in.html", {"form": form, "next": _next_url(request)})


def locked_out(request, credentials=None, *args, **kwargs):
    """Called by django-axes when too many failed attempts came from one place."""
    return render(request, "accounts/locked_out.html", status=429)


@allow_unverified
def second_factor(request):
    """Verify the TOTP code, or enrol a first device if the user has none yet."""
    user = request.user
    if user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    device, enrolling = services.second_factor_device(user=user)
    form = OneTimeCodeForm(device, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        if enrolling:
            services.second_factor_confirm(device=device)
        otp_login(request, device)
        target = request.session.pop("after_second_factor", settings.LOGIN_REDIRECT_URL)
        return redirect(target)
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(
            scale=5, title=_("QR code to add Xarxa to your authenticator app")
        )
        context["secret"] = base64.b32encode(device.bin_key).decode()
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
    return JsonResponse({"expires_in": settings.SESSION_COOKIE_AGE})


def account(request):
    return render(
        request,
        "accounts/account.html",
        {
            "assignments": selectors.active_assignments(request.user),
            "tokens": selectors.api_tokens_of(request.user),
        },
    )


@require_perm(AccountsPerm.VIEW_STAFF)
def staff_list(request):
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.staff_list_for(request.user, search=search), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/staff_list.html", {"page": page, "q": search})
