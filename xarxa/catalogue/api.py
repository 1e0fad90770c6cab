"""The catalogue under /api/v1/catalogue: search, one entry, create, change and retire
an entry (the same services as the pages), and HSDS 3.0 export and import (the same
services as the command line)."""

import json
from typing import Any
from uuid import UUID

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from xarxa.catalogue import selectors, services
from xarxa.catalogue.hsds import service_to_hsds
from xarxa.catalogue.models import Service
from xarxa.catalogue.policies import CataloguePerm
from xarxa.catalogue.services import import_hsds
from xarxa.core.errors import problem
from xarxa.core.policies import check_perm
from xarxa.core.schemas import In

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
    waiting: int | None  # from the waiting list; None when hidden (a small cell)
    waiting_hidden: bool  # fewer than 5, shown only to the service's own team
    answer_within: int  # working days
    first_appointment_within: int | None  # days after accepting
    guaranteed: bool
    confidentiality: str
    special_category: str  # the special category its team reads ("" none)
    receiving_team: int | None = Field(alias="owner_team_id")
    languages: list[str]
    version: int
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


class Texts(In):
    name: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=4000)


class ServiceChange(In):
    """The fields of an entry; each optional (only those given change)."""

    kind: str | None = None
    status: str | None = None
    texts: dict[str, Texts] | None = None  # by language: ca, es, en
    receiving_team: int | None = None
    publics: list[str] | None = None
    needs: list[str] | None = None
    areas: list[str] | None = None  # INE codes
    languages: list[str] | None = None
    capacity: int | None = Field(default=None, ge=0)
    answer_within: int | None = None
    first_appointment_within: int | None = None
    guaranteed: bool | None = None
    confidentiality: str | None = None
    special_category: str | None = None
    minimum_age: int | None = Field(default=None, ge=0)
    maximum_age: int | None = Field(default=None, ge=0)
    phone: str | None = Field(default=None, max_length=30)
    email: str | None = Field(default=None, max_length=254)
    url: str | None = Field(default=None, max_length=200)
    contact_public: bool | None = None


class ServiceIn(ServiceChange):
    code: str = Field(max_length=80)
    organisation: str  # the provider's code


class ServicePatch(ServiceChange):
    version: int  # the version read: a stale change is refused (409)


class RetireIn(In):
    version: int


def _change(request, body: ServiceChange) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    given = body.model_dump(exclude_unset=True, exclude={"code", "organisation", "version"})
    texts = {
        language: {k: v for k, v in values.items() if v is not None}
        for language, values in (given.pop("texts", None) or {}).items()
    }
    if "receiving_team" in given:
        given["owner_team"] = selectors.receiving_team_get(
            request.auth, given.pop("receiving_team")
        )
    if "areas" in given:
        given["areas"] = selectors.areas_get(given["areas"] or [])
    return given, texts


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
    request,
    q: str = "",
    need: str = "",
    public: str = "",
    kind: str = "",
    municipality: str = "",
    retired: bool = False,
):
    """Filter by words, need (problem group), public, kind and municipality (INE code);
    retired entries only with ``retired=true``."""
    place = selectors.search_place(municipality) if municipality else None
    return selectors.catalogue_search_for(
        request.auth,
        text=q[:100],
        need=need,
        public=public,
        kind=kind,
        municipality=place,
        retired=retired,
    )


@router.get("/hsds")
def export_hsds(request, language: str = "ca") -> list[dict[str, Any]]:
    """The whole catalogue as a JSON list of HSDS 3.0 services (compiled form)."""
    check_perm(request.auth, CataloguePerm.VIEW)
    services = selectors.catalogue_search_for(request.auth, retired=True)
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


@router.post("", response={201: ServiceOut})
def create(request, body: ServiceIn):
    """A new entry, by an administrator of its organisation (403 otherwise); bad values:
    422 naming each field."""
    check_perm(request.auth, CataloguePerm.VIEW)
    organisation = selectors.administered_organisation_get(request.auth, body.organisation)
    data, texts = _change(request, body)
    service = services.service_create(
        actor=request.auth, organisation=organisation, code=body.code, data=data, texts=texts
    )
    return Status(201, selectors.service_get_for(request.auth, service.public_id))


@router.get("/{uuid:public_id}", response=ServiceOut)
def detail(request, public_id: UUID):
    return selectors.service_get_for(request.auth, public_id)


@router.patch("/{uuid:public_id}", response=ServiceOut)
def change(request, public_id: UUID, body: ServicePatch):
    """Change the fields given; the owning team its routine fields, an administrator any.
    A stale version: 409, nothing changed."""
    service = selectors.service_get_for(request.auth, public_id)
    data, texts = _change(request, body)
    services.service_update(
        actor=request.auth,
        service=service,
        data=data,
        texts=texts,
        expected_version=body.version,
    )
    return selectors.service_get_for(request.auth, public_id)


@router.post("/{uuid:public_id}/retire", response=ServiceOut)
def retire(request, public_id: UUID, body: RetireIn):
    """Retire the entry (an administrator): kept with its history and referrals, no longer
    offered for new referrals."""
    service = selectors.service_get_for(request.auth, public_id)
    services.service_retire(actor=request.auth, service=service, expected_version=body.version)
    return selectors.service_get_for(request.auth, public_id)
