"""The Òmnia network and community spaces (app label ``community``). Each sub-domain keeps
its models in its own package; this module imports them all so Django finds every model
and so ``xarxa.community.models`` stays the one import path for the whole app."""

from xarxa.community.activities.models import Activity, ActivityKind, Axis, Session, TargetGroup
from xarxa.community.attendance.models import Attendance, ParticipantYear, UseMonth
from xarxa.community.equipment.models import (
    Connection,
    ConnectionKind,
    Device,
    DeviceKind,
    DeviceState,
    Incident,
    IncidentKind,
    Loan,
)
from xarxa.community.help_requests.models import ConsentMethodChoices, HelpRequest
from xarxa.community.knowledge.models import News, Resource, ResourceKind
from xarxa.community.participants.models import (
    ActicResult,
    AgeBand,
    Enrolment,
    Gender,
    Moment,
    Origin,
    Outcome,
    OutcomeKind,
    Participant,
    SelfAssessment,
    Situation,
)
from xarxa.community.points.models import Point, PointKind, Stop, Weekday
from xarxa.community.projects.models import Framework, Project
from xarxa.community.training.models import (
    FACILITATOR_COMPETENCES,
    TrainingCourse,
    TrainingEnrolment,
)

__all__ = [
    "FACILITATOR_COMPETENCES",
    "ActicResult",
    "Activity",
    "ActivityKind",
    "AgeBand",
    "Attendance",
    "Axis",
    "Connection",
    "ConnectionKind",
    "ConsentMethodChoices",
    "Device",
    "DeviceKind",
    "DeviceState",
    "Enrolment",
    "Framework",
    "Gender",
    "HelpRequest",
    "Incident",
    "IncidentKind",
    "Loan",
    "Moment",
    "News",
    "Origin",
    "Outcome",
    "OutcomeKind",
    "Participant",
    "ParticipantYear",
    "Point",
    "PointKind",
    "Project",
    "Resource",
    "ResourceKind",
    "SelfAssessment",
    "Session",
    "Situation",
    "Stop",
    "TargetGroup",
    "TrainingCourse",
    "TrainingEnrolment",
    "UseMonth",
    "Weekday",
]
