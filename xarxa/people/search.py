"""The person search index and its query.

Each distinct name word is one NameToken (with how many persons carry it), its one-letter
deletion variants are NameTokenVariant rows (the word itself included), and
PersonNameToken is the posting list. The demo generator writes these tables in bulk in
exactly this format.

A query term matches tokens that start with it (prefix, a range on the unique index) or
are one edit away (shared deletion variant, terms of 4+ letters). The term whose matching
tokens are carried by the fewest persons drives the scan; every other term is an EXISTS
on the (person, token) index per candidate, so the cost follows the rarest term, not the
population. Visibility and merged records are checked on those candidates only.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F, Q

from xarxa.people.models import NameToken, NameTokenVariant, Person, PersonNameToken
from xarxa.people.names import MIN_VARIANT_LENGTH, deletion_variants, person_tokens

PREFIX_END = "\uffff"  # sorts after every token: text >= term AND text < term + PREFIX_END
MAX_PREFIX_TOKENS = 500  # a one-letter term would otherwise pull in the whole vocabulary
MAX_TERMS = 6  # more words add nothing to tell people apart
WINDOW_FACTOR = 1  # candidates ranked per tier = limit; a common surname needs refining


def index_person(person: Person) -> None:
    """Make the person's postings match their current name (idempotent).

    Keeps NameToken.persons in step and creates the variants of a new token. A merged
    record leaves the index: it must not be found any more.
    """
    wanted = set(person_tokens(person)) if person.merged_into_id is None else set()
    current = dict(
        PersonNameToken.objects.filter(person=person).values_list("token__text", "token_id")
    )
    gone = [token_id for text, token_id in current.items() if text not in wanted]
    if gone:
        PersonNameToken.objects.filter(person=person, token_id__in=gone).delete()
        NameToken.objects.filter(id__in=gone).update(persons=F("persons") - 1)
    for text in sorted(wanted - current.keys()):
        token, created = NameToken.objects.get_or_create(text=text)
        if created:
            NameTokenVariant.objects.bulk_create(
                [NameTokenVariant(variant=v, token=token) for v in deletion_variants(text)],
                ignore_conflicts=True,
            )
        PersonNameToken.objects.create(token=token, person=person)
        NameToken.objects.filter(pk=token.pk).update(persons=F("persons") + 1)


@dataclass
class TermMatch:
    term: str
    exact: set[int] = field(default_factory=set)  # the token equal to the term
    prefix: set[int] = field(default_factory=set)  # tokens starting with the term
    broad: set[int] = field(default_factory=set)  # prefix and one-typo tokens
    weight: int = 0  # persons carrying any of the broad tokens (upper bound)
    prefix_weight: int = 0
    exact_weight: int = 0


def match_term(term: str) -> TermMatch:
    """The tokens one query term stands for: two index lookups."""
    match = TermMatch(term)
    prefix_rows = NameToken.objects.filter(text__gte=term, text__lt=term + PREFIX_END).values_list(
        "id", "text", "persons"
    )[:MAX_PREFIX_TOKENS]
    counts = {}
    for token_id, text, persons in prefix_rows:
        counts[token_id] = persons
        if text == term:
            match.exact.add(token_id)
            match.exact_weight = persons
    match.prefix = set(counts)
    match.prefix_weight = sum(counts.values())
    if len(term) >= MIN_VARIANT_LENGTH:
        typo_rows = NameTokenVariant.objects.filter(
            variant__in=sorted(deletion_variants(term))
        ).values_list("token_id", "token__persons")
        counts.update(typo_rows)
    match.broad = set(counts)
    match.weight = sum(counts.values())
    return match


def _person_filter_sql(visible: Q | None) -> tuple[str, list]:
    """The "not merged and visible" check on one person, as SQL correlated to the
    posting ``d``. Compiled once per search from the access policy's own filter, so
    the policy stays in one place."""
    persons = Person.objects.filter(merged_into__isnull=True)
    if visible is not None:
        persons = persons.filter(visible)
    sql, params = persons.values("id").query.sql_with_params()
    person = connection.ops.quote_name(Person._meta.db_table)
    return f"EXISTS({sql} AND {person}.{connection.ops.quote_name('id')} = d.person_id)", list(
        params
    )


def _candidates(driver: set[int], others: list[set[int]], *, person_sql, exclude, window):
    """Ids of persons with a posting in ``driver`` and in each of ``others``, at most
    ``window``, unordered.

    The query walks the driver's postings and checks everything else per posting with
    EXISTS (the other terms on the (person, token) index, then the person row: not
    merged, visible), so it stops as soon as the window is full. Plain SQL: it runs on
    every search, and building it through the ORM cost more than running it.
    """
    postings = connection.ops.quote_name(PersonNameToken._meta.db_table)

    def marks(ids):
        return ", ".join(["%s"] * len(ids))

    where = [f"d.token_id IN ({marks(driver)})"]
    params: list = sorted(driver)
    for i, ids in enumerate(others):
        exists = f"EXISTS(SELECT 1 FROM {postings} o{i} WHERE o{i}.person_id = d.person_id"  # noqa: S608
        where.append(f"{exists} AND o{i}.token_id IN ({marks(ids)}))")
        params += sorted(ids)
    where.append(person_sql[0])
    params += person_sql[1]
    if exclude:
        where.append(f"d.person_id NOT IN ({marks(exclude)})")
        params += list(exclude)
    # Only quoted table names and placeholders are interpolated.
    sql = f"SELECT d.person_id FROM {postings} d WHERE {' AND '.join(where)} LIMIT %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, window])
        # A person carrying two of the driver's tokens appears twice: keep the first.
        return list(dict.fromkeys(row[0] for row in cursor.fetchall()))


def _by_surname(ids: list[int]) -> list[int]:
    if not ids:
        return []
    rows = Person.objects.filter(id__in=ids).values_list(
        "id", "first_surname", "second_surname", "given_names"
    )
    return [r[0] for r in sorted(rows, key=lambda r: (r[1].casefold(), r[2].casefold(), r[3]))]


def _lightest_first(sets: list[tuple[int, set[int]]]):
    ordered = sorted(sets, key=lambda item: item[0])
    return ordered[0][1], [ids for _weight, ids in ordered[1:]]


def person_ids_matching(terms: list[str], *, visible: Q | None, limit: int) -> list[int]:
    """Ids of persons carrying a match for every term, best first, at most ``limit``.

    Three tiers, each run only while fewer than ``limit`` were found: every term a whole
    word of the name; every term a word or the start of one; and, when those found
    nobody, one-typo readings. Within a tier, by surname. ``visible`` None means no
    scope filter (the duplicate check masks what it returns).
    """
    if not terms:
        return []
    matches = [match_term(term) for term in terms[:MAX_TERMS]]
    if any(not m.broad for m in matches):
        return []
    if any(not m.prefix for m in matches) and all(m.broad == m.prefix for m in matches):
        return []
    window = limit * WINDOW_FACTOR
    person_sql = _person_filter_sql(visible)
    found: list[int] = []

    def add(driver, others, exclude=True):
        if any(not ids for ids in others):
            return
        ids = _candidates(
            driver, others, person_sql=person_sql, exclude=found if exclude else None, window=window
        )
        found.extend(_by_surname(ids)[: limit - len(found)])

    if all(m.exact for m in matches):
        add(*_lightest_first([(m.exact_weight, m.exact) for m in matches]))
    # Prefix tier, one query per term that has longer words: that term driven by its
    # longer words only, the others by word or prefix (the exact tier is done).
    for i, m in enumerate(matches):
        longer = m.prefix - m.exact
        if longer and len(found) < limit:
            add(longer, [o.prefix for j, o in enumerate(matches) if j != i])
    if not found and any(m.broad != m.prefix for m in matches):
        add(*_lightest_first([(m.weight, m.broad) for m in matches]), exclude=False)
    return found


def analyse() -> None:
    """Refresh planner statistics after a bulk load (both engines). On PostgreSQL also
    VACUUM the search tables, so their indexes serve index-only scans at once instead
    of waiting for autovacuum to mark the freshly written pages."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from xarxa.records.models import CaseParticipant  # records depends on people

            models = (Person, PersonNameToken, NameToken, NameTokenVariant, CaseParticipant)
            for model in models:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        cursor.execute("ANALYZE")
