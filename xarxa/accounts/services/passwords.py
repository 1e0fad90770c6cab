"""Passwords: every new one passes the validators (AUTH_PASSWORD_VALIDATORS: length,
likeness to the account, Django's bundled list of 20,000 common and breached passwords,
all digits); a reset goes through an expiring signed link that works once."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from xarxa.accounts.models import User
from xarxa.accounts.notices import send_account_notice
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction


def _changed_notice() -> tuple[str, str]:
    return (
        _("Xarxa: your password was changed"),
        _(
            "The password of your Xarxa account was changed just now, and your other "
            "sessions were closed. If it was not you, tell your administrator at once."
        ),
    )


@transaction.atomic
def password_set(*, actor: User | None, user: User, password: str, how: str = "changed") -> None:
    """Give ``user`` a new password (validated). Every other session of the user ends (the
    session hash changes) and every reset link already sent stops working."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=user, details={"password": how})
    send_account_notice(user, _changed_notice)


def reset_link(user: User, base_url: str) -> str:
    """The signed link that lets ``user`` choose a new password: it expires after
    PASSWORD_RESET_TIMEOUT and stops working once the password changes."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", args=[uid, token])
    return (settings.XARXA_BASE_URL or base_url.rstrip("/")) + path


def _mail_link(user: User, link: str) -> None:
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600

    def compose() -> tuple[str, str]:
        return (
            _("Xarxa: choose a new password"),
            _(
                "Open this link to choose a new password for your Xarxa account "
                "(%(username)s). It works once, for %(hours)d hours:\n\n%(link)s\n\n"
                "If you did not ask for it, ignore this message: your password stays."
            )
            % {"username": user.get_username(), "hours": hours, "link": link},
        )

    send_account_notice(user, compose)


@transaction.atomic
def password_reset_issue(*, actor: User, user: User, base_url: str) -> str:
    """An administrator starts a reset for ``user``: the link is mailed to the user and
    returned, to be handed over in person when the user has no address."""
    link = reset_link(user, base_url)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=user, details={"reset_link": 1})
    _mail_link(user, link)
    return link


@transaction.atomic
def password_reset_request(*, username: str, base_url: str) -> None:
    """Someone asked for a reset link for ``username`` (or an address) on the sign-in
    page: the account's own address gets it. The answer is the same whether or not such
    an account exists."""
    match = User.objects.filter(is_active=True).exclude(email="")
    user = match.filter(username=username).first() or match.filter(email__iexact=username).first()
    audit_record(
        actor=None,
        action=AuditAction.UPDATE if user else AuditAction.LOGIN_FAILED,
        object_type="accounts.user",
        object_id=str(user.pk) if user else "",
        details={"reset_requested": username[:150]},
    )
    if user is not None:
        _mail_link(user, reset_link(user, base_url))
