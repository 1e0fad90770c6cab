"""The accounts pages, one module per subject (django-axes calls ``locked_out`` here)."""

from xarxa.accounts.views.account import (
    account,
    password_change,
    reauthenticate,
    recovery_codes_renew,
    token_create,
    token_revoke,
)
from xarxa.accounts.views.passwords import password_reset, password_reset_confirm
from xarxa.accounts.views.sign_in import keep_alive, locked_out, second_factor, sign_in, sign_out
from xarxa.accounts.views.staff import (
    activation_code_issue,
    password_reset_issue,
    staff_detail,
    staff_list,
)

__all__ = [
    "account",
    "activation_code_issue",
    "keep_alive",
    "locked_out",
    "password_change",
    "password_reset",
    "password_reset_confirm",
    "password_reset_issue",
    "reauthenticate",
    "recovery_codes_renew",
    "second_factor",
    "sign_in",
    "sign_out",
    "staff_detail",
    "staff_list",
    "token_create",
    "token_revoke",
]
