"""The case file and the timeline of a person with 1,000 interventions.

Usage:
    uv run python bench/case_page.py [--db /tmp/casepage | --db postgres://…/xarxa_casepage]
Migrates the database, builds a small demo if it is empty, gives one case file of the demo
social worker 1,000 notes (once), and prints `metric value unit` lines:
    case_page_1000_interventions_ms    median of 9 GET of the case file
    timeline_1000_interventions_ms     median of 9 GET of the person's timeline
Target (issue 3): 100 ms each.
"""

import argparse

from _harness import DB_HELP, median_ms, signed_in_client, use_database

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--db", help=DB_HELP, default="/tmp/xarxa-bench-casepage")
use_database(parser.parse_args().db)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402

from tests.records.test_performance import bulk_notes  # noqa: E402
from xarxa.accounts.models import User  # noqa: E402
from xarxa.records.models import CaseFile  # noqa: E402

call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)  # pages need the manifest
if not User.objects.filter(username="treballadora.social").exists():
    call_command("demo", persons=500, verbosity=0)
worker = User.objects.get(username="treballadora.social")
case = CaseFile.objects.filter(reference_professional=worker, person__isnull=False).first()
have = case.interventions.count()
if have < 1000:
    bulk_notes(case, worker, 1000 - have, start=have)
client = signed_in_client(worker)
case_url = reverse("records:case_detail", args=[case.public_id])
timeline_url = reverse("records:timeline", args=[case.person.public_id])
print(f"case_page_1000_interventions_ms {median_ms(client, case_url):.1f} ms")
print(f"timeline_1000_interventions_ms {median_ms(client, timeline_url):.1f} ms")
