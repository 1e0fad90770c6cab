from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from xarxa.core.policies import require_perm
from xarxa.organisations import selectors
from xarxa.organisations.models import Organisation, OrganisationKind
from xarxa.organisations.policies import OrganisationsPerm


@require_perm(OrganisationsPerm.VIEW)
def organisation_list(request):
    kind = request.GET.get("kind", "")
    if kind not in OrganisationKind.values:
        kind = ""
    search = request.GET.get("q", "").strip()[:100]
    organisations = selectors.organisation_list_for(request.user, kind=kind, search=search)
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/organisation_list.html",
        {"page": page, "kind": kind, "q": search, "kinds": OrganisationKind.choices},
    )


@require_perm(OrganisationsPerm.VIEW)
def organisation_detail(request, code):
    try:
        organisation = selectors.organisation_get_for(request.user, code=code)
    except Organisation.DoesNotExist as missing:
        raise Http404 from missing
    return render(request, "organisations/organisation_detail.html", {"organisation": organisation})
