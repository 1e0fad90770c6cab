"""The common-password check: Django's bundled list of 20,000 common and breached
passwords plus a few local words, also when digits or symbols were added at either end
to pass the length rule ("iloveyou1234", "barcelona2024!")."""

import re
from pathlib import Path

from django.contrib.auth.password_validation import (
    CommonPasswordValidator as DjangoCommonPasswordValidator,
)
from django.core.exceptions import ValidationError

LOCAL_LIST = Path(__file__).resolve().parent / "data" / "local_common_passwords.txt"
_PADDING = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def _core(password: str) -> str:
    """The word under the padding: no digits, symbols or spaces at either end."""
    return _PADDING.sub("", password.lower().strip())


class CommonPasswordValidator(DjangoCommonPasswordValidator):
    def __init__(self, password_list_path=DjangoCommonPasswordValidator.DEFAULT_PASSWORD_LIST_PATH):
        super().__init__(password_list_path)
        lines = LOCAL_LIST.read_text(encoding="utf-8").splitlines()
        self.passwords |= {w.strip().lower() for w in lines if w.strip() and w[0] != "#"}

    def validate(self, password, user=None):
        plain = password.lower().strip()
        if plain in self.passwords or _core(password) in self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")
