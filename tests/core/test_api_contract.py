"""The API's contract at its edges: every refusal is a problem document in the caller's
language, whatever route or body it came with, and a token call leaves no session behind."""

import pytest
from django.contrib.sessions.models import Session

from tests.conftest import verified_client
from xarxa.accounts.services import api_token_issue

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


@pytest.fixture
def token(social_worker):
    return api_token_issue(actor=None, user=social_worker.user)[1]


def call(client, method, path, token, language="en", **kwargs):
    return getattr(client, method)(
        path, HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE=language, **kwargs
    )


@pytest.mark.parametrize(
    "path",
    ["/api/v1/persons/not-a-uuid", "/api/v1/cases/12345", "/api/v1/no-such-thing", "/api/v2/"],
)
def test_unknown_routes_and_bad_ids_are_problem_documents(client, token, path):
    response = call(client, "get", path, token)
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json() == {"type": "about:blank", "title": "Not found", "status": 404}


def test_problem_titles_follow_the_request_language(client, token):
    response = call(client, "get", "/api/v1/persons/not-a-uuid", token, language="ca")
    assert response.json()["title"] == "No s'ha trobat"
    response = call(client, "get", "/api/v1/audit/events", token, language="es")
    assert response.status_code == 403
    assert response.json()["title"] == "Prohibido"


def test_an_oversized_body_is_refused_with_413(client, token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = '{"given_names": "' + "a" * 20_000 + '"}'
    response = call(
        client, "post", "/api/v1/persons", token, data=body, content_type="application/json"
    )
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 413


@pytest.mark.parametrize("body", [b"{not json", b"\xff\xfe\x00", b'{"given_names": "\xc3"}'])
def test_an_unreadable_body_is_a_400_problem_in_the_callers_language(client, token, body):
    response = call(
        client, "post", "/api/v1/persons", token, "ca", data=body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "No s'ha pogut llegir el cos de la petició"


def test_token_calls_create_no_session(client, token):
    before = Session.objects.count()
    for _ in range(3):
        assert call(client, "get", "/api/v1/me", token).status_code == 200
    assert Session.objects.count() == before
    assert "sessionid" not in client.cookies and not any(
        name.endswith("sessionid") for name in client.cookies
    )


def test_every_operation_declares_its_refusals(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "Problem" in schema["components"]["schemas"]
    operations = [
        (path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()
    ]
    assert len(operations) > 90
    for path, method, op in operations:
        declared = set(op["responses"])
        assert {"401", "403", "404", "413", "422"} <= declared, (path, method)
        assert any(code.startswith("2") for code in declared), (path, method)
        if method in {"post", "put", "patch", "delete"}:
            assert "409" in declared, (path, method)


def test_the_audit_search_takes_the_public_id_used_everywhere(client, dpo, person):
    from xarxa.core.audit import audit_record
    from xarxa.core.models import AuditAction

    audit_record(actor=dpo.user, action=AuditAction.READ, obj=person, person_id=person.pk)
    audit_record(actor=dpo.user, action=AuditAction.READ, object_type="other")
    dpo_token = api_token_issue(actor=None, user=dpo.user)[1]
    by_public = call(client, "get", f"/api/v1/audit/events?person={person.public_id}", dpo_token)
    by_key = call(client, "get", f"/api/v1/audit/events?person={person.pk}", dpo_token)
    assert by_public.status_code == 200
    assert by_public.json()["count"] == by_key.json()["count"] >= 1
    unknown = call(client, "get", "/api/v1/audit/events?person=" + "0" * 32, dpo_token)
    assert unknown.json()["count"] == 0
    page = verified_client(dpo.user).get(f"/audit/?person={person.public_id}")
    assert page.status_code == 200
    assert str(person.pk) in page.content.decode()


def _body_schemas(schema):
    components = schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                schema_ = body["schema"]
                if schema_.get("type") == "array":  # a list of items: each item, and a cap
                    assert "maxItems" in schema_, f"{method.upper()} {path}: list without a cap"
                    schema_ = schema_["items"]
                ref = schema_.get("$ref", "")
                yield f"{method.upper()} {path}", components.get(ref.rsplit("/", 1)[-1], {})


def test_every_request_body_refuses_unknown_fields(client):
    """Each body schema derives from core.schemas.In: additionalProperties is false, so a
    misspelt field is a 422 naming it instead of being silently dropped."""
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    bodies = list(_body_schemas(schema))
    assert len(bodies) > 30
    lax = []
    for operation, body in bodies:
        # ninja wraps a single body model; the model itself is one level down
        targets = [body]
        for prop in body.get("properties", {}).values():
            if "$ref" in prop:
                targets.append(components[prop["$ref"].rsplit("/", 1)[-1]])
        if not any(t.get("additionalProperties") is False for t in targets):
            lax.append(operation)
    assert not lax, lax


def test_a_misspelt_field_is_refused_by_name(client, token, person):
    response = call(
        client, "patch", f"/api/v1/persons/{person.public_id}", token,
        data={"birthdate": "2001-02-03"}, content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422
    assert "birthdate" in str(response.json()["errors"])


@pytest.mark.parametrize("page", [0, -1, 999])
def test_a_page_outside_the_list_is_a_422_not_another_page(client, token, page):
    for path in ("/api/v1/cases/mine", "/api/v1/referrals/inbox", "/api/v1/referrals/sent"):
        response = call(client, "get", f"{path}?page={page}", token)
        assert response.status_code == 422, path
        assert response["Content-Type"] == PROBLEM
        assert response.json()["errors"][0]["loc"][-1] == "page"
    assert call(client, "get", "/api/v1/cases/mine?page=1", token).status_code == 200  # empty


def test_every_api_schema_has_its_own_name():
    """The OpenAPI document names schemas by class: two classes of one name overwrite each
    other there, and clients validate one record against the other's shape."""
    from collections import defaultdict

    from ninja import Schema

    import xarxa.api  # noqa: F401  (every router and schema loaded)

    modules = defaultdict(set)

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("xarxa"):
                modules[sub.__name__].add(sub.__module__)
            walk(sub)

    walk(Schema)
    assert {name: where for name, where in modules.items() if len(where) > 1} == {}


@pytest.mark.parametrize("query", ["municipality=a%00b", "q=%00", "a%00=1"])
def test_an_unreadable_query_is_refused_before_any_view(client, token, social_worker, query):
    """A NUL character in a query was a 500 on PostgreSQL (found by schemathesis)."""
    response = call(client, "get", f"/api/v1/catalogue?{query}", token, language="ca")
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "L'adreça conté caràcters que no es poden llegir"
    page = verified_client(social_worker.user).get(f"/persons/?{query}")
    assert page.status_code == 400
