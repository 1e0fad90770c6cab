"""Protected reads about persons: every one checks scope and writes the audit log."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.core.audit import audit_persons_shown, audit_record
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.core.policies import check_perm, out_of_reach
from xarxa.people.models import (
    Consent,
    ContactChannel,
    HouseholdMembership,
    IdentityDocument,
    Person,
)
from xarxa.people.names import deletion_variants, digits, tokens
from xarxa.people.policies import (
    GrantIsReadOnly,
    LimitReached,
    PeoplePerm,
    PersonAccess,
    Via,
    person_access,
    visible_persons_q,
)
from xarxa.people.search import person_ids_matching

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from xarxa.accounts.models import User

_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$|^(\d{4})-(\d{2})-(\d{2})$")
_PREFIX_END = "\uffff"
MAX_NUMBER_MATCHES = 500  # a short number prefix matches many; the visible ones are kept


def _typed_date(text: str) -> date | None:
    match = _DATE.match(text)
    if not match:
        return None
    d, m, y, y2, m2, d2 = match.groups()
    try:
        return date(int(y), int(m), int(d)) if y else date(int(y2), int(m2), int(d2))
    except ValueError:
        return None


def normalise_document_number(text: str) -> str:
    """How document numbers are stored and searched: upper case, no spaces or dashes."""
    return "".join(text.split()).replace("-", "").replace(".", "").upper()


def phone_search_values(text: str) -> list[str]:
    """The stored digit strings a typed phone number may be: with or without +34/0034."""
    number = digits(text)
    if number.startswith("00"):
        number = number[2:]
    if len(number) == 11 and number.startswith("34"):
        number = number[2:]
    return sorted({number, "34" + number, "0034" + number})


def _card_queryset() -> QuerySet[Person]:
    return Person.objects.select_related("municipality", "abss")


def _by_surname(queryset: QuerySet[Person], limit: int) -> list[Person]:
    return list(queryset.order_by("first_surname", "second_surname", "given_names", "id")[:limit])


def person_search_for(user: User, query: str, *, limit: int = 25) -> list[Person]:
    """Persons the user may see matching a name (any order, accents, case, prefix, one
    typo), a document number, a phone number or a birth date. Audited as one LIST event
    with the length of the query, never its text."""
    check_perm(user, PeoplePerm.VIEW)
    text = query.strip()[:100]
    visible = visible_persons_q(user)
    found: list[Person] = []
    if text:
        rows = _card_queryset().filter(visible, merged_into__isnull=True)
        birth = _typed_date(text)
        if birth:
            found = _by_surname(rows.filter(birth_date=birth), limit)
        elif any(ch.isdigit() for ch in text):
            # A document number (prefix) or a phone number (exact digits): both indexed.
            # The ids are fetched first so the person query is a primary-key lookup.
            number = normalise_document_number(text)
            ids = set(
                IdentityDocument.objects.filter(
                    number__gte=number, number__lt=number + _PREFIX_END
                ).values_list("person_id", flat=True)[:MAX_NUMBER_MATCHES]
            )
            if len(digits(text)) >= 9:
                ids.update(
                    ContactChannel.objects.filter(
                        search_value__in=phone_search_values(text)
                    ).values_list("person_id", flat=True)[:MAX_NUMBER_MATCHES]
                )
            found = _by_surname(rows.filter(id__in=sorted(ids)), limit) if ids else []
        else:
            ranked = person_ids_matching(tokens(text), visible=visible, limit=limit)
            by_id = _card_queryset().in_bulk(ranked)
            found = [by_id[i] for i in ranked if i in by_id]
    audit_persons_shown(
        user, found, AuditAction.LIST, details={"query_length": len(text), "results": len(found)}
    )
    return found


def person_search_elsewhere_for(user: User, query: str, *, limit: int = 5) -> list[UUID]:
    """Public ids (nothing else) of persons matching a name whom the user may not see:
    "registered in another area", so they can ask for emergency access."""
    check_perm(user, PeoplePerm.BREAK_GLASS)
    terms = tokens(query.strip()[:100])
    if not terms:
        return []
    visible = visible_persons_q(user)
    everyone = person_ids_matching(terms, visible=None, limit=limit * 4)
    seen = set(Person.objects.filter(visible, id__in=everyone).values_list("id", flat=True))
    hidden = [pid for pid in everyone if pid not in seen][:limit]
    public_ids = dict(Person.objects.filter(id__in=hidden).values_list("id", "public_id"))
    audit_persons_shown(
        user,
        hidden,
        AuditAction.LIST,
        details={"query_length": len(query.strip()), "elsewhere": len(hidden)},
    )
    return [public_ids[pid] for pid in hidden]


@dataclass
class PersonView:
    person: Person
    access: PersonAccess


def deny_person(user: User, person: Person) -> PermissionDenied:
    """Record a refused attempt on this person's file (it shows in their access log)."""
    audit_record(
        actor=user,
        action=AuditAction.DENIED,
        object_type="people.person",
        object_id=str(person.pk),
        person_id=person.pk,
    )
    return PermissionDenied()


def _find(public_id: UUID | str) -> Person:
    try:
        return _card_queryset().get(public_id=public_id)
    except (Person.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None


def person_get_for(user: User, public_id: UUID | str, *, reason: str = "") -> PersonView:
    """One person's card. Outside the user's reach: audited, and a 404 like an unknown id."""
    check_perm(user, PeoplePerm.VIEW)
    person = _find(public_id)
    access = person_access(user, person)
    if not access.allowed:  # answered as an unknown id: an id tells nothing
        raise out_of_reach(
            user, object_type="people.person", object_id=str(person.pk), person_ids=[person.pk]
        )
    audit_record(
        actor=user,
        action=AuditAction.READ,
        obj=person,
        person_id=person.pk,
        reason=reason,
        details={"via": access.via},
    )
    return PersonView(person, access)


def person_writable_for(user: User, public_id: UUID | str) -> PersonView:
    """The person, for a page or call that changes them: the same reach as reading their
    file (an identity-only reach is refused and audited)."""
    view = person_get_for(user, public_id)
    if not view.access.reads_records:
        raise deny_person(user, view.person)
    if view.access.via == Via.GRANT:  # an emergency grant reads, never writes
        deny_person(user, view.person)
        raise GrantIsReadOnly()
    return view


def person_for_emergency_access(user: User, public_id: UUID | str) -> Person:
    """The person someone asks emergency access to: nothing of them is shown, only
    the form, so this read is the identifier alone."""
    check_perm(user, PeoplePerm.BREAK_GLASS)
    return _find(public_id)


@dataclass
class PersonCard:
    documents: list[IdentityDocument]
    channels: list[ContactChannel]
    memberships: list[HouseholdMembership]  # current first, then past; each with .household
    consents: list[Consent]


def person_card_for(user: User, view: PersonView) -> PersonCard:
    """What the card shows besides the person row (already audited by person_get_for)."""
    person = view.person
    memberships = (
        person.memberships.select_related("household__municipality")
        .prefetch_related(
            Prefetch(
                "household__memberships",
                queryset=HouseholdMembership.objects.select_related("person").order_by(
                    "valid_from", "id"
                ),
            )
        )
        .order_by(F("valid_until").desc(nulls_first=True), "-valid_from")
    )
    return PersonCard(
        documents=list(person.documents.order_by("kind", "number")),
        channels=list(person.channels.order_by("kind", "id")),
        memberships=list(memberships),
        consents=list(person.consents.order_by("-given_on", "-id")),
    )


@dataclass
class DuplicateCandidate:
    person: Person | None  # None when the user may not see who it is
    why: str


def _names_close(a: list[str], b: list[str]) -> bool:
    """At least one word in common, allowing one typo (shared deletion variant)."""
    variants_b = set().union(*(deletion_variants(w) for w in b)) if b else set()
    return any(deletion_variants(w) & variants_b for w in a)


def _check_probe_rate(user: User) -> None:
    """Duplicate checks are probes of who exists elsewhere: XARXA_DUPLICATE_CHECKS_PER_HOUR
    per user, counted from their audit rows (the same count on every server)."""
    limit = settings.XARXA_DUPLICATE_CHECKS_PER_HOUR
    since = timezone.now() - timedelta(hours=1)
    recent = list(
        AuditEvent.objects.filter(
            actor=user, action=AuditAction.LIST, at__gt=since, details__has_key="duplicate_check"
        )
        .order_by("at")
        .values_list("at", flat=True)[:limit]
    )
    if len(recent) >= limit:
        wait = (recent[0] + timedelta(hours=1) - timezone.now()).total_seconds()
        raise LimitReached(
            _(
                "You have checked for duplicates %(n)d times in the last hour, the most "
                "allowed. Wait a while and try again."
            )
            % {"n": limit},
            retry_after=max(1, math.ceil(wait)),
        )


def person_duplicates(
    user: User,
    *,
    given_names: str,
    first_surname: str,
    second_surname: str = "",
    birth_date: date | None = None,
    documents: Iterable[str] = (),
    phones: Iterable[str] = (),
    exclude_id: int | None = None,
) -> list[DuplicateCandidate]:
    """Likely existing records of the person being registered, across the whole
    territory: same document, same phone, same birth date and a similar name, or a
    similar full name.

    Those the user may not see are reported without any detail, and only when the name
    and the birth date match too: a document number or a phone alone never confirms that
    someone exists elsewhere. Rate-limited per user; the probe's audit names every person
    it matched (one row each, in their access log)."""
    check_perm(user, PeoplePerm.REGISTER)
    _check_probe_rate(user)
    reasons: dict[int, str] = {}
    numbers = [normalise_document_number(n) for n in documents if n]
    if numbers:
        for pid in IdentityDocument.objects.filter(number__in=numbers).values_list(
            "person_id", flat=True
        ):
            reasons.setdefault(pid, _("same identity document"))
    phone_values = [v for p in phones if len(digits(p)) >= 9 for v in phone_search_values(p)]
    if phone_values:
        for pid in ContactChannel.objects.filter(search_value__in=phone_values).values_list(
            "person_id", flat=True
        ):
            reasons.setdefault(pid, _("same phone number"))
    wanted = tokens(given_names, first_surname, second_surname)
    if birth_date and wanted:
        same_day = Person.objects.filter(birth_date=birth_date).values_list(
            "id", "given_names", "used_name", "first_surname", "second_surname"
        )[:200]
        for pid, *names in same_day:
            if _names_close(wanted, tokens(*names)):
                reasons.setdefault(pid, _("same birth date and a similar name"))
    name_terms = tokens(given_names, first_surname)
    if name_terms:
        for pid in person_ids_matching(name_terms, visible=None, limit=20):
            reasons.setdefault(pid, _("similar name"))
    if exclude_id is not None:
        reasons.pop(exclude_id, None)
    people = (
        list(
            Person.objects.filter(id__in=reasons, merged_into__isnull=True)
            .select_related("municipality", "abss")
            .order_by("first_surname", "given_names", "id")
        )
        if reasons
        else []
    )
    matched = [p.pk for p in people]
    if birth_date:
        # A similar name alone is weak: keep it only with the same or unknown birth date.
        people = [
            p
            for p in people
            if reasons[p.pk] != _("similar name") or p.birth_date in (None, birth_date)
        ]
    visible_ids = set(
        Person.objects.filter(visible_persons_q(user), id__in=[p.pk for p in people]).values_list(
            "id", flat=True
        )
    )
    result = []
    for p in people:
        if p.pk in visible_ids:
            result.append(DuplicateCandidate(p, reasons[p.pk]))
        elif (
            birth_date
            and p.birth_date == birth_date
            and _names_close(
                wanted, tokens(p.given_names, p.used_name, p.first_surname, p.second_surname)
            )
        ):
            # Elsewhere: said only when name and birth date match, never which signal.
            result.append(DuplicateCandidate(None, _("same birth date and a similar name")))
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="people.person",
        details={"duplicate_check": len(result), "matched": matched},
    )
    for pid in matched:
        audit_record(
            actor=user,
            action=AuditAction.LIST,
            object_type="people.person",
            object_id=str(pid),
            person_id=pid,
            details={"duplicate_probe": True, "shown": pid in visible_ids},
        )
    return result
