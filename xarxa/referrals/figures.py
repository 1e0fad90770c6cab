"""The referral figures as they may be shown (``core.disclosure``): counts from 1 to 4
hidden, and any count the totals would give away; days to answer or to start only over
MIN_CELL referrals or more."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xarxa.core.disclosure import suppress

if TYPE_CHECKING:
    from xarxa.referrals.selectors import Dashboard

FIELDS = ("sent", "open", "refused", "expired")


def dashboard_suppressed(dashboard: Dashboard) -> Dashboard:
    """Hide in place: per service its counts; the sent and expired columns add up to
    the totals shown; the refused column and the refusal reasons add up to the same
    number of refusals (not shown)."""
    values: dict[tuple[Any, ...], int] = {}
    for i, row in enumerate(dashboard.services):
        for name in FIELDS:
            values[(name, i)] = getattr(row, name)
    values[("sent", "total")] = dashboard.total_sent or 0
    values[("expired", "total")] = dashboard.total_expired or 0
    values[("refused", "total")] = sum(row.refused or 0 for row in dashboard.services)
    for j, (_label, n) in enumerate(dashboard.refusals):
        values[("reason", j)] = n
    rows = range(len(dashboard.services))
    lines = [
        ([("sent", i) for i in rows], ("sent", "total")),
        ([("expired", i) for i in rows], ("expired", "total")),
        ([("refused", i) for i in rows], ("refused", "total")),
        ([("reason", j) for j in range(len(dashboard.refusals))], ("refused", "total")),
    ]
    hidden = suppress(values, lines, unpublished=[("refused", "total")])
    for i, row in enumerate(dashboard.services):
        for name in FIELDS:
            if (name, i) in hidden:
                setattr(row, name, None)
    dashboard.refusals = [
        (label, None if ("reason", j) in hidden else n)
        for j, (label, n) in enumerate(dashboard.refusals)
    ]
    dashboard.total_sent = None if ("sent", "total") in hidden else dashboard.total_sent
    dashboard.total_expired = None if ("expired", "total") in hidden else dashboard.total_expired
    return dashboard
