"""Who may do what with a person: the named permissions and the object-level rules, in
one place.

A person is visible to
- staff of an ABSS-scoped role when the person lives in one of their ABSS, or takes part
  in a case file owned by one of their ABSS;
- a specialised-service professional only through a case their team was referred to,
  while that access is open (``records.CaseAccess``);
- anyone holding a live emergency grant ("break the glass") for that person;
- the data-protection officer for identity, access log and subject-access export.

Sensitive categories and confidential entries are a second gate, per entry:
``may_read_entry``. Writes about a person need the same reach as reading their file:
``require_person_reach``; and every write or share touching a person passes one gate,
``require_processing``: refused when the actor reaches the person only through an
emergency grant (a grant is read only) or when the person's processing is restricted.

The people app sits below records: case participation is reached through the reverse
relation ``Person.case_participations`` by its name, never by importing records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.accounts.roles import Role
from xarxa.accounts.selectors import StaffScope, scope_for
from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import deny
from xarxa.core.throttle import RateLimited
from xarxa.organisations.models import Team
from xarxa.people.models import AccessGrant, Person

if TYPE_CHECKING:
    from xarxa.accounts.models import User

__all__ = [
    "ABSS_ROLES",
    "GrantIsReadOnly",
    "LimitReached",
    "PeoplePerm",
    "PersonAccess",
    "Via",
    "case_team_ids_with_access",
    "may_read_entry",
    "may_see_gender_identity",
    "may_write_person",
    "person_access",
    "require_person_reach",
    "require_processing",
    "service_categories",
    "visible_persons_q",
]


class PeoplePerm(StrEnum):
    VIEW = "people.view"  # search persons and read the cards within one's scope
    REGISTER = "people.register"  # register persons, edit them, record consents
    MERGE = "people.merge"  # merge duplicate records and undo a merge
    EXPORT = "people.export"  # subject-access export of everything held about a person
    RESTRICT = "people.restrict"  # freeze a record (right to restriction)
    BREAK_GLASS = "people.break_glass"  # time-limited emergency access with a reason
    VIEW_ACCESS_LOG = "people.view_access_log"  # who accessed a person's file
    APPROVE_EMERGENCY = "people.approve_emergency"  # second person for a protected person


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


def _participations() -> QuerySet[Model]:
    """Case participations (``records.CaseParticipant``), found through the reverse
    relation on Person by name: records depends on people, not the other way round."""
    model: type[Model] = Person._meta.get_field("case_participations").related_model
    return model._default_manager.all()


def _open_access_q(team_ids: frozenset[int]) -> Q:
    """Participations in a case one of these teams has an open access to: ONE access
    row (``records.CaseAccess``, reached by relation names) must be of one of these
    teams AND have started AND not have ended; an ended access of this team beside an
    open access of another team opens nothing."""
    case_model = cast("type[Model]", _participations().model._meta.get_field("case").related_model)
    access_model = cast("type[Model]", case_model._meta.get_field("accesses").related_model)
    today = timezone.localdate()
    open_access = access_model._default_manager.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        case_id=OuterRef("case_id"),
        team_id__in=team_ids,
    )
    return Q(Exists(open_access))


def live_grant_q() -> Q:
    """Emergency grants open now: approved (when they needed it) and not expired."""
    return Q(expires_at__gt=timezone.now(), pending=False)


def visible_persons_q(user: User) -> Q | None:
    """A filter on Person for everyone this user may see; None means nobody.

    Written with EXISTS subqueries rather than joins: no duplicate rows (no DISTINCT
    needed) and a cheap per-row check when search has already narrowed the candidates.
    """
    scope = scope_for(user)
    if Role.DATA_PROTECTION_OFFICER in scope.roles:
        return Q()
    parts = []
    abss_ids = _abss_ids(scope)
    if abss_ids:
        parts.append(Q(abss_id__in=abss_ids))
        parts.append(
            Q(
                Exists(
                    _participations().filter(person_id=OuterRef("pk"), case__abss_id__in=abss_ids)
                )
            )
        )
    if Role.SPECIALISED_PROFESSIONAL in scope.roles and scope.team_ids:
        open_access = _participations().filter(
            _open_access_q(scope.team_ids), person_id=OuterRef("pk")
        )
        parts.append(Q(Exists(open_access)))
    grants = AccessGrant.objects.filter(live_grant_q(), person_id=OuterRef("pk"), user=user)
    parts.append(Q(Exists(grants)))
    query = parts[0]
    for part in parts[1:]:
        query |= part
    return query


def person_access(user: User, person: Person) -> PersonAccess:
    """How this user reaches this person, or not at all (``via`` None)."""
    if not getattr(user, "is_authenticated", False):
        return PersonAccess(None)
    scope = scope_for(user)
    abss_ids = _abss_ids(scope)
    if abss_ids and person.abss_id in abss_ids:
        return PersonAccess(Via.ABSS)
    cases = _participations().filter(person_id=person.pk)
    if abss_ids and cases.filter(case__abss_id__in=abss_ids).exists():
        return PersonAccess(Via.CASE)
    serves = Role.SPECIALISED_PROFESSIONAL in scope.roles and scope.team_ids
    if serves and cases.filter(_open_access_q(scope.team_ids)).exists():
        return PersonAccess(Via.SERVICE)
    if person.access_grants.filter(live_grant_q(), user=user).exists():
        return PersonAccess(Via.GRANT)
    if Role.DATA_PROTECTION_OFFICER in scope.roles:
        return PersonAccess(Via.OFFICE)
    return PersonAccess(None)


def require_person_reach(actor: User, person: Person) -> PersonAccess:
    """Writes about a person need the same reach as reading their file (refused and
    audited otherwise)."""
    access = person_access(actor, person)
    if not access.reads_records:
        raise deny(actor, f"people.person:{person.pk}")
    return access


def may_write_person(access: PersonAccess, person: Person) -> bool:
    """Whether the card offers to change the person or open a case for them (the
    service checks again): not through an emergency grant, not when restricted."""
    return access.reads_records and access.via != Via.GRANT and not person.is_restricted


class GrantIsReadOnly(PermissionDenied):
    """The actor reaches this person only through an emergency grant: it lets them read
    the file, never change it, open a case for the person or add them to one."""

    def __init__(self) -> None:
        self.explanation = _(
            "Emergency access lets you read this file, not change it. Ask the team "
            "that attends this person."
        )
        super().__init__(self.explanation)


class LimitReached(RateLimited):
    """A per-user cap (emergency grants per week, duplicate checks per hour): the API
    answers 429 with this message, a page shows it."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(retry_after)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _restricted_message() -> str:
    return _("This record is restricted at the person's request and cannot be changed.")


def require_processing(actor: User, persons: Iterable[Person | int]) -> None:
    """The one gate every write or share touching these persons passes (case opening,
    participants, identity edits, merges, consents, households, notes, attachments,
    assessments, plans, referrals, exports to third parties).

    Refused (and audited) with ``GrantIsReadOnly`` when the actor's only reach to one of
    them is an emergency grant; refused with a ``ValidationError`` (code ``restricted``,
    a clear message on the form, 422 in the API) when one of them has their processing
    restricted (GDPR art. 18: only storage and the data-protection officer's acts stay).
    The restriction is read from the database, not from the object the caller holds.
    """
    ids = [p.pk if isinstance(p, Person) else int(p) for p in persons]
    if not ids:
        return
    rows = list(Person.objects.filter(pk__in=ids))
    for person in rows:
        if person_access(actor, person).via == Via.GRANT:
            audit_record(
                actor=actor,
                action=AuditAction.DENIED,
                object_type="people.person",
                object_id=str(person.pk),
                person_id=person.pk,
                details={"emergency_grant_read_only": True},
            )
            raise GrantIsReadOnly()
    if any(person.is_restricted for person in rows):
        raise ValidationError(_restricted_message(), code="restricted")


def case_team_ids_with_access(user: User) -> frozenset[int]:
    scope = scope_for(user)
    return scope.team_ids if Role.SPECIALISED_PROFESSIONAL in scope.roles else frozenset()


def service_categories(user: User) -> frozenset[str]:
    """The special categories the user's specialised teams work with: those of the
    catalogue services the teams run (``catalogue.Service.special_category``, reached
    through the relation ``Team.catalogue_entries`` by its name: catalogue sits above
    people). Kept on the user object for the request, like the scope."""
    cached: frozenset[str] | None = getattr(user, "_xarxa_categories", None)
    if cached is not None:
        return cached
    team_ids = case_team_ids_with_access(user)
    categories: frozenset[str] = frozenset()
    if team_ids:
        service_model: type[Model] = Team._meta.get_field("catalogue_entries").related_model
        categories = frozenset(
            service_model._default_manager.filter(owner_team_id__in=team_ids)
            .exclude(special_category="")
            .values_list("special_category", flat=True)
        )
    user._xarxa_categories = categories  # type: ignore[attr-defined]
    return categories


def may_read_entry(
    user: User,
    *,
    sensitivity: str,
    confidentiality: str,
    author_id: int | None,
    named_ids: frozenset[int] = frozenset(),
    reference_professional_id: int | None = None,
    via: str | None = None,
    team_id: int | None = None,
) -> bool:
    """Whether an intervention (or any timeline entry) shows its content to this user.

    - "named": its author and the professionals named on it.
    - "specialised": its author, the named, and the specialised team (service) that
      wrote it (``team_id``, recorded when written), while that team works the case.
    - A special category: its author, the named, the case's reference professional, and
      a specialised service working the case whose services work with that category
      (SIAD gender violence, SAI sexual orientation...).
    Everyone else sees that an entry exists, not what it says.
    """
    close = user.pk == author_id or user.pk in named_ids
    if confidentiality == "named":
        return close
    if confidentiality == "specialised":
        if team_id is None:  # written before the team was recorded: the old rule
            return close or via == Via.SERVICE
        return close or (via == Via.SERVICE and team_id in scope_for(user).team_ids)
    if sensitivity:
        serves = via == Via.SERVICE and sensitivity in service_categories(user)
        return close or user.pk == reference_professional_id or serves
    return True


def may_see_gender_identity(user: User, person: Person, access: PersonAccess) -> bool:
    """Gender identity is a special category: the person's reference professionals, and
    the service for sexual orientation and gender identity working their case."""
    if access.via not in {Via.ABSS, Via.CASE, Via.SERVICE}:
        return False
    if access.via == Via.SERVICE and "sexual_orientation" in service_categories(user):
        return True  # the LGBTI service working the case
    return (
        _participations()
        .filter(person_id=person.pk, case__reference_professional_id=user.pk)
        .exists()
    )
