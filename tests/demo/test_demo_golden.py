"""The demo's output for a seed, pinned: a refactoring of the generators must write the
same rows (ids, names, dates, texts, public ids drawn from the seed) as before.

If a deliberate change to the demo data breaks this, print ``golden.digests()`` after
the run below and replace the table, saying why in the commit."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command

from tests.demo import golden

pytestmark = pytest.mark.django_db

# Reference data loaded by migrations, not by the demo.
REFERENCE = {"ProblemCategory", "Instrument", "Domain", "PlanTemplate", "ComplexityRule"}

# `xarxa demo --persons 300 --seed 3` on 2 March 2026, 10:30 in Vic.
PINNED = {
    "ActicResult": "3:fc65438977850b63",
    "Action": "28:d22af31032149505",
    "Activity": "333:229cf8a14d96c862",
    "Assessment": "35:8cd9a4f519a4ee1f",
    "Assignment": "89:a61c1765c3023c33",
    "Attendance": "10095:b2846fee5e919a63",
    "CaseAccess": "5:9583ac2f10f507de",  # accepted referrals open the team's access
    "CaseAssignment": "61:3867fe7c152ac144",
    "CaseEvent": "71:9edede74a02bcb7c",
    "CaseFile": "51:e18c9b823aa7483d",
    "CaseParticipant": "148:ae2f473e92cf29ba",
    "CaseProblem": "108:5e21c8fcbdf25593",
    "CaseStanding": "51:31248957d2e99a13",
    "Classification": "35:bc07342228b3c3d6",
    "Connection": "7:e4cd34dfe4f24623",
    "Consent": "60:f91723c95b5e58de",
    "ContactChannel": "233:ba221cd80b19d9e5",
    "Device": "101:c559865ca2df3810",
    "Enrolment": "1699:62f7b006c238b7bd",
    "Goal": "49:4e47e7b857801f3d",
    "Household": "123:60407f7f5a34c5a3",
    "HouseholdMembership": "334:dfd3ac88f068b277",
    "IdentityDocument": "318:a37751f72c4a36b3",
    "Incident": "14:34d85590e9d4f5a4",
    "Intervention": "402:737d2c62b4d084f7",  # the author's team recorded
    "Intervention_persons": "666:e3918a64cb549c78",
    "Intervention_professionals": "402:e68e5f910dfdfac3",
    "Loan": "14:8406c068441dae69",
    "NameToken": "278:8418d8b59235a701",
    "NameTokenVariant": "1803:9997537721a3cb4f",
    "News": "3:af8899346a21e812",
    "Organisation": "64:7abb761c1d13a5d1",
    "Outcome": "1:a8a1868958934755",
    "Participant": "1260:32ccdabdb24673bd",
    "ParticipantYear": "1761:112e463f1e140ac5",
    "Person": "300:2c13c54be6203600",
    "PersonNamePair": "839:4eec06bbd2599628",
    "PersonNameToken": "862:9aee01794a53d36c",
    "Plan": "12:b8197079fafdd9cc",
    "Point": "7:b32f259d358a7df8",
    "Project": "14:9415cd6eccb9023d",
    "Referral": "7:9130ea2c3573d0ff",
    "Resource": "8:768daca37bc3322d",
    "Review": "45:31b1f5e0844dfb95",
    "Score": "455:1f30cb251403d8af",
    "SelfAssessment": "40:05d16f6329f92286",
    "Service": "23:c26ba4efdae1397c",  # SIAD, SAI, EAIA declare their special category
    "ServiceLocation": "12:e1a2356595badae7",
    "Service_areas": "860:040a8d71e2572ae2",
    "Session": "1877:b955b229f89d94d3",
    "Stop": "5:1cb9cd4d8848d6c4",
    "Team": "27:b0d8fda3526db9ac",
    "TimelineEntry": "987:711931871d30fa1f",
    "TrainingCourse": "4:e8df3cdbe8391aab",
    "TrainingEnrolment": "19:3d4c5eabf937f916",
    "Transition": "28:2d48c1b0fbe932f9",
    "TsoRecord": "1:fc41e2c5f6afb01e",
    "UseMonth": "477:ad2b63d2fedea883",
    "User": "89:7615f0da82e3baea",  # the demo flags its accounts (is_demo)
}


def test_the_demo_writes_the_same_rows_for_a_seed():
    golden.fresh_sequences()
    with time_machine.travel(datetime(2026, 3, 2, 9, 30, tzinfo=UTC), tick=False):
        call_command("demo", "--persons", "300", "--seed", "3")
        found = {k: v for k, v in golden.digests().items() if k not in REFERENCE}
    assert found == PINNED
