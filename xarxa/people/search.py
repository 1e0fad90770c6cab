"""The person search index and its query.

Each distinct name word is one NameToken (with how many persons carry it), its one-letter
deletion variants are NameTokenVariant rows, and PersonNameToken is the posting list. A
query term matches tokens that start with it (prefix) or are one edit away (shared
deletion variant). The rarest term drives the scan; the other terms are checked with an
index lookup per candidate, so the cost follows the rarest term, not the population.
"""

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Sum

from xarxa.people.models import NameToken, NameTokenVariant, Person, PersonNameToken
from xarxa.people.names import MIN_VARIANT_LENGTH, deletion_variants, person_tokens

PREFIX_END = "\uffff"


def index_person(person: Person) -> None:
    """Make the person's postings match their current name (idempotent)."""
    wanted = set(person_tokens(person)) if person.merged_into_id is None else set()
    current = dict(
        PersonNameToken.objects.filter(person=person).values_list("token__text", "token_id")
    )
    gone = [token_id for text, token_id in current.items() if text not in wanted]
    if gone:
        PersonNameToken.objects.filter(person=person, token_id__in=gone).delete()
        NameToken.objects.filter(id__in=gone).update(persons=F("persons") - 1)
    for text in wanted - current.keys():
        token, created = NameToken.objects.get_or_create(text=text)
        if created:
            NameTokenVariant.objects.bulk_create(
                [NameTokenVariant(variant=v, token=token) for v in deletion_variants(text)],
                ignore_conflicts=True,
            )
        PersonNameToken.objects.create(token=token, person=person)
        NameToken.objects.filter(pk=token.pk).update(persons=F("persons") + 1)


def matching_token_ids(term: str) -> tuple[set[int], set[int]]:
    """(exact or prefix matches, one-typo matches) for one query term."""
    prefix = set(
        NameToken.objects.filter(text__gte=term, text__lt=term + PREFIX_END).values_list(
            "id", flat=True
        )[:500]
    )
    typo: set[int] = set()
    if len(term) >= MIN_VARIANT_LENGTH:
        typo = (
            set(
                NameTokenVariant.objects.filter(variant__in=deletion_variants(term)).values_list(
                    "token_id", flat=True
                )
            )
            - prefix
        )
    return prefix, typo


def person_ids_matching(terms: list[str], *, visible: Q | None, limit: int) -> list[int]:
    """Ids of persons carrying a match for every term, best first, at most ``limit``."""
    if not terms:
        return []
    per_term = []
    for term in terms:
        prefix, typo = matching_token_ids(term)
        ids = prefix | typo
        if not ids:
            return []
        weight = NameToken.objects.filter(id__in=ids).aggregate(n=Sum("persons"))["n"] or 0
        per_term.append((weight, ids, prefix))
    per_term.sort(key=lambda item: item[0])
    _, driver_ids, _ = per_term[0]
    postings = PersonNameToken.objects.filter(token_id__in=driver_ids)
    for _, ids, _ in per_term[1:]:
        postings = postings.filter(
            Exists(
                PersonNameToken.objects.filter(person_id=OuterRef("person_id"), token_id__in=ids)
            )
        )
    persons = Person.objects.filter(id__in=postings.values("person_id"), merged_into__isnull=True)
    if visible is not None:
        persons = persons.filter(visible)
    # Exact/prefix hits on every term first, then typo-tolerant ones.
    candidates = list(persons.values_list("id", flat=True).distinct()[: limit * 4])
    if len(candidates) <= limit:
        exact_sets = [prefix for _, _, prefix in per_term]
        exact = _ids_with_all(candidates, exact_sets)
        return [c for c in candidates if c in exact] + [c for c in candidates if c not in exact]
    return candidates[:limit]


def _ids_with_all(candidates: list[int], token_sets: list[set[int]]) -> set[int]:
    if not candidates:
        return set()
    rows = PersonNameToken.objects.filter(person_id__in=candidates).values_list(
        "person_id", "token_id"
    )
    found: dict[int, set[int]] = {}
    for person_id, token_id in rows:
        found.setdefault(person_id, set()).add(token_id)
    return {pid for pid, tokens in found.items() if all(tokens & wanted for wanted in token_sets)}


def analyse() -> None:
    """Refresh planner statistics after a bulk load (both engines)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
