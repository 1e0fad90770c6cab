"""The OpenAPI document declares every refusal an operation can give, in one shape.

The central error kit (``xarxa.core.errors``) can answer any operation with 401, 403, 404
or 422, a body that is too large with 413 (unreadable: 400), and a write with 409 (stale
edit or conflict):
each operation lists them, pointing at one ``Problem`` schema (RFC 9457)."""

from typing import Any

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A problem document (RFC 9457).",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["type", "title", "status"],
}
REFUSALS = {
    "401": "Authentication required",
    "403": "Your role does not allow this",
    "404": "Not found, or not yours to see",
    "413": "The request is too large",
    "422": "The request has invalid data",
}
WRITE_REFUSALS = {"409": "The record changed since you read it, or clashes with another"}
WRITES = {"post", "put", "patch", "delete"}
BODY_REFUSALS = {"400": "The request body could not be read (not JSON in UTF-8)"}


def declare_refusals(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the problem responses to every operation of ``schema`` (changed in place)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_SCHEMA
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            refusals = REFUSALS | (WRITE_REFUSALS if method in WRITES else {})
            if "requestBody" in operation:
                refusals |= BODY_REFUSALS
            responses = operation.setdefault("responses", {})
            for status, description in refusals.items():
                declared = responses.setdefault(status, {"description": description})
                declared["content"] = problem
    return schema
