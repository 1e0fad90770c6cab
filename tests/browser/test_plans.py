"""Plans, segmentation, the comparison chart and the TSO/dependency page in a real
browser: zero axe-core violations, forms usable, refusals shown accessibly."""

import pytest

from tests.plans.helpers import finalise
from xarxa.plans import services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_plan_pages(page, sign_in_as, social_worker, case, person):
    finalise(social_worker.user, person, ("housing", "finances"))
    finalise(social_worker.user, person, ("housing",))
    sign_in_as(social_worker)
    page.visit(f"/assessments/person/{person.public_id}/")  # the chart beside the table
    page.visit(f"/plans/case/{case.public_id}/")
    with page.page.expect_navigation():
        page.page.locator("form button[type=submit].button").last.click()
    page.check()  # the new plan
    page.page.locator("summary", has_text="").first.click()
    with page.page.expect_navigation():
        page.page.locator("form[action$='/reviews/'] button[type=submit]").click()
    page.check()  # the refusal (what changed is missing) shown as a message
    page.visit("/plans/worklist/")
    page.visit(f"/assessments/person/{person.public_id}/social-risk/")
    with page.page.expect_navigation():
        page.page.locator("form[aria-labelledby=tso-form-title] button[type=submit]").click()
    page.check()  # the error summary


def test_segmentation_pages(page, sign_in_as, coordinator, social_worker, case, person):
    finalise(social_worker.user, person, ("housing", "finances"))
    services.plan_start(actor=social_worker.user, case=case)
    sign_in_as(coordinator)
    page.visit("/assessments/segmentation/")
    page.visit(f"/assessments/segmentation/cases/?abss={case.abss_id}&level=medium")


def test_segmentation_for_evaluators(page, sign_in_as, evaluator, social_worker, case):
    sign_in_as(evaluator)
    page.visit("/assessments/segmentation/")
