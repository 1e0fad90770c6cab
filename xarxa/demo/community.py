"""Demo and benchmark data for the Òmnia network: a bulk generator of activities,
sessions, participants and attendance with realistic participation (about 60% women;
older and unemployed people over-represented), and the whole demo network built with
it (the points and what they have: ``points``; library, news, training: ``network``;
the tables they are drawn from: ``community_data``). Deterministic for a seed."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from xarxa.accounts.models import User
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
from xarxa.demo.community_data import (
    AGES,
    GENDERS,
    ORIGINS,
    PROJECTS,
    SITUATIONS_BY_AGE,
    SUPPORT,
    TITLES,
)
from xarxa.demo.draw import pick, uuid_from
from xarxa.demo.network import library, training
from xarxa.demo.points import ensure_points, equipment, projects, stops


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
        age = pick(rng, AGES)
        gender = pick(rng, GENDERS)
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
            public_id=uuid_from(rng),
            point=point,
            registered=registered,
            first_name=first,
            last_name=last,
            consent_on=self.start if registered else None,
            gender=gender,
            age_band=age,
            origin=pick(rng, ORIGINS),
            situation=pick(rng, SITUATIONS_BY_AGE[age]),
        )

    def _activity(self, point, title, axis, kind, starts_on, digcomp=(), actic=(), capacity=None):
        return Activity(
            public_id=uuid_from(self.rng),
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
        # (activity, [(date, start, end)], enrolled (None: open access), attendance rate)
        plans: list[
            tuple[Activity, list[tuple[date, time, time]], list[Participant] | None, float]
        ] = []
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
                axis = pick(rng, [("learning", 60), ("labour", 25), ("community", 15)])
                kind = rng.choice(["course", "workshop"])
                title, digcomp, actic = rng.choice(TITLES[(axis, kind)])
                first = quarter + timedelta(days=rng.randint(0, 4) + 7 * rng.randint(0, 3))
                weeks = rng.randint(6, 10) if kind == "course" else rng.randint(3, 5)
                capacity = rng.choice([10, 12, 15])
                source = by_situation.get("unemployed", pool) if axis == "labour" else pool
                enrolled: list[Participant] | None = rng.sample(
                    source, min(len(source), rng.randint(6, capacity))
                )
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
                        public_id=uuid_from(rng),
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
        attendance: list[Attendance] = []
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
            stops(point, today)
        equipment(random.Random(seed + point.pk), point, today)
        projects(point)
    library(points, today)
    training(points, today)
    services.figures_rebuild([p.pk for p in points])
    log(
        "  community: {points} points, {activities} activities, {sessions} sessions, "
        "{participants} participants, {uses} uses".format(points=len(points), **generator.counts)
    )
    return {"points": len(points), **generator.counts}
