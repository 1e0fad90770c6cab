"""Merging duplicate records (and undoing a merge)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from xarxa.core.audit import audit_record
from xarxa.core.models import AuditAction
from xarxa.core.policies import check_perm
from xarxa.people.models import (
    IdentityDocument,
    Person,
    PersonMerge,
    PersonNameToken,
)
from xarxa.people.policies import PeoplePerm, require_person_reach, require_processing
from xarxa.people.search import index_person
from xarxa.people.services.common import require_reason

if TYPE_CHECKING:
    from xarxa.accounts.models import User

# Relations that are not "what hangs off the person": the search index follows the
# name, merges are the history itself, and merged_into is the merge mark.
_NOT_MOVED: set[tuple[type[Model], str]] = {
    (PersonNameToken, "person"),
    (PersonMerge, "survivor"),
    (PersonMerge, "merged"),
    (Person, "merged_into"),
}

Foreign = list[tuple[Any, str, str]]
Many = list[tuple[Any, str, str, str]]


def _person_relations() -> tuple[Foreign, Many]:
    """(model, field name, key) for each foreign key to Person, and the M2M relations."""
    foreign: Foreign = []
    many: Many = []
    for rel in Person._meta.related_objects:
        if rel.many_to_many:
            through: Any = rel.through  # type: ignore[attr-defined]
            column = next(
                f.name for f in through._meta.fields if f.related_model is Person and f.concrete
            )
            owner = next(
                f.name
                for f in through._meta.fields
                if f.is_relation and f.related_model is rel.related_model
            )
            key = f"{rel.related_model._meta.label_lower}.{rel.field.name}"
            many.append((through, column, owner, key))
        elif (rel.related_model, rel.field.name) not in _NOT_MOVED:
            key = f"{rel.related_model._meta.label_lower}.{rel.field.name}"
            foreign.append((rel.related_model, rel.field.name, key))
    return foreign, many


@transaction.atomic
def person_merge(*, actor: User, survivor: Person, merged: Person, reason: str) -> PersonMerge:
    """Merge a duplicate into the survivor: everything that hangs off the duplicate moves
    to the survivor and is listed in PersonMerge.moved so the merge can be undone."""
    check_perm(actor, PeoplePerm.MERGE)
    reason = require_reason(reason)
    if survivor.pk == merged.pk:
        raise ValidationError(_("Choose two different records."), code="same")
    for person in (survivor, merged):
        require_person_reach(actor, person)
        require_processing(actor, [person])
        if person.merged_into_id:
            raise ValidationError(_("One of these records was already merged."), code="merged")
    foreign, many = _person_relations()
    moved: dict[str, list[int]] = {}
    for model, field, key in foreign:
        rows = model.objects.filter(**{field: merged})
        if model is IdentityDocument:
            # The same document on both records: keep the survivor's, leave the copy.
            have = set(survivor.documents.values_list("kind", "number"))
            ids = [
                pk for pk, k, n in rows.values_list("pk", "kind", "number") if (k, n) not in have
            ]
        else:
            ids = list(rows.values_list("pk", flat=True))
        if ids:
            model.objects.filter(pk__in=ids).update(**{field: survivor})
            moved[key] = ids
    for through, column, owner, key in many:
        rows = through.objects.filter(**{column: merged})
        shared = set(
            through.objects.filter(**{column: survivor}).values_list(f"{owner}_id", flat=True)
        )
        keep: list[tuple[int, int]] = []
        drop: list[tuple[int, int]] = []
        for pk, owner_id in rows.values_list("pk", f"{owner}_id"):
            (drop if owner_id in shared else keep).append((pk, owner_id))
        if keep:
            through.objects.filter(pk__in=[pk for pk, _ in keep]).update(**{column: survivor})
            moved[key] = [pk for pk, _ in keep]
        if drop:
            through.objects.filter(pk__in=[pk for pk, _ in drop]).delete()
            moved[f"{key}:dropped"] = [owner_id for _, owner_id in drop]
    merged.merged_into = survivor
    merged.save(update_fields=["merged_into", "updated_at"])
    index_person(merged)  # a merged record is not found any more
    merge = PersonMerge.objects.create(
        survivor=survivor, merged=merged, moved=moved, merged_by=actor, reason=reason
    )
    details = {"merge": merge.pk, "survivor": survivor.pk, "merged": merged.pk}
    for person in (survivor, merged):
        audit_record(
            actor=actor,
            action=AuditAction.MERGE,
            obj=merge,
            person_id=person.pk,
            reason=reason,
            details={**details, "moved": {k: len(v) for k, v in moved.items()}},
        )
    return merge


@transaction.atomic
def person_merge_undo(*, actor: User, merge: PersonMerge, reason: str) -> PersonMerge:
    """Move back exactly what the merge moved; the merged record is a record again."""
    check_perm(actor, PeoplePerm.MERGE)
    reason = require_reason(reason)
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at:
        raise ValidationError(_("This merge was already undone."), code="undone")
    survivor, merged = merge.survivor, merge.merged
    require_person_reach(actor, survivor)
    require_processing(actor, [survivor, merged])
    foreign, many = _person_relations()
    for model, field, key in foreign:
        if merge.moved.get(key):
            model.objects.filter(pk__in=merge.moved[key]).update(**{field: merged})
    for through, column, owner, key in many:
        if merge.moved.get(key):
            through.objects.filter(pk__in=merge.moved[key]).update(**{column: merged})
        for owner_id in merge.moved.get(f"{key}:dropped", []):
            try:
                with transaction.atomic():
                    through.objects.create(**{f"{owner}_id": owner_id, column: merged})
            except IntegrityError:  # already back
                pass
    merged.merged_into = None
    merged.save(update_fields=["merged_into", "updated_at"])
    index_person(merged)
    merge.undone_at = timezone.now()
    merge.undone_by = actor
    merge.save(update_fields=["undone_at", "undone_by"])
    for person in (survivor, merged):
        audit_record(
            actor=actor,
            action=AuditAction.UNMERGE,
            obj=merge,
            person_id=person.pk,
            reason=reason,
            details={"merge": merge.pk},
        )
    return merge
