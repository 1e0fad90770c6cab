"""Case standing: where each case file stands, as one denormalised row (``CaseStanding``)
read by the segmentation, the plans and the case file page. This module is its only
writer, through one call, ``case_standing_refresh``:

- the records services, on every change of who holds a case file or whether it is open;
- the screening service that finalises an assessment (the case's complexity);
- the plans services, when the active plan's next review moves.

It sits in records, below screening and plans, so each of them (and records itself) may
keep and read it without importing the others. When a complexity changes, code above may
follow it in the same transaction (plans moves its review dates): it says so with
``level_followers_add`` when its app is loaded, so screening never imports plans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection

from xarxa.records.models import CaseFile, CaseParticipant, CaseStanding, CaseStatus

COPIED = ("status", "abss_id", "team_id", "reference_professional_id")

#: Told ``(case ids, level)`` when case files take the complexity of a newer assessment.
LevelFollower = Callable[[Sequence[int], str], object]
_level_followers: list[LevelFollower] = []


def level_followers_add(follower: LevelFollower) -> None:
    """Register code above records that keeps its own data in step with a case's
    complexity (plans: the review dates, in ``PlansConfig.ready``). Followers run inside
    the transaction that changed the level, in the order they were added."""
    if follower not in _level_followers:
        _level_followers.append(follower)


@dataclass(frozen=True)
class Assessed:
    """The complexity a finalised assessment gave."""

    level: str
    assessment_id: int
    on: date


def case_standing_refresh(
    case_ids: Iterable[int],
    *,
    holder: bool = False,
    assessed: Assessed | None = None,
    review_due: Mapping[int, date | None] | None = None,
) -> list[int]:
    """Bring the standings of these case files up to date; returns the case ids whose
    standing changed.

    Every case file gets its row if it has none. ``holder``: copy again who holds it and
    whether it is open. ``assessed``: the cases take the assessment's complexity, unless
    one already holds a later assessment (followers are told). ``review_due``: case id ->
    the next review of its active plan (None when it has none). Each part is one
    statement, whatever the number of case files."""
    review_due = review_due or {}
    ids = sorted({*case_ids, *review_due})
    if not ids:
        return []
    _rows_for(ids, copy=holder)
    changed = ids
    if assessed is not None:
        later = set(
            CaseStanding.objects.filter(case_id__in=ids, assessed_on__gt=assessed.on).values_list(
                "case_id", flat=True
            )
        )
        changed = [case_id for case_id in ids if case_id not in later]
        CaseStanding.objects.filter(case_id__in=changed).update(
            level=assessed.level, assessment_id=assessed.assessment_id, assessed_on=assessed.on
        )
        for follower in _level_followers:
            follower(changed, assessed.level)
    if review_due:
        CaseStanding.objects.bulk_update(
            [CaseStanding(case_id=case_id, review_due=due) for case_id, due in review_due.items()],
            ["review_due"],
        )
    return changed


def _rows_for(ids: list[int], *, copy: bool) -> None:
    """A row for each case file (the holder copied); with ``copy``, the holder of the
    existing rows copied again as well."""
    have: set[int] = set()
    if not copy:
        have = set(CaseStanding.objects.filter(case_id__in=ids).values_list("case_id", flat=True))
        if len(have) == len(ids):
            return
    holders = CaseFile.objects.filter(pk__in=[i for i in ids if i not in have]).values(
        "pk", *COPIED
    )
    for values in holders:
        case_id = values.pop("pk")
        if not CaseStanding.objects.filter(case_id=case_id).update(**values):
            CaseStanding.objects.create(case_id=case_id, **values)


def open_cases_of(person_id: int) -> list[int]:
    """The open case files a person is in now."""
    return list(
        CaseParticipant.objects.filter(
            person_id=person_id, valid_until__isnull=True, case__status=CaseStatus.OPEN
        ).values_list("case_id", flat=True)
    )


def standing_of(case_id: int) -> CaseStanding | None:
    """The standing of a case file (None for one that has never been refreshed). The
    caller has already been allowed to open the case file."""
    return CaseStanding.objects.filter(case_id=case_id).first()


def standings_refresh(case_model: Any = CaseFile, standing_model: Any = CaseStanding) -> int:
    """Bring every standing in line with the case files: a row for every case file, with
    its current holder and status; returns the rows inserted. Used by the migration that
    introduced them, the demo loader and ``xarxa standings_refresh`` (after a bulk
    import, say). Plain SQL, one statement each at a million case files. Takes the model
    classes so a migration can pass its historical ones."""
    quote = connection.ops.quote_name
    cases, standings = quote(case_model._meta.db_table), quote(standing_model._meta.db_table)
    columns = ", ".join(quote(c) for c in COPIED)
    # Table and column names come from the models' metadata; no value is interpolated.
    insert = (
        f"INSERT INTO {standings} ({quote('case_id')}, {columns}, {quote('level')}) "  # noqa: S608
        f"SELECT c.{quote('id')}, {', '.join('c.' + quote(x) for x in COPIED)}, '' "
        f"FROM {cases} c WHERE NOT EXISTS (SELECT 1 FROM {standings} s "
        f"WHERE s.{quote('case_id')} = c.{quote('id')})"
    )
    distinct = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    differs = " OR ".join(f"{standings}.{quote(x)} {distinct} c.{quote(x)}" for x in COPIED)
    assignments = ", ".join(
        f"{quote(x)} = (SELECT c.{quote(x)} FROM {cases} c "  # noqa: S608
        f"WHERE c.{quote('id')} = {standings}.{quote('case_id')})"
        for x in COPIED
    )
    update = (
        f"UPDATE {standings} SET {assignments} WHERE EXISTS (SELECT 1 FROM {cases} c "  # noqa: S608
        f"WHERE c.{quote('id')} = {standings}.{quote('case_id')} AND ({differs}))"
    )
    with connection.cursor() as cursor:
        cursor.execute(insert)
        inserted = cursor.rowcount
        cursor.execute(update)
    return int(inserted)
