from enum import StrEnum


class ReferralsPerm(StrEnum):
    SEND = "referrals.send"  # refer a person from a case file
    RECEIVE = "referrals.receive"  # answer referrals sent to one's team
    VIEW_FIGURES = "referrals.view_figures"  # the coordinators' dashboard (no personal data)
