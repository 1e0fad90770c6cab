"""The permission names of itineraries: a leaf module (the role map in accounts reads it
while the models load); ``plans.policies`` re-exports them beside the object rules."""

from enum import StrEnum


class PlansPerm(StrEnum):
    VIEW = "plans.view"  # read the plans of case files one may open
    EDIT = "plans.edit"  # agree, change and review plans of those case files
