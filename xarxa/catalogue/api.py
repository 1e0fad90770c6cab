"""The catalogue under /api/v1/catalogue: search, one entry, and HSDS 3.0 export and
import (the same services as the command line)."""

import json
from typing import Any
from uuid import UUID

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from xarxa.catalogue import selectors
from xarxa.catalogue.hsds import service_to_hsds
from xarxa.catalogue.models import Service
from xarxa.catalogue.policies import CataloguePerm
from xarxa.catalogue.services import import_hsds
from xarxa.core.errors import problem
from xarxa.core.policies import check_perm

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
    special_category: str  # the special category its team reads ("" none)
    stale: bool

    @staticmethod
    def resolve_provider(obj: Service) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_municipalities(obj: Service) -> list[str]:
        return [m.ine_code for m in obj.areas.all()]

    @staticmethod
    def resolve_stale(obj: Service) -> bool:
        return obj.is_stale


class ImportOut(Schema):
    created: int
    updated: int


class RejectedItem(Schema):
    item: int  # its position in the file, from 1
    id: str
    reasons: list[str]


class ImportRefused(Schema):
    """A problem document (422) listing every rejected item; nothing was changed."""

    type: str
    title: str
    status: int
    rejected: list[RejectedItem]


@router.get("", response=list[ServiceOut])
def search(
    request, q: str = "", need: str = "", public: str = "", kind: str = "", municipality: str = ""
):
    """Filter by words, need (problem group), public, kind and municipality (INE code)."""
    place = selectors.search_place(municipality) if municipality else None
    return selectors.catalogue_search_for(
        request.auth, text=q[:100], need=need, public=public, kind=kind, municipality=place
    )


@router.get("/hsds")
def export_hsds(request, language: str = "ca") -> list[dict[str, Any]]:
    """The whole catalogue as a JSON list of HSDS 3.0 services (compiled form)."""
    check_perm(request.auth, CataloguePerm.VIEW)
    services = selectors.catalogue_search_for(request.auth)
    return [
        service_to_hsds(s, language if language in ("ca", "es", "en") else "ca") for s in services
    ]


@router.post("/hsds", response={200: ImportOut, 422: ImportRefused})
def import_services(request) -> ImportOut | HttpResponse:
    """Load HSDS 3.0 services (a JSON list). All or nothing: any rejected item is listed
    with its reasons and nothing changes."""
    check_perm(request.auth, CataloguePerm.MANAGE)
    try:
        items = json.loads(request.body or b"null")
    except ValueError:
        items = None
    report = import_hsds(items, actor=request.auth)
    if not report.ok:
        rejected = [
            RejectedItem(item=n, id=item_id, reasons=reasons)
            for n, item_id, reasons in report.rejected
        ]
        return problem(
            request,
            422,
            _("Some services were rejected; nothing was changed."),
            rejected=[r.model_dump() for r in rejected],
        )
    return ImportOut(created=report.created, updated=report.updated)


@router.get("/{uuid:public_id}", response=ServiceOut)
def detail(request, public_id: UUID):
    return selectors.service_get_for(request.auth, public_id)
