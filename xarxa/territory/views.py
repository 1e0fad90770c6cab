from django.shortcuts import render

from xarxa.core.forms import OnDateForm
from xarxa.core.policies import require_perm
from xarxa.territory import selectors
from xarxa.territory.policies import TerritoryPerm


@require_perm(TerritoryPerm.VIEW)
def municipality_list(request):
    form = OnDateForm(request.GET or None)
    day = form.day()
    abss_code = request.GET.get("abss", "")[:20]
    municipalities = selectors.municipality_list_for(
        request.user, on=day, abss_code=abss_code, search=request.GET.get("q", "")[:100]
    )
    return render(
        request,
        "territory/municipality_list.html",
        {
            "form": form,
            "day": day,
            "municipalities": municipalities,
            "abss_list": selectors.abss_list_for(request.user, on=day),
            "abss_code": abss_code,
        },
    )


@require_perm(TerritoryPerm.VIEW)
def municipality_detail(request, ine_code):
    municipality = selectors.municipality_get_for(request.user, ine_code=ine_code)
    return render(request, "territory/municipality_detail.html", {"municipality": municipality})


@require_perm(TerritoryPerm.VIEW)
def abss_list(request):
    form = OnDateForm(request.GET or None)
    day = form.day()
    return render(
        request,
        "territory/abss_list.html",
        {"form": form, "day": day, "abss_list": selectors.abss_list_for(request.user, on=day)},
    )
