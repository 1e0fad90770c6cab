from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from xarxa.core.policies import check_perm
from xarxa.core.types import Actor
from xarxa.organisations.models import Organisation, Team
from xarxa.organisations.policies import OrganisationsPerm


def organisation_list_for(
    user: Actor, *, kind: str = "", search: str = ""
) -> QuerySet[Organisation]:
    check_perm(user, OrganisationsPerm.VIEW)
    organisations = Organisation.objects.select_related("municipality", "abss").annotate(
        team_count=Count("teams")
    )
    if kind:
        organisations = organisations.filter(kind=kind)
    if search:
        organisations = organisations.filter(name__icontains=search)
    return organisations.order_by("name")


def organisation_get_for(user: Actor, *, code: str) -> Organisation:
    check_perm(user, OrganisationsPerm.VIEW)
    teams = Team.objects.valid_on(timezone.localdate()).select_related("abss")
    found = (
        Organisation.objects.select_related("municipality", "abss")
        .prefetch_related(Prefetch("teams", queryset=teams.order_by("name"), to_attr="current"))
        .filter(code=code)
        .first()
    )
    if found is None:
        raise Http404
    return found
