"""Equipment and connectivity: devices, loans to participants, incidents and needs; the
technical office sees the network's open needs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from xarxa.community.models import Connection, Device, Incident, Loan

pytestmark = pytest.mark.django_db


def test_a_point_keeps_its_equipment(client_for, facilitator, technical_office, point, registered):
    client = client_for(facilitator.user)
    url = reverse("community:equipment", args=[point.public_id])
    assert client.get(url).status_code == 200
    post = lambda data: client.post(url, data)  # noqa: E731
    assert (
        post(
            {"action": "connection", "connection-kind": "fibre", "connection-mbps": "300"}
        ).status_code
        == 302
    )
    assert Connection.objects.get(point=point).mbps == 300
    assert post({"action": "device", "device-kind": "tablet", "device-label": "Tauleta 1",
                 "device-year": "2024", "device-loanable": "on"}).status_code == 302  # fmt: skip
    device = Device.objects.get()
    due = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    lend = {
        "action": "loan",
        "loan-device": device.public_id,
        "loan-participant": registered.public_id,
        "loan-due_on": due,
    }
    assert post(lend).status_code == 302
    assert post(lend).status_code == 400  # already lent: explained, nothing changes
    assert Loan.objects.count() == 1
    page = client.get(url).content.decode()
    assert "Fatima Benali" in page
    assert post({"action": "return", "device": device.public_id}).status_code == 302
    assert Loan.objects.get().returned_on == timezone.localdate()
    need = {"action": "incident", "incident-kind": "need", "incident-estimated_cost": "600"}
    assert post({**need, "incident-description": "Cal un projector"}).status_code == 302
    bad = post({"action": "incident", "incident-kind": "need", "incident-description": ""})
    assert bad.status_code == 400 and Incident.objects.count() == 1
    office = client_for(technical_office.user)
    needs = office.get(reverse("community:needs")).content.decode()
    assert "Cal un projector" in needs
    office_page = office.get(url).content.decode()
    assert "Fatima Benali" not in office_page  # who borrowed what is for the point only


def test_equipment_outside_the_reach(client_for, other_facilitator, entity_manager, point):
    url = reverse("community:equipment", args=[point.public_id])
    assert client_for(other_facilitator.user).get(url).status_code == 403
    manager = client_for(entity_manager.user)
    assert manager.get(url).status_code == 200
    refused = manager.post(url, {"action": "loan", "loan-device": "x", "loan-participant": "y",
                                 "loan-due_on": "2030-01-01"})  # fmt: skip
    assert refused.status_code == 403  # lending is for those who run the point
    assert (
        manager.post(
            url, {"action": "device", "device-kind": "laptop", "device-label": "Portàtil"}
        ).status_code
        == 302
    )
    assert Device.objects.filter(point=point).count() == 1
    assert (
        client_for(other_facilitator.user)
        .post(url, {"action": "device", "device-kind": "laptop", "device-label": "X"})
        .status_code
        == 403
    )
    assert Device.objects.count() == 1
