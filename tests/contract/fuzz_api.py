"""`make test-api`: the whole API fuzzed from outside with schemathesis.

Builds a small demo territory in a throwaway database (SQLite, or PostgreSQL when
DATABASE_URL is set), serves it with gunicorn as `make run` does, issues tokens for a
social worker and a facilitator, points every path parameter at records they may reach,
and runs schemathesis. The run fails on any server error, any response that breaks its
schema and any status code the OpenAPI document does not declare.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from xarxa.core.management.commands.serve import gunicorn_arguments

ROOT = Path(__file__).resolve().parents[2]
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_postgres(url: str) -> str:
    """A database of its own beside the one in DATABASE_URL, emptied first."""
    import psycopg

    base, _, _name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS xarxa_contract WITH (FORCE)")
        conn.execute("CREATE DATABASE xarxa_contract")
    return f"{base}/xarxa_contract"


def xarxa(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "xarxa", *args], env=env, check=True, cwd=ROOT)


def identifiers(env: dict) -> dict:
    """Tokens and the public ids of records each persona may reach, read in a child process
    (this one never imports Django, so the server and the fuzzer share nothing)."""
    code = r"""
import json, django
django.setup()
from django.apps import apps
from xarxa.accounts.models import User
from xarxa.accounts.services import api_token_issue

def first(model, **filters):
    row = apps.get_model(*model.split(".")).objects.filter(**filters).order_by("pk").first()
    return str(row.public_id) if row else None

worker = User.objects.get(username="treballadora.social")
facilitator = User.objects.get(username="dinamitzador")
Case = apps.get_model("records", "CaseFile")
case = Case.objects.filter(reference_professional=worker, person__isnull=False).order_by("pk")[0]
person = case.person
Point = apps.get_model("community", "Point")
point = Point.objects.filter(team__assignments__user=facilitator).order_by("pk")[0]
ids = {
    "worker_token": api_token_issue(actor=None, user=worker)[1],
    "facilitator_token": api_token_issue(actor=None, user=facilitator)[1],
    "person": str(person.public_id),
    "case": str(case.public_id),
    "household": first("people.Household", memberships__person=person),
    "plan": first("plans.Plan", case__abss=case.abss),
    "assessment": first("screening.Assessment", person__case_participations__case__abss=case.abss),
    "referral": first("referrals.Referral", case__abss=case.abss),
    "service": first("catalogue.Service"),
    "point": str(point.public_id),
    "activity": first("community.Activity", point=point),
    "session": first("community.Session", point=point),
    "participant": first("community.Participant", point=point),
    "training": first("community.TrainingCourse"),
}
print(json.dumps(ids))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    )
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def config(ids: dict) -> str:
    """schemathesis.toml: each family of paths gets the ids (and token) that reach data."""
    worker = f'headers = {{ Authorization = "Bearer {ids["worker_token"]}" }}'
    facilitator = f'headers = {{ Authorization = "Bearer {ids["facilitator_token"]}" }}'
    families = [
        ("^/api/v1/persons/\\\\{public_id\\\\}", worker, {"public_id": ids["person"]}),
        (
            "^/api/v1/persons/\\\\{person_",
            worker,
            {"person_id": ids["person"], "person_public_id": ids["person"]},
        ),
        ("^/api/v1/persons/households", worker, {"public_id": ids["household"]}),
        (
            "^/api/v1/cases",
            worker,
            {"public_id": ids["case"], "case_id": ids["case"], "person_public_id": ids["person"]},
        ),
        ("^/api/v1/plans", worker, {"public_id": ids["plan"], "case_id": ids["case"]}),
        (
            "^/api/v1/assessments",
            worker,
            {"public_id": ids["assessment"], "person_id": ids["person"]},
        ),
        (
            "^/api/v1/referrals",
            worker,
            {"public_id": ids["referral"], "service_public_id": ids["service"]},
        ),
        ("^/api/v1/catalogue", worker, {"public_id": ids["service"]}),
        ("^/api/v1/community/points", facilitator, {"public_id": ids["point"]}),
        ("^/api/v1/community/activities", facilitator, {"public_id": ids["activity"]}),
        (
            "^/api/v1/community/sessions",
            facilitator,
            {"public_id": ids["session"], "participant": ids["participant"]},
        ),
        ("^/api/v1/community/participants", facilitator, {"public_id": ids["participant"]}),
        ("^/api/v1/community/training", facilitator, {"public_id": ids["training"]}),
        ("^/api/v1/community", facilitator, {}),
        ("^/api/v1/territory", worker, {"ine_code": "08298"}),
        ("^/api/v1/organisations", worker, {"code": "coss"}),
        ("^/api/v1/(me|audit)", worker, {}),
    ]
    lines = [worker]
    for regex, headers, params in families:
        lines.append("[[operations]]")
        lines.append(f'include-path-regex = "{regex}"')
        lines.append(headers)
        if params:
            pairs = ", ".join(f'"path.{k}" = "{v}"' for k, v in params.items() if v)
            lines.append(f"parameters = {{ {pairs} }}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=300)
    parser.add_argument("--max-examples", type=int, default=5)
    parser.add_argument("--seed", default="20261201")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="xarxa-contract-"))
    env = {
        **os.environ,
        "XARXA_DATA_DIR": str(work),
        "XARXA_DEMO_MODE": "1",
        "XARXA_ENV": "local",
        "DJANGO_SETTINGS_MODULE": "xarxa.settings",
        # The fuzzer sends thousands of calls a minute with one token from one address:
        # rate limits would answer most of them 429 and hide what the API does.
        "XARXA_API_IP_RATE": "1000000",
        "XARXA_API_TOKEN_RATE": "1000000",
        "XARXA_SEARCH_RATE": "1000000",
    }
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = fresh_postgres(os.environ["DATABASE_URL"])
    where = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite"
    print(f"== API contract on {where}: demo of {args.persons} persons", flush=True)
    xarxa(env, "migrate", "-v", "0")
    xarxa(env, "collectstatic", "--noinput", "-v", "0")  # the API's HTML docs page needs it
    xarxa(env, "demo", "--persons", str(args.persons))
    ids = identifiers(env)
    (work / "schemathesis.toml").write_text(config(ids))

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *gunicorn_arguments("127.0.0.1", str(port), 2),
         "--error-logfile", str(work / "errors.log")],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}/api/v1"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/openapi.json", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        result = subprocess.run(
            [str(Path(sys.executable).parent / "schemathesis"), "--config-file",
             str(work / "schemathesis.toml"), "run", f"{base}/openapi.json",
             "--checks", CHECKS, "--phases", "examples,coverage,fuzzing",
             "--max-examples", str(args.max_examples), "--seed", args.seed,
             "--workers", "2", "--no-color", "--suppress-health-check", "all",
             "--warnings", "off"],
            cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        print(result.stdout, flush=True)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return verdict(result.returncode, result.stdout, work)


def verdict(returncode: int, report: str, work: Path) -> int:
    """Fail on what the API did wrong (a check failed: a 500, a schema violation, an
    undeclared status). A crash inside schemathesis's own generator (reported under
    "Errors:" only, e.g. a KeyError in its coverage phase) is shown but does not fail the
    run: it says nothing about the API."""
    if returncode == 0:
        return 0
    if "Failures:" in report:
        print(f"Server errors, if any, are in {work / 'errors.log'}", flush=True)
        return returncode
    if "Errors:" in report and "Runtime Error" in report:
        print("schemathesis crashed on its own on an operation (see above); no check failed.")
        return 0
    return returncode


if __name__ == "__main__":
    sys.exit(main())
