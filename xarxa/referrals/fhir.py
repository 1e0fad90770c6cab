"""A referral as HL7 FHIR (release 4, validated with fhir.resources' R4B models, whose
ServiceRequest and Task match R4): the ServiceRequest says what is asked, the Task how
its fulfilment goes, as the Gravity SDOH closed-loop referral does. Only what the
referral shares goes out: without identity, the subject is a bare reference."""

import uuid

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.servicerequest import ServiceRequest
from fhir.resources.R4B.task import Task

from xarxa.referrals.states import State

TASK_STATUS = {
    State.DRAFT: "draft",
    State.SENT: "requested",
    State.RECEIVED: "received",
    State.ACCEPTED: "accepted",
    State.REFUSED: "rejected",
    State.IN_PROGRESS: "in-progress",
    State.CLOSED: "completed",
    State.CANCELLED: "cancelled",
    State.EXPIRED: "failed",
}
REQUEST_STATUS = {
    State.DRAFT: "draft",
    State.CLOSED: "completed",
    State.REFUSED: "revoked",
    State.CANCELLED: "revoked",
    State.EXPIRED: "revoked",
}
PRIORITY = {"ordinary": "routine", "priority": "urgent", "urgent": "asap"}
TASK_CODES = "http://hl7.org/fhir/CodeSystem/task-code"


GENDER = {"F": "female", "M": "male", "X": "other", "U": "unknown"}


def _patient(person, identity_shared: bool) -> dict:
    """The person the request is about: only an id, unless identity was shared."""
    patient: dict = {"resourceType": "Patient", "id": str(person.public_id)}
    if identity_shared:
        family = " ".join(x for x in (person.first_surname, person.second_surname) if x)
        patient["name"] = [{"use": "official", "family": family, "given": [person.given_names]}]
        if person.birth_date:
            patient["birthDate"] = person.birth_date.isoformat()
        patient["gender"] = GENDER.get(person.sex, "unknown")
    return patient


def referral_bundle(referral, view) -> dict:
    """A collection Bundle with the ServiceRequest, its Task and the Patient they are
    about, validated. References are the entries' urn:uuid full URLs, so each resolves
    inside the Bundle. ``view`` is the reader's shared view (``referrals.shared``): only
    what it shows goes out."""
    person = referral.person
    identity_shared = view.person is not None
    patient_url = f"urn:uuid:{person.public_id}"
    subject = {"reference": patient_url}
    if identity_shared:
        subject["display"] = person.display_name
    sender = referral.sender.get_full_name() or referral.sender.username
    request_id = str(referral.public_id)
    task_id = str(uuid.uuid5(referral.public_id, "task"))
    authored = referral.sent_at or referral.created_at
    service_request = {
        "resourceType": "ServiceRequest",
        "id": request_id,
        "status": REQUEST_STATUS.get(referral.state, "active"),
        "intent": "order",
        "priority": PRIORITY.get(referral.urgency, "routine"),
        "code": {"text": referral.service.text("name", "ca")},
        "subject": subject,
        "authoredOn": authored.isoformat(),
        "requester": {"display": f"{sender} ({referral.sending_abss})"},
        "performer": [{"display": referral.receiver_name}],
        "note": [{"text": view.request or ""}],
    }
    if view.reason is not None:
        service_request["reasonCode"] = [{"text": view.reason}]
    if view.transition_from is not None:
        service_request["note"].append(
            {"text": f"Transition from: {referral.transition_from.text('name', 'ca')}"}
        )
    for goal in view.goals or []:
        target = f" (target level {goal['target_level']})" if goal.get("target_level") else ""
        service_request["note"].append({"text": f"Plan goal: {goal['description']}{target}"})
    task = {
        "resourceType": "Task",
        "id": task_id,
        "status": TASK_STATUS[referral.state],
        "intent": "order",
        "priority": PRIORITY.get(referral.urgency, "routine"),
        "code": {"coding": [{"system": TASK_CODES, "code": "fulfill"}]},
        "focus": {"reference": f"urn:uuid:{request_id}"},
        "for": subject,
        "authoredOn": authored.isoformat(),
        "lastModified": referral.updated_at.isoformat(),
        "requester": {"display": sender},
        "owner": {"display": referral.receiver_name},
    }
    if referral.answer_due:
        task["restriction"] = {"period": {"end": referral.answer_due.isoformat()}}
    if referral.refusal_reason:
        task["statusReason"] = {
            "text": f"{referral.get_refusal_reason_display()}: {referral.alternative}"
        }
    bundle = Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [
                {
                    "fullUrl": f"urn:uuid:{request_id}",
                    "resource": ServiceRequest.model_validate(service_request),
                },
                {"fullUrl": f"urn:uuid:{task_id}", "resource": Task.model_validate(task)},
                {
                    "fullUrl": patient_url,
                    "resource": Patient.model_validate(_patient(person, identity_shared)),
                },
            ],
        }
    )
    return bundle.model_dump(mode="json", by_alias=True, exclude_none=True)
