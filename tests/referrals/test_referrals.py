"""Referrals from a case file: consent or a justified legal basis, the receiving team's
view limited to what was shared while the referral is open, deadlines that never let a
referral wait silently, and the whole circuit in the pages."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from tests.referrals.conftest import CONSENTED
from xarxa.catalogue.models import Service
from xarxa.core.models import AuditAction, AuditEvent
from xarxa.records.models import TimelineEntry
from xarxa.referrals import services
from xarxa.referrals.models import Message, Notice, Referral
from xarxa.referrals.states import State

pytestmark = pytest.mark.django_db

ENGLISH = {"accept-language": "en"}


def test_no_consent_needs_a_justified_legal_basis(social_worker, case, person, service, dpo):
    without = {**CONSENTED, "consent_given": False, "consent_by": "", "consent_method": ""}
    with pytest.raises(ValidationError) as refused:
        services.referral_create(
            actor=social_worker.user, case=case, person=person, service=service, data=without,
            send=True,
        )  # fmt: skip
    assert "legal_basis" in refused.value.message_dict
    assert not Referral.objects.exists()
    justified = {
        **without,
        "legal_basis": "child_protection",
        "legal_basis_note": "Risc greu per als infants de la llar, cal actuar avui.",
    }
    referral = services.referral_create(
        actor=social_worker.user, case=case, person=person, service=service, data=justified,
        send=True,
    )  # fmt: skip
    assert referral.state == State.SENT
    flagged = AuditEvent.objects.get(action=AuditAction.SHARED_WITHOUT_CONSENT)
    assert (
        flagged.person_id == str(person.pk) and flagged.details["legal_basis"] == "child_protection"
    )


def test_only_people_in_the_case_and_services_that_receive(social_worker, case, service):
    stranger = PersonFactory()
    with pytest.raises(ValidationError):
        services.referral_create(
            actor=social_worker.user, case=case, person=stranger, service=service,
            data=CONSENTED, send=True,
        )  # fmt: skip
    service.owner_team = None
    service.save()
    with pytest.raises(ValidationError):
        services.referral_create(
            actor=social_worker.user, case=case, person=case.person, service=service,
            data=CONSENTED, send=True,
        )  # fmt: skip
    assert not Referral.objects.exists()


def test_the_receiver_sees_what_was_shared_only_while_open(
    client_for, referral, siad, other_abss_worker
):
    url = reverse("referrals:detail", args=[referral.public_id])
    receiver = client_for(siad.user)
    page = receiver.get(url).content.decode()
    assert "Fatima Benali" in page and "acompanyament psicològic" in page
    assert referral.case.number not in page  # the case file itself is not shared
    for to, data in (
        ("received", {}),
        ("accepted", {}),
        ("in_progress", {}),
        ("closed", {"outcome": "goals_met", "reason": "Fet."}),
    ):
        referral.refresh_from_db()
        response = receiver.post(
            reverse("referrals:move", args=[referral.public_id]),
            {"to": to, "version": referral.version, **data},
        )
        assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == State.CLOSED and referral.outcome == "goals_met"
    after = receiver.get(url).content.decode()
    assert "Fatima Benali" not in after and "acompanyament psicològic" not in after
    outsider = client_for(other_abss_worker.user)
    assert outsider.get(url).status_code == 404
    assert AuditEvent.objects.filter(
        actor=other_abss_worker.user, action=AuditAction.DENIED
    ).exists()
    kinds = set(TimelineEntry.objects.filter(person=referral.person).values_list("kind", flat=True))
    assert {"referral.sent", "referral.accepted", "referral.closed"} <= kinds


def test_refusal_needs_a_coded_reason_and_an_alternative(client_for, referral, siad):
    services.referral_move(actor=siad.user, referral=referral, to="received")
    with pytest.raises(ValidationError) as refused:
        services.referral_move(actor=siad.user, referral=referral, to="refused")
    assert set(refused.value.message_dict) == {"refusal_reason", "alternative"}
    referral.refresh_from_db()
    assert referral.state == State.RECEIVED
    services.referral_move(
        actor=siad.user, referral=referral, to="refused", refusal_reason="wrong_service",
        alternative="Servei d'Atenció Integral LGBTI",
    )  # fmt: skip
    referral.refresh_from_db()
    assert referral.state == State.REFUSED and referral.refusal_reason == "wrong_service"


def test_deadlines_remind_escalate_and_expire_once(referral, social_worker):
    due = referral.answer_due
    assert (due - timezone.localdate()).days >= 14  # ten working days
    assert services.apply_deadlines(due) == {
        "reminders": 0,
        "escalations": 0,
        "expired": 0,
        "start_overdue": 0,
    }
    day_after = due + timedelta(days=1)
    assert services.apply_deadlines(day_after)["reminders"] == 1
    assert services.apply_deadlines(day_after)["reminders"] == 0  # idempotent
    later = services.add_working_days(due, services.ESCALATE_AFTER) + timedelta(days=1)
    assert services.apply_deadlines(later)["escalations"] == 1
    end = services.add_working_days(due, services.EXPIRE_AFTER) + timedelta(days=1)
    assert services.apply_deadlines(end)["expired"] == 1
    assert services.apply_deadlines(end)["expired"] == 0
    referral.refresh_from_db()
    assert referral.state == State.EXPIRED
    last = referral.transitions.last()
    assert last.by is None and last.to_state == State.EXPIRED
    assert set(Notice.objects.filter(referral=referral).values_list("kind", flat=True)) == {
        "new", "reminder", "escalation", "expired",
    }  # fmt: skip
    with pytest.raises(PermissionDenied):  # nobody answers an expired referral
        services.referral_move(actor=social_worker.user, referral=referral, to="cancelled")


def test_refer_from_the_case_page_then_inbox_and_sent_list(
    client_for, social_worker, siad, case, person, service, django_assert_max_num_queries
):
    client = client_for(social_worker.user)
    form_url = reverse("referrals:new", args=[case.public_id])
    assert (
        form_url
        in client.get(reverse("records:case_detail", args=[case.public_id])).content.decode()
    )
    empty = client.post(form_url, {"service": service.pk, "person": person.pk, "send": "1"})
    assert empty.status_code == 200 and not Referral.objects.exists()
    sent = client.post(
        form_url,
        {"service": service.pk, "person": person.pk, "reason": "Violència", "request": "Suport",
         "urgency": "urgent", "shared": ["identity"], "consent_given": "on",
         "consent_by": "La persona", "consent_method": "written", "send": "1"},
    )  # fmt: skip
    referral = Referral.objects.get()
    assert sent["Location"] == reverse("referrals:detail", args=[referral.public_id])
    assert referral.state == State.SENT and referral.urgency == "urgent"
    for _ in range(30):  # the inbox does not grow its queries with its length
        services.referral_create(
            actor=social_worker.user, case=case, person=person, service=service,
            data=CONSENTED, send=True,
        )  # fmt: skip
    receiver = client_for(siad.user)
    with django_assert_max_num_queries(17):
        inbox = receiver.get(reverse("referrals:inbox"), headers=ENGLISH)
    assert inbox.status_code == 200 and "31 referrals" in inbox.content.decode()
    outbox = client.get(reverse("referrals:outbox")).content.decode()
    assert str(Referral.objects.latest("id").public_id) in outbox  # newest first, paged
    assert str(referral.public_id) not in outbox
    assert client.get(reverse("referrals:inbox")).status_code == 200  # basic teams receive too


def test_the_worker_task_applies_the_deadlines(referral):
    from xarxa.referrals.tasks import referral_deadlines

    Referral.objects.filter(pk=referral.pk).update(
        answer_due=timezone.localdate() - timedelta(days=40)
    )
    result = referral_deadlines.enqueue()
    assert result.return_value == {
        "reminders": 0,
        "escalations": 0,
        "expired": 1,
        "start_overdue": 0,
    }
    referral.refresh_from_db()
    assert referral.state == State.EXPIRED


def test_api_refer_answer_and_refuse_outsiders(
    api_for, social_worker, siad, other_abss_worker, case, person, service
):
    sender = api_for(social_worker.user)
    body = {
        "case": str(case.public_id), "person": str(person.public_id),
        "service": str(service.public_id), "reason": "Violència", "request": "Suport",
        "shared": ["identity"], "consent_given": True, "consent_by": "La persona",
        "consent_method": "verbal",
    }  # fmt: skip
    missing = sender.post("/api/v1/referrals", {**body, "consent_given": False}, "application/json")
    assert missing.status_code == 422 and not Referral.objects.exists()
    created = sender.post("/api/v1/referrals", body, "application/json")
    assert created.status_code == 201 and created.json()["state"] == "sent"
    public_id = created.json()["public_id"]
    receiver = api_for(siad.user)
    inbox = receiver.get("/api/v1/referrals/inbox").json()
    assert [r["public_id"] for r in inbox] == [public_id]
    assert inbox[0]["person"] == person.display_name
    read = receiver.get(f"/api/v1/referrals/{public_id}").json()
    assert read["next_states"] == ["received"]
    moved = receiver.post(
        f"/api/v1/referrals/{public_id}/move", {"to": "received", "version": read["version"]},
        "application/json",
    )  # fmt: skip
    assert moved.status_code == 200 and moved.json()["state"] == "received"
    stale = receiver.post(
        f"/api/v1/referrals/{public_id}/move", {"to": "accepted", "version": read["version"]},
        "application/json",
    )  # fmt: skip
    assert stale.status_code == 409
    outsider = api_for(other_abss_worker.user)
    assert outsider.get(f"/api/v1/referrals/{public_id}").status_code == 404
    assert sender.get("/api/v1/referrals/sent").json()[0]["state"] == "received"


def test_messages_have_visibility_per_side(client_for, referral, social_worker, siad, teammate):
    # An ordinary service: colleagues of the sending side read the referral (a restricted
    # one shows them only that it exists: tests/security/test_special_categories.py).
    Service.objects.filter(pk=referral.service_id).update(confidentiality="ordinary")
    services.message_post(actor=social_worker.user, referral=referral, text="Truqueu-la al matí.")
    services.message_post(
        actor=social_worker.user, referral=referral, text="Nota interna: família extensa.",
        to_both=False,
    )  # fmt: skip
    services.message_post(actor=siad.user, referral=referral, text="Primera visita dimarts.")
    receiver = client_for(siad.user).get(reverse("referrals:detail", args=[referral.public_id]))
    text = receiver.content.decode()
    assert "Truqueu-la al matí." in text and "Primera visita dimarts." in text
    assert "Nota interna" not in text  # a note of the sending side
    colleague = client_for(teammate.user).get(
        reverse("referrals:detail", args=[referral.public_id])
    )
    assert "Nota interna" in colleague.content.decode()  # the sending side reads its notes
    with pytest.raises(ValidationError):
        services.message_post(actor=siad.user, referral=referral, text="  ")
    services.referral_move(actor=social_worker.user, referral=referral, to="cancelled", reason="x")
    referral.refresh_from_db()
    with pytest.raises(PermissionDenied):  # closed for the receiving side
        services.message_post(actor=siad.user, referral=referral, text="Encara hi sou?")
    after = client_for(siad.user).get(reverse("referrals:detail", args=[referral.public_id]))
    assert "Truqueu-la" not in after.content.decode()
    posted = client_for(social_worker.user).post(
        reverse("referrals:message", args=[referral.public_id]),
        {"text": "Tancat.", "to_both": "on"},
    )
    assert posted.status_code == 302


@pytest.mark.parametrize("state", State.values)
def test_fhir_service_request_and_task_validate_in_every_state(referral, state):
    from fhir.resources.R4B.bundle import Bundle

    from xarxa.referrals.fhir import TASK_STATUS, referral_bundle

    Referral.objects.filter(pk=referral.pk).update(state=state)
    referral.refresh_from_db()
    from xarxa.referrals.shared import shared_view

    bundle = referral_bundle(referral, shared_view(referral, None, party="sender"))
    Bundle.model_validate(bundle)  # raises on anything FHIR R4(B) does not allow
    request, task, patient = (entry["resource"] for entry in bundle["entry"])
    assert request["resourceType"] == "ServiceRequest" and task["resourceType"] == "Task"
    assert patient["resourceType"] == "Patient"
    assert task["status"] == TASK_STATUS[state]
    full_urls = {entry["fullUrl"]: entry["resource"] for entry in bundle["entry"]}
    assert full_urls[task["focus"]["reference"]] is request  # every reference resolves inside
    assert full_urls[request["subject"]["reference"]] is patient
    assert full_urls[task["for"]["reference"]] is patient
    assert request["subject"]["display"] == referral.person.display_name  # identity shared
    assert patient["name"][0]["given"] == [referral.person.given_names]


def test_fhir_download_is_audited_and_ends_with_the_referral(client_for, referral, siad, api_for):
    url = reverse("referrals:fhir", args=[referral.public_id])
    response = client_for(siad.user).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/fhir+json"
    assert AuditEvent.objects.filter(
        actor=siad.user, action=AuditAction.EXPORT, details__format="fhir"
    ).exists()
    from_api = api_for(siad.user).get(f"/api/v1/referrals/{referral.public_id}/fhir")
    assert from_api.status_code == 200 and from_api["Content-Type"] == "application/fhir+json"
    assert from_api.json()["resourceType"] == "Bundle"
    Referral.objects.filter(pk=referral.pk).update(state=State.CLOSED)
    assert client_for(siad.user).get(url).status_code == 403


def test_coordinator_figures_per_service_without_personal_data(
    client_for, referral, siad, coordinator, social_worker, django_assert_max_num_queries
):
    services.referral_move(actor=siad.user, referral=referral, to="received")
    services.referral_move(actor=siad.user, referral=referral, to="accepted")
    services.referral_move(actor=siad.user, referral=referral, to="in_progress")
    referral.refresh_from_db()
    assert referral.answer_days == 0 and referral.start_days == 0
    today = timezone.localdate()
    from xarxa.referrals.selectors import dashboard_for

    with django_assert_max_num_queries(6):
        figures = dashboard_for(
            coordinator.user, date_from=today - timedelta(days=30), date_to=today
        )
    services_figures = {f.service.code: f for f in figures.services}
    # one referral: its count and its days are hidden (tests/security/test_small_cells.py)
    assert services_figures["siad-test"].sent is None
    assert services_figures["siad-test"].answer_days == [0]
    assert services_figures["siad-test"].median_answer() is None
    page = client_for(coordinator.user).get(reverse("referrals:dashboard"))
    assert page.status_code == 200 and b"Fatima" not in page.content
    assert client_for(social_worker.user).get(reverse("referrals:dashboard")).status_code == 403


def test_a_partner_without_accounts_answers_once_through_a_signed_link(
    client, client_for, social_worker, case, person
):
    from django.core import signing

    from xarxa.catalogue.models import Service
    from xarxa.organisations.models import Organisation

    partner = Service.objects.create(
        code="entitat-acollida", organisation=Organisation.objects.get(code="coss"),
        kind="community", texts={"ca": {"name": "Entitat d'acollida"}},
        email="acollida@example.org",
    )  # fmt: skip
    referral = services.referral_create(
        actor=social_worker.user, case=case, person=person, service=partner, data=CONSENTED,
        send=True,
    )  # fmt: skip
    page = client_for(social_worker.user).get(
        reverse("referrals:detail", args=[referral.public_id])
    )
    link = page.context["partner_link"]
    assert "/referrals/answer/" in link
    path = link.split("testserver")[-1]
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert client.get(path).status_code == 410  # the link expires
    shown = client.get(path, headers=ENGLISH)  # nobody signed in
    text = shown.content.decode()
    assert shown.status_code == 200 and person.given_names in text
    assert person.first_surname not in text and referral.reason not in text  # the minimum
    assert AuditEvent.objects.filter(
        action=AuditAction.READ, actor=None, details__via="partner link"
    ).exists()
    refused = client.post(path, {"answer": "refuse"})
    assert refused.status_code == 200
    referral.refresh_from_db()
    assert referral.state == State.SENT  # nothing changed without a reason and alternative
    accepted = client.post(path, {"answer": "accept", "note": "Dimarts a les 10"})
    assert accepted.status_code == 200
    referral.refresh_from_db()
    assert referral.state == State.ACCEPTED and referral.partner_nonce == ""
    assert [t.to_state for t in referral.transitions.all()] == ["sent", "received", "accepted"]
    assert client.get(path).status_code == 410  # single use
    forged = signing.dumps({"r": str(referral.public_id), "n": "guess"}, salt="other")
    assert client.get(reverse("referrals:partner_answer", args=[forged])).status_code == 410


def test_waiting_list_order_and_assigning_a_place_closes_the_wait(
    client_for, social_worker, siad, other_abss_worker, case, person, service
):
    service.capacity = 2
    service.save()
    made = []
    for urgency in ("ordinary", "urgent", "ordinary", "priority"):
        referral = services.referral_create(
            actor=social_worker.user, case=case, person=person, service=service,
            data={**CONSENTED, "urgency": urgency}, send=True,
        )  # fmt: skip
        for to in ("received", "accepted"):
            services.referral_move(actor=siad.user, referral=referral, to=to)
        made.append(referral)
    client = client_for(siad.user)
    url = reverse("referrals:waiting_list", args=[service.public_id])
    assert url in client.get(reverse("referrals:inbox")).content.decode()
    page = client.get(url)
    order = [row.referral.pk for row in page.context["waiting"].rows]
    assert order == [made[1].pk, made[3].pk, made[0].pk, made[2].pk]  # urgent, priority, ...
    first = page.context["waiting"].rows[0].referral
    client.post(
        reverse("referrals:move", args=[first.public_id]),
        {"to": "in_progress", "version": first.version},
    )
    assert [row.referral.pk for row in client.get(url).context["waiting"].rows] == [
        made[3].pk,
        made[0].pk,
        made[2].pk,
    ]
    assert client_for(other_abss_worker.user).get(url).status_code == 403


def test_the_sender_is_told_of_the_answer_and_of_an_expiry_once(
    client_for, api_for, referral, social_worker, siad
):
    sending_team = social_worker.user.assignments.get().team
    services.referral_move(actor=siad.user, referral=referral, to="received")
    services.referral_move(actor=siad.user, referral=referral, to="accepted")
    answered = Notice.objects.get(referral=referral, team=sending_team)
    assert answered.kind == Notice.Kind.ANSWERED and answered.read_at is None
    outbox = client_for(social_worker.user).get(reverse("referrals:outbox")).content.decode()
    assert reverse("referrals:detail", args=[referral.public_id]) in outbox

    listed = api_for(social_worker.user).get("/api/v1/referrals/notices").json()
    assert [(n["referral"], n["kind"]) for n in listed] == [(str(referral.public_id), "answered")]
    client_for(social_worker.user).get(reverse("referrals:detail", args=[referral.public_id]))
    assert api_for(social_worker.user).get("/api/v1/referrals/notices").json() == []
    answered.refresh_from_db()
    assert answered.read_at is not None  # seen once the referral is opened
    receiving = Notice.objects.get(referral=referral, kind=Notice.Kind.NEW)
    assert receiving.read_at is None  # the other side's notices are theirs to read

    expiring = services.referral_create(
        actor=social_worker.user, case=referral.case, person=referral.person,
        service=referral.service, data=CONSENTED, send=True,
    )  # fmt: skip
    end = services.add_working_days(expiring.answer_due, services.EXPIRE_AFTER)
    for _ in range(2):  # the job runs often: one notice each
        services.apply_deadlines(end + timedelta(days=1))
    kinds = Notice.objects.filter(referral=expiring).values_list("team__name", "kind")
    assert sorted(kinds) == [
        ("SIAD Osona", "expired"), ("SIAD Osona", "new"), ("SSB Vic", "expired"),
    ]  # fmt: skip


def test_waiting_list_shows_names_only_to_the_service_and_the_sending_area(
    client_for, api_for, social_worker, siad, case, person, service
):
    from tests.conftest import _persona
    from xarxa.organisations.models import TeamKind

    service.capacity = 3
    service.save()
    referral = services.referral_create(
        actor=social_worker.user, case=case, person=person, service=service, data=CONSENTED,
        send=True,
    )  # fmt: skip
    for to in ("received", "accepted"):
        services.referral_move(actor=siad.user, referral=referral, to=to)
    manlleu = _persona("coord.manlleu", "team_coordinator", "ajuntament-manlleu",
                       "SSB Manlleu", TeamKind.BASIC_SOCIAL_SERVICES, "ABSS-MAN")  # fmt: skip
    evaluator = _persona("avaluacio", "evaluator", "coss", "Avaluació", TeamKind.EVALUATION)
    vic = _persona("coord.vic2", "team_coordinator", "ajuntament-vic", "SSB Vic 2",
                   TeamKind.BASIC_SOCIAL_SERVICES, "ABSS-VIC")  # fmt: skip
    url = reverse("referrals:waiting_list", args=[service.public_id])
    api_url = f"/api/v1/referrals/waiting/{service.public_id}"
    seen = {}
    for name, persona in (("siad", siad), ("vic", vic), ("manlleu", manlleu),
                          ("evaluator", evaluator)):  # fmt: skip
        page = client_for(persona.user).get(url, headers=ENGLISH).content.decode()
        rows = api_for(persona.user).get(api_url).json()
        assert len(rows) == 1 and rows[0]["position"] == 1
        seen[name] = (person.given_names in page, rows[0]["person"], "Assign a place" in page)
    assert seen == {
        "siad": (True, person.given_names, True),
        "vic": (True, person.given_names, False),  # its ABSS sent it: no place to give
        "manlleu": (False, None, False),
        "evaluator": (False, None, False),
    }
    assert client_for(social_worker.user).get(url).status_code == 403  # no figures


def test_api_messages_per_side(api_for, referral, social_worker, siad, other_abss_worker):
    base = f"/api/v1/referrals/{referral.public_id}/messages"
    sender, receiver = api_for(social_worker.user), api_for(siad.user)
    assert sender.post(base, {"text": "Té cita dimarts?"}, content_type="application/json")
    note = {"text": "Nota interna", "to_both": False}
    assert receiver.post(base, note, content_type="application/json").status_code == 201
    blank = receiver.post(base, {"text": "  "}, content_type="application/json")
    assert blank.status_code == 422 and Message.objects.count() == 2
    assert [m["text"] for m in sender.get(base).json()] == ["Té cita dimarts?"]
    assert [m["text"] for m in receiver.get(base).json()] == ["Té cita dimarts?", "Nota interna"]
    outsider = api_for(other_abss_worker.user)
    assert outsider.get(base).status_code == 404
    assert outsider.post(base, {"text": "x"}, content_type="application/json").status_code == 404
    assert Message.objects.count() == 2


def test_each_service_sets_its_own_answer_and_first_appointment_deadlines(
    referral, social_worker, siad, case, person, service
):
    service.answer_within, service.first_appointment_within = 5, 14
    service.save()
    quick = services.referral_create(
        actor=social_worker.user, case=case, person=person, service=service, data=CONSENTED,
        send=True,
    )  # fmt: skip
    assert quick.answer_due == services.add_working_days(timezone.localdate(), 5)
    assert referral.answer_due == services.add_working_days(timezone.localdate(), 10)
    for to in ("received", "accepted"):
        services.referral_move(actor=siad.user, referral=quick, to=to)
    quick.refresh_from_db()
    assert quick.start_due == timezone.localdate() + timedelta(days=14) and not quick.overdue
    late = quick.start_due + timedelta(days=1)
    assert services.apply_deadlines(late)["start_overdue"] == 1
    assert services.apply_deadlines(late)["start_overdue"] == 0  # told once
    told = Notice.objects.filter(referral=quick, kind=Notice.Kind.START_OVERDUE)
    assert sorted(told.values_list("team__name", flat=True)) == ["SIAD Osona", "SSB Vic"]
    services.referral_move(actor=siad.user, referral=quick, to="in_progress")
    quick.refresh_from_db()
    assert quick.state == State.IN_PROGRESS and not quick.overdue


def test_a_transition_carries_the_plan_goals_chosen_as_they_stand(
    client_for, api_for, social_worker, siad, other_abss_worker, case, person, service
):
    """From the SIS to adolescent services at 18: the referral names the service the person
    leaves and carries the open goals ticked, as they were; the receiving side reads them
    while the referral is open."""
    from xarxa.catalogue.models import Service as CatalogueService
    from xarxa.plans import services as plans

    plan = plans.plan_start(actor=social_worker.user, case=case, person=person)
    kept = plans.goal_add(
        actor=social_worker.user, plan=plan, description="Trobar feina", target_level=3
    )
    other = plans.goal_add(actor=social_worker.user, plan=plan, description="Tràmits d'habitatge")
    sis = CatalogueService.objects.create(
        code="sis", organisation=service.organisation, kind="children_families",
        texts={"ca": {"name": "Servei d'intervenció socioeducativa"}},
    )  # fmt: skip
    client = client_for(social_worker.user)
    url = reverse("referrals:new", args=[case.public_id])
    form = client.get(url, headers=ENGLISH).content.decode()
    assert "Trobar feina" in form and "Servei d&#x27;intervenció socioeducativa" in form
    same = client.post(url, {
        "service": service.pk, "person": person.pk, "reason": "Fa 18 anys",
        "request": "Continuïtat",
        "urgency": "ordinary", "shared": ["identity"], "consent_given": "on",
        "consent_by": "La persona", "consent_method": "verbal", "transition_from": service.pk,
        "goals": [kept.pk], "send": "1",
    })  # fmt: skip
    assert same.status_code == 200 and not Referral.objects.exists()  # refused: same service
    sent = client.post(url, {
        "service": service.pk, "person": person.pk, "reason": "Fa 18 anys",
        "request": "Continuïtat",
        "urgency": "ordinary", "shared": ["identity"], "consent_given": "on",
        "consent_by": "La persona", "consent_method": "verbal", "transition_from": sis.pk,
        "goals": [kept.pk], "send": "1",
    })  # fmt: skip
    referral = Referral.objects.get()
    assert sent.status_code == 302 and referral.transition_from == sis
    assert [g["description"] for g in referral.goals] == ["Trobar feina"]
    assert "plan_goals" in referral.shared  # what was ticked is shared, and says so
    plans.goal_update(
        actor=social_worker.user, goal=kept, expected_version=kept.version, status="open",
        target_level=5,
    )  # fmt: skip
    receiver = client_for(siad.user).get(
        reverse("referrals:detail", args=[referral.public_id]), headers=ENGLISH
    )
    page = receiver.content.decode()
    assert "Trobar feina" in page and "target level 3" in page  # as it stood when referred
    assert "target level 5" not in page
    assert "Tràmits" not in page and other.pk not in [g["goal"] for g in referral.goals]
    bundle = api_for(siad.user).get(f"/api/v1/referrals/{referral.public_id}/fhir").json()
    notes = [n["text"] for n in bundle["entry"][0]["resource"]["note"]]
    assert "Plan goal: Trobar feina (target level 3)" in notes
    assert "Transition from: Servei d'intervenció socioeducativa" in notes

    api = api_for(social_worker.user)
    body = {
        "case": str(case.public_id), "person": str(person.public_id),
        "service": str(service.public_id), "reason": "Alta hospitalària",
        "request": "SAD de transició", "shared": ["identity"], "consent_given": True,
        "consent_by": "La persona", "consent_method": "verbal",
        "transition_from": str(sis.public_id), "goals": [other.pk],
    }  # fmt: skip
    made = api.post("/api/v1/referrals", body, content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["transition_from"] == "Servei d'intervenció socioeducativa"
    assert [g["description"] for g in made.json()["goals"]] == ["Tràmits d'habitatge"]
    wrong = api.post(
        "/api/v1/referrals", {**body, "goals": [999999]}, content_type="application/json"
    )
    assert wrong.status_code == 422 and Referral.objects.count() == 2
    outsider = api_for(other_abss_worker.user).post(
        "/api/v1/referrals", body, content_type="application/json"
    )
    assert outsider.status_code == 404 and Referral.objects.count() == 2


def test_fhir_patient_carries_no_identity_unless_it_was_shared(referral):
    from xarxa.referrals.fhir import referral_bundle

    Referral.objects.filter(pk=referral.pk).update(shared=[])
    referral.refresh_from_db()
    from xarxa.referrals.shared import shared_view

    view = shared_view(referral, None, party="receiver")
    patient = referral_bundle(referral, view)["entry"][2]["resource"]
    assert patient == {"resourceType": "Patient", "id": str(referral.person.public_id)}
