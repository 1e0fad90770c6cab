"""Optimistic locking for VersionedModel rows: a stale save is refused, never merged."""

from django.db.models import F
from django.utils.translation import gettext as _


class StaleEdit(Exception):
    """Someone saved the record after this user opened it. ``changed`` lists the fields
    whose stored value differs from what the user started from, with the current value."""

    def __init__(self, current, changed: dict[str, object]):
        self.current = current
        self.changed = changed
        super().__init__(
            _("Someone else saved this record while you were editing it. Nothing was saved.")
        )


def save_versioned(obj, *, expected_version: int, fields: list[str], original: dict | None = None):
    """Write ``fields`` of ``obj`` only if the stored row is still at ``expected_version``.

    ``original`` (field -> value the user started from) lets the refusal say what changed.
    Call inside the service's transaction.
    """
    from xarxa.core.validators import check_stored_values

    check_stored_values(obj)  # an update skips pre_save: the same guard as every save
    model = type(obj)
    updated = model.objects.filter(pk=obj.pk, version=expected_version).update(
        **{name: getattr(obj, name) for name in fields},
        version=F("version") + 1,
    )
    if not updated:
        current = model.objects.get(pk=obj.pk)
        started_from = original or {}
        changed = {
            name: getattr(current, name)
            for name, value in started_from.items()
            if getattr(current, name) != value
        }
        raise StaleEdit(current, changed)
    obj.version = expected_version + 1
    return obj
