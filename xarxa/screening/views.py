"""Pages: start an assessment from the person's card, score it (draft), finalise it, and
compare a person's assessments over time as a table (levels 1-2 highlighted)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xarxa.core.charts import chart_svg
from xarxa.core.errors import REFUSALS, flash_refusal, form_errors
from xarxa.core.policies import require_perm
from xarxa.people.selectors import person_get_for
from xarxa.screening import selectors, services
from xarxa.screening.charts import comparison_chart
from xarxa.screening.forms import DependencyForm, TsoForm
from xarxa.screening.models import Assessment, Context
from xarxa.screening.policies import ScreeningPerm


@require_POST
@require_perm(ScreeningPerm.ASSESS)
def assessment_new(request, person_public_id):
    person = person_get_for(request.user, person_public_id).person
    instrument = selectors.instrument_active(request.POST.get("instrument", "ssm-cat"))
    try:
        assessment = services.assessment_start(
            actor=request.user,
            person=person,
            instrument=instrument,
            context=request.POST.get("context", Context.INTAKE),
            with_parenting=request.POST.get("with_parenting") == "on",
        )
    except REFUSALS as error:
        flash_refusal(request, error)
        return redirect("screening:person", person_public_id=person_public_id)
    return redirect("screening:assessment", public_id=assessment.public_id)


@require_perm(ScreeningPerm.ASSESS)
def assessment(request, public_id):
    item = selectors.assessment_get_for(request.user, public_id)
    domains = list(item.instrument.domains.all())
    if not item.with_parenting:
        domains = [d for d in domains if d.group == "core"]
    if request.method == "POST" and item.status == Assessment.Status.DRAFT:
        errors = _save_scores(request, item, domains)
        if not errors and "finalise" in request.POST:
            try:
                services.assessment_finalise(actor=request.user, assessment=item)
            except REFUSALS as error:
                flash_refusal(request, error)
                return redirect("screening:assessment", public_id=public_id)
        for message in errors:
            messages.error(request, message)
        if not errors:
            messages.success(request, _("Assessment saved."))
        return redirect("screening:assessment", public_id=public_id)
    scores = {s.domain_id: s for s in item.scores.all()}
    rows = [(d, scores.get(d.pk)) for d in domains]
    final = item.status == Assessment.Status.FINAL
    return render(
        request,
        "screening/assessment.html",
        {"assessment": item, "rows": rows, "levels": range(1, 6),
         "classification": item.classifications.select_related("rule").first(),
         "cases": selectors.assessed_cases_for(request.user, item) if final else []},
    )  # fmt: skip


def _save_scores(request, item, domains) -> list[str]:
    errors = []
    for domain in domains:
        value = request.POST.get(f"level-{domain.code}", "")
        if not value:
            continue
        try:
            services.score_set(
                actor=request.user,
                assessment=item,
                domain=domain,
                level=None if value == "na" else int(value),
                not_assessed=value == "na",
                justification=request.POST.get(f"why-{domain.code}", ""),
            )
        except (ValidationError, ValueError):
            errors.append(_("%(domain)s: give a level from 1 to 5.") % {"domain": domain.name})
    return errors


@require_perm(ScreeningPerm.ASSESS)
def person_assessments(request, person_public_id):
    person = person_get_for(request.user, person_public_id).person
    comparison = selectors.comparison_for(request.user, person)
    drafts = selectors.drafts_for(request.user, person)
    return render(
        request,
        "screening/person_assessments.html",
        {"person": person, "comparison": comparison, "drafts": drafts,
         "contexts": Context.choices, "chart": _chart(comparison)},
    )  # fmt: skip


def _chart(comparison):
    chart = comparison_chart(comparison)
    return chart_svg("screening/_comparison_chart.html", chart=chart) if chart else ""


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_perm(ScreeningPerm.VIEW_SEGMENTATION)
def segmentation(request):
    abss_id = _int(request.GET.get("abss"))
    result = selectors.segmentation_for(request.user, abss_id=abss_id)
    return render(
        request,
        "screening/segmentation.html",
        {"seg": result, "abss_choices": selectors.abss_choices(), "abss_id": abss_id,
         "levels": selectors.LEVELS},
    )  # fmt: skip


@require_perm(ScreeningPerm.VIEW_SEGMENTATION)
def segment_cases(request):
    abss_id = _int(request.GET.get("abss"))
    if abss_id is None:
        raise Http404
    level = request.GET.get("level") if request.GET.get("level") in selectors.LEVELS else None
    flag = request.GET.get("flag") if request.GET.get("flag") in selectors.FLAGS else None
    page = selectors.segment_cases_for(
        request.user, abss_id=abss_id, team_id=_int(request.GET.get("team")),
        professional_id=_int(request.GET.get("professional")), level=level, flag=flag,
        page=request.GET.get("page", 1),
    )  # fmt: skip
    return render(
        request,
        "screening/segment_cases.html",
        {"page": page, "level": level, "flag": flag, "query": request.GET.urlencode()},
    )


@require_perm(ScreeningPerm.ASSESS)
def older_person(request, person_public_id):
    """TSO results (recorded, never reproduced) and the dependency procedure."""
    person = person_get_for(request.user, person_public_id).person
    tso_form, dependency_form = TsoForm(prefix="tso"), DependencyForm(prefix="dep")
    if request.method == "POST":
        which = request.POST.get("record")
        if which == "tso":
            tso_form = TsoForm(request.POST, prefix="tso")
            form, service = tso_form, services.tso_record
        else:
            dependency_form = DependencyForm(request.POST, prefix="dep")
            form, service = dependency_form, services.dependency_record
        if form.is_valid():
            try:
                service(actor=request.user, person=person, **form.cleaned_data)
            except REFUSALS as error:
                form_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("screening:older_person", person_public_id=person_public_id)
    records = selectors.older_person_records_for(request.user, person)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "screening/older_person.html",
        {"person": person, "records": records, "tso_form": tso_form,
         "dependency_form": dependency_form},
        status=status,
    )  # fmt: skip
