"""Staff accounts and their role assignments; sign-in and sign-out records."""

from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from xarxa.accounts.models import Assignment, User
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.organisations.models import Team
from xarxa.territory.models import Abss


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    password: str | None = None,
    is_demo: bool = False,
) -> User:
    user = User(
        username=username, first_name=first_name, last_name=last_name, email=email, is_demo=is_demo
    )
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=user)
    return user


@transaction.atomic
def assignment_create(
    *,
    actor: User | None,
    user: User,
    team: Team,
    role: str,
    abss: Abss | None = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> Assignment:
    assignment = Assignment(
        user=user,
        team=team,
        role=role,
        abss=abss,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    assignment.full_clean()
    assignment.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=assignment, details={"role": role})
    return assignment


def sign_in_recorded(*, user: User) -> None:
    audit_record(actor=user, action=AuditAction.LOGIN, obj=user)


def sign_in_failed(*, username: str) -> None:
    audit_record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        object_type="accounts.user",
        details={"username": username[:150]},
    )


def sign_out_recorded(*, user: User) -> None:
    audit_record(actor=user, action=AuditAction.LOGOUT, obj=user)
