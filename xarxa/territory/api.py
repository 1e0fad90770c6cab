from datetime import date

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema

from xarxa.territory import selectors

router = Router(tags=["territory"])


class MunicipalityOut(Schema):
    ine_code: str
    name: str
    province: str
    population: int | None
    comarca: str | None
    abss: str | None
    verified: bool

    # The selector prefetches the memberships valid on the asked date.
    @staticmethod
    def resolve_comarca(m):
        return m.comarca_then[0].comarca.name if m.comarca_then else None

    @staticmethod
    def resolve_abss(m):
        return m.abss_then[0].abss.code if m.abss_then else None

    @staticmethod
    def resolve_verified(m):
        return m.verified and all(x.verified for x in m.comarca_then + m.abss_then)


class AbssOut(Schema):
    code: str
    name: str
    municipalities: list[str]

    @staticmethod
    def resolve_municipalities(a):
        return [m.municipality.ine_code for m in a.then]


@router.get("/municipalities", response=list[MunicipalityOut])
def municipalities(request, on: date | None = None, abss: str = ""):
    """Municipalities with their comarca and ABSS as they stood on a date (default today)."""
    day = on or timezone.localdate()
    return selectors.municipality_list_for(request.auth, on=day, abss_code=abss)


@router.get("/municipalities/{ine_code}", response=MunicipalityOut)
def municipality(request, ine_code: str, on: date | None = None):
    day = on or timezone.localdate()
    found = selectors.municipality_list_for(request.auth, on=day, ine_code=ine_code)
    if not found:
        raise Http404
    return found[0]


@router.get("/abss", response=list[AbssOut])
def abss_list(request, on: date | None = None):
    day = on or timezone.localdate()
    return selectors.abss_list_for(request.auth, on=day)
