"""Every page route and every API operation has a line in the persona matrix
(tests/structure/persona_matrix.py), and each persona gets the status the line says,
with real requests against one shared set of factory data.

To see the statuses observed (to write a new line): PERSONA_MATRIX_PRINT=1 and -s."""

import os
import re
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.community.conftest import activity, entity, point, registered, session
from tests.referrals.conftest import person, referral, service
from tests.structure.persona_matrix import ARGS, MATRIX, PERSONAS

# fixtures used here
__all__ = ["activity", "entity", "person", "point", "referral", "registered", "service"]
__all__ += ["session"]

MISSING = uuid.UUID(int=1)


def page_routes() -> dict[str, dict]:
    """Every named URL pattern outside the API: name -> its parameters."""
    out: dict[str, dict] = {}

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
                if str(p.pattern).startswith("api/"):
                    continue
                walk(p.url_patterns, inner)
            elif isinstance(p, URLPattern):
                assert p.name, f"an unnamed route: {p.pattern}"
                out[namespace + p.name] = dict(getattr(p.pattern, "converters", {}))

    walk(get_resolver().url_patterns)
    return out


def api_operations() -> list[str]:
    from xarxa.api import api

    schema = api.get_openapi_schema()
    return [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]


def test_every_route_has_a_line_in_the_matrix():
    routes = set(page_routes()) | set(api_operations())
    missing = sorted(routes - set(MATRIX))
    assert not missing, "no persona coverage for:\n" + "\n".join(missing)
    assert not sorted(set(MATRIX) - routes), "lines for routes that no longer exist"
    for key, line in MATRIX.items():
        assert len(line.split()) == len(PERSONAS), key


PAGE_DEFAULTS = {
    "people": "person",
    "subject_access": "person",
    "records": "case",
    "referrals": "referral",
    "catalogue": "service",
    "directory": "service",
    "community": "point",
}
API_DEFAULTS = {
    "persons": "person",
    "cases": "case",
    "referrals": "referral",
    "catalogue": "service",
    "community": "point",
}
BY_NAME = {
    "person_public_id": "person",
    "person_id": "person",
    "case_id": "case",
    "case_public_id": "case",
    "service_public_id": "service",
    "ine_code": "ine_code",
    "code": "organisation_code",
    "username": "username",
    "fmt": "fmt",
    "what": "what",
    "export_id": "export",
}


def _value(data, attribute):
    found = data.get(attribute, MISSING)
    return getattr(found, "public_id", found)


def page_url(name, params, data) -> str:
    kwargs = {}
    for param in params:
        attribute = ARGS.get(name, {}).get(param) or BY_NAME.get(param)
        if attribute is None and param == "public_id":
            attribute = PAGE_DEFAULTS.get(name.split(":")[0], "missing")
        value = _value(data, attribute) if attribute else None
        if value is None or value is MISSING:
            converter = params[param].__class__.__name__
            value = {"IntConverter": 999999, "UUIDConverter": MISSING}.get(converter, "missing")
        kwargs[param] = value
    return reverse(name, kwargs=kwargs)


def api_url(operation, data) -> tuple[str, str]:
    method, path = operation.split(" ", 1)

    def fill(match):
        param = match.group(1)
        attribute = ARGS.get(operation, {}).get(param) or BY_NAME.get(param)
        if attribute is None and param == "public_id":
            attribute = API_DEFAULTS.get(path.split("/")[3], "missing")
        value = _value(data, attribute) if attribute else MISSING
        numeric = param.endswith("_id") and "public" not in param
        return str(999999 if numeric and value is MISSING else value)

    return method, re.sub(r"\{(\w+)\}", fill, path)


@pytest.fixture
def data(
    db, settings, social_worker, other_abss_worker, coordinator, evaluator, facilitator, dpo,
    admin, siad, case, referral, service, point, activity, session, registered,
):  # fmt: skip
    settings.XARXA_RATE_LIMITS = {
        k: (10**6, w) for k, (_n, w) in settings.XARXA_RATE_LIMITS.items()
    }
    return {
        "personas": {
            "social_worker": social_worker,
            "other_abss_worker": other_abss_worker,
            "coordinator": coordinator,
            "evaluator": evaluator,
            "facilitator": facilitator,
            "dpo": dpo,
            "admin": admin,
        },
        "person": case.person,
        "case": case,
        "referral": referral,
        "service": service,
        "point": point,
        "activity": activity,
        "session": session,
        "registered": registered,
        "ine_code": "08298",
        "organisation_code": "coss",
        "username": social_worker.user.username,
        "fmt": "json",
        "what": "divides",
        "export": uuid.UUID(int=2),  # a subject-access export that does not exist
    }


def test_each_persona_gets_what_the_matrix_says(data, client_for, api_for):
    from xarxa.community import services as community  # noqa: F401  (the apps loaded)

    clients: dict[str, tuple[Client, Client]] = {"anonymous": (Client(), Client())}
    for name, persona in data["personas"].items():
        clients[name] = (client_for(persona.user), api_for(persona.user))
    pages = page_routes()
    observed: dict[str, str] = {}
    for key in sorted(set(pages) | set(api_operations())):
        codes = []
        for persona in PERSONAS:
            page_client, api_client = clients[persona]
            if key in pages:
                response = page_client.get(page_url(key, pages[key], data))
            else:
                method, url = api_url(key, data)
                call = getattr(api_client, method.lower())
                response = call(url) if method == "GET" else call(url, "{}", "application/json")
            codes.append(str(response.status_code))
        observed[key] = " ".join(codes)
    if os.environ.get("PERSONA_MATRIX_PRINT"):
        for key, line in observed.items():
            print(f'    "{key}": "{line}",')
    wrong = [
        f"{key}: expected {MATRIX.get(key)} got {line}"
        for key, line in observed.items()
        if MATRIX.get(key) != line
    ]
    assert not wrong, f"{len(wrong)} routes answer otherwise:\n" + "\n".join(wrong)
