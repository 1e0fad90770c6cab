"""Reads of the catalogue. It holds no personal data: staff with the catalogue permission
see everything (capacity, non-public contacts); the public directory only active entries
and only the contacts their owners made public. The people waiting for a service are
counted from its waiting list (accepted referrals not yet started, as
``referrals.selectors.waiting_list_for``), and the figure is a small cell (hidden under
``core.disclosure.MIN_CELL``) for anyone outside the service's own team."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.accounts.selectors import scope_for
from xarxa.catalogue.models import Service, ServiceStatus
from xarxa.catalogue.policies import CataloguePerm, administered_organisation_ids, is_own_team
from xarxa.core.disclosure import is_small
from xarxa.core.policies import check_perm
from xarxa.organisations.models import Organisation, Team
from xarxa.territory.models import Municipality

if TYPE_CHECKING:
    from xarxa.accounts.models import User


# The waiting list's state (referrals.states.State.ACCEPTED: accepted, not yet started);
# named here as a value because the catalogue sits below the referrals.
WAITING_STATE = "accepted"


def _waiting_counted(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.annotate(
        waiting_count=Count("referrals", filter=Q(referrals__state=WAITING_STATE), distinct=True)
    )


def with_waiting(user: User, services: list[Service]) -> list[Service]:
    """Set each entry's people waiting, as this reader may see it: the count for the
    service's own team, else the count unless it is a small cell (then hidden)."""
    for service in services:
        count = getattr(service, "waiting_count", None)
        if count is None:
            count = Service.objects.filter(pk=service.pk).aggregate(
                n=Count("referrals", filter=Q(referrals__state=WAITING_STATE))
            )["n"]
        hidden = is_small(count) and not is_own_team(user, service)
        service.waiting, service.waiting_hidden = (None if hidden else count), hidden
    return services


def _search(
    services: QuerySet[Service],
    *,
    text: str = "",
    kind: str = "",
    public: str = "",
    need: str = "",
    municipality: Municipality | None = None,
    retired: bool = True,
) -> list[Service]:
    if not retired:
        services = services.exclude(status=ServiceStatus.DEFUNCT)
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
    retired: bool = False,
) -> list[Service]:
    """The staff catalogue; retired entries only when asked for (``retired``)."""
    check_perm(user, CataloguePerm.VIEW)
    found = _search(
        _waiting_counted(Service.objects.all()),
        text=text,
        kind=kind,
        public=public,
        need=need,
        municipality=municipality,
        retired=retired,
    )
    return with_waiting(user, found)


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
        service = (
            _waiting_counted(Service.objects.all())
            .select_related("organisation", "owner_team")
            .prefetch_related("areas", "locations__municipality")
            .get(public_id=public_id)
        )
    except (Service.DoesNotExist, ValueError):
        raise Http404 from None
    return with_waiting(user, [service])[0]


def stale_services_for(user: User) -> list[Service]:
    """Entries past their review date: for their owners (and the catalogue managers)."""
    check_perm(user, CataloguePerm.VIEW)
    services = Service.objects.exclude(status=ServiceStatus.DEFUNCT).select_related(
        "organisation", "owner_team"
    )
    if not user.has_perm(CataloguePerm.MANAGE):
        services = services.filter(Q(owner_team_id__in=scope_for(user).team_ids))
    return [s for s in services.order_by("reviewed_on") if s.is_stale]


def administered_organisations_for(user: User) -> QuerySet[Organisation]:
    """The organisations whose services the user may create (none unless administrator)."""
    ids = administered_organisation_ids(user)
    organisations = Organisation.objects.order_by("name")
    return organisations if ids is None else organisations.filter(pk__in=ids)


def receiving_teams_for(user: User) -> QuerySet[Team]:
    """The teams a service's referrals may go to (today's teams of any organisation)."""
    check_perm(user, CataloguePerm.VIEW)
    return Team.objects.valid_on(timezone.localdate()).select_related("organisation")


def receiving_team_get(user: User, team_id: int | None) -> Team | None:
    """A receiving team by its id, for the API; ValidationError when unknown."""
    if team_id is None:
        return None
    team = receiving_teams_for(user).filter(pk=team_id).first()
    if team is None:
        raise ValidationError({"receiving_team": _("There is no such team today.")})
    return team


def administered_organisation_get(user: User, code: str) -> Organisation:
    """An organisation by code, for creating a service; ValidationError when unknown."""
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is None:
        raise ValidationError({"organisation": _("There is no such organisation.")})
    return organisation


def areas_get(ine_codes: list[str]) -> list[Municipality]:
    """Municipalities by INE code, for the API; ValidationError naming unknown codes."""
    found = list(Municipality.objects.filter(ine_code__in=ine_codes))
    unknown = sorted(set(ine_codes) - {m.ine_code for m in found})
    if unknown:
        raise ValidationError({"areas": _("Unknown INE codes: %s") % ", ".join(unknown)})
    return found
