from django.http import Http404
from ninja import Router, Schema

from xarxa.organisations import selectors
from xarxa.organisations.models import Organisation

router = Router(tags=["organisations"])


class TeamOut(Schema):
    name: str
    kind: str
    abss: str | None


class OrganisationOut(Schema):
    code: str
    name: str
    kind: str
    municipality: str | None
    abss: str | None


class OrganisationDetailOut(OrganisationOut):
    teams: list[TeamOut]


def _out(o) -> dict:
    return {
        "code": o.code,
        "name": o.name,
        "kind": o.kind,
        "municipality": o.municipality.ine_code if o.municipality else None,
        "abss": o.abss.code if o.abss else None,
    }


@router.get("", response=list[OrganisationOut])
def organisation_list(request, kind: str = "", q: str = ""):
    return [_out(o) for o in selectors.organisation_list_for(request.auth, kind=kind, search=q)]


@router.get("/{code}", response=OrganisationDetailOut)
def organisation_detail(request, code: str):
    try:
        o = selectors.organisation_get_for(request.auth, code=code)
    except Organisation.DoesNotExist as missing:
        raise Http404 from missing
    teams = [
        {"name": t.name, "kind": t.kind, "abss": t.abss.code if t.abss else None} for t in o.current
    ]
    return {**_out(o), "teams": teams}
