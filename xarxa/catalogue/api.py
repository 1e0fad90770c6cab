"""The catalogue under /api/v1/catalogue: search, one entry, and HSDS 3.0 export and
import (the same services as the command line)."""

from uuid import UUID

from django.http import Http404
from ninja import Router, Schema, Status

from xarxa.catalogue import selectors
from xarxa.catalogue.hsds import service_to_hsds
from xarxa.catalogue.models import Service
from xarxa.catalogue.policies import CataloguePerm
from xarxa.catalogue.services import import_hsds
from xarxa.core.policies import check_perm
from xarxa.territory.models import Municipality

router = Router(tags=["catalogue"])


class ServiceOut(Schema):
    public_id: UUID
    code: str
    name: str
    description: str
    kind: str
    status: str
    provider: str
    publics: list[str]
    needs: list[str]
    municipalities: list[str]  # INE codes
    capacity: int | None
    waiting: int | None
    answer_within: int  # working days
    first_appointment_within: int | None  # days after accepting
    guaranteed: bool
    confidentiality: str
    stale: bool


def _out(service: Service) -> dict:
    return {
        "public_id": service.public_id,
        "code": service.code,
        "name": service.name,
        "description": service.description,
        "kind": service.kind,
        "status": service.status,
        "provider": service.organisation.name,
        "publics": service.publics,
        "needs": service.needs,
        "municipalities": [m.ine_code for m in service.areas.all()],
        "capacity": service.capacity,
        "waiting": service.waiting,
        "answer_within": service.answer_within,
        "first_appointment_within": service.first_appointment_within,
        "guaranteed": service.guaranteed,
        "confidentiality": service.confidentiality,
        "stale": service.is_stale,
    }


@router.get("", response=list[ServiceOut])
def search(
    request, q: str = "", need: str = "", public: str = "", kind: str = "", municipality: str = ""
):
    """Filter by words, need (problem group), public, kind and municipality (INE code)."""
    place = Municipality.objects.filter(ine_code=municipality).first() if municipality else None
    if municipality and place is None:
        raise Http404
    found = selectors.catalogue_search_for(
        request.auth, text=q[:100], need=need, public=public, kind=kind, municipality=place
    )
    return [_out(s) for s in found]


@router.get("/hsds")
def export_hsds(request, language: str = "ca"):
    """The whole catalogue as a JSON list of HSDS 3.0 services (compiled form)."""
    check_perm(request.auth, CataloguePerm.VIEW)
    services = selectors.catalogue_search_for(request.auth)
    return [
        service_to_hsds(s, language if language in ("ca", "es", "en") else "ca") for s in services
    ]


class ImportOut(Schema):
    created: int
    updated: int


@router.post("/hsds", response={200: ImportOut, 422: dict})
def import_services(request):
    """Load HSDS 3.0 services (a JSON list). All or nothing: any rejected item is listed
    with its reasons and nothing changes."""
    import json

    check_perm(request.auth, CataloguePerm.MANAGE)
    try:
        items = json.loads(request.body or b"null")
    except ValueError:
        items = None
    report = import_hsds(items, actor=request.auth)
    if not report.ok:
        return Status(
            422,
            {
                "title": "Some services were rejected; nothing was changed.",
                "rejected": [
                    {"item": n, "id": item_id, "reasons": reasons}
                    for n, item_id, reasons in report.rejected
                ],
            },
        )
    return Status(200, {"created": report.created, "updated": report.updated})


@router.get("/{uuid:public_id}", response=ServiceOut)
def detail(request, public_id: UUID):
    try:
        return _out(selectors.service_get_for(request.auth, public_id))
    except Service.DoesNotExist:
        raise Http404 from None
