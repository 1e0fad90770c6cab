"""The segmentation page at scale: open case files of the whole consortium by
complexity per ABSS, team and professional.

Usage:
    uv run python bench/segmentation.py --db /tmp/seg1m [--persons 1000000]
    uv run python bench/segmentation.py --db postgres://postgres@127.0.0.1:5432/xarxa_bench
The database is migrated; demo data (persons, case files, referrals, assessments and
plans) is built first when it holds fewer persons than --persons, and demo assessments
are added when it has none (a demo built before them).

Prints `metric value unit` lines:
    segmentation_open_cases     open case files counted
    segmentation_standings      case files with a denormalised complexity
    segmentation_ms             median of 9 GET /assessments/segmentation/ for the whole
                                consortium (a director: figures per ABSS and team, and
                                per professional of her ABSS), server time through
                                Django's test Client
    segmentation_abss_ms        the same for one ABSS (the largest)
    segmentation_cases_ms       median of 9 GET of the drill-down list (first page)
    segmentation_api_ms         median of 9 GET /api/v1/assessments/segmentation
Target (issue 4): segmentation_ms <= 300 ms.
"""

import argparse
import time

from _harness import DB_HELP, median_ms, signed_in_client, use_database


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help=DB_HELP)
    parser.add_argument("--persons", type=int, default=1_000_000)
    args = parser.parse_args()
    use_database(args.db)
    return args


ARGS = arguments()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from xarxa.accounts.models import User  # noqa: E402
from xarxa.demo.people import refresh_statistics  # noqa: E402
from xarxa.people.models import Person  # noqa: E402
from xarxa.records.models import CaseFile, CaseStanding  # noqa: E402
from xarxa.screening.models import Assessment  # noqa: E402

USERNAME = "directora"  # the consortium's director (COSS)


def main():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    have = Person.objects.count()
    if have < ARGS.persons:
        started = time.perf_counter()
        call_command("demo", persons=ARGS.persons - have, seed=1)
        print(f"demo_build_s {time.perf_counter() - started:.1f} s")
    if not Assessment.objects.exists():
        from xarxa.demo.screening import build_screening

        started = time.perf_counter()
        build_screening(seed=1, log=lambda line: None)
        print(f"screening_demo_build_s {time.perf_counter() - started:.1f} s")
    refresh_statistics()
    print(f"persons {Person.objects.count()} count")
    print(f"segmentation_open_cases {CaseFile.objects.filter(status='open').count()} count")
    print(f"segmentation_standings {CaseStanding.objects.count()} count")
    director = User.objects.get(username=USERNAME)
    client = signed_in_client(director)
    print(f"segmentation_ms {median_ms(client, '/assessments/segmentation/'):.1f} ms")
    largest = (
        CaseFile.objects.filter(status="open")
        .values("abss_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["abss_id"]
    )
    one = median_ms(client, "/assessments/segmentation/", {"abss": largest})
    print(f"segmentation_abss_ms {one:.1f} ms")
    worker = User.objects.get(username="coordinadora")
    mine = signed_in_client(worker)
    abss_id = CaseFile.objects.filter(reference_professional__username="treballadora.social")
    abss_id = abss_id.values_list("abss_id", flat=True).first()
    drill = median_ms(mine, "/assessments/segmentation/cases/", {"abss": abss_id, "level": "high"})
    print(f"segmentation_cases_ms {drill:.1f} ms")
    from xarxa.accounts.services import api_token_issue

    _, raw = api_token_issue(actor=None, user=director)
    api = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Bearer {raw}")
    print(f"segmentation_api_ms {median_ms(api, '/api/v1/assessments/segmentation'):.1f} ms")


if __name__ == "__main__":
    main()
