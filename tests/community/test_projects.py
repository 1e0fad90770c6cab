"""Community projects: goals, partners, a framework, linked activities, results."""

import pytest
from django.urls import reverse

from xarxa.community import services
from xarxa.community.models import Project

pytestmark = pytest.mark.django_db


def test_a_facilitator_runs_a_project(
    client_for, facilitator, technical_office, point, activity, session, registered
):
    client = client_for(facilitator.user)
    url = reverse("community:point_projects", args=[point.public_id])
    bad = client.post(url, {"title": "", "goals": "", "starts_on": "2026-01-10"})
    assert bad.status_code == 400 and not Project.objects.exists()
    response = client.post(url, {
        "title": "Connectem generacions", "framework": "isolation",
        "goals": "Que la gent gran del barri no estigui sola.",
        "partners": "Escola del Remei\nCasal d'avis", "starts_on": "2026-01-10",
    })  # fmt: skip
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.partner_list == ["Escola del Remei", "Casal d'avis"]
    page = reverse("community:project", args=[project.public_id])
    assert client.post(page, {"activity": activity.public_id}).status_code == 302
    services.attendance_mark(
        actor=facilitator.user, session=session, participant=registered, present=True
    )
    assert client.post(page, {"results": "12 trobades, 30 persones."}).status_code == 302
    office = client_for(technical_office.user)
    listing = office.get(reverse("community:projects") + "?framework=isolation").content.decode()
    assert "Connectem generacions" in listing
    detail = office.get(page).content.decode()
    assert "12 trobades" in detail and "Tràmits en línia" in detail
    assert office.post(page, {"results": "res"}).status_code == 403
    project.refresh_from_db()
    assert project.results == "12 trobades, 30 persones."


def test_projects_outside_the_reach(client_for, other_facilitator, facilitator, point):
    project = services.project_create(
        actor=facilitator.user, point=point, title="P", goals="G", starts_on=point.created_at.date()
    )
    client = client_for(other_facilitator.user)
    assert client.get(reverse("community:project", args=[project.public_id])).status_code == 403
    assert (
        client.get(reverse("community:point_projects", args=[point.public_id])).status_code == 403
    )
    assert (
        client.post(
            reverse("community:point_projects", args=[point.public_id]),
            {"title": "X", "goals": "Y", "starts_on": "2026-01-10"},
        ).status_code
        == 403
    )
    assert Project.objects.count() == 1
