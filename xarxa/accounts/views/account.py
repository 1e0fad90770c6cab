"""The user's own account: roles, password, recovery codes, API tokens, and confirming
the password again before a sensitive act."""

from django.contrib import messages
from django.contrib.auth import authenticate, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.accounts import selectors, services
from xarxa.accounts.forms import ReauthenticateForm, TokenCreateForm
from xarxa.accounts.policies import AccountsPerm
from xarxa.accounts.reauth import password_confirmed, recent_password_required
from xarxa.accounts.views.sign_in import next_url
from xarxa.core.errors import REFUSALS, form_errors
from xarxa.core.policies import require_perm


def account(request):
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "assignments": selectors.active_assignments(user),
            "tokens": selectors.api_tokens_of(user),
            "has_authenticator": selectors.has_authenticator(user),
            "recovery_codes_left": selectors.recovery_codes_left(user),
        },
    )


def reauthenticate(request):
    """Type the password again; then back to where the user was going."""
    form = ReauthenticateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        password = form.cleaned_data["password"]
        if authenticate(request, username=user.get_username(), password=password) == user:
            password_confirmed(request)
            return redirect(next_url(request))
        services.sign_in_failed(username=user.get_username())
        form.add_error("password", _("The password is not right. Try again."))
    context = {"form": form, "next": next_url(request)}
    return render(request, "accounts/reauthenticate.html", context)


def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_set(
                actor=request.user, user=request.user, password=form.cleaned_data["new_password1"]
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            update_session_auth_hash(request, request.user)  # this session stays, others end
            password_confirmed(request)
            messages.success(request, _("Your password was changed."))
            return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form})


@require_perm(AccountsPerm.USE_API)
@recent_password_required
def token_create(request):
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, raw = services.api_token_issue(
                actor=request.user,
                user=request.user,
                name=data["name"],
                days=data["days"],
                read_only=data["read_only"],
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            context = {"token": token, "raw_token": raw}
            return render(request, "accounts/token_created.html", context)
    return render(request, "accounts/token_create.html", {"form": form})


@require_POST
def token_revoke(request, token_id):
    token = selectors.api_token_get_for(request.user, token_id)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token was revoked: it no longer works."))
    return redirect("accounts:account")


@require_POST
@recent_password_required
def recovery_codes_renew(request):
    if not selectors.has_authenticator(request.user):
        return redirect("accounts:account")
    codes = services.recovery_codes_renew(user=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": ""})
