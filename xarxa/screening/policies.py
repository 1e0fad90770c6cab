from enum import StrEnum


class ScreeningPerm(StrEnum):
    ASSESS = "screening.assess"  # record and finalise assessments of persons one may read
    # Figures of complexity, assessments and reviews per ABSS, team and professional;
    # the drill-down lists only the cases the user may open.
    VIEW_SEGMENTATION = "screening.view_segmentation"
