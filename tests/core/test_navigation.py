"""A page offers only what its reader may open: every link on the pages a role reaches
from its start page (menu, section links, lists), followed three levels deep, never
answers 403."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.conftest import _persona, verified_client
from xarxa.accounts.roles import Role
from xarxa.organisations.models import TeamKind

TEAMS = {
    Role.SOCIAL_WORKER: ("ajuntament-vic", TeamKind.BASIC_SOCIAL_SERVICES, "ABSS-VIC"),
    Role.SOCIAL_EDUCATOR: ("ajuntament-vic", TeamKind.BASIC_SOCIAL_SERVICES, "ABSS-VIC"),
    Role.FAMILY_WORKER: ("ajuntament-vic", TeamKind.BASIC_SOCIAL_SERVICES, "ABSS-VIC"),
    Role.TEAM_COORDINATOR: ("ajuntament-vic", TeamKind.BASIC_SOCIAL_SERVICES, "ABSS-VIC"),
    Role.DIRECTOR: ("ajuntament-vic", TeamKind.MANAGEMENT, "ABSS-VIC"),
    Role.SPECIALISED_PROFESSIONAL: ("coss", TeamKind.SPECIALISED_SERVICE, None),
    Role.OMNIA_FACILITATOR: ("generalitat-drets-socials", TeamKind.OMNIA, None),
    Role.ENTITY_MANAGER: ("generalitat-drets-socials", TeamKind.OMNIA, None),
    Role.TECHNICAL_OFFICE: ("generalitat-drets-socials", TeamKind.TECHNICAL_OFFICE, None),
    Role.EVALUATOR: ("coss", TeamKind.EVALUATION, None),
    Role.DATA_PROTECTION_OFFICER: ("coss", TeamKind.DATA_PROTECTION, None),
    Role.SYSTEM_ADMIN: ("coss", TeamKind.IT, None),
}


MOST_PAGES = 80  # per role: enough to reach every section and a few records in each


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") or ""
        parts = urlsplit(href)
        if tag == "a" and href.startswith("/") and not parts.netloc:
            self.links.append(parts.path)


def page_links(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.links


def test_links_are_found():
    html = '<nav><a href="/persons/?q=1">P</a></nav><a href="https://x.org/">X</a><a href="/y/">'
    assert page_links(html) == ["/persons/", "/y/"]


@pytest.mark.parametrize("role", list(TEAMS), ids=str)
def test_no_link_shown_is_refused(db, role):
    org, kind, abss_code = TEAMS[role]
    persona = _persona(f"nav.{role}", role, org, f"Team {role}", kind, abss_code)
    client = verified_client(persona.user)
    seen, frontier, refused = set(), ["/"], []
    for _level in range(3):
        following = []
        for path in frontier:
            if path in seen or len(seen) >= MOST_PAGES:
                continue
            seen.add(path)
            response = client.get(path)
            if response.status_code == 403:
                refused.append(path)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                following += page_links(response.content.decode())
        frontier = following
    assert len(seen) > 3
    assert not refused, f"{role} is shown links it may not open: {refused}"
