"""The demo never reaches real data: `xarxa demo` refuses production settings and any
database holding accounts that are not demo accounts, and demo mode lets only demo
accounts skip the second factor. Production is the default environment."""

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.accounts.test_sign_in import sign_in
from xarxa.accounts.models import User
from xarxa.demo.generate import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_demo_refuses_a_database_with_real_accounts(social_worker):
    with pytest.raises(CommandError, match="not demo"):
        call_command("demo", "--persons", "0")
    with pytest.raises(CommandError, match="not demo"):
        call_command("demo", "--if-empty")
    assert not User.objects.filter(username=DEMO_ACCOUNTS[0].username).exists()


def test_demo_refuses_production_settings(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("demo", "--persons", "0")
    assert not User.objects.exists()


def test_demo_accounts_are_flagged_and_a_second_run_is_allowed():
    call_command("demo", "--persons", "0")
    assert User.objects.exists() and not User.objects.filter(is_demo=False).exists()
    call_command("demo", "--if-empty")  # only demo accounts: allowed


def test_demo_mode_skips_the_second_factor_only_for_demo_accounts(
    client, social_worker, password, settings
):
    settings.DEMO_MODE = True
    sign_in(client, social_worker.username, password)
    assert client.get(reverse("core:home"))["Location"] == reverse("accounts:second_factor")

    social_worker.user.is_demo = True
    social_worker.user.save(update_fields=["is_demo"])
    other = type(client)()
    sign_in(other, social_worker.username, password)
    page = other.get(reverse("core:home"))
    assert page.status_code == 200 and b"demo-banner" in page.content


def test_demo_password_is_not_accepted_for_a_non_demo_account_in_demo_mode(client, settings):
    """A real account that happens to share the demo password still needs its factor."""
    from tests.factories import UserFactory

    UserFactory(username="real.person", password=DEMO_PASSWORD)
    settings.DEMO_MODE = True
    sign_in(client, "real.person", DEMO_PASSWORD)
    assert client.get(reverse("core:home")).status_code == 302


def test_production_is_the_default_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XARXA_", "DJANGO_"))}
    env["DJANGO_SETTINGS_MODULE"] = "xarxa.settings"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    # Without XARXA_ENV=local the settings demand a real secret key, as production does.
    assert result.returncode != 0
    assert "XARXA_SECRET_KEY" in result.stderr
