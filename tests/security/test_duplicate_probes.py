"""The duplicate check before registering does not confirm to an out-of-scope user that a
document or phone exists unless name and birth date match too; every probe names the
matched persons in the audit log; probes are rate-limited per user (page and API)."""

from datetime import date

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories import PersonFactory
from xarxa.core.models import AuditEvent
from xarxa.people.models import IdentityDocument

pytestmark = pytest.mark.django_db
JSON = "application/json"
DNI = "12345678Z"
LIMIT = (
    "You have checked for duplicates %(n)d times in the last hour, the most allowed. Wait "
    "a while and try again."
)


def said(text, **params):
    with translation.override(django_settings.LANGUAGE_CODE):
        return gettext(text) % params


def _body(**extra):
    return {
        "given_names": "Zacarias",
        "first_surname": "Quadrat",
        "birth_date": "1980-02-03",
        "sex": "U",
        "documents": [{"kind": "dni", "number": DNI}],
        **extra,
    }


def test_a_document_alone_confirms_nothing_elsewhere(api_for, other_abss_worker):
    person = PersonFactory(birth_date=date(1970, 1, 1))
    IdentityDocument.objects.create(person=person, kind="dni", number=DNI)
    answer = api_for(other_abss_worker.user).post("/api/v1/persons", _body(), content_type=JSON)
    assert answer.status_code == 201  # no hint that the document exists elsewhere
    probes = AuditEvent.objects.filter(person_id=str(person.pk), details__duplicate_probe=True)
    assert probes.count() == 1  # the probe shows in the person's access log


def test_name_and_birth_date_too_say_elsewhere(api_for, other_abss_worker):
    person = PersonFactory(
        given_names="Zacarias", first_surname="Quadrat", birth_date=date(1980, 2, 3)
    )
    IdentityDocument.objects.create(person=person, kind="dni", number=DNI)
    answer = api_for(other_abss_worker.user).post("/api/v1/persons", _body(), content_type=JSON)
    assert answer.status_code == 409
    [dup] = answer.json()["duplicates"]
    assert dup.get("elsewhere") and "document" not in dup["why"]


def test_probes_are_rate_limited(api_for, client_for, other_abss_worker, settings):
    settings.XARXA_DUPLICATE_CHECKS_PER_HOUR = 2
    api = api_for(other_abss_worker.user)
    for n in range(2):
        api.post("/api/v1/persons", _body(given_names=f"Nom{n}x"), content_type=JSON)
    limited = api.post("/api/v1/persons", _body(), content_type=JSON)
    assert limited.status_code == 429
    assert limited.json()["detail"] == said(LIMIT, n=2)
    page = client_for(other_abss_worker.user).post(
        reverse("people:register"),
        {
            "given_names": "Zacarias",
            "first_surname": "Quadrat",
            "sex": "U",
            "birth_date": "03/02/1980",
        },
    )
    assert page.status_code == 429
    assert escape(said(LIMIT, n=2)) in page.content.decode()
