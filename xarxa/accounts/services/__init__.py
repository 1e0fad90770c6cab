"""Every write about staff accounts: atomic and audited. One module per subject; the names
are gathered here (``from xarxa.accounts import services``)."""

from xarxa.accounts.services.passwords import (
    password_reset_issue,
    password_reset_request,
    password_set,
)
from xarxa.accounts.services.second_factor import (
    activation_code_issue,
    activation_code_redeem,
    recovery_code_use,
    recovery_codes_renew,
    second_factor_confirm,
    second_factor_device,
)
from xarxa.accounts.services.tokens import (
    api_token_issue,
    api_token_revoke,
    api_tokens_revoke_all,
)
from xarxa.accounts.services.users import (
    assignment_create,
    sign_in_failed,
    sign_in_recorded,
    sign_out_recorded,
    user_create,
)

__all__ = [
    "activation_code_issue",
    "activation_code_redeem",
    "api_token_issue",
    "api_token_revoke",
    "api_tokens_revoke_all",
    "assignment_create",
    "password_reset_issue",
    "password_reset_request",
    "password_set",
    "recovery_code_use",
    "recovery_codes_renew",
    "second_factor_confirm",
    "second_factor_device",
    "sign_in_failed",
    "sign_in_recorded",
    "sign_out_recorded",
    "user_create",
]
