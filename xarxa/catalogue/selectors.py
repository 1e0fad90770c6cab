"""Reads of the catalogue. It holds no personal data: staff with the catalogue permission
see everything (capacity, waiting lists, non-public contacts); the public directory only
active entries and only the contacts their owners made public."""

from django.db.models import Q

from xarxa.catalogue.models import Service, ServiceStatus
from xarxa.catalogue.policies import CataloguePerm
from xarxa.core.policies import check_perm


def _search(services, *, text="", kind="", public="", need="", municipality=None):
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


def _haystack(service) -> str:
    parts = [service.organisation.name, service.code]
    for texts in service.texts.values():
        parts += [texts.get("name", ""), texts.get("description", "")]
    return " ".join(parts).casefold()


def catalogue_search_for(user, **filters) -> list[Service]:
    check_perm(user, CataloguePerm.VIEW)
    return _search(Service.objects.all(), **filters)


def directory_search(**filters) -> list[Service]:
    """The public directory: active services, no personal data, no internal figures."""
    return _search(Service.objects.filter(status=ServiceStatus.ACTIVE), **filters)


def directory_get(public_id) -> Service:
    return (
        Service.objects.select_related("organisation")
        .prefetch_related("areas", "locations__municipality")
        .get(public_id=public_id, status=ServiceStatus.ACTIVE)
    )


def service_get_for(user, public_id) -> Service:
    check_perm(user, CataloguePerm.VIEW)
    return (
        Service.objects.select_related("organisation", "owner_team")
        .prefetch_related("areas", "locations__municipality")
        .get(public_id=public_id)
    )


def stale_services_for(user) -> list[Service]:
    """Entries past their review date: for their owners (and the catalogue managers)."""
    check_perm(user, CataloguePerm.VIEW)
    from xarxa.accounts.selectors import scope_for

    services = Service.objects.exclude(status=ServiceStatus.DEFUNCT).select_related(
        "organisation", "owner_team"
    )
    if not user.has_perm(CataloguePerm.MANAGE):
        services = services.filter(Q(owner_team_id__in=scope_for(user).team_ids))
    return [s for s in services.order_by("reviewed_on") if s.is_stale]
