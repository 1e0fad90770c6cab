"""Pages of the network's shared knowledge: the resource library and the news."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xarxa.community.activities.models import Axis
from xarxa.community.competences import DIGCOMP_COMPETENCES, labels
from xarxa.community.knowledge import selectors, services
from xarxa.community.knowledge.forms import NewsForm, ResourceForm
from xarxa.community.policies import CommunityPerm
from xarxa.core.errors import REFUSALS, form_errors
from xarxa.core.policies import check_perm, require_perm


@require_perm(CommunityPerm.VIEW)
def library(request):
    form = ResourceForm(request.POST or None)
    if request.method == "POST":
        check_perm(request.user, CommunityPerm.SHARE)
        if form.is_valid():
            try:
                services.resource_share(actor=request.user, **form.cleaned_data)
            except REFUSALS as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Thank you: the resource is in the library."))
                return redirect("community:library")
    search = request.GET.get("q", "").strip()[:100]
    axis = request.GET.get("axis", "")
    axis = axis if axis in Axis.values else ""
    competence = request.GET.get("competence", "")
    competence = competence if competence in DIGCOMP_COMPETENCES else ""
    resources = selectors.resource_list_for(
        request.user, search=search, axis=axis, competence=competence
    )
    for resource in resources:
        resource.axis_labels = [str(Axis(a).label) for a in resource.axes]
        resource.competence_labels = labels(resource.digcomp, DIGCOMP_COMPETENCES)
    return render(
        request,
        "community/library.html",
        {
            "resources": resources,
            "form": form,
            "q": search,
            "axis": axis,
            "competence": competence,
            "axes": Axis.choices,
            "competences": list(DIGCOMP_COMPETENCES.items()),
            "can_share": request.user.has_perm(CommunityPerm.SHARE),
        },
        status=400 if form.errors else 200,
    )


@require_perm(CommunityPerm.VIEW)
def news(request):
    form = NewsForm(request.POST or None)
    if request.method == "POST":
        check_perm(request.user, CommunityPerm.PUBLISH_NEWS)
        if form.is_valid():
            try:
                services.news_publish(actor=request.user, **form.cleaned_data)
            except REFUSALS as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Published to every facilitator."))
                return redirect("community:news")
    return render(
        request,
        "community/news.html",
        {
            "news": selectors.news_list_for(request.user),
            "form": form,
            "can_publish": request.user.has_perm(CommunityPerm.PUBLISH_NEWS),
        },
        status=400 if form.errors else 200,
    )
