"""Who may do what in the catalogue: the named permissions and the object-level rules.

The catalogue holds no personal data. Staff with ``catalogue.view`` read every entry
(capacity, non-public contacts); the waiting figure is a small cell outside the service's
own team. Catalogue administrators (``may_administer``: the system administrator, and an
organisation's coordinators for their organisation's services) create, edit every field of
and retire entries; a team keeps the routine fields of the entries it owns up to date."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from xarxa.accounts.roles import Role
from xarxa.accounts.selectors import active_assignments, scope_for
from xarxa.core.policies import deny

if TYPE_CHECKING:
    from xarxa.accounts.models import User
    from xarxa.catalogue.models import Service


class CataloguePerm(StrEnum):
    VIEW = "catalogue.view"  # the staff catalogue, with non-public contacts and capacity
    MANAGE = "catalogue.manage"  # edit and review entries, import and export


def administered_organisation_ids(user: User) -> frozenset[int] | None:
    """The organisations whose services the user administers: ``None`` for every one (the
    system administrator), else those where the user coordinates a team today. Default: none."""
    if not user.is_authenticated or not user.has_perm(CataloguePerm.MANAGE):
        return frozenset()
    if Role.SYSTEM_ADMIN in scope_for(user).roles:
        return None
    return frozenset(
        a.team.organisation_id for a in active_assignments(user) if a.role == Role.TEAM_COORDINATOR
    )


def may_administer(user: User, organisation_id: int | None) -> bool:
    """Create, edit every field of, and retire the services of this organisation."""
    ids = administered_organisation_ids(user)
    return ids is None or (organisation_id is not None and organisation_id in ids)


def require_administer(user: User, organisation_id: int | None, what: str = "") -> None:
    """Refuse (403, with an audit row) unless the user administers the organisation's
    services. Call it outside a write's transaction."""
    if not may_administer(user, organisation_id):
        raise deny(user, what or f"catalogue.organisation:{organisation_id}")


def is_own_team(user: User, service: Service) -> bool:
    """The service's own (receiving) team: it sees its figures unmasked."""
    return service.owner_team_id is not None and service.owner_team_id in scope_for(user).team_ids


def may_edit(user: User, service: Service) -> bool:
    """Its administrators edit an entry; its own team keeps the routine fields current."""
    if may_administer(user, service.organisation_id):
        return True
    return user.has_perm(CataloguePerm.VIEW) and is_own_team(user, service)


def require_edit(user: User, service: Service) -> None:
    """Refuse (403, with an audit row) unless the user may edit the entry. Call it
    outside a write's transaction: the refusal's audit row must not roll back with it."""
    if not may_edit(user, service):
        raise deny(user, f"catalogue.service:{service.pk}")
