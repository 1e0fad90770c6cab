"""Who may see a person, and how much: the one place that decides.

A person is visible to
- staff of an ABSS-scoped role when the person lives in one of their ABSS, or takes part
  in a case file owned by one of their ABSS;
- a specialised-service professional only through a case their team was referred to,
  while that access is open (``records.CaseAccess``);
- anyone holding a live emergency grant ("break the glass") for that person;
- the data-protection officer for identity, access log and subject-access export.

Sensitive categories and confidential entries are a second gate, per entry:
``may_read_entry``.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from xarxa.accounts.roles import Role
from xarxa.accounts.selectors import StaffScope, scope_for
from xarxa.people.models import AccessGrant

ABSS_ROLES = frozenset(
    {
        Role.SOCIAL_WORKER,
        Role.SOCIAL_EDUCATOR,
        Role.FAMILY_WORKER,
        Role.TEAM_COORDINATOR,
        Role.DIRECTOR,
    }
)


class Via:
    ABSS = "abss"
    CASE = "case"
    SERVICE = "service"
    GRANT = "grant"
    OFFICE = "office"  # data-protection officer: identity and rights only


@dataclass(frozen=True)
class PersonAccess:
    via: str | None

    @property
    def allowed(self) -> bool:
        return self.via is not None

    @property
    def reads_records(self) -> bool:
        """May read case files and the timeline (not only identity)."""
        return self.via in {Via.ABSS, Via.CASE, Via.SERVICE, Via.GRANT}


def _abss_ids(scope: StaffScope) -> frozenset[int]:
    return scope.abss_ids if scope.roles & ABSS_ROLES else frozenset()


def visible_persons_q(user) -> Q | None:
    """A filter on Person for everyone this user may see; None means nobody.

    Written with EXISTS subqueries rather than joins: no duplicate rows (no DISTINCT
    needed) and a cheap per-row check when search has already narrowed the candidates.
    """
    from xarxa.records.models import CaseParticipant  # records depends on people

    scope = scope_for(user)
    if Role.DATA_PROTECTION_OFFICER in scope.roles:
        return Q()
    today = timezone.localdate()
    parts = []
    abss_ids = _abss_ids(scope)
    if abss_ids:
        parts.append(Q(abss_id__in=abss_ids))
        parts.append(
            Q(
                Exists(
                    CaseParticipant.objects.filter(
                        person_id=OuterRef("pk"), case__abss_id__in=abss_ids
                    )
                )
            )
        )
    if Role.SPECIALISED_PROFESSIONAL in scope.roles and scope.team_ids:
        open_access = CaseParticipant.objects.filter(
            Q(case__accesses__valid_until__isnull=True) | Q(case__accesses__valid_until__gte=today),
            person_id=OuterRef("pk"),
            case__accesses__team_id__in=scope.team_ids,
        )
        parts.append(Q(Exists(open_access)))
    grants = AccessGrant.objects.filter(
        person_id=OuterRef("pk"), user_id=user.pk, expires_at__gt=timezone.now()
    )
    parts.append(Q(Exists(grants)))
    query = parts[0]
    for part in parts[1:]:
        query |= part
    return query


def person_access(user, person) -> PersonAccess:
    """How this user reaches this person, or not at all (``via`` None)."""
    if not getattr(user, "is_authenticated", False):
        return PersonAccess(None)
    scope = scope_for(user)
    abss_ids = _abss_ids(scope)
    today = timezone.localdate()
    if abss_ids and person.abss_id in abss_ids:
        return PersonAccess(Via.ABSS)
    cases = person.case_participations.all()
    if abss_ids and cases.filter(case__abss_id__in=abss_ids).exists():
        return PersonAccess(Via.CASE)
    if Role.SPECIALISED_PROFESSIONAL in scope.roles and scope.team_ids:
        open_access = (
            cases.filter(case__accesses__team_id__in=scope.team_ids)
            .filter(
                Q(case__accesses__valid_until__isnull=True)
                | Q(case__accesses__valid_until__gte=today)
            )
            .exists()
        )
        if open_access:
            return PersonAccess(Via.SERVICE)
    if person.access_grants.filter(user=user, expires_at__gt=timezone.now()).exists():
        return PersonAccess(Via.GRANT)
    if Role.DATA_PROTECTION_OFFICER in scope.roles:
        return PersonAccess(Via.OFFICE)
    return PersonAccess(None)


def case_team_ids_with_access(user) -> frozenset[int]:
    scope = scope_for(user)
    return scope.team_ids if Role.SPECIALISED_PROFESSIONAL in scope.roles else frozenset()


def may_read_entry(
    user,
    *,
    sensitivity: str,
    confidentiality: str,
    author_id: int | None,
    named_ids: frozenset[int] = frozenset(),
    reference_professional_id: int | None = None,
    via: str | None = None,
) -> bool:
    """Whether an intervention (or any timeline entry) shows its content to this user.

    Confidential or sensitive entries open only to their author, the professionals named
    on them, the case's reference professional, and a specialised service working the
    case; everyone else sees that an entry exists, not what it says.
    """
    close = user.pk == author_id or user.pk in named_ids
    if confidentiality == "named":
        return close
    if confidentiality == "specialised":
        return close or via == Via.SERVICE
    if sensitivity:
        return close or user.pk == reference_professional_id or via == Via.SERVICE
    return True


def may_see_gender_identity(user, person, access: PersonAccess) -> bool:
    """Gender identity is a special category: the person's reference professionals only."""
    if access.via not in {Via.ABSS, Via.CASE, Via.SERVICE}:
        return False
    return person.case_participations.filter(case__reference_professional=user).exists()
