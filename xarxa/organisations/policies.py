from enum import StrEnum


class OrganisationsPerm(StrEnum):
    VIEW = "organisations.view"
