from ninja import Field, Router, Schema

from xarxa.organisations import selectors

router = Router(tags=["organisations"])


class TeamOut(Schema):
    name: str
    kind: str
    abss: str | None = Field(None, alias="abss.code")


class OrganisationOut(Schema):
    code: str
    name: str
    kind: str
    municipality: str | None = Field(None, alias="municipality.ine_code")
    abss: str | None = Field(None, alias="abss.code")


class OrganisationDetailOut(OrganisationOut):
    teams: list[TeamOut] = Field(alias="current")


@router.get("", response=list[OrganisationOut])
def organisation_list(request, kind: str = "", q: str = ""):
    return selectors.organisation_list_for(request.auth, kind=kind, search=q)


@router.get("/{code}", response=OrganisationDetailOut)
def organisation_detail(request, code: str):
    return selectors.organisation_get_for(request.auth, code=code)
