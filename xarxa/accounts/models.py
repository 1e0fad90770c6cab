"""Staff accounts, their dated role assignments in teams, and personal API tokens."""

import hashlib

from django.contrib.auth.models import (  # type: ignore[attr-defined]
    AbstractUser,
    _user_has_module_perms,
    _user_has_perm,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xarxa.accounts.roles import Role
from xarxa.core.models import ValidityPeriod


class User(AbstractUser):
    preferred_language = models.CharField(_("preferred language"), max_length=5, blank=True)
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_(
            "Made by `xarxa demo`. Only demo accounts skip the second factor in demo mode."
        ),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    # Django lets an active superuser do anything; here rights come only from roles.
    def has_perm(self, perm, obj=None):
        return self.is_active and _user_has_perm(self, perm, obj)

    def has_module_perms(self, app_label):
        return self.is_active and _user_has_module_perms(self, app_label)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Assignment(ValidityPeriod):
    """A role held in a team between two dates, scoped to an ABSS where the role needs one."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assignments")
    team = models.ForeignKey(
        "organisations.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    abss = models.ForeignKey(
        "territory.Abss",
        verbose_name=_("ABSS"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
        help_text=_("Leave empty to use the ABSS the team serves."),
    )

    class Meta:
        ordering = ["user__username", "valid_from"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.team}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """Only a hash is stored; the token is shown once when issued."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    read_only = models.BooleanField(
        _("read only"), default=False, help_text=_("The token may read but not change anything.")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ActivationCode(models.Model):
    """A one-time code an administrator gives a user to enrol an authenticator. Only a
    salted hash is stored; the code is shown once, expires, and works once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="activation_codes")
    code_hash = models.CharField(max_length=256)
    issued_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("activation code")
        verbose_name_plural = _("activation codes")

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d %H:%M}"
