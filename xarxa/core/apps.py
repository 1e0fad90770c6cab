from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "xarxa.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from xarxa.core.validators import guard_stored_values

        # An integrity guard, not business flow: no row of ours holds an invented
        # enumerated value or a text longer than its field, whichever code writes it.
        pre_save.connect(guard_stored_values, dispatch_uid="xarxa.core.guard_stored_values")
