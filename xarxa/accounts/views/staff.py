"""The staff directory, and an administrator's actions on an account: a one-time
activation code for the second factor, a password reset link. Both shown once."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_POST

from xarxa.accounts import selectors, services
from xarxa.accounts.policies import AccountsPerm
from xarxa.accounts.reauth import recent_password_required
from xarxa.core.policies import require_perm


@require_perm(AccountsPerm.VIEW_STAFF)
def staff_list(request):
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.staff_list_for(request.user, search=search), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/staff_list.html", {"page": page, "q": search})


@require_perm(AccountsPerm.MANAGE_STAFF)
def staff_detail(request, username):
    member = selectors.staff_member_for(request.user, username)
    context = {
        "member": member,
        "has_authenticator": selectors.has_authenticator(member),
        "assignments": selectors.active_assignments(member),
    }
    return render(request, "accounts/staff_detail.html", context)


@require_POST
@require_perm(AccountsPerm.MANAGE_STAFF)
@recent_password_required
def activation_code_issue(request, username):
    member = selectors.staff_member_for(request.user, username)
    code, raw = services.activation_code_issue(actor=request.user, user=member)
    context = {"member": member, "activation_code": raw, "expires_at": code.expires_at}
    return render(request, "accounts/activation_code.html", context)


@require_POST
@require_perm(AccountsPerm.MANAGE_STAFF)
@recent_password_required
def password_reset_issue(request, username):
    member = selectors.staff_member_for(request.user, username)
    link = services.password_reset_issue(
        actor=request.user, user=member, base_url=request.build_absolute_uri("/")
    )
    return render(request, "accounts/password_reset_issued.html", {"member": member, "link": link})
