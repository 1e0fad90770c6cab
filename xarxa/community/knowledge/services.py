"""Writes to the network's shared knowledge: the library and the news."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xarxa.community.activities.models import Axis
from xarxa.community.common import codes
from xarxa.community.competences import DIGCOMP_COMPETENCES
from xarxa.community.knowledge.models import News, Resource, ResourceKind
from xarxa.community.points.models import Point
from xarxa.community.points.policies import point_scope_for
from xarxa.community.policies import CommunityPerm
from xarxa.core.audit import audit_record
from xarxa.core.links import WEB_LINK_MESSAGE, is_web_link
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def resource_share(
    *,
    actor: User,
    title: str,
    kind: str,
    summary: str,
    link: str = "",
    axes: Iterable[str] = (),
    digcomp: Iterable[str] = (),
) -> Resource:
    check_perm(actor, CommunityPerm.SHARE)
    errors = {}
    if not title.strip():
        errors["title"] = _("The resource needs a title.")
    if not summary.strip():
        errors["summary"] = _("Say in a few words what it is and how to use it.")
    if kind not in ResourceKind.values:
        errors["kind"] = _("Choose one of the options offered.")
    if link and not is_web_link(link.strip()):
        errors["link"] = str(WEB_LINK_MESSAGE)
    if errors:
        raise ValidationError(errors)
    axis_codes = codes(axes, Axis.values, "axes")
    digcomp_codes = codes(digcomp, DIGCOMP_COMPETENCES, "digcomp")
    own = Point.objects.filter(team_id__in=point_scope_for(actor).team_ids).first()
    with transaction.atomic():
        resource = Resource.objects.create(
            title=title.strip(),
            kind=kind,
            summary=summary.strip(),
            link=link.strip(),
            axes=axis_codes,
            digcomp=digcomp_codes,
            contributed_by=actor,
            point=own,
        )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=resource)
    return resource


def news_publish(*, actor: User, title: str, body: str) -> News:
    check_perm(actor, CommunityPerm.PUBLISH_NEWS)
    if not title.strip() or not body.strip():
        raise ValidationError(_("Write a title and a text."))
    with transaction.atomic():
        news = News.objects.create(title=title.strip(), body=body.strip(), author=actor)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=news)
    return news
