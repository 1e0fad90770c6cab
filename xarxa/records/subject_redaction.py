"""Third parties in a subject-access export: other persons of the person's case files and
households are not the person's data. Their names are replaced wherever they appear in the
text of the export (notes, timeline, reasons), before the data-protection officer reviews it.
Professionals' names stay: the person has the right to know who handled their record."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _

from xarxa.people.models import HouseholdMembership, Person
from xarxa.records.models import CaseParticipant

MIN_NAME = 3


def third_party_names(person: Person) -> list[str]:
    """Names of the other persons in the person's case files and households, longest
    first, without any word of the person's own names."""
    others = set(
        CaseParticipant.objects.filter(case__participants__person=person)
        .exclude(person=person)
        .values_list("person_id", flat=True)
    ) | set(
        HouseholdMembership.objects.filter(household__memberships__person=person)
        .exclude(person=person)
        .values_list("person_id", flat=True)
    )
    own = {
        word.casefold()
        for text in (person.given_names, person.first_surname, person.second_surname)
        for word in (text or "").split()
    }
    names: set[str] = set()
    for other in Person.objects.filter(id__in=others):
        parts = [other.given_names, other.first_surname, other.second_surname]
        full = " ".join(p for p in parts if p)
        names.update(n for n in (full, other.used_name) if n)
        names.update(
            word
            for text in parts
            for word in (text or "").split()
            if len(word) >= MIN_NAME and word.casefold() not in own
        )
    return sorted(names, key=len, reverse=True)


def redact_third_parties(data: Any, names: list[str]) -> tuple[Any, int]:
    """The data with every third party's name replaced; and how many were replaced."""
    if not names:
        return data, 0
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE
    )
    marker = _("[another person]")
    count = 0

    def walk(value: Any) -> Any:
        nonlocal count
        if isinstance(value, str):
            new, n = pattern.subn(marker, value)
            count += n
            return new
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(data), count
