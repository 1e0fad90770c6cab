"""Who may do what in the catalogue: the named permissions and the object-level rules.

The catalogue holds no personal data. Staff with ``catalogue.view`` read every entry
(capacity, waiting lists, non-public contacts); catalogue managers edit and review every
entry, and a team edits and reviews the entries it owns."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from xarxa.accounts.selectors import scope_for
from xarxa.core.policies import deny

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.catalogue.models import Service


class CataloguePerm(StrEnum):
    VIEW = "catalogue.view"  # the staff catalogue, with non-public contacts and capacity
    MANAGE = "catalogue.manage"  # edit and review entries, import and export


def may_edit(user: User, service: Service) -> bool:
    """Catalogue managers edit every entry; a team edits the entries it owns."""
    if user.has_perm(CataloguePerm.MANAGE):
        return True
    return user.has_perm(CataloguePerm.VIEW) and service.owner_team_id in scope_for(user).team_ids


def require_edit(user: User, service: Service) -> None:
    """Refuse (403, with an audit row) unless the user may edit the entry. Call it
    outside a write's transaction: the refusal's audit row must not roll back with it."""
    if not may_edit(user, service):
        raise deny(user, f"catalogue.service:{service.pk}")
