from enum import StrEnum


class ScreeningPerm(StrEnum):
    ASSESS = "screening.assess"  # record and finalise assessments of persons one may read
