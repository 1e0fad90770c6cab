"""A forgotten password: ask for a link on the sign-in page, then choose a new password
through the expiring signed link (or the one an administrator sent)."""

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xarxa.accounts import selectors, services
from xarxa.accounts.forms import PasswordResetRequestForm
from xarxa.core.errors import REFUSALS, form_errors
from xarxa.core.middleware import public


@public
def password_reset(request):
    form = PasswordResetRequestForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(
            username=form.cleaned_data["username"], base_url=request.build_absolute_uri("/")
        )
        sent = True
    return render(request, "accounts/password_reset.html", {"form": form, "sent": sent})


@public
def password_reset_confirm(request, uidb64, token):
    user = selectors.reset_link_user(uidb64, token)
    if user is None:
        return render(request, "accounts/password_reset_confirm.html", {"invalid_link": True})
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_set(
                actor=user, user=user, password=form.cleaned_data["new_password1"], how="reset"
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Your new password is set. Sign in with it."))
            return redirect("accounts:login")
    context = {"form": form, "invalid_link": False}
    return render(request, "accounts/password_reset_confirm.html", context)
