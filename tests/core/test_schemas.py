"""The input rules every API schema inherits (xarxa.core.schemas.In)."""

from datetime import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from xarxa.core.schemas import MOST_ITEMS, In


class Sample(In):
    name: str
    at: time | None = None
    note: str | None = None
    flag: bool = False
    maybe: bool | None = None
    tags: list[str] = []


def test_unknown_fields_are_refused_by_name():
    with pytest.raises(ValidationError) as refused:
        Sample.model_validate({"name": "Aina", "birthdate": "2000-01-01"})
    assert refused.value.errors()[0]["loc"] == ("birthdate",)


@pytest.mark.parametrize("sent", ["yes", "true", 1, 0, "1", "on"])
def test_booleans_are_json_booleans(sent):
    with pytest.raises(ValidationError):
        Sample.model_validate({"name": "Aina", "flag": sent})
    with pytest.raises(ValidationError):
        Sample.model_validate({"name": "Aina", "maybe": sent})
    assert Sample.model_validate({"name": "Aina", "flag": True, "maybe": None}).flag is True


@pytest.mark.parametrize(
    "bad", ["A\x00B", "\ud800", "   ", "\u200b\u200b", "\t\n", "\u00a0", "\u0301"]
)
def test_text_no_field_may_hold_is_refused(bad):
    with pytest.raises(ValidationError):
        Sample.model_validate({"name": bad})
    with pytest.raises(ValidationError):
        Sample.model_validate({"name": "Aina", "tags": [bad]})


def test_text_is_nfc_normalised():
    decomposed = "Nu\u0301ria"  # u + combining acute
    assert Sample.model_validate({"name": decomposed}).name == "Núria"


def test_lists_are_capped():
    Sample.model_validate({"name": "A", "tags": ["x"] * MOST_ITEMS})
    with pytest.raises(ValidationError):
        Sample.model_validate({"name": "A", "tags": ["x"] * (MOST_ITEMS + 1)})


@settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=200)
@given(st.text())
def test_any_text_is_either_refused_or_kept_as_valid_nfc(text):
    try:
        kept = Sample.model_validate({"name": text}).name
    except ValidationError:
        return
    assert "\x00" not in kept
    kept.encode("utf-8")
    import unicodedata

    assert unicodedata.is_normalized("NFC", kept)


@pytest.mark.parametrize("sent", ["19:00:00Z", "19:00+02:00"])
def test_times_of_day_are_local(sent):
    with pytest.raises(ValidationError):
        Sample.model_validate({"name": "A", "at": sent})
    assert Sample.model_validate({"name": "A", "at": "19:00"}).at == time(19, 0)
