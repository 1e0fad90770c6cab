"""Referral figures and inbox at scale.

Usage:
    uv run python bench/referrals.py --db /tmp/demo1m
    uv run python bench/referrals.py --db postgres://postgres@127.0.0.1:5432/xarxa_bench
The database must hold the demo (e.g. 1,000,000 persons, see person_search.py); demo
referrals (about one case in six over three years) are added when it has none, and
5,000 open referrals are queued for one receiving team when it has fewer.

Prints `metric value unit` lines:
    referrals                      referrals in the database
    referral_dashboard_ms          median of 9 GET /referrals/figures/ over the last three
                                   years, the whole consortium (coordinator), server time
                                   through Django's test Client
    referral_inbox_open            open referrals in the measured team's inbox
    referral_inbox_first_page_ms   median of 9 GET /referrals/inbox/ (first page)
Targets (issue 5): dashboard <= 300 ms; inbox with 5,000 open referrals <= 100 ms.
"""

import argparse
import time
from datetime import timedelta

from _harness import DB_HELP, median_ms, signed_in_client, use_database


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help=DB_HELP)
    parser.add_argument("--inbox", type=int, default=5000)
    args = parser.parse_args()
    use_database(args.db)
    return args


ARGS = arguments()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from xarxa.accounts.models import Assignment, User  # noqa: E402
from xarxa.accounts.roles import Role  # noqa: E402
from xarxa.catalogue import osona  # noqa: E402
from xarxa.demo.referrals import build_referrals  # noqa: E402
from xarxa.referrals.models import Referral  # noqa: E402
from xarxa.referrals.states import OPEN, State  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    osona.load(timezone.localdate())
    if not Referral.objects.exists():
        started = time.perf_counter()
        build_referrals(seed=1)
        print(f"referral_demo_build_s {time.perf_counter() - started:.1f} s")
    coordinator = User.objects.filter(
        assignments__role__in=[Role.TEAM_COORDINATOR, Role.DIRECTOR]
    ).first()
    print(f"referrals {Referral.objects.count()} count")
    today = timezone.localdate()
    params = {"date_from": (today - timedelta(days=3 * 365)).isoformat()}
    dashboard = median_ms(signed_in_client(coordinator), "/referrals/figures/", params)
    print(f"referral_dashboard_ms {dashboard:.1f} ms")

    team_id = Referral.objects.values_list("receiving_team_id", flat=True).order_by("id").first()
    open_now = Referral.objects.filter(receiving_team_id=team_id, state__in=OPEN).count()
    if open_now < ARGS.inbox:
        template = Referral.objects.filter(receiving_team_id=team_id).order_by("id").first()
        clones = []
        for i in range(ARGS.inbox - open_now):
            clone = Referral(
                **{
                    f.attname: getattr(template, f.attname)
                    for f in Referral._meta.concrete_fields
                    if f.attname not in ("id", "public_id")
                }
            )
            clone.state = State.SENT
            clone.answer_due = today + timedelta(days=i % 20)
            clones.append(clone)
        Referral.objects.bulk_create(clones, batch_size=2000)
    receiver = User.objects.filter(
        id__in=Assignment.objects.filter(team_id=team_id).values("user_id")
    ).first()
    print(
        "referral_inbox_open "
        f"{Referral.objects.filter(receiving_team_id=team_id, state__in=OPEN).count()} count"
    )
    inbox = median_ms(signed_in_client(receiver), "/referrals/inbox/")
    print(f"referral_inbox_first_page_ms {inbox:.1f} ms")


if __name__ == "__main__":
    main()
