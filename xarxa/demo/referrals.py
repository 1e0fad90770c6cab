"""Demo referrals: about one open or recent case in six refers someone to a service that
answers one of its problems, over the last three years, with realistic timings (most
answered within ten working days), refusals with an alternative, and a few expired.
Written in bulk; the states follow the declared table (tested)."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from xarxa.accounts.models import Assignment
from xarxa.catalogue.models import Service
from xarxa.records.models import CaseAccess, CaseFile, CaseProblem, TimelineEntry
from xarxa.referrals.models import Notice, Referral, Transition
from xarxa.referrals.services import EXPIRE_AFTER, add_working_days, carried_sensitivity
from xarxa.referrals.services.access import access_source
from xarxa.referrals.states import FINAL, SharedData, State

SHARE = 1 / 6
REASONS = {
    "housing": ("Risc de perdre l'habitatge.", "Valoració per a un allotjament temporal."),
    "health": ("Necessita ajuda per a les activitats diàries.", "Valoració d'ajuda a domicili."),
    "gender_violence": ("Situació de violència a la llar.", "Atenció i acompanyament."),
    "family": ("Dificultats en la criança.", "Suport socioeducatiu a la família."),
    "economic": ("Ingressos insuficients.", "Tramitació de prestacions."),
    "employment": ("Atur de llarga durada.", "Itinerari d'inserció."),
    "exclusion": ("Aïllament i solitud.", "Participació en activitats comunitàries."),
    "education": ("Absentisme escolar.", "Suport socioeducatiu."),
}


def build_referrals(*, seed: int) -> int:
    rng = random.Random(seed * 31 + 7)
    today = timezone.localdate()
    services_by_need: dict[str, list[Service]] = {}
    for service in Service.objects.filter(status="active", owner_team__isnull=False).order_by(
        "code"
    ):
        for need in service.needs:
            services_by_need.setdefault(need, []).append(service)
    problems: dict[int, list[str]] = {}
    for case_id, group in CaseProblem.objects.order_by("id").values_list(
        "case_id", "category__group"
    ):
        problems.setdefault(case_id, []).append(group)
    cases = CaseFile.objects.filter(id__in=list(problems)).values_list(
        "id", "person_id", "abss_id", "reference_professional_id", "opened_on"
    )
    staff: dict[int, list[int]] = {}
    for team_id, user_id in Assignment.objects.values_list("team_id", "user_id").order_by("id"):
        staff.setdefault(team_id, []).append(user_id)
    referrals, plans = [], []
    for case_id, person_id, abss_id, professional_id, opened_on in cases.order_by("id"):
        if person_id is None or rng.random() > SHARE:
            continue
        needs = [n for n in problems[case_id] if n in services_by_need]
        if not needs:
            continue
        service = rng.choice(services_by_need[rng.choice(needs)])
        start = max(opened_on, today - timedelta(days=3 * 365))
        sent_on = start + timedelta(days=rng.randrange(max(1, (today - start).days)))
        reason, request = REASONS.get(needs[0], REASONS["exclusion"])
        referral = Referral(
            case_id=case_id,
            person_id=person_id,
            service=service,
            receiving_team_id=service.owner_team_id,
            sender_id=professional_id,
            sending_abss_id=abss_id,
            urgency=rng.choices(["ordinary", "priority", "urgent"], [80, 15, 5])[0],
            reason=reason,
            request=request,
            shared=[SharedData.IDENTITY, SharedData.SUMMARY],
            consent_given=True,
            consent_by="La persona",
            consent_method=rng.choice(["verbal", "written"]),
            sent_at=timezone.make_aware(datetime.combine(sent_on, time(10))),
            answer_due=add_working_days(sent_on, service.answer_within),
        )
        referrals.append(referral)
        plans.append(_history(rng, referral, sent_on, today))
    Referral.objects.bulk_create(referrals, batch_size=2000)
    transitions, entries, notices, accesses = [], [], [], []
    for referral, steps in zip(referrals, plans, strict=True):
        previous = State.DRAFT
        access = None  # the receiving team's access to the case, from acceptance to the end
        receiving = referral.receiving_team_id
        assert receiving is not None  # only services with an owner team are referred to
        answering = staff.get(receiving) or [referral.sender_id]
        for state, day, by_sender in steps:
            at = timezone.make_aware(datetime.combine(day, time(11)))
            if state == State.EXPIRED:
                by = None  # the deadline job
            else:
                by = referral.sender_id if by_sender else rng.choice(answering)
            transitions.append(
                Transition(referral=referral, from_state=previous, to_state=state, by_id=by, at=at)
            )
            entries.append(
                TimelineEntry(
                    person_id=referral.person_id,
                    case_id=referral.case_id,
                    on=day,
                    kind=f"referral.{state}",
                    title=f"{referral.service.text('name', 'ca')}: {State(state).label}"[:200],
                    object_type="referrals.referral",
                    object_id=str(referral.pk),
                    author_id=referral.sender_id,
                    **carried_sensitivity(referral.service),
                )
            )
            if state == State.ACCEPTED:
                access = CaseAccess(
                    case_id=referral.case_id, team_id=receiving, valid_from=day,
                    reason=f"Referral accepted: {referral.service.code}"[:200],
                    source=access_source(referral),
                )  # fmt: skip
                accesses.append(access)
            elif state in FINAL and access is not None:
                access.valid_until = max(access.valid_from, day - timedelta(days=1))
            previous = state
        referral.state = previous
        days = {state: day for state, day, _by in steps}
        if State.RECEIVED in days:
            referral.answer_days = (days[State.RECEIVED] - days[State.SENT]).days
        if State.IN_PROGRESS in days:
            referral.start_days = (days[State.IN_PROGRESS] - days[State.SENT]).days
        if previous == State.REFUSED:
            referral.refusal_reason = rng.choice(["no_capacity", "not_eligible", "wrong_service"])
            referral.alternative = "Servei alternatiu proposat a l'entrevista"
        if previous == State.CLOSED:
            referral.outcome = rng.choices(["goals_met", "partly_met", "dropped_out"], [5, 3, 2])[0]
        if previous in (State.SENT, State.RECEIVED, State.EXPIRED):
            notices.append(Notice(referral=referral, team_id=receiving, kind="new"))
    Referral.objects.bulk_update(
        referrals,
        ["state", "refusal_reason", "alternative", "outcome", "answer_days", "start_days"],
        batch_size=2000,
    )
    Transition.objects.bulk_create(transitions, batch_size=5000)
    TimelineEntry.objects.bulk_create(entries, batch_size=5000)
    Notice.objects.bulk_create(notices, batch_size=5000)
    CaseAccess.objects.bulk_create(accesses, batch_size=5000)
    return len(referrals)


def _history(rng, referral, sent_on, today):
    """The states the referral went through, with their days (sender moves marked)."""
    steps = [(State.SENT, sent_on, True)]
    answered = add_working_days(sent_on, rng.choices([2, 5, 9, 14], [30, 40, 20, 10])[0])
    if answered > today:
        return steps
    if rng.random() < 0.04 or (referral.answer_due < today and rng.random() < 0.02):
        expiry = add_working_days(referral.answer_due, EXPIRE_AFTER + 1)
        if expiry <= today:
            steps.append((State.EXPIRED, expiry, False))
        return steps
    steps.append((State.RECEIVED, answered, False))
    decided = answered + timedelta(days=rng.randrange(1, 6))
    if decided > today:
        return steps
    if rng.random() < 0.15:
        steps.append((State.REFUSED, decided, False))
        return steps
    steps.append((State.ACCEPTED, decided, False))
    first = decided + timedelta(days=rng.randrange(3, 30))
    if first > today:
        return steps
    steps.append((State.IN_PROGRESS, first, False))
    end = first + timedelta(days=rng.randrange(30, 400))
    if end <= today:
        steps.append((State.CLOSED, end, False))
    return steps
