"""The case file of a person with 1,000 interventions: a constant number of queries, and
paged. (Its time is measured by bench/case_page.py: tests never assert wall-clock time.)"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xarxa.records.models import Intervention, TimelineEntry

pytestmark = pytest.mark.django_db


def bulk_notes(case, author, count, *, start=0):
    notes = Intervention.objects.bulk_create(
        [
            Intervention(
                case=case,
                kind="phone_call",
                occurred_on=date(2023, 1, 1) + timedelta(days=i % 1000),
                summary=f"Trucada de seguiment número {i}. Parla del lloguer i de la feina.",
                author=author,
                sensitivity="health" if i % 7 == 0 else "",
                confidentiality="named" if i % 11 == 0 else "team",
            )
            for i in range(start, start + count)
        ]
    )
    person = case.person
    TimelineEntry.objects.bulk_create(
        [
            TimelineEntry(
                person=person,
                case=case,
                on=n.occurred_on,
                kind="intervention.phone_call",
                title="Phone call",
                object_type="records.intervention",
                object_id=str(n.pk),
                sensitivity=n.sensitivity,
                confidentiality=n.confidentiality,
            )
            for n in notes
        ]
    )
    return notes


@pytest.mark.parametrize("page", ["case_detail", "timeline"])
def test_pages_queries_do_not_grow_with_history(client_for, social_worker, teammate, case, page):
    url = (
        reverse("records:case_detail", args=[case.public_id])
        if page == "case_detail"
        else reverse("records:timeline", args=[case.person.public_id])
    )
    for reader in (social_worker, teammate):  # the author, and a reader with masked entries
        Intervention.objects.all().delete()
        TimelineEntry.objects.filter(object_type="records.intervention").delete()
        client = client_for(reader.user)
        bulk_notes(case, social_worker.user, 10)
        client.get(url)
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        bulk_notes(case, social_worker.user, 990, start=10)
        client.get(url)
        with CaptureQueriesContext(connection) as large:
            response = client.get(url)
        assert response.status_code == 200
        assert len(large) == len(small), (reader.username, len(small), len(large))
        assert b'rel="next"' in response.content  # paged, not all 1,000 at once
