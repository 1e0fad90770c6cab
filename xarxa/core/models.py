"""Shared building blocks: base models and the append-only audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A row edited by several people: a stale save is refused (see core.concurrency)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day):
        """Rows whose [valid_from, valid_until] interval contains ``day`` (open ends allowed)."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day),
        )


class ValidityPeriod(models.Model):
    """A fact that holds between two dates; boundaries and memberships change."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(_("The end date cannot be before the start date."))


class AuditAction(models.TextChoices):
    READ = "read", _("read")
    LIST = "list", _("list")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    EXPORT = "export", _("export")
    LOGIN = "login", _("sign-in")
    LOGIN_FAILED = "login_failed", _("failed sign-in")
    LOGOUT = "logout", _("sign-out")
    DENIED = "denied", _("access denied")
    TOKEN = "token", _("API token issued")
    MERGE = "merge", _("records merged")
    UNMERGE = "unmerge", _("merge undone")
    EMERGENCY_ACCESS = "emergency", _("emergency access")
    RESTRICT = "restrict", _("record restricted")
    SHARED_WITHOUT_CONSENT = "no_consent", _("shared without consent")
    SEAL = "seal", _("audit chain sealed")


class AuditEvent(models.Model):
    """One row of the hash-chained audit log. Rows are never updated or deleted.

    ``seq`` is gap-free and assigned under a lock on AuditChainHead, so removing any
    row, or the newest one, breaks the chain that ``xarxa audit verify`` recomputes.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    person_id = models.CharField(max_length=64, blank=True, db_index=True)
    reason = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=32, blank=True)
    details = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["actor", "at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")


class AuditChainHead(models.Model):
    """Single row holding the newest sequence number and hash; locked to append."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)


class AuditPersonShown(models.Model):
    """Which persons one audit row (a search, a list) showed: an index, so that the
    person's access log finds the row. The row's own ``details["person_ids"]`` holds the
    same ids inside the chain, and ``audit verify`` checks the index against them.
    Append-only like the rows it indexes."""

    event = models.ForeignKey(AuditEvent, on_delete=models.PROTECT, related_name="persons_shown")
    person_id = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "person_id"], name="audit_shown_once")
        ]
        indexes = [models.Index(fields=["person_id", "event"], name="audit_shown_person")]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")
