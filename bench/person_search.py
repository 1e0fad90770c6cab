"""Person search at scale: Xarxa's token index against the naive `icontains` search.

Usage:
    uv run python bench/person_search.py --db /tmp/demo1m [--persons 1000000]
    uv run python bench/person_search.py --db postgres://postgres@127.0.0.1:5432/xarxa_bench
--db is a data directory holding xarxa.sqlite3 (or that file) or a PostgreSQL URL; without
it the database comes from XARXA_DATA_DIR / DATABASE_URL as for the server. The database
is migrated, and demo data is added first when it holds fewer persons than --persons.

~200 queries are drawn deterministically from persons the demo social worker of ABSS Vic
("treballadora.social") may see: full names in another order, surname only, given name
and first surname, accent-stripped, one typo, a prefix, a DNI/NIE, a phone number.

Prints `metric value unit` lines:
    person_search_p95_ms        server time of GET /persons/?q=... (signed in past the
                                second factor, through Django's test Client)
    person_search_query_p95_ms  xarxa.people.selectors.person_search_for alone
    baseline_p95_ms             what Django admin's changelist runs for a search with
                                search_fields on the four name fields: every term
                                icontains on any of them (same visibility filter), the
                                count of matches it displays, and the first page of 25 in
                                its default order (-pk)
    baseline_first_page_p95_ms  the cheapest naive form: the same filter, 25 rows, no
                                count and no order (stops at the 25th match)
    speedup                     baseline_p95_ms / person_search_p95_ms (whole request);
                                speedup_query uses the selector alone, speedup_first_page
                                the cheapest naive form
"""

import argparse
import random
import statistics
import time
import unicodedata

from _harness import DB_HELP, signed_in_client, use_database


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help=DB_HELP)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    use_database(args.db)
    return args


ARGS = arguments()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Q  # noqa: E402

from xarxa.accounts.models import User  # noqa: E402
from xarxa.demo.people import refresh_statistics  # noqa: E402
from xarxa.people.models import ContactChannel, IdentityDocument, Person  # noqa: E402
from xarxa.people.policies import visible_persons_q  # noqa: E402
from xarxa.people.selectors import person_search_for  # noqa: E402

USERNAME = "treballadora.social"


def p(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def unaccent(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def typo(word, rng):
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


def queries_for(user, count, rng):
    """Realistic queries drawn from persons this social worker may see."""
    visible = Person.objects.filter(visible_persons_q(user)).distinct()
    top = visible.order_by("-id").values_list("id", flat=True)[:1][0]
    picked = []
    while len(picked) < count:
        candidate = visible.filter(id__lte=rng.randrange(1, top + 1)).order_by("-id").first()
        if candidate:
            picked.append(candidate)
    out = []
    for i, person in enumerate(picked):
        given = person.given_names.split()[0]
        shape = i % 8
        if shape == 0:
            out.append(f"{given} {person.first_surname}")
        elif shape == 1:
            out.append(f"{person.first_surname} {person.second_surname} {given}".strip())
        elif shape == 2:
            out.append(unaccent(f"{person.first_surname} {given}").lower())
        elif shape == 3:
            out.append(f"{given[:4]} {person.first_surname}")
        elif shape == 4:
            out.append(f"{given} {typo(person.first_surname, rng)}")
        elif shape == 5:
            doc = IdentityDocument.objects.filter(person=person, kind__in=["dni", "nie"]).first()
            out.append(doc.number if doc else f"{person.first_surname} {given}")
        elif shape == 6:
            phone = ContactChannel.objects.filter(person=person, kind="mobile").first()
            out.append(phone.value if phone else f"{given} {person.second_surname}".strip())
        else:
            out.append(person.first_surname)
    return out


def naive_matches(user, query):
    """Django admin's search_fields filter: every word icontains on any name field."""
    rows = Person.objects.filter(visible_persons_q(user))
    for term in query.split():
        rows = rows.filter(
            Q(given_names__icontains=term)
            | Q(first_surname__icontains=term)
            | Q(second_surname__icontains=term)
            | Q(used_name__icontains=term)
        )
    return rows


def baseline(user, query):
    """What the admin changelist runs: the count it shows, then the first page in its
    default order."""
    rows = naive_matches(user, query)
    return rows.count(), list(rows.order_by("-pk")[:25])


def baseline_first_page(user, query):
    return list(naive_matches(user, query)[:25])


def timed(fn, items):
    times = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main():
    args = ARGS
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages render as served
    have = Person.objects.count()
    if have < args.persons:
        started = time.perf_counter()
        call_command("demo", persons=args.persons - have, seed=1)
        print(f"demo_build_s {time.perf_counter() - started:.1f} s")
    refresh_statistics()  # as autovacuum leaves a maintained database
    user = User.objects.get(username=USERNAME)
    rng = random.Random(args.seed)
    queries = queries_for(user, args.queries, rng)

    client = signed_in_client(user)

    def request(query):
        response = client.get("/persons/", {"q": query})
        assert response.status_code == 200, response.status_code

    for warm in queries[:10]:  # caches and planner statistics, as in a running server
        person_search_for(user, warm)
        baseline(user, warm)
        baseline_first_page(user, warm)
        request(warm)
    search_ms = timed(lambda q: person_search_for(user, q), queries)
    request_ms = timed(request, queries)
    baseline_ms = timed(lambda q: baseline(user, q), queries)
    first_page_ms = timed(lambda q: baseline_first_page(user, q), queries)
    found = sum(1 for q in queries if person_search_for(user, q))
    print(f"persons {Person.objects.count()} count")
    print(f"queries {len(queries)} count")
    print(f"queries_with_results {found} count")
    print(f"person_search_p50_ms {p(request_ms, 0.5):.1f} ms")
    print(f"person_search_p95_ms {p(request_ms, 0.95):.1f} ms")
    print(f"person_search_query_p50_ms {p(search_ms, 0.5):.1f} ms")
    print(f"person_search_query_p95_ms {p(search_ms, 0.95):.1f} ms")
    print(f"baseline_p50_ms {statistics.median(baseline_ms):.1f} ms")
    print(f"baseline_p95_ms {p(baseline_ms, 0.95):.1f} ms")
    print(f"baseline_first_page_p95_ms {p(first_page_ms, 0.95):.1f} ms")
    print(f"speedup {p(baseline_ms, 0.95) / p(request_ms, 0.95):.1f} x")
    print(f"speedup_query {p(baseline_ms, 0.95) / p(search_ms, 0.95):.1f} x")
    print(f"speedup_first_page {p(first_page_ms, 0.95) / p(request_ms, 0.95):.1f} x")


if __name__ == "__main__":
    main()
