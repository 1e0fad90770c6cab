"""One way to cut a list into pages.

Pages are forgiving (a person who follows an old link past the end lands on the last
page); the API is exact (``exact=True``): a page below 1 or past the end is a 422 naming
the range, never another page's rows."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _


def page_of(items: Any, number: int | str | None, size: int, *, exact: bool = False) -> Page[Any]:
    paginator = Paginator(items, size)
    if not exact:
        return paginator.get_page(number)
    try:
        return paginator.page(1 if number is None else number)
    except (EmptyPage, PageNotAnInteger):
        raise ValidationError(
            {
                "page": _("There is no page %(page)s: the pages run from 1 to %(last)s.")
                % {"page": number, "last": paginator.num_pages}
            }
        ) from None
