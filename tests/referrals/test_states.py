"""The referral state machine is one declared table: every (from, to, side) is tried,
and random sequences of moves by random sides (hypothesis) never leave the table."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.referrals.conftest import CONSENTED
from xarxa.catalogue.models import Service
from xarxa.organisations.models import Organisation
from xarxa.referrals import services
from xarxa.referrals.models import Referral, Transition
from xarxa.referrals.states import (
    FINAL,
    PARTNER_REPORTED,
    RECEIVER,
    SENDER,
    TRANSITIONS,
    State,
    allowed,
)

pytestmark = pytest.mark.django_db

MOVE_DATA = {
    State.REFUSED: {"refusal_reason": "no_capacity", "alternative": "SIAD de Manlleu"},
    State.CLOSED: {"outcome": "goals_met", "reason": "Acompanyament fet."},
    State.CANCELLED: {"reason": "La persona ha marxat de la comarca."},
}


def fresh(actor, case, person, service, state):
    referral = services.referral_create(
        actor=actor, case=case, person=person, service=service, data=CONSENTED, send=False
    )
    Referral.objects.filter(pk=referral.pk).update(state=state)
    referral.refresh_from_db()
    return referral


def test_final_states_have_no_way_out():
    assert not [pair for pair in TRANSITIONS if pair[0] in FINAL]
    reachable = {State.DRAFT} | {to for _frm, to in TRANSITIONS}
    assert reachable == set(State.values)


def tried(actor, referral, target) -> bool:
    """Whether the actor could make the move (a refusal changes nothing)."""
    try:
        services.referral_move(
            actor=actor, referral=referral, to=target, **MOVE_DATA.get(target, {})
        )
    except PermissionDenied:
        return False
    return True


@pytest.mark.parametrize("party", [SENDER, RECEIVER, "outsider"])
def test_every_move_by_every_side_is_exactly_the_table(
    social_worker, siad, other_abss_worker, case, person, service, party
):
    actors = {SENDER: social_worker, RECEIVER: siad, "outsider": other_abss_worker}
    for current, target in itertools.product(State.values, State.values):
        referral = fresh(social_worker.user, case, person, service, current)
        before = Transition.objects.filter(referral=referral).count()
        moved = tried(actors[party].user, referral, target)
        referral.refresh_from_db()
        assert moved == allowed(current, target, party), (current, target, party)
        assert referral.state == (target if moved else current)
        assert Transition.objects.filter(referral=referral).count() == before + moved


@pytest.mark.parametrize("party", [SENDER, "staff of another team", "outsider"])
def test_a_partner_without_accounts_has_its_reports_recorded_by_the_sender(
    social_worker, siad, other_abss_worker, case, person, party
):
    """The partner answers through its link; after that only the sender moves the
    referral, recording what the partner reports (see states.PARTNER_REPORTED)."""
    partner = Service.objects.create(
        code="entitat", organisation=Organisation.objects.get(code="coss"), kind="community",
        texts={"ca": {"name": "Entitat d'acollida"}}, email="entitat@example.org",
    )  # fmt: skip
    actors = {SENDER: social_worker, "staff of another team": siad, "outsider": other_abss_worker}
    for current, target in itertools.product(State.values, State.values):
        referral = fresh(social_worker.user, case, person, partner, current)
        moved = tried(actors[party].user, referral, target)
        expected = party == SENDER and allowed(current, target, SENDER, partner=True)
        assert moved == expected, (current, target, party)
        if moved and (current, target) in PARTNER_REPORTED:
            assert referral.transitions.last().reason.startswith(
                gettext("Reported by the partner.")
            )


sides = st.sampled_from([SENDER, RECEIVER])
targets = st.sampled_from(State.values)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(moves=st.lists(st.tuples(sides, targets), max_size=8))
def test_random_sequences_follow_the_table(social_worker, siad, case, person, service, moves):
    actors = {SENDER: social_worker.user, RECEIVER: siad.user}
    referral = fresh(social_worker.user, case, person, service, State.DRAFT)
    path = [State.DRAFT]
    for side, target in moves:
        try:
            services.referral_move(
                actor=actors[side], referral=referral, to=target, **MOVE_DATA.get(target, {})
            )
        except (PermissionDenied, ValidationError):
            assert not allowed(path[-1], target, side)
            continue
        assert allowed(path[-1], target, side)
        path.append(target)
    history = list(referral.transitions.values_list("from_state", "to_state"))
    assert history == list(itertools.pairwise(path))
    referral.refresh_from_db()
    assert referral.state == path[-1]
