"""The permission names of screening: a leaf module (the role map in accounts reads it
while the models load); ``screening.policies`` re-exports them beside the object rules."""

from enum import StrEnum


class ScreeningPerm(StrEnum):
    ASSESS = "screening.assess"  # record and finalise assessments of persons one may read
    # Figures of complexity, assessments and reviews per ABSS, team and professional;
    # the drill-down lists only the cases the user may open.
    VIEW_SEGMENTATION = "screening.view_segmentation"
