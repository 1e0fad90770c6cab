"""Session expiry in the browser: a warning before the end, and nothing typed is lost."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def ca(text: str) -> str:
    with translation.override("ca"):
        return translation.gettext(text)


@pytest.fixture
def short_session(settings):
    settings.SESSION_COOKIE_AGE = 5
    settings.SESSION_WARNING_SECONDS = 3


def test_warning_then_keep_alive_then_end_keeps_what_was_typed(
    page, sign_in_as, dpo, short_session
):
    sign_in_as(dpo)
    page.visit("/audit/")
    page.get_by_label(ca("Staff username")).fill("sw.vic")

    warning = page.locator("#session-warning")
    warning.wait_for(state="visible", timeout=5000)
    assert page.locator(".session-remaining").inner_text() != ""
    page.check()  # the open dialog is accessible too
    page.get_by_role("button", name=ca("Stay signed in")).click()
    warning.wait_for(state="hidden")

    ended = page.locator("#session-ended")
    ended.wait_for(state="visible", timeout=9000)
    page.check()
    assert page.get_by_label(ca("Staff username")).input_value() == "sw.vic"

    # The server really ended the session: the page reloads as the sign-in form.
    page.reload()
    assert "/sign-in/" in page.url

    # Sign in again and come back: what was typed is restored into the form.
    sign_in_as(dpo)
    page.visit("/audit/")
    assert page.get_by_label(ca("Staff username")).input_value() == "sw.vic"
