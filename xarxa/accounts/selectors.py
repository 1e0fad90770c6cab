"""Protected reads about staff: scopes, the staff directory, tokens."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.tokens import default_token_generator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.http import urlsafe_base64_decode
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from xarxa.accounts.models import ApiToken, Assignment, User, hash_token
from xarxa.accounts.policies import AccountsPerm
from xarxa.accounts.roles import ROLE_SCOPE, Scope
from xarxa.core.policies import check_perm


@dataclass(frozen=True)
class StaffScope:
    """Which ABSS a user reaches today. ``all_abss`` only for territory-wide roles."""

    roles: frozenset[str]
    abss_ids: frozenset[int]
    all_abss: bool = False
    team_ids: frozenset[int] = frozenset()

    def covers_abss(self, abss_id: int | None) -> bool:
        return self.all_abss or (abss_id is not None and abss_id in self.abss_ids)


def active_assignments(user: User, on: date | None = None) -> QuerySet[Assignment]:
    return (
        Assignment.objects.valid_on(on or timezone.localdate())
        .filter(user=user)
        .select_related("team__organisation", "team__abss", "abss")
    )


def scope_for(user: User, on: date | None = None) -> StaffScope:
    if not user.is_authenticated:
        return StaffScope(frozenset(), frozenset())
    cache_key = "_xarxa_scope"
    if on is None and hasattr(user, cache_key):
        return getattr(user, cache_key)
    roles, abss_ids, team_ids, all_abss = set(), set(), set(), False
    for assignment in active_assignments(user, on):
        roles.add(assignment.role)
        team_ids.add(assignment.team_id)
        kind = ROLE_SCOPE.get(assignment.role, Scope.NONE)
        if kind == Scope.TERRITORY:
            all_abss = True
        elif kind == Scope.ABSS:
            abss_id = assignment.abss_id or assignment.team.abss_id
            if abss_id:
                abss_ids.add(abss_id)
    scope = StaffScope(frozenset(roles), frozenset(abss_ids), all_abss, frozenset(team_ids))
    if on is None:
        setattr(user, cache_key, scope)
    return scope


def staff_list_for(user: User, *, search: str = "") -> QuerySet[User]:
    """The staff directory: names, teams and roles (no citizen data)."""
    check_perm(user, AccountsPerm.VIEW_STAFF)
    today = timezone.localdate()
    current = Assignment.objects.valid_on(today).select_related(
        "team__organisation", "abss", "team__abss"
    )
    users = User.objects.filter(is_active=True).order_by("last_name", "first_name", "username")
    if search:
        users = users.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
        )
    return users.prefetch_related(Prefetch("assignments", queryset=current, to_attr="current"))


def api_token_authenticate(raw: str) -> ApiToken | None:
    """A bearer token, if it is live and its user is active and may use the API."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if not token.user.has_perm(AccountsPerm.USE_API):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, live ones first."""
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")


def api_token_get_for(user: User, token_id: int) -> ApiToken:
    """One of the user's own tokens; anyone else's is not found (404)."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404
    return token


def api_tokens_matching(*, prefix: str = "", username: str = "") -> list[ApiToken]:
    """Live tokens by their visible prefix or their owner's username (the command line)."""
    tokens = ApiToken.objects.filter(revoked_at__isnull=True).select_related("user")
    if prefix:
        tokens = tokens.filter(prefix=prefix)
    if username:
        tokens = tokens.filter(user__username=username)
    return list(tokens)


def user_by_username(username: str) -> User | None:
    """An active account by username (the command line and the administrator's pages)."""
    return User.objects.filter(username=username, is_active=True).first()


def staff_member_for(actor: User, username: str) -> User:
    """An account an administrator manages (activation codes, password resets)."""
    check_perm(actor, AccountsPerm.MANAGE_STAFF)
    user = user_by_username(username)
    if user is None:
        raise Http404
    return user


def accounts_not_demo() -> int:
    """How many accounts were not made by `xarxa demo` (the demo refuses such a database)."""
    return User.objects.filter(is_demo=False).count()


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def reset_link_user(uidb64: str, token: str) -> User | None:
    """The user a password reset link is for, while the link is valid (signed, not
    expired, the password unchanged since it was made)."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user
