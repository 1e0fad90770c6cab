"""Protected reads about staff: scopes, the staff directory, tokens."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

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


def api_token_authenticate(raw: str) -> User | None:
    """The user behind a bearer token, if the token is live and the user may use the API."""
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
    return token.user


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
