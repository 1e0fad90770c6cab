import pytest
from django.core.management import call_command

from xarxa.accounts.models import User
from xarxa.accounts.roles import Role
from xarxa.accounts.selectors import scope_for
from xarxa.demo.generate import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db


def test_demo_builds_one_account_per_role_and_is_deterministic(capsys):
    call_command("demo", "--seed", "7", "--persons", "0", "--print-accounts")
    output = capsys.readouterr().out
    assert {a.role for a in DEMO_ACCOUNTS} == set(Role.values)
    for account in DEMO_ACCOUNTS:
        assert account.username in output
        user = User.objects.get(username=account.username)
        assert account.role in scope_for(user).roles
    first = sorted(User.objects.values_list("username", flat=True))
    User.objects.exclude(username__in=[a.username for a in DEMO_ACCOUNTS]).delete()
    call_command("demo", "--seed", "7", "--persons", "0")
    assert sorted(User.objects.values_list("username", flat=True)) == first


def test_demo_if_empty_does_not_duplicate(capsys):
    call_command("demo", "--persons", "0")
    count = User.objects.count()
    call_command("demo", "--if-empty")
    assert User.objects.count() == count
    assert "already" in capsys.readouterr().out


def test_demo_social_worker_is_scoped_to_vic():
    call_command("demo", "--persons", "0")
    user = User.objects.get(username="treballadora.social")
    scope = scope_for(user)
    assert scope.covers_abss(user.assignments.get().team.abss_id)
    assert not scope.all_abss
