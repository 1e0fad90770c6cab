"""The base of every API input schema: what no endpoint may accept, said once.

- unknown fields are refused (a misspelt ``birthdate`` is an error, not silently dropped);
- booleans are JSON booleans: ``"yes"``, ``1`` or ``"true"`` are refused;
- text is NFC-normalised; a NUL byte, a lone surrogate or text made only of spaces,
  zero-width or control characters is refused;
- no list holds more than ``MOST_ITEMS`` items (a person with 30,000 documents is refused);
- a time of day is local (Europe/Madrid): "19:00Z" or "19:00+02:00" is refused.
"""

import unicodedata
from collections.abc import Iterable
from datetime import time
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from django.db.models import Choices, Field, Model
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, ValidationInfo, WithJsonSchema, field_validator
from pydantic import Field as PydanticField

MOST_ITEMS = 50

#: A time of day in Europe/Madrid, as "HH:MM" or "HH:MM:SS". JSON Schema's "time" format
#: demands a UTC offset, which a local opening hour or session time does not have.
LocalTime = Annotated[
    time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$",
            "description": "Local time of day (Europe/Madrid), HH:MM or HH:MM:SS",
        }
    ),
]
INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn"}


def _is_bool(annotation: Any) -> bool:
    if annotation is bool:
        return True
    if get_origin(annotation) in (Union, UnionType):
        return bool in get_args(annotation)
    return False


def clean_text(value: str) -> str:
    """NFC text, or ValueError for what no field may hold."""
    if "\x00" in value:
        raise ValueError("Text may not contain a NUL character.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("Text must be valid Unicode (a lone surrogate was sent).") from None
    value = unicodedata.normalize("NFC", value)
    if value and all(unicodedata.category(ch) in INVISIBLE for ch in value):
        raise ValueError("Text must contain visible characters.")
    return value


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        if len(value) > MOST_ITEMS:
            raise ValueError(f"At most {MOST_ITEMS} items.")
        return [_clean(item) for item in value]
    return value


def choice(choices: type[Choices] | Iterable[Any], *, blank: bool = False) -> Any:
    """The API type of an enumerated field: one of ``choices``' values (a Choices class or
    the values themselves; "" too when ``blank``), declared as an enum in the OpenAPI
    document and refused otherwise — an invented legal basis or refusal reason never
    reaches a service or a figure."""
    listed = choices.values if isinstance(choices, type) else choices
    values = [str(v) for v in listed] + ([""] if blank else [])

    def known(value: str) -> str:
        if value not in values:
            raise ValueError(f"Use one of: {', '.join(v for v in values if v) or 'none'}.")
        return value

    return Annotated[str, AfterValidator(known), WithJsonSchema({"type": "string", "enum": values})]


def model_choice(model: type[Model], name: str) -> Any:
    """``choice`` of a model field's own choices (blank as the field allows)."""
    field = model._meta.get_field(name)
    assert isinstance(field, Field) and field.choices
    return choice([key for key, _label in field.flatchoices if key != ""], blank=field.blank)


def model_text(model: type[Model], name: str) -> Any:
    """A text field of the API as long as the model field holds at most: a longer text is
    refused with the limit ("at most N characters"), never cut."""
    from xarxa.core.validators import too_long

    field = model._meta.get_field(name)
    assert isinstance(field, Field) and field.max_length
    limit = field.max_length

    def fits(value: str) -> str:
        if len(value) > limit:
            raise ValueError(too_long(limit, len(value)))
        return value

    return Annotated[
        str, AfterValidator(fits), PydanticField(json_schema_extra={"maxLength": limit})
    ]


class In(Schema):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_what_no_field_accepts(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        is_bool = field is not None and _is_bool(field.annotation)
        if is_bool and value is not None and not isinstance(value, bool):
            raise ValueError("Send true or false.")
        return _clean(value)

    @field_validator("*", mode="after")
    @classmethod
    def _local_times_only(cls, value: Any) -> Any:
        if isinstance(value, time) and value.tzinfo is not None:
            raise ValueError("Send a local time without a time zone.")
        return value
