"""The named permissions of the catalogue (mapped to roles in ``accounts.roles``)."""

from enum import StrEnum


class CataloguePerm(StrEnum):
    VIEW = "catalogue.view"  # the staff catalogue, with non-public contacts and capacity
    MANAGE = "catalogue.manage"  # edit and review entries, import and export
