"""Assessment pages in a real browser: accessible, with a keyboard-usable form."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_assessment_pages(page, sign_in_as, social_worker, person):
    sign_in_as(social_worker)
    page.visit(f"/assessments/person/{person.public_id}/")
    with page.page.expect_navigation():
        page.page.locator("form.filters button[type=submit]").click()
    page.check()
    page.page.check("input[name=level-housing][value='2']")
    with page.page.expect_navigation():
        page.page.locator("button[name=finalise]").click()
    page.check()  # the refusal (incomplete) is shown accessibly
