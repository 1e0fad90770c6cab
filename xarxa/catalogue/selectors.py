"""Reads of the catalogue. It holds no personal data: staff with the catalogue permission
see everything (capacity, waiting lists, non-public contacts); the public directory only
active entries and only the contacts their owners made public."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404

from xarxa.accounts.selectors import scope_for
from xarxa.catalogue.models import Service, ServiceStatus
from xarxa.catalogue.policies import CataloguePerm
from xarxa.core.policies import check_perm
from xarxa.territory.models import Municipality

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def _search(
    services: QuerySet[Service],
    *,
    text: str = "",
    kind: str = "",
    public: str = "",
    need: str = "",
    municipality: Municipality | None = None,
) -> list[Service]:
    if kind:
        services = services.filter(kind=kind)
    if municipality is not None:
        services = services.filter(areas=municipality)
    services = services.select_related("organisation").prefetch_related("areas", "locations")
    found = list(services.order_by("kind", "code").distinct())
    # Publics and needs are short JSON lists and texts are per language: filtered here,
    # over a catalogue of hundreds of entries (portable across both databases).
    if public:
        found = [s for s in found if public in s.publics or "everyone" in s.publics]
    if need:
        found = [s for s in found if need in s.needs]
    if text:
        words = text.casefold().split()
        found = [s for s in found if all(w in _haystack(s) for w in words)]
    return found


def _haystack(service: Service) -> str:
    parts = [service.organisation.name, service.code]
    for texts in service.texts.values():
        parts += [texts.get("name", ""), texts.get("description", "")]
    return " ".join(parts).casefold()


def search_place(ine_code: str) -> Municipality:
    """The municipality a search is narrowed to, by its INE code (public reference data);
    404 when there is none."""
    place = Municipality.objects.filter(ine_code=ine_code).first()
    if place is None:
        raise Http404
    return place


def catalogue_search_for(
    user: User,
    *,
    text: str = "",
    kind: str = "",
    public: str = "",
    need: str = "",
    municipality: Municipality | None = None,
) -> list[Service]:
    check_perm(user, CataloguePerm.VIEW)
    return _search(
        Service.objects.all(),
        text=text,
        kind=kind,
        public=public,
        need=need,
        municipality=municipality,
    )


def directory_search(
    *,
    text: str = "",
    kind: str = "",
    public: str = "",
    need: str = "",
    municipality: Municipality | None = None,
) -> list[Service]:
    """The public directory: active services, no personal data, no internal figures."""
    return _search(
        Service.objects.filter(status=ServiceStatus.ACTIVE),
        text=text,
        kind=kind,
        public=public,
        need=need,
        municipality=municipality,
    )


def directory_get(public_id: UUID) -> Service:
    """An active entry of the public directory; 404 otherwise."""
    try:
        return (
            Service.objects.select_related("organisation")
            .prefetch_related("areas", "locations__municipality")
            .get(public_id=public_id, status=ServiceStatus.ACTIVE)
        )
    except Service.DoesNotExist:
        raise Http404 from None


def service_get_for(user: User, public_id: UUID | str) -> Service:
    """One entry of the staff catalogue; 404 when there is none."""
    check_perm(user, CataloguePerm.VIEW)
    try:
        return (
            Service.objects.select_related("organisation", "owner_team")
            .prefetch_related("areas", "locations__municipality")
            .get(public_id=public_id)
        )
    except Service.DoesNotExist:
        raise Http404 from None


def stale_services_for(user: User) -> list[Service]:
    """Entries past their review date: for their owners (and the catalogue managers)."""
    check_perm(user, CataloguePerm.VIEW)
    services = Service.objects.exclude(status=ServiceStatus.DEFUNCT).select_related(
        "organisation", "owner_team"
    )
    if not user.has_perm(CataloguePerm.MANAGE):
        services = services.filter(Q(owner_team_id__in=scope_for(user).team_ids))
    return [s for s in services.order_by("reviewed_on") if s.is_stale]
