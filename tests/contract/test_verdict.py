"""make test-api fails on what the API did wrong, not on schemathesis crashing by itself."""

from pathlib import Path

from tests.contract.fuzz_api import verdict

FAILED = "Failures:\n  ❌ ST101 Server error: 1\n\nErrors:\n  🚫 Runtime Error: 1\n"
WORK = Path("work")  # only named in the report
CRASHED = "Errors:\n  🚫 Runtime Error: 1\n\nTest cases:\n  3756 generated, 3756 passed\n"


def test_a_failed_check_fails_the_run():
    assert verdict(1, FAILED, WORK) == 1


def test_a_crash_of_the_fuzzer_alone_does_not():
    assert verdict(1, CRASHED, WORK) == 0


def test_anything_else_unexplained_fails():
    assert verdict(2, "usage: schemathesis …", WORK) == 2
    assert verdict(0, "", WORK) == 0
