from enum import StrEnum


class AccountsPerm(StrEnum):
    VIEW_STAFF = "accounts.view_staff"
    MANAGE_STAFF = "accounts.manage_staff"
    USE_API = "accounts.use_api"
