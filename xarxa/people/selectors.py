"""Protected reads about persons: every one checks scope and writes the audit log."""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm, deny
from xarxa.people.access import PersonAccess, person_access, visible_persons_q
from xarxa.people.models import ContactChannel, IdentityDocument, Person
from xarxa.people.names import digits, tokens
from xarxa.people.policies import PeoplePerm
from xarxa.people.search import person_ids_matching

_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$|^(\d{4})-(\d{2})-(\d{2})$")
_DOCUMENT = re.compile(r"^[XYZ]?\d{7,8}[A-Z]?$|^[A-Z]{4}\d{10}$", re.IGNORECASE)


def _typed_date(text: str) -> date | None:
    match = _DATE.match(text)
    if not match:
        return None
    d, m, y, y2, m2, d2 = match.groups()
    try:
        return date(int(y), int(m), int(d)) if y else date(int(y2), int(m2), int(d2))
    except ValueError:
        return None


def _card_queryset():
    return Person.objects.select_related("municipality", "abss")


def person_search_for(user, query: str, *, limit: int = 25) -> list[Person]:
    """Persons the user may see matching a name (any order, accents, one typo), a
    document number, a phone number or a birth date. Audited as one LIST event."""
    check_perm(user, PeoplePerm.VIEW)
    text = query.strip()[:100]
    visible = visible_persons_q(user)
    found: list[Person] = []
    if text:
        compact = "".join(text.split()).replace("-", "")
        birth = _typed_date(text)
        if birth:
            rows = _card_queryset().filter(visible, birth_date=birth, merged_into__isnull=True)
            found = list(rows.distinct().order_by("first_surname", "given_names")[:limit])
        elif _DOCUMENT.match(compact):
            ids = IdentityDocument.objects.filter(number__startswith=compact.upper()).values(
                "person_id"
            )
            found = list(_card_queryset().filter(visible, id__in=ids).distinct()[:limit])
        elif len(digits(text)) >= 6 and not tokens(re.sub(r"\d", "", text)):
            ids = ContactChannel.objects.filter(search_value__endswith=digits(text)).values(
                "person_id"
            )
            found = list(_card_queryset().filter(visible, id__in=ids).distinct()[:limit])
        else:
            ids = person_ids_matching(tokens(text), visible=visible, limit=limit)
            by_id = _card_queryset().in_bulk(ids)
            found = [by_id[i] for i in ids if i in by_id]
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="people.person",
        details={"query_length": len(text), "results": len(found)},
    )
    return found


@dataclass
class PersonView:
    person: Person
    access: PersonAccess


def person_get_for(user, public_id, *, reason: str = "") -> PersonView:
    """One person's card. Refused (and audited) outside the user's reach."""
    check_perm(user, PeoplePerm.VIEW)
    try:
        person = _card_queryset().get(public_id=public_id)
    except (Person.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    access = person_access(user, person)
    if not access.allowed:
        raise deny(user, f"people.person:{person.pk}")
    audit_record(
        actor=user,
        action=AuditAction.READ,
        obj=person,
        person_id=person.pk,
        reason=reason,
        details={"via": access.via},
    )
    return PersonView(person, access)


@dataclass
class DuplicateCandidate:
    person: Person | None  # None when the user may not see who it is
    why: str


def person_duplicates(
    user, *, given_names, first_surname, second_surname="", birth_date=None, documents=(), phones=()
) -> list[DuplicateCandidate]:
    """Likely existing records of the person being registered, across the whole
    territory; the ones the user may not see are reported without any detail."""
    check_perm(user, PeoplePerm.REGISTER)
    reasons: dict[int, str] = {}
    numbers = [n for n in documents if n]
    if numbers:
        for pid in IdentityDocument.objects.filter(number__in=numbers).values_list(
            "person_id", flat=True
        ):
            reasons.setdefault(pid, _("same identity document"))
    phone_digits = [digits(p) for p in phones if len(digits(p)) >= 9]
    if phone_digits:
        for pid in ContactChannel.objects.filter(search_value__in=phone_digits).values_list(
            "person_id", flat=True
        ):
            reasons.setdefault(pid, _("same phone number"))
    name_terms = tokens(given_names, first_surname)
    if name_terms:
        for pid in person_ids_matching(name_terms, visible=None, limit=20):
            reasons.setdefault(pid, _("similar name"))
    if not reasons:
        return []
    people = Person.objects.filter(id__in=reasons, merged_into__isnull=True).select_related(
        "municipality", "abss"
    )
    if birth_date:
        # A similar name alone is weak: keep it only with the same or unknown birth date.
        people = [
            p
            for p in people
            if reasons[p.pk] != _("similar name") or p.birth_date in (None, birth_date)
        ]
    visible_ids = set(
        Person.objects.filter(visible_persons_q(user), id__in=[p.pk for p in people])
        .values_list("id", flat=True)
        .distinct()
    )
    result = [DuplicateCandidate(p if p.pk in visible_ids else None, reasons[p.pk]) for p in people]
    audit_record(
        actor=user,
        action=AuditAction.LIST,
        object_type="people.person",
        details={"duplicate_check": len(result)},
    )
    return result
