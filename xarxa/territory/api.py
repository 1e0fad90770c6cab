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


class AbssOut(Schema):
    code: str
    name: str
    municipalities: list[str]


def _municipality_out(m) -> dict:
    comarca = m.comarca_then[0].comarca.name if m.comarca_then else None
    abss = m.abss_then[0].abss.code if m.abss_then else None
    return {
        "ine_code": m.ine_code,
        "name": m.name,
        "province": m.province,
        "population": m.population,
        "comarca": comarca,
        "abss": abss,
        "verified": m.verified and all(x.verified for x in m.comarca_then + m.abss_then),
    }


@router.get("/municipalities", response=list[MunicipalityOut])
def municipalities(request, on: date | None = None, abss: str = ""):
    """Municipalities with their comarca and ABSS as they stood on a date (default today)."""
    day = on or timezone.localdate()
    rows = selectors.municipality_list_for(request.auth, on=day, abss_code=abss)
    return [_municipality_out(m) for m in rows]


@router.get("/municipalities/{ine_code}", response=MunicipalityOut)
def municipality(request, ine_code: str, on: date | None = None):
    day = on or timezone.localdate()
    rows = [
        m for m in selectors.municipality_list_for(request.auth, on=day) if m.ine_code == ine_code
    ]
    if not rows:
        raise Http404
    return _municipality_out(rows[0])


@router.get("/abss", response=list[AbssOut])
def abss_list(request, on: date | None = None):
    day = on or timezone.localdate()
    return [
        {
            "code": a.code,
            "name": a.name,
            "municipalities": [m.municipality.ine_code for m in a.then],
        }
        for a in selectors.abss_list_for(request.auth, on=day)
    ]
