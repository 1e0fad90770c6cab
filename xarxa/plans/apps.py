from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "xarxa.plans"
    verbose_name = _("Itineraries (intervention plans)")

    def ready(self) -> None:
        # Plans sits above records, referrals and screening; it lends them what they need
        # from it without their importing plans: the review dates follow a case's
        # complexity (records.standing), and a referral may carry the case's open goals.
        from xarxa.plans.selectors import open_goal_snapshots_for
        from xarxa.plans.services import plans_follow_complexity
        from xarxa.records.standing import level_followers_add
        from xarxa.referrals.goals import goal_source_set

        level_followers_add(plans_follow_complexity)
        goal_source_set(open_goal_snapshots_for)
