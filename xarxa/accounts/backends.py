from django.contrib.auth.backends import ModelBackend

from xarxa.accounts.roles import permissions_for_roles
from xarxa.accounts.selectors import scope_for


class StaffBackend(ModelBackend):
    """Password sign-in, and permissions from the roles a user holds today. Django's
    per-user and per-group permissions (and the superuser shortcut) are not used."""

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_xarxa_perms"):
            # The same read as the user's scope (one query per request for both).
            user_obj._xarxa_perms = permissions_for_roles(scope_for(user_obj).roles)
        return user_obj._xarxa_perms

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))
