"""The permission names of referrals: a leaf module (the role map in accounts reads it
while the models load); ``referrals.policies`` re-exports them beside the object rules."""

from enum import StrEnum


class ReferralsPerm(StrEnum):
    SEND = "referrals.send"  # refer a person from a case file
    RECEIVE = "referrals.receive"  # answer referrals sent to one's team
    VIEW_FIGURES = "referrals.view_figures"  # the coordinators' dashboard (no personal data)
