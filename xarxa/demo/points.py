"""The demo points and spaces with what each one has: its facilitator, the mobile
point's weekly stops, a connection and devices (some lent, an incident, a need), and
its community projects."""

import random
from datetime import date, time, timedelta

from django.contrib.auth.hashers import make_password

from xarxa.accounts import services as account_services
from xarxa.accounts.models import User
from xarxa.accounts.roles import Role
from xarxa.community import services
from xarxa.community.models import Connection, Device, Incident, Loan, Point, Project, Stop
from xarxa.demo import names
from xarxa.demo.community_data import DEMO_POINTS, MOBILE_STOPS, PROJECT_FRAMES
from xarxa.demo.draw import pick, uuid_from
from xarxa.demo.staff import DEMO_PASSWORD
from xarxa.organisations.models import Organisation, Team, TeamKind
from xarxa.territory.models import Municipality


def ensure_points(*, seed: int = 1) -> list[Point]:
    """The demo points and spaces, on their teams (created when missing), each with one
    facilitator."""
    rng = random.Random(seed)
    points = []
    password = None
    for org_code, name, kind, ine, address, hours in DEMO_POINTS:
        organisation = Organisation.objects.filter(code=org_code).first()
        if organisation is None:
            continue
        team, _ = Team.objects.get_or_create(
            organisation=organisation, name=name, defaults={"kind": TeamKind.OMNIA}
        )
        point = Point.objects.filter(team=team).first() or services.point_create(
            actor=None,
            team=team,
            kind=kind,
            municipality=Municipality.objects.get(ine_code=ine),
            address=address,
            opening_hours=hours,
            step_free=rng.random() < 0.7,
            accessibility="Kit d'accessibilitat: teclat d'alt contrast, ratolí de bola i lupa."
            if kind == "omnia"
            else "",
            description="Aprenentatge digital, suport amb tràmits en línia i recerca de feina, "
            "temps de lliure accés i projectes comunitaris (demo).",
        )
        if not team.assignments.filter(role=Role.OMNIA_FACILITATOR).exists():
            password = password or make_password(DEMO_PASSWORD)
            username = f"dinamitzador.{point.pk}"
            if not User.objects.filter(username=username).exists():
                user = account_services.user_create(
                    actor=None,
                    username=username,
                    first_name=rng.choice(names.CATALAN_GIVEN_F),
                    last_name=rng.choice(names.CATALAN_SURNAMES),
                    email=f"{username}@demo.xarxa.invalid",
                    is_demo=True,
                )
                User.objects.filter(pk=user.pk).update(password=password)
                account_services.assignment_create(
                    actor=None, user=user, team=team, role=Role.OMNIA_FACILITATOR
                )
        points.append(point)
    return points


def equipment(rng, point: Point, today: date) -> None:
    """A connection, some devices (a few lent), an incident and a need per point."""
    Connection.objects.create(
        point=point,
        kind=rng.choice(["fibre", "fibre", "adsl", "mobile"]),
        mbps=rng.choice([50, 100, 300, 600]),
        public_wifi=rng.random() < 0.7,
    )
    kinds = ["desktop"] * 6 + ["laptop"] * 3 + ["tablet"] * 3 + ["printer", "projector"]
    if point.kind == "omnia":
        kinds.append("accessibility")
    devices = Device.objects.bulk_create(
        [
            Device(
                public_id=uuid_from(rng),
                point=point,
                kind=kind,
                label=f"{kind[:3].upper()}-{point.pk:02d}-{n + 1:02d}",
                year=rng.randint(today.year - 9, today.year),
                state=pick(rng, [("working", 85), ("repair", 10), ("broken", 5)]),
                loanable=kind in ("laptop", "tablet"),
            )
            for n, kind in enumerate(kinds)
        ]
    )
    recorder = point.team.assignments.filter(role="omnia_facilitator").first()
    if recorder is None:
        return
    borrowers = list(point.participants.filter(registered=True, situation="unemployed")[:2])
    lendable = [d for d in devices if d.loanable and d.state == "working"]
    for device, participant in zip(lendable, borrowers, strict=False):
        Loan.objects.create(
            device=device,
            participant=participant,
            lent_on=today - timedelta(days=10),
            due_on=today + timedelta(days=20),
            lent_by=recorder.user,
        )
    old = min(devices, key=lambda d: d.year or 0)  # every demo device has its year
    Incident.objects.create(
        point=point,
        device=old,
        kind="incident",
        description="L'ordinador no arrenca des de fa una setmana.",
        reported_by=recorder.user,
        reported_on=today - timedelta(days=7),
    )
    Incident.objects.create(
        point=point,
        kind="need",
        description="Calen dues tauletes més per al curs de gent gran.",
        estimated_cost=600,
        reported_by=recorder.user,
        reported_on=today - timedelta(days=30),
    )


def projects(point: Point) -> None:
    for title, (framework, goals, partners) in PROJECT_FRAMES.items():
        activities = point.activities.filter(title=title)
        first = activities.order_by("starts_on").first()
        if first is None:
            continue
        project = Project.objects.create(
            point=point,
            title=title.split(": ", 1)[-1],
            framework=framework,
            goals=goals,
            partners=partners,
            starts_on=first.starts_on,
        )
        activities.update(project=project)


def stops(point: Point, today: date) -> None:
    for ine, place, weekday, start, end in MOBILE_STOPS:
        Stop.objects.create(
            point=point,
            municipality=Municipality.objects.get(ine_code=ine),
            place=place,
            weekday=weekday,
            starts_at=time(start),
            ends_at=time(end),
            valid_from=today - timedelta(days=365),
        )
