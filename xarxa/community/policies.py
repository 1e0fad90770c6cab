from enum import StrEnum


class CommunityPerm(StrEnum):
    VIEW = "community.view"  # the points of one's reach and their profiles
    MANAGE_POINT = "community.manage_point"  # edit a point's profile
    RUN = "community.run"  # activities, sessions, attendance and participants of one's points
    VIEW_FIGURES = "community.view_figures"  # aggregated figures (small numbers suppressed)
    SHARE = "community.share"  # contribute to the network's resource library
    PUBLISH_NEWS = "community.publish_news"  # announcements to every facilitator
    TRAIN = "community.train"  # enrol in the facilitators' training plan
    MANAGE_TRAINING = "community.manage_training"  # courses and their completion
    ANSWER_HELP = "community.answer_help"  # social services: requests from the points
