"""Browser tests: Playwright drives the system's Chromium against a live server, and
axe-core checks every page a test visits for WCAG 2.2 A/AA violations."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import sync_playwright

from tests.conftest import verified_client

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("XARXA_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail("Chromium is missing: `make browser` installs it.")
    return path


@pytest.fixture
def browser():
    # Started per test: a session-wide Playwright (its event loop in the main thread)
    # made Django's serialized-rollback reload miss the next live-server test.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class AxeViolations(AssertionError):
    pass


_axe = Axe()


# Every id an attribute points at must exist: a hint or an error announced through a missing
# id is silently never read out (axe only flags the case where none of the ids exists).
_DANGLING_REFERENCES = """() => {
  const missing = [];
  for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls"]) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        const tag = el.tagName.toLowerCase();
        if (!document.getElementById(id)) missing.push(`${tag}[${attr}=${id}]`);
      }
    }
  }
  for (const label of document.querySelectorAll("label[for]")) {
    if (!document.getElementById(label.htmlFor)) missing.push(`label[for=${label.htmlFor}]`);
  }
  return missing;
}"""


def assert_accessible(page) -> None:
    """Run axe-core on the page as it is now; fail listing every violation found, and
    every ARIA or label reference to an id the page does not have."""
    dangling = page.evaluate(_DANGLING_REFERENCES)
    if dangling:
        raise AxeViolations(f"{page.url}: references to missing ids: {dangling}")
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = results.response["violations"]
    if violations:
        lines = [f"{page.url}: {len(violations)} accessibility violation(s)"]
        for violation in violations:
            lines.append(f"- {violation['id']}: {violation['help']}")
            for node in violation["nodes"][:3]:
                lines.append(f"    {node['target']}: {node.get('failureSummary', '')}")
        raise AxeViolations("\n".join(lines))


class CheckedPage:
    """A Playwright page whose every navigation is followed by an axe-core check."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.checked = []

    def __getattr__(self, name):
        return getattr(self.page, name)

    def visit(self, path: str, *, expect_status: int = 200):
        response = self.page.goto(self.base_url + path)
        assert response.status == expect_status, f"{path}: {response.status}"
        self.check()
        return response

    def check(self):
        assert_accessible(self.page)
        self.checked.append(self.page.url)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="ca-ES", base_url=live_server.url)
    checked = CheckedPage(context.new_page(), live_server.url)
    yield checked
    context.close()


@pytest.fixture
def sign_in_as(page, live_server):
    """Give the browser a session already past both sign-in steps (the UI flow itself
    is tested in test_sign_in.py)."""

    def sign_in(persona):
        client = verified_client(persona.user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        return page

    return sign_in
