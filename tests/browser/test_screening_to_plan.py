"""Issue 4 end to end in a real browser: a social worker screens a person with the SSM-CAT
twice, sees the complexity and what changed, agrees a plan from the template of that
complexity and reviews it; her coordinator sees the case in the segmentation of the
area. Every page is checked with axe."""

import pytest

from tests.browser.steps import ca
from xarxa.plans.models import Plan
from xarxa.screening.models import Assessment, Classification

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def screen(page, person, low_levels):
    """Start an SSM-CAT, score every domain (4 unless named), finalise."""
    page.visit(f"/assessments/person/{person.public_id}/")
    with page.page.expect_navigation():
        page.page.get_by_role("button", name=ca("Start the assessment")).click()
    page.check()
    for fieldset in page.page.locator("form fieldset").all():
        choice = fieldset.locator("input[type=radio][value='4']")
        if choice.count():
            choice.check()
    for code, level in low_levels.items():
        page.page.check(f"input[name=level-{code}][value='{level}']")
        page.page.fill(f"#why-{code}", "Ho explica a l'entrevista.")
    with page.page.expect_navigation():
        page.page.get_by_role("button", name=ca("Finalise")).click()
    page.check()


def test_screen_then_plan_then_review_then_segmentation(
    page, sign_in_as, social_worker, coordinator, case, person
):
    sign_in_as(social_worker)
    screen(page, person, {"housing": 1, "finances": 2, "work_education": 2})
    first = Assessment.objects.get(status="final")
    assert Classification.objects.get(assessment=first).level == "high"  # housing at 1
    assert ca("High") in page.page.inner_text("main")

    screen(page, person, {"housing": 3, "finances": 2})
    page.visit(f"/assessments/person/{person.public_id}/")  # the change, chart and table
    chart = page.page.locator("svg[role=img]")
    assert chart.count() == 1
    described = chart.locator(":scope > desc").text_content()
    assert "1" in described and "3" in described  # housing went from 1 to 3

    page.visit(f"/plans/case/{case.public_id}/")
    page.page.get_by_label(ca("What the person wants, in their own words")).fill(
        "Vull tenir un pis on visquin els meus fills."
    )
    with page.page.expect_navigation():
        page.page.get_by_role("button", name=ca("Agree the plan")).click()
    page.check()
    plan = Plan.objects.get(case=case)
    assert plan.level == "low" and plan.goals.exists()  # two domains at 1-2 now: low
    assert plan.person_words.startswith("Vull tenir un pis")
    words = page.page.get_by_label(ca("What the person wants, in their own words"))
    assert words.input_value().startswith("Vull tenir un pis")  # kept, editable

    review = page.page.locator("form[action$='/reviews/']")
    review.get_by_label(ca("What changed")).fill("Ha trobat una habitació de lloguer.")
    with page.page.expect_navigation():
        review.get_by_role("button", name=ca("Save the review")).click()
    page.check()
    plan.refresh_from_db()
    assert plan.reviews.count() == 1 and plan.next_review_due > plan.agreed_on

    page.context.clear_cookies()
    sign_in_as(coordinator)
    page.visit("/assessments/segmentation/")
    page.visit(f"/assessments/segmentation/cases/?abss={case.abss_id}&level=low")
    assert case.number in page.page.inner_text("main")  # the figure's list: her case
    page.visit(f"/assessments/segmentation/cases/?abss={case.abss_id}&level=high")
    assert case.number not in page.page.inner_text("main")  # high no longer
