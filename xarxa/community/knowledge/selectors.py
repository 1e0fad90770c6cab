"""Protected reads of the network's shared knowledge: every Òmnia role reads all of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from xarxa.community.knowledge.models import News, Resource
from xarxa.community.policies import CommunityPerm
from xarxa.core.policies import check_perm

if TYPE_CHECKING:
    from xarxa.accounts.models import User


def resource_list_for(
    user: User, *, search: str = "", axis: str = "", competence: str = ""
) -> list[Resource]:
    """The network's library, filtered by words, axis and DigComp competence."""
    check_perm(user, CommunityPerm.VIEW)
    resources = Resource.objects.select_related("contributed_by", "point")
    for word in search.split()[:5]:
        resources = resources.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    rows = list(resources[:500])
    if axis:
        rows = [r for r in rows if axis in r.axes]
    if competence:
        rows = [r for r in rows if competence in r.digcomp]
    return rows[:100]


def news_list_for(user: User) -> QuerySet[News]:
    check_perm(user, CommunityPerm.VIEW)
    return News.objects.select_related("author")[:50]
