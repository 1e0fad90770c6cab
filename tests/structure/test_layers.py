"""The architecture checked, not hoped for: thin interfaces and small modules.

The layer order between contexts is checked by import-linter (``make lint``); these tests
hold the rules it cannot express."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "xarxa"
INTERFACE_NAMES = {"views.py", "api.py"}
QUERY = re.compile(r"\.objects\b|get_object_or_404|get_list_or_404")
LONGEST_MODULE = 420  # "about 400 lines": past this a module is split by sub-domain


def _sources():
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def _interfaces():
    return [p for p in _sources() if p.name in INTERFACE_NAMES or p.parent.name in {"views", "api"}]


def test_interfaces_are_found():
    assert len(_interfaces()) >= 20


@pytest.mark.parametrize("path", _interfaces(), ids=lambda p: str(p.relative_to(ROOT)))
def test_views_and_api_never_query_models(path):
    """Views and API handlers ask a selector or a service; they never touch a manager."""
    offending = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if QUERY.search(line)
    ]
    assert not offending, offending


def test_no_module_grows_past_about_400_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in _sources()
        if (n := len(p.read_text().splitlines())) > LONGEST_MODULE
    }
    assert not long, long
