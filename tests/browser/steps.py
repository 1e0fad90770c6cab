"""Steps several browser tests share."""

from django.utils import translation


def ca(text: str) -> str:
    with translation.override("ca"):
        return translation.gettext(text)


def refer_from_case(page, case, *, service_label=None, reason="", request="", visit=True):
    """From the case file (or the form already open), send a referral with the person's
    verbal consent."""
    if visit:
        page.visit(f"/cases/{case.public_id}/")
        page.page.get_by_role("link", name=ca("Refer to a service")).click()
        page.page.wait_for_url("**/referrals/from/*/")
        page.check()
    if service_label:
        page.page.locator("#id_service").select_option(label=service_label)
    page.page.fill("#id_reason", reason or "Necessita suport.")
    page.page.fill("#id_request", request or "Valoració i primera visita.")
    page.page.check("#id_consent_given")
    page.page.fill("#id_consent_by", "La persona")
    page.page.select_option("#id_consent_method", "verbal")
    with page.page.expect_navigation():
        page.page.get_by_role("button", name=ca("Send the referral")).click()
    page.check()
