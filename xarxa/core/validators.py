"""What no record may hold, said once for the forms, the API schemas and the services
(issue 12, items 13 and 15): each validator raises Django's ``ValidationError`` with a
message in the user's language, so a page shows it on its field and the API answers 422.

- ``validate_birth_date``: not before 1900, not in the future;
- ``validate_event_date``: a note or event not before the case it belongs to opened, not in
  the future;
- ``validate_postal_code``: five digits, the first two a province (01 to 52);
- ``validate_country`` / ``validate_language``: ISO 3166-1 alpha-2 and ISO 639-1 codes,
  from the lists bundled in ``core/data`` (taken from Debian's iso-codes);
- ``check_stored_values``: the guard below every service: an enumerated field holds one of
  its choices and a text fits its field, whoever writes the row (connected to ``pre_save``
  for the project's own models in ``CoreConfig.ready``).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

DATA = Path(__file__).parent / "data"
EARLIEST_BIRTH = date(1900, 1, 1)
PROVINCES = range(1, 53)  # INE province codes 01 (Araba) to 52 (Melilla)


@cache
def _codes(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, upper case."""
    return _codes("iso_3166_1_alpha_2.txt")


def languages() -> frozenset[str]:
    """ISO 639-1 codes, lower case."""
    return _codes("iso_639_1.txt")


def validate_birth_date(value: date | None) -> None:
    if value is None:
        return
    if value < EARLIEST_BIRTH:
        raise ValidationError(
            _("A birth date cannot be before %(year)d.") % {"year": EARLIEST_BIRTH.year},
            code="too_early",
        )
    if value > timezone.localdate():
        raise ValidationError(_("The birth date cannot be in the future."), code="future")


def validate_event_date(value: date | None, *, since: date | None = None) -> None:
    """A note or an event: not in the future, not before ``since`` (the day the case
    file it belongs to opened)."""
    if value is None:
        return
    if value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")
    if since is not None and value < since:
        raise ValidationError(
            _("The date cannot be before the case file opened (%(day)s).")
            % {"day": since.strftime("%d/%m/%Y")},
            code="before_case",
        )


def check_event_date(value: date | None, *, since: date | None = None, field: str) -> None:
    """``validate_event_date``, the refusal put on ``field``."""
    try:
        validate_event_date(value, since=since)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def validate_postal_code(value: str) -> None:
    if not value:
        return
    if len(value) != 5 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("A postal code has five digits, like 08500."), code="format")
    if int(value[:2]) not in PROVINCES:
        raise ValidationError(
            _("A postal code begins with the number of a province, 01 to 52."), code="province"
        )


def validate_country(value: str) -> None:
    if value and value not in countries():
        raise ValidationError(
            _("Use a two-letter country code (ISO 3166-1), like ES or MA."), code="country"
        )


def validate_language(value: str) -> None:
    if value and value not in languages():
        raise ValidationError(
            _("Use a two-letter language code (ISO 639-1), like ca, es or ar."), code="language"
        )


def validate_languages(value: str) -> None:
    """A comma-separated list of ISO 639-1 codes."""
    for code in (part.strip() for part in value.split(",")):
        validate_language(code)


def too_long(limit: int, length: int) -> str:
    return _("At most %(limit)d characters (this has %(length)d).") % {
        "limit": limit,
        "length": length,
    }


def check_length(value: str, limit: int, *, field: str) -> str:
    """``value`` when it fits ``limit``; otherwise a refusal naming the limit (a text is
    never cut silently)."""
    if len(value) > limit:
        raise ValidationError({field: too_long(limit, len(value))}, code="max_length")
    return value


@cache
def _allowed(field: models.Field) -> frozenset[str]:
    """A field's choices as text, computed once: every save (each audited read among
    them) checks against it."""
    return frozenset(str(key) for key, _label in field.flatchoices)


def check_stored_values(instance: models.Model) -> None:
    """Refuse a row whose enumerated field holds a value outside its choices, or whose
    text is longer than its field. Empty values are left to the model's own rules."""
    errors: dict[str, list[str]] = {}
    for field in instance._meta.concrete_fields:
        value: Any = getattr(instance, field.attname, None)
        if value in (None, "") or isinstance(field, models.JSONField):
            continue
        if field.choices and str(value) not in _allowed(field):
            errors.setdefault(field.name, []).append(
                _("“%(value)s” is not one of the allowed values.") % {"value": value}
            )
        limit = field.max_length if isinstance(field, models.CharField | models.TextField) else None
        if limit and isinstance(value, str) and len(value) > limit:
            errors.setdefault(field.name, []).append(too_long(limit, len(value)))
    if errors:
        raise ValidationError(errors)


def guard_stored_values(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """The ``pre_save`` receiver of the project's own models (raw fixture loads aside)."""
    if kwargs.get("raw") or not sender.__module__.startswith("xarxa."):
        return
    check_stored_values(instance)
