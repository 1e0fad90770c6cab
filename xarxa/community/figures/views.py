"""The figures page and its CSV and XLSX downloads."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from xarxa.community.figures import export, selectors
from xarxa.community.figures.forms import FiguresForm
from xarxa.community.policies import CommunityPerm
from xarxa.core.policies import require_perm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_perm(CommunityPerm.VIEW_FIGURES)
def figures(request, fmt="html"):
    params = request.GET.copy()
    params.setdefault("year", str(timezone.localdate().year))
    params.setdefault("rows", "axis")
    params.setdefault("cols", "gender")
    form = FiguresForm(params, subjects=[("", "—"), *selectors.subjects_for(request.user)])
    if form.is_valid():
        data = form.cleaned_data
    else:
        data = {"year": timezone.localdate().year, "rows": "axis", "cols": "gender", "subject": ""}
    subject = selectors.subject_from_key(request.user, request.GET.get("subject", "")[:80])
    result = selectors.figures_for(
        request.user, year=data["year"], subject=subject, rows=data["rows"], cols=data["cols"]
    )
    if fmt == "csv":
        export.export_record(request.user, result, "csv")
        response = HttpResponse(export.export_csv(result), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="omnia-{result.year}.csv"'
        return response
    if fmt == "xlsx":
        export.export_record(request.user, result, "xlsx")
        response = HttpResponse(export.export_xlsx(result), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="omnia-{result.year}.xlsx"'
        return response
    return render(
        request,
        "community/figures.html",
        {"form": form, "figures": result, "query": request.GET.urlencode()},
    )
