"""Types shared by every layer.

``Actor`` is whoever acts or reads: a signed-in staff member, or an anonymous visitor who
will be refused. Layers below ``accounts`` (core, territory, organisations) cannot import the
staff model, so they type their ``actor``/``user`` parameters with this protocol; the apps
above use ``xarxa.accounts.models.User``, which satisfies it.
"""

from typing import Any, Protocol

from django.http import HttpRequest


class Actor(Protocol):
    @property
    def pk(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...

    def has_perm(self, perm: str, obj: Any = None) -> bool: ...


class ApiRequest(HttpRequest):
    """A request to the API: ``auth`` is the staff member the bearer token belongs to
    (typed loosely here because core sits below accounts)."""

    auth: Any
