"""The Òmnia network dashboard over five years of attendance for 110 points.

Usage:
    uv run python bench/omnia_dashboard.py                       # SQLite in /tmp/omnia-bench
    uv run python bench/omnia_dashboard.py --db /tmp/omnia-bench
    uv run python bench/omnia_dashboard.py --db postgres://postgres@127.0.0.1:5432/xarxa_omnia_bench
When the database holds fewer than --points community points, 110 points (20 managing
entities, in Osona's municipalities) and five years of activities, sessions, participants
and attendance are built with the demo's bulk generator, and the tallies rebuilt.

Prints `metric value unit` lines:
    omnia_points               points in the database
    omnia_uses                 attendance rows (uses) over the five years
    omnia_tally_rows           compact participant-year rows the figures group
    omnia_dashboard_ms         median of 9 GET /community/figures/ for the whole network,
                               this year, axis by gender plus the months and the five-year
                               trend (technical office), server time through Django's
                               test Client
    omnia_dashboard_cross_ms   the same, situation by age band for a past year
Target (issue 6): omnia_dashboard_ms <= 300 ms.
"""

import argparse
import sys
import time
from datetime import date

from _harness import DB_HELP, median_ms, signed_in_client, use_database


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="/tmp/omnia-bench", help=DB_HELP)
    parser.add_argument("--points", type=int, default=110)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    use_database(args.db)
    return args


ARGS = arguments()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from xarxa.accounts.models import Assignment, User  # noqa: E402
from xarxa.accounts.roles import Role  # noqa: E402
from xarxa.community import services  # noqa: E402
from xarxa.community.models import Attendance, ParticipantYear, Point  # noqa: E402
from xarxa.demo.community import ActivityGenerator  # noqa: E402
from xarxa.organisations.models import Organisation, OrganisationKind, Team, TeamKind  # noqa: E402
from xarxa.territory.models import Municipality  # noqa: E402


def build(points: int, years: int, seed: int) -> None:
    started = time.perf_counter()
    municipalities = list(Municipality.objects.order_by("ine_code"))
    with transaction.atomic():
        entities = [
            Organisation.objects.get_or_create(
                code=f"bench-entitat-{n}",
                defaults={
                    "name": f"Entitat gestora {n} (bench)",
                    "kind": OrganisationKind.THIRD_SECTOR,
                    "manages_omnia_points": True,
                },
            )[0]
            for n in range(20)
        ]
        created = []
        for n in range(points):
            entity = entities[n % len(entities)]
            team, _ = Team.objects.get_or_create(
                organisation=entity,
                name=f"Punt Òmnia {n} (bench)",
                defaults={"kind": TeamKind.OMNIA},
            )
            created.append(
                Point.objects.filter(team=team).first()
                or services.point_create(
                    actor=None,
                    team=team,
                    kind="omnia" if n % 5 else "activat",
                    municipality=municipalities[n % len(municipalities)],
                )
            )
    today = timezone.localdate()
    generator = ActivityGenerator(
        seed=seed,
        start=date(today.year - years + 1, 1, 1),
        end=today,
        today=today,
        names=False,
    )
    for index, point in enumerate(created):
        if point.activities.exists():
            continue
        with transaction.atomic():
            generator.point(point)
        if index % 10 == 9:
            print(f"# {index + 1} points, {generator.counts['uses']} uses, "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
    rebuilt = time.perf_counter()
    services.figures_rebuild()
    took, rebuild = time.perf_counter() - started, time.perf_counter() - rebuilt
    print(f"# built in {took:.0f} s (tallies rebuilt in {rebuild:.0f} s)", file=sys.stderr)


def office_user() -> User:
    user, _ = User.objects.get_or_create(username="bench.oficina.tecnica")
    if not Assignment.objects.filter(user=user, role=Role.TECHNICAL_OFFICE).exists():
        org = Organisation.objects.get(code="generalitat-drets-socials")
        team, _ = Team.objects.get_or_create(
            organisation=org,
            name="Oficina tècnica (bench)",
            defaults={"kind": TeamKind.TECHNICAL_OFFICE},
        )
        Assignment.objects.create(
            user=user, team=team, role=Role.TECHNICAL_OFFICE, valid_from=date(2020, 1, 1)
        )
    return user


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if Point.objects.count() < ARGS.points:
        build(ARGS.points, ARGS.years, ARGS.seed)
    client = signed_in_client(office_user())
    year = timezone.localdate().year
    print(f"omnia_points {Point.objects.count()} points")
    print(f"omnia_uses {Attendance.objects.count()} uses")
    print(f"omnia_tally_rows {ParticipantYear.objects.count()} rows")
    network = median_ms(client, "/community/figures/", {"year": year})
    print(f"omnia_dashboard_ms {network:.1f} ms")
    cross = median_ms(
        client, "/community/figures/", {"year": year - 2, "rows": "situation", "cols": "age_band"}
    )
    print(f"omnia_dashboard_cross_ms {cross:.1f} ms")


if __name__ == "__main__":
    main()
