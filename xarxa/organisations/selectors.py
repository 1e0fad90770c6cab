from django.db.models import Count, Prefetch
from django.utils import timezone

from xarxa.core.policies import check_perm
from xarxa.organisations.models import Organisation, Team
from xarxa.organisations.policies import OrganisationsPerm


def organisation_list_for(user, *, kind: str = "", search: str = ""):
    check_perm(user, OrganisationsPerm.VIEW)
    organisations = Organisation.objects.select_related("municipality", "abss").annotate(
        team_count=Count("teams")
    )
    if kind:
        organisations = organisations.filter(kind=kind)
    if search:
        organisations = organisations.filter(name__icontains=search)
    return organisations.order_by("name")


def organisation_get_for(user, *, code: str) -> Organisation:
    check_perm(user, OrganisationsPerm.VIEW)
    teams = Team.objects.valid_on(timezone.localdate()).select_related("abss")
    return (
        Organisation.objects.select_related("municipality", "abss")
        .prefetch_related(Prefetch("teams", queryset=teams.order_by("name"), to_attr="current"))
        .get(code=code)
    )
