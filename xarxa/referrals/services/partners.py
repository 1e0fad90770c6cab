"""Partners without accounts answer through a single-use, expiring, signed link."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xarxa.core.errors import Conflict
from xarxa.core.validators import too_long
from xarxa.referrals.models import Referral
from xarxa.referrals.services.circuit import record
from xarxa.referrals.states import RefusalReason, State

# --- partners without accounts: a single-use, expiring, signed link -------------------

PARTNER_LINK_DAYS = 14
ALTERNATIVE_LIMIT = 300  # Referral.alternative
_SIGNER_SALT = "xarxa.referrals.partner"


def partner_link_token(referral: Referral) -> str:
    """The signed token of the referral's partner link (empty once used)."""
    if not referral.partner_nonce:
        return ""
    return signing.dumps(
        {"r": str(referral.public_id), "n": referral.partner_nonce}, salt=_SIGNER_SALT
    )


def partner_referral(token: str) -> Referral | None:
    """The referral a link stands for, if the link is genuine, unused and not expired."""
    try:
        data = signing.loads(token, salt=_SIGNER_SALT, max_age=timedelta(days=PARTNER_LINK_DAYS))
    except signing.BadSignature:
        return None
    referral = (
        Referral.objects.select_related("service", "person__municipality")
        .filter(public_id=data.get("r"), receiving_team__isnull=True)
        .first()
    )
    if referral is None or not referral.partner_nonce:
        return None
    if not secrets.compare_digest(referral.partner_nonce, str(data.get("n", ""))):
        return None
    if referral.state not in (State.SENT, State.RECEIVED):
        return None
    if referral.person.is_restricted:  # processing restricted: nothing more is shared
        return None
    return referral


def partner_answer(
    *, token: str, accept: bool, refusal_reason: str = "", alternative: str = "", note: str = ""
) -> Referral:
    """The partner's answer through the link: received, then accepted or refused. The
    link then stops working. Audited without an account (the link is the actor).

    The link is spent by a conditional update of its nonce: of two answers sent at once,
    the second waits for the first's row lock, finds the nonce gone and is refused with
    ``Conflict`` (409 / a message on the page), never a 500 nor a second answer."""
    referral = partner_referral(token)
    if referral is None:
        raise Conflict(
            _("This link has already been answered or is no longer valid"),
            _("Ask the social worker who sent the referral for a new one if needed."),
        )
    errors = {}
    if not accept:
        if not refusal_reason:
            errors["refusal_reason"] = _("Choose why the service cannot take the person.")
        elif refusal_reason not in RefusalReason.values:
            errors["refusal_reason"] = _("Choose a reason from the list.")
        if not alternative.strip():
            errors["alternative"] = _("Propose an alternative for the person.")
        elif len(alternative.strip()) > ALTERNATIVE_LIMIT:
            errors["alternative"] = too_long(ALTERNATIVE_LIMIT, len(alternative.strip()))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        spent = Referral.objects.filter(
            pk=referral.pk, partner_nonce=referral.partner_nonce
        ).update(partner_nonce="")
        if not spent:
            raise Conflict(
                _("This link has already been answered or is no longer valid"),
                _("Ask the social worker who sent the referral for a new one if needed."),
            )
        # Read again under the lock the update holds: the state the answer builds on.
        referral = Referral.objects.select_related("service", "person").get(pk=referral.pk)
        via = "partner link" + (f": {note.strip()}" if note.strip() else "")
        if referral.state == State.SENT:
            record(None, referral, State.RECEIVED, via)
        if accept:
            record(None, referral, State.ACCEPTED, via)
        else:
            referral.refusal_reason = refusal_reason
            referral.alternative = alternative.strip()
            record(None, referral, State.REFUSED, via)
    return referral
