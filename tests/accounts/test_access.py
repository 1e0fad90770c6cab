"""Every protected route, for every persona: allowed, forbidden (with an audit row and no
change), and anonymous (sent to sign in)."""

import pytest
from django.urls import reverse

from xarxa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

ALL = {"social_worker", "teammate", "other_abss_worker", "facilitator", "dpo", "admin"}

# url name, kwargs, personas allowed
ROUTES = [
    ("core:home", {}, ALL),
    ("accounts:account", {}, ALL),
    ("territory:municipality_list", {}, ALL),
    ("territory:municipality_detail", {"ine_code": "08298"}, ALL),
    ("territory:abss_list", {}, ALL),
    ("organisations:organisation_list", {}, ALL),
    ("organisations:organisation_detail", {"code": "coss"}, ALL),
    ("accounts:staff_list", {}, {"dpo", "admin"}),
    ("accounts:password_change", {}, ALL),
    ("accounts:reauthenticate", {}, ALL),
    ("accounts:token_create", {}, ALL),
    ("accounts:staff_detail", {"username": "sw.vic"}, {"admin"}),
    ("core:audit_log", {}, {"dpo"}),
]


@pytest.mark.parametrize(("name", "kwargs", "allowed"), ROUTES, ids=[r[0] for r in ROUTES])
def test_route_for_every_persona(personas, client_for, name, kwargs, allowed):
    url = reverse(name, kwargs=kwargs)
    for key, persona in personas.items():
        client = client_for(persona.user)
        denied_before = AuditEvent.objects.filter(action=AuditAction.DENIED).count()
        response = client.get(url)
        if key in allowed:
            assert response.status_code == 200, (key, url)
        else:
            assert response.status_code == 403, (key, url)
            denied = AuditEvent.objects.filter(action=AuditAction.DENIED)
            assert denied.count() == denied_before + 1
            assert denied.first().actor_id == persona.user.pk


@pytest.mark.parametrize(("name", "kwargs", "allowed"), ROUTES, ids=[r[0] for r in ROUTES])
def test_anonymous_is_sent_to_sign_in(client, name, kwargs, allowed):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_signed_in_without_second_factor_is_sent_to_verify(client, social_worker):
    client.force_login(social_worker.user)
    response = client.get(reverse("territory:municipality_list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:second_factor")


def test_user_without_any_role_is_denied_everything(client_for, db):
    from tests.factories import UserFactory

    nobody = client_for(UserFactory(username="no-role"))
    assert nobody.get(reverse("territory:municipality_list")).status_code == 403
    assert nobody.get(reverse("core:audit_log")).status_code == 403


def test_superuser_flag_grants_nothing(client_for, db):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert client_for(root).get(reverse("core:audit_log")).status_code == 403


def test_expired_assignment_grants_nothing(client_for, social_worker):
    from datetime import date

    social_worker.user.assignments.update(valid_until=date(2021, 1, 1))
    client = client_for(social_worker.user)
    assert client.get(reverse("territory:municipality_list")).status_code == 403


def test_navigation_shows_only_what_the_role_may_use(client_for, social_worker, dpo):
    page = client_for(social_worker.user).get(reverse("core:home")).content.decode()
    assert reverse("territory:municipality_list") in page
    assert reverse("core:audit_log") not in page
    page = client_for(dpo.user).get(reverse("core:home")).content.decode()
    assert reverse("core:audit_log") in page
