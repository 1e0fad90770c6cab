"""Demo and benchmark data for the Òmnia network: points and community spaces in real
Osona municipalities, and a bulk generator of activities, sessions, participants and
attendance with realistic participation (about 60% women; older and unemployed people
over-represented). Deterministic for a seed."""

import random
import uuid
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from xarxa.community import services
from xarxa.community.models import (
    ActicResult,
    Activity,
    Attendance,
    Enrolment,
    Outcome,
    Participant,
    Point,
    SelfAssessment,
    Session,
)
from xarxa.demo import names
from xarxa.organisations.models import Organisation, Team, TeamKind
from xarxa.territory.models import Municipality

# organisation code, team (point) name, type, INE code, address, opening hours
DEMO_POINTS = [
    ("demo-fundacio-plana-digital", "Punt Òmnia Vic Remei", "omnia", "08298",
     "Carrer del Remei, 12 (demo)", "Dilluns a divendres, 16:00-20:00"),
    ("demo-fundacio-plana-digital", "Punt Òmnia Torelló", "omnia", "08285",
     "Carrer de Sant Feliu, 4 (demo)", "Dilluns, dimecres i divendres, 16:00-20:00"),
    ("demo-associacio-ter-connecta", "Punt Òmnia Manlleu", "omnia", "08112",
     "Passeig del Ter, 30 (demo)", "Dilluns a dijous, 10:00-13:00 i 16:00-19:00"),
    ("ajuntament-manlleu", "Espai Activa't Manlleu", "activat", "08112",
     "Plaça Fra Bernadí, 1 (demo)", "Dimarts i dijous, 10:00-13:00"),
    ("ajuntament-centelles", "Espai Activa't Centelles", "activat", "08067",
     "Carrer Major, 20 (demo)", "Dimecres, 10:00-12:30"),
    ("ajuntament-roda-de-ter", "Centre cívic de Roda de Ter", "civic", "08183",
     "Carrer de Vic, 5 (demo)", "Dilluns a divendres, 17:00-21:00"),
    ("demo-associacio-ter-connecta", "Òmnia mòbil Osona Nord", "mobile", "08237",
     "Furgoneta equipada (demo)", "Segons el calendari de parades"),
]  # fmt: skip

# The mobile point's weekly stops: INE code, place, weekday, from hour, to hour.
MOBILE_STOPS = [
    ("08237", "Plaça de l'Ajuntament", 0, 10, 13),
    ("08131", "Davant del Casal", 1, 10, 13),
    ("08150", "Local social", 2, 10, 12),
    ("08233", "Biblioteca", 3, 16, 19),
    ("08117", "Centre cívic", 4, 10, 13),
]  # fmt: skip

TITLES = {
    ("learning", "course"): [
        ("Iniciació a l'ordinador", ["5.1", "1.1"], ["C2"]),
        ("El mòbil, pas a pas", ["2.1", "4.1"], ["C3"]),
        ("Preparació ACTIC bàsic", ["1.1", "2.1", "3.1"], ["C1", "C2", "C3", "C4"]),
        ("Full de càlcul per a tothom", ["3.1", "5.2"], ["C6", "C7"]),
    ],
    ("learning", "workshop"): [
        ("Tràmits en línia amb l'idCAT Mòbil", ["2.3", "4.2"], ["C1", "C3"]),
        ("Videotrucades amb la família", ["2.1", "2.5"], ["C3"]),
        ("Seguretat i estafes a internet", ["4.2", "1.2"], ["C1"]),
        ("La cita prèvia del CAP des del mòbil", ["2.3", "1.1"], ["C3"]),
    ],
    ("labour", "course"): [
        ("Currículum i carta de presentació", ["3.1", "2.6"], ["C4"]),
        ("Competències digitals per a la feina", ["5.4", "2.4"], ["C2", "C3"]),
    ],
    ("labour", "workshop"): [
        ("Cerca de feina per internet", ["1.1", "2.6"], ["C3"]),
        ("Entrevistes de feina en línia", ["2.1", "2.5"], ["C3"]),
    ],
    ("community", "course"): [("Ràdio comunitària", ["3.1", "2.2"], ["C5"])],
    ("community", "workshop"): [
        ("Fotografia del barri", ["3.2", "3.3"], ["C5"]),
        ("Memòria del poble: entrevistes a la gent gran", ["3.1", "2.2"], ["C5", "C8"]),
    ],
}
SUPPORT = [
    ("Acompanyament: sol·licitud d'ajuts en línia", "learning", ["2.3"]),
    ("Acompanyament: inscripció a ofertes de feina", "labour", ["2.6"]),
    ("Acompanyament: certificat digital", "learning", ["4.2"]),
]
PROJECTS = [
    "Projecte comunitari: Comunitats contra l'aïllament",
    "Projecte comunitari: Connectem generacions (PLACI)",
]

# Who comes (weights): about 60% women; older and unemployed people over-represented.
GENDERS = [("woman", 60), ("man", 38), ("non_binary", 1), ("not_stated", 1)]
AGES = [("u16", 7), ("16_29", 13), ("30_44", 18), ("45_64", 27), ("65", 33), ("not_stated", 2)]
ORIGINS = [("spain", 62), ("eu", 5), ("non_eu", 30), ("not_stated", 3)]
SITUATIONS_BY_AGE = {
    "u16": [("student", 95), ("other", 5)],
    "16_29": [("unemployed", 40), ("student", 35), ("employed", 20), ("family", 5)],
    "30_44": [("unemployed", 50), ("employed", 25), ("family", 20), ("other", 5)],
    "45_64": [("unemployed", 50), ("employed", 25), ("family", 15), ("other", 10)],
    "65": [("retired", 90), ("family", 5), ("other", 5)],
    "not_stated": [("not_stated", 80), ("other", 20)],
}


def _pick(rng, weighted):
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def _uuid(rng) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def ensure_points(*, seed: int = 1) -> list[Point]:
    """The demo points and spaces, on their teams (created when missing), each with one
    facilitator."""
    from xarxa.accounts import services as account_services
    from xarxa.accounts.models import User
    from xarxa.accounts.roles import Role
    from xarxa.demo.generate import DEMO_PASSWORD

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
                )
                User.objects.filter(pk=user.pk).update(password=password)
                account_services.assignment_create(
                    actor=None, user=user, team=team, role=Role.OMNIA_FACILITATOR
                )
        points.append(point)
    return points


class ActivityGenerator:
    """Bulk activities, sessions, participants and attendance for points between two
    dates; no attendance after ``today``. ``scale`` multiplies the number of people."""

    def __init__(self, *, seed: int, start: date, end: date, today: date, scale=1.0, names=True):
        self.rng = random.Random(seed)
        self.start, self.end, self.today = start, end, today
        self.scale, self.with_names = scale, names
        self.counts = {"activities": 0, "sessions": 0, "participants": 0, "uses": 0}

    def _participant(self, point) -> Participant:
        rng = self.rng
        age = _pick(rng, AGES)
        gender = _pick(rng, GENDERS)
        registered = rng.random() < 0.55
        first = last = ""
        if registered:
            origin_row = rng.choices(names.ORIGINS, weights=[o[1] for o in names.ORIGINS])[0]
            given_f, given_m, surnames = origin_row[2]
            first = rng.choice(given_f if gender == "woman" else given_m)
            last = rng.choice(surnames)
            if origin_row[0] in names.TWO_SURNAMES:
                last = f"{last} {rng.choice(surnames)}"
            if not self.with_names:
                first, last = "Participant", str(rng.randint(1, 10**6))
        divides = {}
        if rng.random() < 0.5:  # about half assessed for the digital divides
            older = age == "65"
            divides = {
                "divide_access": rng.random() < (0.35 if older else 0.2),
                "divide_use": rng.random() < (0.75 if older else 0.45),
                "divide_outcomes": rng.random() < 0.35,
            }
        return Participant(
            **divides,
            public_id=_uuid(rng),
            point=point,
            registered=registered,
            first_name=first,
            last_name=last,
            consent_on=self.start if registered else None,
            gender=gender,
            age_band=age,
            origin=_pick(rng, ORIGINS),
            situation=_pick(rng, SITUATIONS_BY_AGE[age]),
        )

    def _activity(self, point, title, axis, kind, starts_on, digcomp=(), actic=(), capacity=None):
        return Activity(
            public_id=_uuid(self.rng),
            point=point,
            title=title,
            axis=axis,
            kind=kind,
            starts_on=starts_on,
            digcomp=list(digcomp),
            actic=list(actic),
            capacity=capacity,
            target_groups=["older"] if "gent gran" in title else ["everyone"],
        )

    def _weekly(
        self, first: date, weeks: int, slot: time, hours=2
    ) -> list[tuple[date, time, time]]:
        end_at = (datetime.combine(first, slot) + timedelta(hours=hours)).time()
        days = [first + timedelta(weeks=w) for w in range(weeks)]
        return [(d, slot, end_at) for d in days if d <= self.end and d.month != 8]

    def point(self, point: Point) -> None:
        rng = self.rng
        span_years = max(1, round((self.end - self.start).days / 365))
        pool = [self._participant(point) for _ in range(int(self.scale * 180 * span_years))]
        pool = Participant.objects.bulk_create(pool, batch_size=2000)
        by_situation: dict[str, list] = {}
        for p in pool:
            by_situation.setdefault(p.situation, []).append(p)
        plans = []  # (activity, [(date, start, end)], enrolled, attendance rate)
        monday = self.start - timedelta(days=self.start.weekday())
        # open free-access time: one activity a year, two afternoons a week
        year = self.start.year
        while date(year, 1, 1) <= self.end:
            first = max(self.start, date(year, 1, 1))
            first += timedelta(days=(7 - first.weekday()) % 7)  # a Monday
            weeks = (min(self.end, date(year, 12, 20)) - first).days // 7 + 1
            activity = self._activity(
                point, f"Temps de lliure accés {year}", "learning", "open_access", first
            )
            slots = self._weekly(first, weeks, time(17)) + self._weekly(
                first + timedelta(days=2), weeks, time(17)
            )
            plans.append((activity, slots, None, 0))
            year += 1
        quarter = monday
        while quarter <= self.end:
            for _ in range(4):
                axis = _pick(rng, [("learning", 60), ("labour", 25), ("community", 15)])
                kind = rng.choice(["course", "workshop"])
                title, digcomp, actic = rng.choice(TITLES[(axis, kind)])
                first = quarter + timedelta(days=rng.randint(0, 4) + 7 * rng.randint(0, 3))
                weeks = rng.randint(6, 10) if kind == "course" else rng.randint(3, 5)
                capacity = rng.choice([10, 12, 15])
                source = by_situation.get("unemployed", pool) if axis == "labour" else pool
                enrolled = rng.sample(source, min(len(source), rng.randint(6, capacity)))
                activity = self._activity(
                    point, title, axis, kind, first, digcomp, actic, capacity=capacity
                )
                plans.append(
                    (activity, self._weekly(first, weeks, time(rng.choice([10, 16, 18]))),
                     enrolled, rng.uniform(0.7, 0.9))
                )  # fmt: skip
            for _ in range(5):
                title, axis, digcomp = rng.choice(SUPPORT)
                first = quarter + timedelta(days=rng.randint(0, 80))
                activity = self._activity(point, title, axis, "support", first, digcomp)
                plans.append(
                    (activity, self._weekly(first, rng.randint(1, 2), time(11), hours=1),
                     [rng.choice(pool)], 1.0)
                )  # fmt: skip
            if quarter.month in (1, 2, 3, 7, 8, 9) or rng.random() < 0.3:
                first = quarter + timedelta(days=rng.randint(0, 10))
                activity = self._activity(
                    point, rng.choice(PROJECTS), "community", "project", first, ["2.3", "2.4"]
                )
                members = rng.sample(pool, min(10, len(pool)))
                plans.append((activity, self._weekly(first, 8, time(18)), members, 0.75))
            quarter += timedelta(weeks=13)
        plans = [plan for plan in plans if plan[1]]
        activities = Activity.objects.bulk_create([p[0] for p in plans], batch_size=2000)
        sessions, enrolments = [], []
        for activity, slots, enrolled, _rate in plans:
            for day, starts_at, ends_at in slots:
                sessions.append(
                    Session(
                        public_id=_uuid(rng),
                        activity=activity,
                        point=point,
                        date=day,
                        starts_at=starts_at,
                        ends_at=ends_at,
                    )
                )
            for participant in enrolled or ():
                enrolments.append(
                    Enrolment(
                        activity=activity, participant=participant, enrolled_on=activity.starts_on
                    )
                )
        sessions = Session.objects.bulk_create(sessions, batch_size=2000)
        Enrolment.objects.bulk_create(enrolments, batch_size=2000, ignore_conflicts=True)
        plan_of = {a.pk: plan for a, plan in zip(activities, plans, strict=True)}
        attendance = []
        regulars = rng.sample(pool, min(len(pool), 40))
        for session in sessions:
            if session.date > self.today:
                continue
            _activity, _slots, enrolled, rate = plan_of[session.activity_id]
            at = timezone.make_aware(datetime.combine(session.date, session.starts_at))
            if enrolled is None:  # open access: regulars and others, 3 to 9 uses
                present = set()
                for _ in range(rng.randint(3, 9)):
                    present.add(rng.choice(regulars) if rng.random() < 0.6 else rng.choice(pool))
                walk = True
            else:
                present = {p for p in enrolled if rng.random() < rate}
                walk = False
            attendance.extend(
                Attendance(session=session, participant=p, walk_in=walk, recorded_at=at)
                for p in present
            )
        Attendance.objects.bulk_create(attendance, batch_size=5000)
        self.counts["activities"] += len(activities)
        self.counts["sessions"] += len(sessions)
        self.counts["participants"] += len(pool)
        self.counts["uses"] += len(attendance)

    def path_examples(self, point: Point, recorder) -> None:
        """Self-assessments before and after, ACTIC levels and outcomes for some."""
        if recorder is None:
            return
        rng = self.rng
        instrument = services.digcomp_instrument()
        codes = [d.code for d in instrument.domains.all()]
        people = list(point.participants.filter(registered=True).order_by("pk")[:200])
        rows, actic, outcomes = [], [], []
        for p in people:
            if rng.random() < 0.25:
                before = {c: rng.randint(1, 3) for c in codes}
                after = {c: min(5, v + rng.randint(0, 2)) for c, v in before.items()}
                rows.append(SelfAssessment(participant=p, instrument=instrument, moment="before",
                                           assessed_on=self.start + timedelta(days=30),
                                           scores=before, recorded_by=recorder))  # fmt: skip
                rows.append(SelfAssessment(participant=p, instrument=instrument, moment="after",
                                           assessed_on=self.today - timedelta(days=30),
                                           scores=after, recorded_by=recorder))  # fmt: skip
            if rng.random() < 0.05:
                obtained = self.today - timedelta(days=rng.randint(10, 200))
                actic.append(
                    ActicResult(
                        participant=p, level=rng.choice("112"), obtained_on=obtained,
                        recorded_by=recorder,
                    )
                )  # fmt: skip
            if p.situation == "unemployed" and rng.random() < 0.15:
                outcomes.append(Outcome(participant=p, kind=rng.choice(["job_found", "training"]),
                                        on=self.today - timedelta(days=rng.randint(5, 250)),
                                        recorded_by=recorder))  # fmt: skip
        SelfAssessment.objects.bulk_create(rows)
        ActicResult.objects.bulk_create(actic)
        Outcome.objects.bulk_create(outcomes)


@transaction.atomic
def build_community(*, seed: int = 1, log=print) -> dict:
    """The demo: the points and spaces, a year of activities and attendance up to today,
    and four weeks planned ahead (so a facilitator has sessions today and next week)."""
    from xarxa.accounts.models import User

    points = ensure_points(seed=seed)
    if Activity.objects.filter(point__in=points).exists():
        return {"points": len(points)}
    today = timezone.localdate()
    generator = ActivityGenerator(
        seed=seed, start=today - timedelta(days=365), end=today + timedelta(weeks=4), today=today
    )
    demo_facilitator = User.objects.filter(username="dinamitzador").first()
    for point in points:
        generator.point(point)
        if demo_facilitator and point.team.assignments.filter(user=demo_facilitator).exists():
            generator.path_examples(point, demo_facilitator)
    # every point has something on today, whatever the weekday
    for point in points:
        activity = point.activities.filter(kind="open_access").order_by("-starts_on").first()
        if activity and not point.sessions.filter(date=today).exists():
            Session.objects.create(activity=activity, point=point, date=today,
                                   starts_at=time(17), ends_at=time(19))  # fmt: skip
    for point in points:
        if point.kind == "mobile":
            _stops(point, today)
        _equipment(random.Random(seed + point.pk), point, today)
        _projects(point)
    _library(points, today)
    _training(points, today)
    services.figures_rebuild([p.pk for p in points])
    log(
        "  community: {points} points, {activities} activities, {sessions} sessions, "
        "{participants} participants, {uses} uses".format(points=len(points), **generator.counts)
    )
    return {"points": len(points), **generator.counts}


def _equipment(rng, point: Point, today: date) -> None:
    """A connection, some devices (a few lent), an incident and a need per point."""
    from xarxa.community.models import Connection, Device, Incident, Loan

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
                public_id=_uuid(rng),
                point=point,
                kind=kind,
                label=f"{kind[:3].upper()}-{point.pk:02d}-{n + 1:02d}",
                year=rng.randint(today.year - 9, today.year),
                state=_pick(rng, [("working", 85), ("repair", 10), ("broken", 5)]),
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
    old = min(devices, key=lambda d: d.year)
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


PROJECT_FRAMES = {
    PROJECTS[0]: ("isolation", "Que cap persona gran del barri estigui sola: trobades, "
                  "videotrucades amb la família i xarxa de veïns.",
                  "Casal de gent gran\nServeis socials bàsics\nCAP (demo)"),
    PROJECTS[1]: ("placi", "Joves i gent gran aprenen junts: els joves ensenyen el mòbil, la gent "
                  "gran explica la història del poble.",
                  "Institut (demo)\nAssociació de veïns\nBiblioteca municipal"),
}  # fmt: skip


def _projects(point: Point) -> None:
    from xarxa.community.models import Project

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


LIBRARY = [
    ("Guia: l'idCAT Mòbil pas a pas", "guide", ["learning"], ["4.2", "2.3"],
     "Com donar-se d'alta i fer servir l'idCAT Mòbil per als tràmits de la Generalitat."),
    ("Disseny: taller de videotrucades amb la família", "design", ["learning", "community"],
     ["2.1"], "Dues sessions de 90 minuts per a gent gran; amb fitxes per imprimir."),
    ("Fitxes: el mòbil per a principiants", "material", ["learning"], ["5.1", "4.1"],
     "Vuit fitxes amb lletra gran: trucar, missatges, fotos, seguretat."),
    ("Disseny: club de feina en línia", "design", ["labour"], ["1.1", "2.6"],
     "Sessió setmanal per buscar feina a internet i preparar el perfil professional."),
    ("Guia: preparar l'ACTIC bàsic", "guide", ["learning"], ["1.1", "3.1"],
     "Com s'organitza la prova, exemples de preguntes i un pla de 6 setmanes."),
    ("Material: seguretat i estafes per missatge", "material", ["learning"], ["4.2", "1.2"],
     "Exemples reals d'estafes (SMS, WhatsApp) per comentar en grup."),
    ("Disseny: memòria del poble amb la gent gran", "design", ["community"], ["3.1", "2.2"],
     "Projecte comunitari: entrevistes gravades per joves i gent gran."),
    ("Guia: la cita prèvia del CAP des del mòbil", "guide", ["learning"], ["2.3"],
     "La Meva Salut i la cita prèvia, explicades per a persones que comencen."),
]  # fmt: skip

NEWS = [
    ("Jornada Òmnia de tardor", "Ens trobem a Barcelona per compartir els projectes de l'any. "
     "Inscripcions obertes fins a final de mes."),
    ("Nou kit d'accessibilitat", "Els punts que el demanin rebran teclats d'alt contrast, "
     "ratolins de bola i lupes digitals."),
    ("Formació: acció comunitària i perspectiva de gènere", "Curs del Pla de formació Òmnia, "
     "quatre sessions en línia."),
]  # fmt: skip


def _library(points, today: date) -> None:
    """The resource library in use: materials shared by the points' facilitators, and
    the technical office's news."""
    from xarxa.accounts.models import User
    from xarxa.community.models import News, Resource

    sharers = []
    for point in points:
        assignment = point.team.assignments.filter(role="omnia_facilitator").first()
        if assignment:
            sharers.append((assignment.user, point))
    if not sharers:
        return
    for n, (title, kind, axes, digcomp, summary) in enumerate(LIBRARY):
        user, point = sharers[n % len(sharers)]
        Resource.objects.create(
            title=title, kind=kind, axes=axes, digcomp=digcomp, summary=summary,
            contributed_by=user, point=point,
        )  # fmt: skip
    office = User.objects.filter(username="oficina.tecnica").first()
    for n, (title, body) in enumerate(NEWS):
        if office:
            News.objects.create(
                title=title,
                body=body,
                author=office,
                published_at=timezone.now() - timedelta(days=7 * (len(NEWS) - n)),
            )


COURSES = [
    ("Acció comunitària i treball per projectes", 16, ["community", "projects"]),
    ("Perspectiva de gènere i interseccionalitat a l'Òmnia", 12, ["gender", "digital_divides"]),
    ("Ensenyar competències digitals amb DigComp 2.2", 20, ["digcomp"]),
    ("Acompanyar en la recerca de feina en línia", 10, ["employment", "e_administration"]),
]


def _training(points, today: date) -> None:
    """The training plan, with the points' facilitators enrolled and some courses done."""
    from xarxa.community.models import TrainingCourse, TrainingEnrolment

    courses = [
        TrainingCourse.objects.create(
            title=title,
            hours=hours,
            competences=competences,
            starts_on=today - timedelta(days=300 - 90 * n),
        )
        for n, (title, hours, competences) in enumerate(COURSES)
    ]
    for index, point in enumerate(points):
        assignment = point.team.assignments.filter(role="omnia_facilitator").first()
        if assignment is None:
            continue
        for n, course in enumerate(courses):
            if (index + n) % 3 == 2:
                continue
            done = course.starts_on + timedelta(days=30)
            TrainingEnrolment.objects.get_or_create(
                course=course,
                user=assignment.user,
                defaults={
                    "enrolled_on": course.starts_on - timedelta(days=10),
                    "completed_on": done if done < today else None,
                },
            )


def _stops(point: Point, today: date) -> None:
    from xarxa.community.models import Stop

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
