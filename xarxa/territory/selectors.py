"""Reads of the territory. Public reference data: no person, so no audit row."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from xarxa.core.policies import check_perm
from xarxa.core.types import Actor
from xarxa.territory.models import Abss, AbssMembership, ComarcaMembership, Municipality
from xarxa.territory.policies import TerritoryPerm


def municipality_list_for(
    user: Actor, *, on: date, abss_code: str = "", search: str = "", ine_code: str = ""
) -> QuerySet[Municipality]:
    """Municipalities with their comarca and ABSS as they stood on ``on``."""
    check_perm(user, TerritoryPerm.VIEW)
    comarca_then = ComarcaMembership.objects.valid_on(on).select_related("comarca")
    abss_then = AbssMembership.objects.valid_on(on).select_related("abss")
    municipalities = Municipality.objects.prefetch_related(
        Prefetch("comarca_memberships", queryset=comarca_then, to_attr="comarca_then"),
        Prefetch("abss_memberships", queryset=abss_then, to_attr="abss_then"),
    )
    if abss_code:
        municipalities = municipalities.filter(
            abss_memberships__in=abss_then.filter(abss__code=abss_code)
        )
    if search:
        municipalities = municipalities.filter(name__icontains=search)
    if ine_code:
        municipalities = municipalities.filter(ine_code=ine_code)
    return municipalities.order_by("name")


def municipality_get_for(user: Actor, *, ine_code: str) -> Municipality:
    check_perm(user, TerritoryPerm.VIEW)
    found = Municipality.objects.prefetch_related(
        Prefetch(
            "comarca_memberships",
            queryset=ComarcaMembership.objects.select_related("comarca").order_by("valid_from"),
        ),
        Prefetch(
            "abss_memberships",
            queryset=AbssMembership.objects.select_related("abss").order_by("valid_from"),
        ),
    ).filter(ine_code=ine_code)
    if not found:
        raise Http404
    return found[0]


def abss_list_for(user: Actor, *, on: date) -> QuerySet[Abss]:
    check_perm(user, TerritoryPerm.VIEW)
    members = AbssMembership.objects.valid_on(on).select_related("municipality")
    return Abss.objects.prefetch_related(
        Prefetch("memberships", queryset=members.order_by("municipality__name"), to_attr="then")
    )


def abss_for_municipality(municipality: Municipality, on: date) -> Abss | None:
    """The ABSS that serves a municipality on a date (a person's ABSS follows from this)."""
    membership = (
        AbssMembership.objects.valid_on(on)
        .filter(municipality=municipality)
        .select_related("abss")
        .first()
    )
    return membership.abss if membership else None


def municipality_of(
    value: Municipality | str | None, field: str = "municipality"
) -> Municipality | None:
    """A municipality given as itself (a page's choice) or by its INE code (the API):
    an unknown code is refused on ``field``, so page and API cannot disagree."""
    if value is None or value == "":
        return None
    if isinstance(value, Municipality):
        return value
    found = Municipality.objects.filter(ine_code=str(value)).first()
    if found is None:
        raise ValidationError({field: _("Unknown municipality code.")}, code="unknown")
    return found


def abss_of(value: Abss | str, field: str = "abss") -> Abss:
    """An ABSS given as itself or by its code; an unknown code is refused on ``field``."""
    if isinstance(value, Abss):
        return value
    found = Abss.objects.filter(code=str(value)).first()
    if found is None:
        raise ValidationError({field: _("Choose one of the options offered.")}, code="unknown")
    return found
