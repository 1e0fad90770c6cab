"""Every write of the community app, by sub-domain (atomic, audited, refused with an audit
row outside the actor's points). This module gathers them under one import path."""

from xarxa.community.activities.services import activity_create, session_cancel, session_plan
from xarxa.community.attendance.services import attendance_mark, figures_rebuild, walk_in_add
from xarxa.community.equipment.services import (
    connection_set,
    device_add,
    device_state_set,
    incident_report,
    incident_resolve,
    loan_return,
    loan_start,
)
from xarxa.community.help_requests.services import (
    help_request_answer,
    help_request_seen,
    help_request_send,
)
from xarxa.community.knowledge.services import news_publish, resource_share
from xarxa.community.participants.selectors import digcomp_instrument
from xarxa.community.participants.services import (
    DIVIDES,
    actic_result_record,
    enrolment_add,
    outcome_record,
    participant_add,
    participant_divides_set,
    participant_from_referral,
    self_assessment_record,
)
from xarxa.community.points.services import (
    POINT_FIELDS,
    point_create,
    point_update,
    stop_add,
    stop_end,
)
from xarxa.community.projects.services import (
    project_create,
    project_link_activity,
    project_results_set,
)
from xarxa.community.training.services import course_create, training_complete, training_enrol

__all__ = [
    "DIVIDES",
    "POINT_FIELDS",
    "actic_result_record",
    "activity_create",
    "attendance_mark",
    "connection_set",
    "course_create",
    "device_add",
    "device_state_set",
    "digcomp_instrument",
    "enrolment_add",
    "figures_rebuild",
    "help_request_answer",
    "help_request_seen",
    "help_request_send",
    "incident_report",
    "incident_resolve",
    "loan_return",
    "loan_start",
    "news_publish",
    "outcome_record",
    "participant_add",
    "participant_divides_set",
    "participant_from_referral",
    "point_create",
    "point_update",
    "project_create",
    "project_link_activity",
    "project_results_set",
    "resource_share",
    "self_assessment_record",
    "session_cancel",
    "session_plan",
    "stop_add",
    "stop_end",
    "training_complete",
    "training_enrol",
    "walk_in_add",
]
