"""The subject-access pages under /persons/<id>/export: the officer prepares the export
(third parties redacted), reviews it and releases it; only the released copy downloads."""

import json

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.accounts.reauth import recent_password_required
from xarxa.core.errors import REFUSALS, Conflict, flash_refusal
from xarxa.core.policies import require_perm
from xarxa.people.policies import PeoplePerm
from xarxa.people.selectors import person_get_for
from xarxa.records.subject_access import (
    subject_access_pending_for,
    subject_access_prepare,
    subject_access_release,
    subject_access_response,
)


@require_perm(PeoplePerm.EXPORT)
@recent_password_required
def person_export(request, public_id, fmt):
    """The subject-access export of a person (at /persons/<id>/export.<fmt>: it gathers
    the person's record and their case files, so it lives here, above people). Until the
    officer has reviewed and released an export, this is the review page."""
    try:
        return subject_access_response(request.user, public_id, fmt)
    except Conflict:
        pending = subject_access_pending_for(request.user, public_id)
    view = person_get_for(request.user, public_id, reason="subject-access request")
    preview = json.dumps(pending.data, ensure_ascii=False, indent=2) if pending else ""
    return render(
        request,
        "records/subject_access_review.html",
        {"person": view.person, "pending": pending, "preview": preview},
    )


@require_perm(PeoplePerm.EXPORT)
@recent_password_required
@require_POST
def person_export_prepare(request, public_id):
    subject_access_prepare(request.user, public_id)
    messages.success(request, _("Prepared: review what was redacted, then release it."))
    return redirect("subject_access:export", public_id=public_id, fmt="pdf")


@require_perm(PeoplePerm.EXPORT)
@recent_password_required
@require_POST
def person_export_release(request, public_id, export_id):
    try:
        subject_access_release(request.user, public_id, export_id)
    except REFUSALS as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Released: the export can now be given to the person."))
    return redirect("subject_access:export", public_id=public_id, fmt="pdf")
