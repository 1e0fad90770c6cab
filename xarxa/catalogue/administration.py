"""The checks and the assignment behind creating and editing a catalogue entry (called by
``services``): every field checked, every error named on its field, nothing half-applied."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from xarxa.catalogue.models import (
    Confidentiality,
    Public,
    Service,
    ServiceKind,
    ServiceStatus,
)
from xarxa.core.links import check_web_link
from xarxa.records.models import Sensitivity
from xarxa.records.problems import GROUPS

RETIRED = ServiceStatus.DEFUNCT
# Fields only the entry's administrators change (besides retiring it).
SCALARS = (
    "kind", "owner_team", "publics", "needs", "languages", "guaranteed", "confidentiality",
    "special_category", "minimum_age", "maximum_age", "review_every_days", "accessibility",
    "fee_amount",
)  # fmt: skip
ADMINISTERED = (*SCALARS, "areas")
ROUTINE = (
    "status", "capacity", "answer_within", "first_appointment_within",
    "phone", "email", "url", "contact_public",
)  # fmt: skip
TEXT_LANGUAGES = ("ca", "es", "en")
# Stored fields that hold a value always (None may come from the API: refused, not a 500).
NOT_EMPTY = (
    "status", "kind", "confidentiality", "publics", "needs", "languages", "guaranteed",
    "contact_public", "phone", "email", "accessibility", "review_every_days", "answer_within",
)  # fmt: skip
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def touches_administered(
    service: Service, data: dict[str, Any], texts: dict[str, dict[str, str]]
) -> bool:
    """Whether an edit changes a field only administrators change (or retires the entry)."""
    if data.get("status") == RETIRED and service.status != RETIRED:
        return True
    for name in SCALARS:
        if name in data and _value(service, name) != _plain(data[name]):
            return True
    if "areas" in data and service.pk:
        current = set(service.areas.values_list("pk", flat=True))
        if current != {getattr(m, "pk", m) for m in data["areas"]}:
            return True
    return any(
        "name" in values and values["name"] != service.text("name", language)
        for language, values in texts.items()
    )


def _plain(value: Any) -> Any:
    return getattr(value, "pk", value)


def _value(service: Service, name: str) -> Any:
    if name == "owner_team":
        return service.owner_team_id
    return getattr(service, name)


def check_code(code: str) -> str:
    code = (code or "").strip()
    if not CODE.match(code) or len(code) > 80:
        raise ValidationError(
            {"code": _("Use lower-case letters, digits and hyphens (at most 80).")}
        )
    if Service.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Another service already has this code.")})
    return code


def _choice(errors: dict[str, str], name: str, value: Any, allowed: set[str]) -> None:
    if value not in allowed:
        errors[name] = _("Choose one of the offered values.")


def _list(errors: dict[str, str], name: str, values: Any, allowed: set[str] | None) -> None:
    if not isinstance(values, list | tuple) or any(not isinstance(v, str) for v in values):
        errors[name] = _("Give a list of values.")
    elif allowed is not None and not set(values) <= allowed:
        errors[name] = _("Choose among the offered values.")
    elif allowed is None and not all(LANGUAGE_CODE.match(v) for v in values):
        errors[name] = _("Give two-letter language codes, such as ca or es.")


def _check(service: Service, data: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    """The values to set, checked; errors by field."""
    data = dict(data)
    for name in NOT_EMPTY:
        if name in data and data[name] is None:
            errors[name] = _("This field cannot be empty.")
            data.pop(name)
    if "special_category" in data:
        data["special_category"] = data["special_category"] or ""
    if "status" in data:
        _choice(errors, "status", data["status"], set(ServiceStatus.values))
    if "kind" in data:
        _choice(errors, "kind", data["kind"], set(ServiceKind.values))
    if "confidentiality" in data:
        _choice(errors, "confidentiality", data["confidentiality"], set(Confidentiality.values))
    special = [value for value in Sensitivity.values if value]
    if "special_category" in data:
        _choice(errors, "special_category", data["special_category"] or "", {"", *special})
    if "publics" in data:
        _list(errors, "publics", data["publics"], set(Public.values))
    if "needs" in data:
        _list(errors, "needs", data["needs"], set(GROUPS))
    if "languages" in data:
        _list(errors, "languages", data["languages"], None)
    answer = data.get("answer_within", service.answer_within)
    if not isinstance(answer, int) or not 1 <= answer <= 60:
        errors["answer_within"] = _("Give a number of working days from 1 to 60.")
    first = data.get("first_appointment_within", service.first_appointment_within)
    if first is not None and (not isinstance(first, int) or not 1 <= first <= 365):
        errors["first_appointment_within"] = _(
            "Give a number of days from 1 to 365, or leave it empty."
        )
    for name in ("capacity", "minimum_age", "maximum_age"):
        value = data.get(name)
        if value is not None and (not isinstance(value, int) or value < 0):
            errors[name] = _("Give a whole number, zero or more.")
    low = data.get("minimum_age", service.minimum_age)
    high = data.get("maximum_age", service.maximum_age)
    if isinstance(low, int) and isinstance(high, int) and low > high:
        errors["maximum_age"] = _("The maximum age must not be below the minimum age.")
    if "review_every_days" in data:
        every = data["review_every_days"]
        if not isinstance(every, int) or not 1 <= every <= 730:
            errors["review_every_days"] = _("Give a number of days from 1 to 730.")
    if data.get("fee_amount") is not None:
        try:
            fee = Decimal(str(data["fee_amount"]))
            if fee < 0 or fee >= Decimal("1000000"):
                raise InvalidOperation
            data["fee_amount"] = fee.quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            errors["fee_amount"] = _("Give an amount in euros, zero or more.")
    if "url" in data:
        try:
            data["url"] = check_web_link(data["url"] or "", "url")
        except ValidationError as error:
            errors["url"] = error.message_dict["url"][0]
    if data.get("email"):
        try:
            validate_email(data["email"])
        except ValidationError:
            errors["email"] = _("Enter a valid email address.")
    confidentiality = data.get("confidentiality", service.confidentiality)
    category = data.get("special_category", service.special_category) or ""
    if category and confidentiality != Confidentiality.RESTRICTED:
        errors["confidentiality"] = _(
            "A service that works with a special category must keep its referrals restricted."
        )
    team = data.get("owner_team")
    if team is not None and team.valid_until is not None and team.valid_until < localdate():
        errors["owner_team"] = _("This team no longer exists.")
    return data


def apply(
    service: Service,
    data: dict[str, Any],
    texts: dict[str, dict[str, str]],
    *,
    creating: bool = False,
) -> None:
    """Check everything, then set it on the (unsaved) entry; ValidationError by field."""
    errors: dict[str, str] = {}
    data = _check(service, data, errors)
    names = {lang: (texts.get(lang) or {}).get("name") for lang in TEXT_LANGUAGES}
    if creating and not (names["ca"] or "").strip():
        errors["name_ca"] = _("Give the service's name in Catalan.")
    if "ca" in texts and "name" in texts["ca"] and not (texts["ca"]["name"] or "").strip():
        errors["name_ca"] = _("Give the service's name in Catalan.")
    if "ca" in texts and "description" in texts["ca"] and not texts["ca"]["description"].strip():
        errors["description_ca"] = _("Give the description in Catalan.")
    if errors:
        raise ValidationError(errors)
    for name in (*ROUTINE, *SCALARS):
        if name in data:
            setattr(service, name, data[name])
    merged = {lang: dict(values) for lang, values in (service.texts or {}).items()}
    for language, values in texts.items():
        if language in TEXT_LANGUAGES:
            merged.setdefault(language, {}).update({k: v.strip() for k, v in values.items()})
    service.texts = merged


def snapshot(service: Service) -> dict[str, Any]:
    """The entry's fields as the audit log keeps them (before and after a change)."""
    values: dict[str, Any] = {name: _value(service, name) for name in (*ROUTINE, *SCALARS)}
    values["fee_amount"] = str(values["fee_amount"]) if values["fee_amount"] is not None else None
    values["texts"] = service.texts
    if service.pk:
        values["areas"] = sorted(service.areas.values_list("ine_code", flat=True))
    return values
