"""Every page of the staff UI, as the persona who uses it, has zero axe-core violations."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Each persona visits the pages of its work; one browser session per persona.
STAFF_PAGES = {
    "social_worker": [
        "/",
        "/account/",
        "/territory/municipalities/",
        "/territory/municipalities/?on=2022-06-01&q=Sant",
        "/territory/municipalities/08298/",
        "/territory/abss/",
        "/organisations/",
        "/organisations/coss/",
    ],
    "admin": ["/", "/staff/", "/staff/?q=vic"],
    "dpo": ["/audit/", "/audit/?username=sw.vic", "/audit/?date_from=32-13-2026"],
}


@pytest.mark.parametrize("persona", STAFF_PAGES)
def test_staff_pages_are_accessible(request, page, sign_in_as, persona):
    sign_in_as(request.getfixturevalue(persona))
    for path in STAFF_PAGES[persona]:
        page.visit(path)


def test_public_pages_are_accessible(page):
    page.visit("/sign-in/")
    page.visit("/no-such-page/", expect_status=404)


def test_forbidden_page_is_accessible(page, sign_in_as, facilitator):
    sign_in_as(facilitator)
    page.visit("/audit/", expect_status=403)


def in_catalan(text: str) -> str:
    with translation.override("ca"):
        return translation.gettext(text)


def in_spanish(text: str) -> str:
    with translation.override("es"):
        return translation.gettext(text)


def test_skip_link_moves_focus_to_the_main_content(page, sign_in_as, social_worker):
    sign_in_as(social_worker)
    page.visit("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=in_catalan("Skip to main content"))
    assert skip.is_visible()  # visible when focused (WCAG 2.4.1, 2.4.7)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_changes_the_interface_language(page, sign_in_as, social_worker):
    sign_in_as(social_worker)
    page.visit("/organisations/")
    assert page.locator("html").get_attribute("lang") == "ca"
    page.get_by_label(in_catalan("Language")).select_option("es")
    page.get_by_role("button", name=in_catalan("Change")).click()
    page.wait_for_url("**/organisations/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == in_spanish("Organisations")
    page.check()


def test_pages_work_on_a_small_phone_screen(page, sign_in_as, social_worker):
    sign_in_as(social_worker)
    page.set_viewport_size({"width": 320, "height": 640})
    page.visit("/territory/municipalities/")
    # WCAG 1.4.10 reflow: no horizontal scrolling at 320 CSS pixels.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
