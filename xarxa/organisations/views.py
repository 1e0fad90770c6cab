from django.core.paginator import Paginator
from django.shortcuts import render

from xarxa.core.policies import require_perm
from xarxa.organisations import selectors
from xarxa.organisations.models import OrganisationKind
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
    organisation = selectors.organisation_get_for(request.user, code=code)
    return render(request, "organisations/organisation_detail.html", {"organisation": organisation})
