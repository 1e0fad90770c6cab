"""The person search index and its query.

Each distinct name word is one NameToken (with how many persons carry it), its one-letter
deletion variants are NameTokenVariant rows (the word itself included), PersonNameToken
is the posting list and PersonNamePair the postings of every two words of one person.
The demo generator writes these tables in bulk in exactly this format.

A query term matches tokens that start with it (prefix, a range on the unique index) or
are one edit away (shared deletion variant, terms of 4+ letters). The two terms whose
matching tokens are carried by the fewest persons drive the scan through the pair
postings (one term: its postings); every other term is an EXISTS on the (person, token)
index per candidate, so the cost follows the answer, not the population. Visibility and
merged records are checked on those candidates only.
"""

from dataclasses import dataclass, field
from itertools import combinations

from django.db import connection
from django.db.models import F, Q

from xarxa.people.models import (
    NameToken,
    NameTokenVariant,
    Person,
    PersonNamePair,
    PersonNameToken,
)
from xarxa.people.names import MIN_VARIANT_LENGTH, deletion_variants, person_tokens

PREFIX_END = "\uffff"  # sorts after every token: text >= term AND text < term + PREFIX_END
MAX_PREFIX_TOKENS = 500  # a one-letter term would otherwise pull in the whole vocabulary
MAX_TERMS = 6  # more words add nothing to tell people apart
WINDOW_FACTOR = 1  # candidates ranked per tier = limit; a common surname needs refining
MAX_PAIRS = 100  # beyond this many token pairs, one term's postings are the cheaper start


def index_person(person: Person) -> None:
    """Make the person's postings match their current name (idempotent).

    Keeps NameToken.persons in step, creates the variants of a new token and rewrites
    the person's pair postings when their words changed. A merged record leaves the
    index: it must not be found any more.
    """
    wanted = set(person_tokens(person)) if person.merged_into_id is None else set()
    current = dict(
        PersonNameToken.objects.filter(person=person).values_list("token__text", "token_id")
    )
    gone = [token_id for text, token_id in current.items() if text not in wanted]
    added = sorted(wanted - current.keys())
    if not gone and not added:
        return
    if gone:
        PersonNameToken.objects.filter(person=person, token_id__in=gone).delete()
        NameToken.objects.filter(id__in=gone).update(persons=F("persons") - 1)
    kept = {token_id for text, token_id in current.items() if text in wanted}
    for text in added:
        token, created = NameToken.objects.get_or_create(text=text)
        if created:
            NameTokenVariant.objects.bulk_create(
                [NameTokenVariant(variant=v, token=token) for v in deletion_variants(text)],
                ignore_conflicts=True,
            )
        PersonNameToken.objects.create(token=token, person=person)
        NameToken.objects.filter(pk=token.pk).update(persons=F("persons") + 1)
        kept.add(token.pk)
    PersonNamePair.objects.filter(person=person).delete()
    PersonNamePair.objects.bulk_create(
        [PersonNamePair(low_id=a, high_id=b, person=person) for a, b in name_pairs(kept)]
    )


def name_pairs(token_ids) -> list[tuple[int, int]]:
    """The pair postings of one person's tokens: every two of them, lower id first."""
    return list(combinations(sorted(set(token_ids)), 2))


def pair_postings_check() -> list[int]:
    """Persons whose pair postings are not exactly every two of their tokens (tests, ops)."""
    carried: dict[int, set[int]] = {}
    for person_id, token_id in PersonNameToken.objects.values_list("person_id", "token_id"):
        carried.setdefault(person_id, set()).add(token_id)
    paired: dict[int, set[tuple[int, int]]] = {}
    for person_id, low, high in PersonNamePair.objects.values_list("person_id", "low", "high"):
        paired.setdefault(person_id, set()).add((low, high))
    return sorted(
        person_id
        for person_id in carried.keys() | paired.keys()
        if set(name_pairs(carried.get(person_id, ()))) != paired.get(person_id, set())
    )


@dataclass
class TermMatch:
    term: str
    exact: set[int] = field(default_factory=set)  # the token equal to the term
    prefix: dict[int, int] = field(default_factory=dict)  # tokens starting with it: persons
    typos: dict[int, int] = field(default_factory=dict)  # prefix and one-typo tokens
    exact_weight: int = 0

    @property
    def prefix_weight(self) -> int:
        return sum(self.prefix.values())

    def read_typos(self) -> None:
        """The tokens one edit away (a third index lookup, only when words and prefixes
        found nobody)."""
        self.typos = dict(self.prefix)
        if len(self.term) >= MIN_VARIANT_LENGTH:
            rows = NameTokenVariant.objects.filter(
                variant__in=sorted(deletion_variants(self.term))
            ).values_list("token_id", "token__persons")
            self.typos.update(rows)


def match_term(term: str) -> TermMatch:
    """The tokens one query term stands for by word or prefix: one range on the index."""
    match = TermMatch(term)
    prefix_rows = NameToken.objects.filter(text__gte=term, text__lt=term + PREFIX_END).values_list(
        "id", "text", "persons"
    )[:MAX_PREFIX_TOKENS]
    for token_id, text, persons in prefix_rows:
        match.prefix[token_id] = persons
        if text == term:
            match.exact.add(token_id)
            match.exact_weight = persons
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


def _candidates(sets: list[tuple[int, set[int]]], *, person_sql, exclude, window):
    """Ids of persons carrying a token of every set in ``sets`` ((weight, token ids) per
    term), at most ``window``, unordered.

    The scan starts from the persons carrying both of the two lightest terms (pair
    postings) or, for one term or when those two overlap or stand for too many
    pairs, from the lightest term's postings. Everything else is checked per posting
    with EXISTS (the other terms on the (person, token) index, then the person row:
    not merged, visible), so it stops as soon as the window is full. Plain SQL: it
    runs on every search, and building it through the ORM cost more than running it.
    """
    quote = connection.ops.quote_name
    postings = quote(PersonNameToken._meta.db_table)
    ordered = [ids for _weight, ids in sorted(sets, key=lambda item: item[0])]

    def marks(ids):
        return ", ".join(["%s"] * len(ids))

    where: list[str] = []
    params: list = []
    if len(ordered) > 1 and not ordered[0] & ordered[1]:
        pairs = sorted({(min(a, b), max(a, b)) for a in ordered[0] for b in ordered[1]})
    else:
        pairs = []
    if pairs and len(pairs) <= MAX_PAIRS:
        values = ", ".join(["(%s, %s)"] * len(pairs))
        source = (
            f"(VALUES {values}) v JOIN {quote(PersonNamePair._meta.db_table)} d"
            " ON d.low_id = v.column1 AND d.high_id = v.column2"
        )
        params += [token_id for pair in pairs for token_id in pair]
        others = ordered[2:]
    else:
        source = f"{postings} d"
        where.append(f"d.token_id IN ({marks(ordered[0])})")
        params += sorted(ordered[0])
        others = ordered[1:]
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
    sql = f"SELECT d.person_id FROM {source} WHERE {' AND '.join(where)} LIMIT %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, window])
        # A person reached through two tokens of one term appears twice: keep the first.
        return list(dict.fromkeys(row[0] for row in cursor.fetchall()))


def _by_surname(ids: list[int]) -> list[int]:
    if not ids:
        return []
    rows = Person.objects.filter(id__in=ids).values_list(
        "id", "first_surname", "second_surname", "given_names"
    )
    return [r[0] for r in sorted(rows, key=lambda r: (r[1].casefold(), r[2].casefold(), r[3]))]


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
    window = limit * WINDOW_FACTOR
    person_sql = _person_filter_sql(visible)
    found: list[int] = []

    def add(sets, exclude=True):
        if any(not ids for _weight, ids in sets):
            return
        ids = _candidates(
            sets, person_sql=person_sql, exclude=found if exclude else None, window=window
        )
        found.extend(_by_surname(ids)[: limit - len(found)])

    if all(m.exact for m in matches):
        add([(m.exact_weight, m.exact) for m in matches])
    # Prefix tier, one query per term that has longer words: that term by its longer
    # words only, the others by word or prefix (the exact tier is done).
    for i, m in enumerate(matches):
        longer = set(m.prefix) - m.exact
        if longer and len(found) < limit and all(o.prefix for o in matches):
            others = [(o.prefix_weight, set(o.prefix)) for j, o in enumerate(matches) if j != i]
            add([(m.prefix_weight - m.exact_weight, longer), *others])
    if found:
        return found
    for m in matches:
        m.read_typos()
    if any(m.typos.keys() != m.prefix.keys() for m in matches):
        add([(sum(m.typos.values()), set(m.typos)) for m in matches], exclude=False)
    return found


def analyse() -> None:
    """Refresh planner statistics after a bulk load (both engines). On PostgreSQL also
    VACUUM the search tables, so their indexes serve index-only scans at once instead
    of waiting for autovacuum to mark the freshly written pages."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Case participations are read by every visibility check; records depends on
            # people, so that table is reached through the reverse relation by name.
            participations = Person._meta.get_field("case_participations").related_model
            models = (
                Person,
                PersonNameToken,
                PersonNamePair,
                NameToken,
                NameTokenVariant,
                participations,
            )
            for model in models:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        cursor.execute("ANALYZE")
