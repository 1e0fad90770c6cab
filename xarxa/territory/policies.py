from enum import StrEnum


class TerritoryPerm(StrEnum):
    VIEW = "territory.view"
