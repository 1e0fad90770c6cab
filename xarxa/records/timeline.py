"""Writing to the one chronological timeline per person.

Every app that records something about a person (interventions now; assessments, plans,
referrals, benefits and activities later) adds its lines here, from inside its own
service's transaction, so the timeline stays one indexed, pageable table."""

from datetime import date

from django.utils.translation import gettext, gettext_noop

from xarxa.records.models import Confidentiality, TimelineEntry

# Case events are titled in the reader's language when shown (see case_event_title).
CASE_EVENT_TITLES = {
    "opened": gettext_noop("Case file %(number)s opened"),
    "closed": gettext_noop("Case file %(number)s closed"),
    "reopened": gettext_noop("Case file %(number)s reopened"),
    "reassigned": gettext_noop("Case file %(number)s: new reference professional or team"),
    "joined": gettext_noop("Added to case file %(number)s"),
    "left": gettext_noop("No longer in case file %(number)s"),
}


# Lines other apps add, titled in the reader's language when shown (the stored title,
# in Catalan, stays for exports and for kinds not listed here).
KIND_TITLES = {
    "plan.agreed": gettext_noop("Intervention plan agreed"),
    "plan.review": gettext_noop("Intervention plan reviewed"),
    "plan.closed": gettext_noop("Intervention plan closed"),
    "screening.tso": gettext_noop("TSO social-risk scale"),
    "screening.dependency": gettext_noop("Dependency procedure"),
}


def case_event_title(kind: str, number: str) -> str:
    template = CASE_EVENT_TITLES.get(str(kind))
    return gettext(template) % {"number": number} if template else number


def timeline_add_many(
    *,
    persons,
    on: date,
    kind: str,
    title: str,
    obj,
    case=None,
    sensitivity: str = "",
    confidentiality: str = Confidentiality.TEAM,
    author=None,
    team_id: int | None = None,
) -> list[TimelineEntry]:
    """One line per person (a Person or its id) about ``obj``; ``kind`` is
    "<app-or-object>.<what>", e.g. "intervention.home_visit" or "case.opened".
    ``author`` and ``team_id``: whose entry it is (who reads a special category or a
    "specialised" entry)."""
    object_type, object_id = obj._meta.label_lower, str(obj.pk)
    return TimelineEntry.objects.bulk_create(
        [
            TimelineEntry(
                person_id=getattr(person, "pk", person),
                case=case,
                on=on,
                kind=kind[:40],
                title=str(title)[:200],
                object_type=object_type,
                object_id=object_id,
                sensitivity=sensitivity,
                confidentiality=confidentiality,
                author=author,
                team_id=team_id,
            )
            for person in persons
        ]
    )


def timeline_add(*, person, **fields) -> TimelineEntry:
    return timeline_add_many(persons=[person], **fields)[0]
