# ruff: noqa: RUF001  (full-width and Arabic-Indic characters are the point of these tests)
"""Document numbers typed on any keyboard: full-width and other scripts' digits are read as
ASCII on purpose (so the number is found however it was typed); other symbols are refused."""

import pytest


@pytest.mark.parametrize(
    ("kind", "typed", "stored"),
    [
        ("dni", "１２３４５６７８Ｚ", "12345678Z"),  # full-width, as a CJK keyboard types it
        ("passport", "ＸＡ１２３４５６", "XA123456"),
        ("passport", "xa 123-456", "XA123456"),
        ("passport", "XA١٢٣٤٥٦", "XA123456"),  # Arabic-Indic digits
    ],
)
def test_full_width_document_numbers_are_read_as_ascii(kind, typed, stored):
    from xarxa.people.services import normalise_document

    assert normalise_document(kind, typed) == stored


@pytest.mark.parametrize("typed", ["XA12€456", "XA12Ω456", "XA123456\u200b"])
def test_other_symbols_in_a_document_number_are_refused(typed):
    from django.core.exceptions import ValidationError

    from xarxa.people.services import normalise_document

    with pytest.raises(ValidationError):
        normalise_document("passport", typed)
