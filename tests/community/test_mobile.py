"""A mobile (itinerant) point keeps its schedule of stops across municipalities."""

import pytest
from django.urls import reverse

from xarxa.community.models import Stop
from xarxa.territory.models import Municipality

pytestmark = pytest.mark.django_db


def test_stops_of_a_mobile_point(client_for, entity_manager, other_facilitator, point):
    point.kind = "mobile"
    point.save()
    url = reverse("community:point", args=[point.public_id])
    client = client_for(entity_manager.user)
    montesquiu = Municipality.objects.get(ine_code="08131")
    data = {"stop-municipality": montesquiu.pk, "stop-place": "Casal", "stop-weekday": "1",
            "stop-starts_at": "10:00", "stop-ends_at": "09:00"}  # fmt: skip
    assert client.post(url, data).status_code == 200 and not Stop.objects.exists()  # ends first
    assert client.post(url, {**data, "stop-ends_at": "13:00"}).status_code == 302
    stop = Stop.objects.get()
    assert "<td>Montesquiu</td>" in client.get(url).content.decode()
    assert client_for(other_facilitator.user).post(url, {"end_stop": stop.pk}).status_code == 403
    assert client.post(url, {"end_stop": stop.pk}).status_code == 302
    assert "<td>Montesquiu</td>" not in client.get(url).content.decode()  # no longer stops
