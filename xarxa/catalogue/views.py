"""The staff catalogue (every entry, with places and waiting lists) and the public
directory (active entries, public contacts only, in the reader's language)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.catalogue import policies, selectors, services
from xarxa.catalogue.forms import CatalogueSearchForm, ServiceCreateForm, ServiceEditForm
from xarxa.catalogue.policies import CataloguePerm
from xarxa.core.errors import REFUSALS, flash_refusal, form_errors
from xarxa.core.middleware import public
from xarxa.core.policies import require_perm


@require_perm(CataloguePerm.VIEW)
def service_list(request):
    form = CatalogueSearchForm(request.GET or None)
    retired = request.GET.get("retired") == "1"
    found = selectors.catalogue_search_for(request.user, **form.filters(), retired=retired)
    stale_only = request.GET.get("stale") == "1"
    if stale_only:
        found = [s for s in found if s.is_stale]
    may_create = policies.administered_organisation_ids(request.user) != frozenset()
    return render(
        request,
        "catalogue/service_list.html",
        {
            "form": form,
            "services": found,
            "stale_only": stale_only,
            "retired": retired,
            "may_create": may_create,
        },
    )


@require_perm(CataloguePerm.VIEW)
def service_create(request):
    organisations = selectors.administered_organisations_for(request.user)
    if not organisations.exists():
        policies.require_administer(request.user, None, "catalogue.service:create")
    form = ServiceCreateForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        teams=selectors.receiving_teams_for(request.user),
        initial={"answer_within": 10, "confidentiality": "ordinary", "status": "active"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        try:
            service = services.service_create(
                actor=request.user,
                organisation=data.pop("organisation"),
                code=data.pop("code"),
                data=data,
                texts=form.texts(),
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Service created."))
            return redirect("catalogue:service_detail", public_id=service.public_id)
    return render(request, "catalogue/service_create.html", {"form": form})


@require_perm(CataloguePerm.VIEW)
def service_detail(request, public_id):
    service = selectors.service_get_for(request.user, public_id)
    return render(
        request,
        "catalogue/service_detail.html",
        {
            "service": service,
            "may_edit": policies.may_edit(request.user, service),
            "may_retire": policies.may_administer(request.user, service.organisation_id)
            and service.status != "defunct",
        },
    )


@require_perm(CataloguePerm.VIEW)
def service_edit(request, public_id):
    service = selectors.service_get_for(request.user, public_id)
    policies.require_edit(request.user, service)
    administer = policies.may_administer(request.user, service.organisation_id)
    form = ServiceEditForm.for_service(
        service,
        request.POST if request.method == "POST" else None,
        administer=administer,
        teams=selectors.receiving_teams_for(request.user) if administer else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.data_for_service()
        try:
            services.service_update(
                actor=request.user,
                service=service,
                data=data,
                texts=form.texts(),
                expected_version=data.pop("version"),
            )
        except REFUSALS as error:
            form_errors(form, error)
        else:
            messages.success(request, _("Entry saved and marked as reviewed."))
            return redirect("catalogue:service_detail", public_id=public_id)
    return render(request, "catalogue/service_edit.html", {"service": service, "form": form})


@require_POST
@require_perm(CataloguePerm.VIEW)
def service_retire(request, public_id):
    service = selectors.service_get_for(request.user, public_id)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.service_retire(actor=request.user, service=service, expected_version=version)
    except REFUSALS as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Service retired: it is no longer offered for referrals."))
    return redirect("catalogue:service_detail", public_id=public_id)


@require_POST
@require_perm(CataloguePerm.VIEW)
def service_review(request, public_id):
    service = selectors.service_get_for(request.user, public_id)
    services.service_review(actor=request.user, service=service)
    messages.success(request, _("Marked as reviewed today."))
    return redirect("catalogue:service_detail", public_id=public_id)


@public
def directory(request):
    form = CatalogueSearchForm(request.GET or None)
    return render(
        request,
        "catalogue/directory.html",
        {"form": form, "services": selectors.directory_search(**form.filters())},
    )


@public
def directory_entry(request, public_id):
    service = selectors.directory_get(public_id)
    return render(request, "catalogue/directory_entry.html", {"service": service})
