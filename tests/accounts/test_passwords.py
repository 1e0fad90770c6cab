"""Passwords: changed on the account page, reset by an administrator or through an expiring
signed link; every new password goes through the validators (length, similarity, the
bundled list of common and breached passwords)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.accounts.test_sign_in import sign_in
from xarxa.accounts import services
from xarxa.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db
NEW = "a much longer passphrase of mine"


def test_password_change_on_the_account_page(
    client_for, social_worker, password, django_capture_on_commit_callbacks
):
    client = client_for(social_worker.user)
    url = reverse("accounts:password_change")
    assert client.get(url).status_code == 200
    wrong_old = client.post(
        url, {"old_password": "nope", "new_password1": NEW, "new_password2": NEW}
    )
    assert wrong_old.status_code == 200 and wrong_old.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url, {"old_password": password, "new_password1": NEW, "new_password2": NEW}
        )
    assert done.status_code == 302
    social_worker.user.refresh_from_db()
    assert social_worker.user.check_password(NEW)
    assert client.get(reverse("core:home")).status_code == 200  # this session stays
    assert mail.outbox[-1].to == [social_worker.user.email]
    assert AuditEvent.objects.filter(
        actor=social_worker.user, action=AuditAction.UPDATE, details__password="changed"
    ).exists()


@pytest.mark.parametrize(
    "weak", ["password1234", "iloveyou1234", "Barcelona2024!", "123456789012", "short1!"]
)
def test_common_and_weak_passwords_are_refused_on_change(client_for, social_worker, password, weak):
    client = client_for(social_worker.user)
    refused = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": weak, "new_password2": weak},
    )
    assert refused.status_code == 200 and refused.context["form"].errors
    social_worker.user.refresh_from_db()
    assert social_worker.user.check_password(password)


def test_services_apply_the_validators_everywhere(social_worker):
    with pytest.raises(ValidationError):
        services.user_create(actor=None, username="newbie", password="password1234")
    with pytest.raises(ValidationError):
        services.password_set(actor=social_worker.user, user=social_worker.user, password="short")


def reset_link(body: str) -> str:
    return re.search(r"https?://\S+/password-reset/\S+/", body).group(0).split("testserver")[-1]


def test_administrator_sends_an_expiring_reset_link(
    client, client_for, social_worker, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        issued = client_for(admin.user).post(
            reverse("accounts:password_reset_issue", args=[social_worker.username])
        )
    assert issued.status_code == 200
    link = reset_link(mail.outbox[-1].body)
    assert link in issued.content.decode()  # shown once to hand over when there is no email

    page = client.get(link)
    assert page.status_code == 200
    weak = client.post(link, {"new_password1": "password1234", "new_password2": "password1234"})
    assert weak.status_code == 200 and weak.context["form"].errors
    done = client.post(link, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    social_worker.user.refresh_from_db()
    assert social_worker.user.check_password(NEW)
    # Used once: the link stops working when the password changes.
    assert client.get(link).context["invalid_link"]


def test_reset_link_expires(client, social_worker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"username": social_worker.username})
    link = reset_link(mail.outbox[-1].body)
    with time_machine.travel(timezone.now() + timedelta(days=2), tick=False):
        page = client.get(link)
        assert page.context["invalid_link"]
        client.post(link, {"new_password1": NEW, "new_password2": NEW})
    social_worker.user.refresh_from_db()
    assert not social_worker.user.check_password(NEW)


def test_reset_request_does_not_tell_who_exists(client, social_worker):
    known = client.post(reverse("accounts:password_reset"), {"username": social_worker.username})
    unknown = client.post(reverse("accounts:password_reset"), {"username": "nobody-here"})
    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().count("<p") == unknown.content.decode().count("<p")


def test_only_administrators_reset_other_peoples_passwords(client_for, social_worker, teammate):
    url = reverse("accounts:password_reset_issue", args=[teammate.username])
    assert client_for(social_worker.user).post(url).status_code == 403


def test_a_reset_password_ends_the_other_sessions(client, client_for, social_worker, password):
    other = client_for(social_worker.user)
    services.password_set(actor=social_worker.user, user=social_worker.user, password=NEW)
    assert other.get(reverse("core:home")).status_code == 302
    assert sign_in(client, social_worker.username, NEW).status_code == 302
