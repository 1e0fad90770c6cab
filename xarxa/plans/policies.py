from enum import StrEnum


class PlansPerm(StrEnum):
    VIEW = "plans.view"  # read the plans of case files one may open
    EDIT = "plans.edit"  # agree, change and review plans of those case files
