"""The builder of synthetic persons for the demo Osona: households with their history, documents,
contacts, consents, case files with three years of interventions, problems, a timeline,
planted duplicates, and the search index.

Deterministic for a seed (same seed into an empty database: the same rows, ids
included), and fast: ids are precomputed and rows are written with executemany (COPY on
PostgreSQL) in chunks, never through per-row ORM saves or per-row audit.
"""

import random
import time
import uuid
from collections import Counter
from datetime import timedelta
from itertools import accumulate

from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext

from xarxa.accounts.models import Assignment
from xarxa.accounts.roles import Role
from xarxa.demo import names
from xarxa.demo.bulk import Writer, next_id
from xarxa.demo.people.cases import CasesMixin
from xarxa.demo.people.households import HouseholdsMixin
from xarxa.demo.people.profile import (
    CASES_PER_PERSON,
    DEMO_WORKER,
    INTERVENTION_BUDGET,
    MEAN_INTERVENTIONS,
)
from xarxa.people.models import (
    Consent,
    ContactChannel,
    Household,
    HouseholdMembership,
    IdentityDocument,
    NameToken,
    NameTokenVariant,
    Person,
    PersonNamePair,
    PersonNameToken,
)
from xarxa.people.names import deletion_variants, index_tokens
from xarxa.records.models import (
    CaseAssignment,
    CaseEvent,
    CaseFile,
    CaseParticipant,
    CaseProblem,
    Intervention,
    ProblemCategory,
    TimelineEntry,
)
from xarxa.territory.models import Abss, AbssMembership


class PeopleBuilder(HouseholdsMixin, CasesMixin):
    """One pass over synthetic households; each row goes to its table's buffered writer."""

    def __init__(self, *, seed: int, persons: int, log=print):
        self.rng = random.Random(seed * 7919 + 17)
        self.seed = seed
        self.target = persons
        self.log = log
        self.today = timezone.localdate()
        # Database-ready once: a string on SQLite, a datetime for PostgreSQL.
        self.now = Person._meta.get_field("created_at").get_db_prep_value(
            timezone.now(), connection
        )
        self.part_tokens: dict[str, list[str]] = {}
        # (original id, duplicate id, how it differs): for tests and the benchmark.
        self.planted: list[tuple[int, int, str]] = []

    # --- Reference data --------------------------------------------------------------
    def _load_reference(self):
        memberships = AbssMembership.objects.valid_on(self.today).select_related(
            "municipality", "abss"
        )
        self.places = [
            (
                m.municipality_id,
                m.abss_id,
                m.municipality.population or 500,
                names.POSTAL_CODES.get(
                    m.municipality.ine_code, "085" + m.municipality.ine_code[-2:]
                ),
            )
            for m in memberships.order_by("municipality__ine_code")
        ]
        self.place_cum = list(accumulate(p[2] for p in self.places))
        self.professionals: dict[int, list[tuple[int, int]]] = {}
        current = (
            Assignment.objects.valid_on(self.today)
            .filter(role__in=[Role.SOCIAL_WORKER, Role.SOCIAL_EDUCATOR, Role.FAMILY_WORKER])
            .select_related("team", "user")
            .order_by("user__username", "id")
        )
        for a in current:
            abss_id = a.abss_id or a.team.abss_id
            if abss_id:
                # The demo social worker carries a full caseload so her start page is real.
                weight = 8 if a.user.username == DEMO_WORKER else 1
                self.professionals.setdefault(abss_id, []).extend([(a.user_id, a.team_id)] * weight)
        self.origin_cum = list(accumulate(o[1] for o in names.ORIGINS))
        self.abss_codes = {
            a.pk: a.code.removeprefix("ABSS-")
            for a in Abss.objects.filter(pk__in={p[1] for p in self.places})
        }
        self.categories = list(
            ProblemCategory.objects.filter(active=True)
            .order_by("code")
            .values_list("id", flat=True)
        )
        with translation.override("ca"):
            self.kind_labels = {k: str(v) for k, v in Intervention._meta.get_field("kind").choices}
            self.event_titles = {
                "opened": gettext("Case file %(number)s opened"),
                "closed": gettext("Case file %(number)s closed"),
                "reopened": gettext("Case file %(number)s reopened"),
            }
        expected_cases = max(1, self.target * CASES_PER_PERSON)
        self.notes_share = min(1.0, INTERVENTION_BUDGET / (expected_cases * MEAN_INTERVENTIONS))

    def _writers(self):
        def writer(model, fields, chunk=20_000):
            return Writer(model, fields.split(), chunk)

        return {
            "person": writer(
                Person,
                "id public_id given_names first_surname second_surname used_name birth_date "
                "birth_date_approximate sex gender_identity nationality languages "
                "contact_language address postal_code municipality abss restriction_reason "
                "version created_at updated_at",
            ),
            "household": writer(
                Household, "id public_id address municipality version created_at updated_at"
            ),
            "membership": writer(
                HouseholdMembership, "household person relationship valid_from valid_until"
            ),
            "document": writer(
                IdentityDocument, "person kind number country created_at updated_at"
            ),
            "channel": writer(
                ContactChannel,
                "person kind value search_value may_contact consent_on created_at updated_at",
            ),
            "consent": writer(
                Consent,
                "person purpose given_on method expires_on withdrawn_on recorded_by "
                "created_at updated_at",
            ),
            "case": writer(
                CaseFile,
                "id public_id number household person abss team municipality "
                "reference_professional status opened_on closed_on closing_reason version "
                "created_at updated_at",
            ),
            "participant": writer(CaseParticipant, "case person valid_from"),
            "assignment": writer(
                CaseAssignment,
                "case reference_professional team abss municipality changed_by valid_from "
                "valid_until reason",
            ),
            "event": writer(CaseEvent, "id case kind on reason by at"),
            "problem": writer(
                CaseProblem, "case category started_on ended_on notes created_at updated_at"
            ),
            "intervention": writer(
                Intervention,
                "id case kind occurred_on duration_minutes summary confidentiality sensitivity "
                "author team created_at updated_at",
            ),
            "intervention_person": writer(Intervention.persons.through, "intervention person"),
            "intervention_professional": writer(
                Intervention.professionals.through, "intervention user"
            ),
            "timeline": writer(
                TimelineEntry,
                "person case on kind title object_type object_id sensitivity confidentiality "
                "author team created_at",
            ),
            "posting": writer(PersonNameToken, "token person", 50_000),
            "pair": writer(PersonNamePair, "low high person", 50_000),
        }

    # --- The run ---------------------------------------------------------------------
    def build(self) -> dict[str, int]:
        if connection.vendor != "sqlite":
            return self._build()
        # Random keys (public ids, name postings, document numbers) land all over their
        # indexes: with SQLite's default 2 MB page cache the load is disk-bound.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            previous = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size = -1048576")  # 1 GB, for this load only
        try:
            return self._build()
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(previous)}")

    def _build(self) -> dict[str, int]:
        started = time.perf_counter()
        self._load_reference()
        if not self.places:
            return {"persons": 0}
        models_with_ids = (Person, Household, CaseFile, CaseEvent, Intervention, NameToken)
        ids = {m: next_id(m) for m in models_with_ids}
        self.first_ids = ids
        self.person_id, self.household_id = ids[Person], ids[Household]
        self.case_id, self.event_id = ids[CaseFile], ids[CaseEvent]
        self.intervention_id = ids[Intervention]
        # Identifiers differ between runs that add to the same database; names do not.
        self.uuid_rng = random.Random(f"{self.seed}:{self.person_id}")
        # Demo case numbers continue after any already there (a second run adds more).
        self.case_numbers: Counter[tuple[int | None, int]] = Counter()
        for number in CaseFile.objects.values_list("number", flat=True):
            short, year, sequence = number.rsplit("-", 2)
            abss_id = next((k for k, v in self.abss_codes.items() if v == short), None)
            key = (abss_id, int(year))
            self.case_numbers[key] = max(self.case_numbers[key], int(sequence))
        self.w = self._writers()
        self.token_ids: dict[str, int] = dict(NameToken.objects.values_list("text", "id"))
        self.existing_tokens = set(self.token_ids.values())
        self.token_counts: Counter = Counter()
        self.next_token_id = ids[NameToken]
        self.interventions = self.duplicates = self.made = 0
        writers = list(self.w.values())
        while self.made < self.target:
            self._household()
            for writer in writers:
                if writer.full():
                    writer.flush()
        for writer in writers:
            writer.flush()
        generated = time.perf_counter() - started
        writing = sum(w.seconds for w in writers)
        self.log(f"  persons and records: generated in {generated - writing:.1f} s")
        slowest = sorted(writers, key=lambda w: -w.seconds)
        for writer in slowest[:6]:
            self.log(f"    {writer.name}: {writer.count} rows written in {writer.seconds:.1f} s")
        rest = sum(w.seconds for w in slowest[6:])
        self.log(f"    {len(slowest) - 6} other tables written in {rest:.1f} s")
        phase = time.perf_counter()
        self._write_tokens()
        self.log(f"  search index (tokens, variants): {time.perf_counter() - phase:.1f} s")
        self._reset_sequences()
        self.log(
            f"  persons {self.made}, households {self.household_id - ids[Household]}, "
            f"case files {self.case_id - ids[CaseFile]}, interventions {self.interventions}, "
            f"planted duplicates {self.duplicates} in {time.perf_counter() - started:.1f} s"
        )
        return {
            "persons": self.made,
            "households": self.household_id - ids[Household],
            "cases": self.case_id - ids[CaseFile],
            "duplicates": self.duplicates,
            "interventions": self.interventions,
        }

    # --- Small helpers ---------------------------------------------------------------
    def _uuid(self) -> str:
        return uuid.UUID(int=self.uuid_rng.getrandbits(128), version=4).hex

    def _birth(self, low, high):
        return self.today - timedelta(
            days=self.rng.randrange(int(low * 365.25), int(high * 365.25) + 1)
        )

    def _address(self):
        return f"{self.rng.choice(names.STREETS)}, {self.rng.randrange(1, 120)}"

    def _new_household(self, place, address):
        hid = self.household_id
        self.household_id += 1
        self.w["household"].add((hid, self._uuid(), address, place[0], 1, self.now, self.now))
        return hid

    def _tokens(self, *parts):
        """Exactly ``names.index_tokens(*parts)``, with each part's words computed once."""
        out: list[str] = []
        for part in parts:
            if part:
                words = self.part_tokens.get(part)
                if words is None:
                    words = self.part_tokens[part] = index_tokens(part)
                out.extend(w for w in words if w not in out)
        return out

    def _post(self, text, pid) -> int:
        token_id = self.token_ids.get(text)
        if token_id is None:
            token_id = self.token_ids[text] = self.next_token_id
            self.next_token_id += 1
        self.token_counts[token_id] += 1
        self.w["posting"].add((token_id, pid))
        return token_id

    # --- Search index and sequences ----------------------------------------------------
    def _write_tokens(self):
        tokens_writer = Writer(NameToken, ["id", "text", "persons"])
        variants = Writer(NameTokenVariant, ["variant", "token"], chunk=50_000)
        grown = []
        for text, token_id in self.token_ids.items():
            if token_id in self.existing_tokens:
                if self.token_counts[token_id]:
                    grown.append((self.token_counts[token_id], token_id))
                continue
            tokens_writer.add((token_id, text, self.token_counts[token_id]))
            for variant in sorted(deletion_variants(text)):
                variants.add((variant, token_id))
            if variants.full():
                variants.flush()
        tokens_writer.flush()
        variants.flush()
        if grown:
            table = connection.ops.quote_name(NameToken._meta.db_table)
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {table} SET persons = persons + %s WHERE id = %s",  # noqa: S608
                    grown,
                )

    def _reset_sequences(self):
        statements = connection.ops.sequence_reset_sql(
            no_style(), [Person, Household, CaseFile, CaseEvent, Intervention, NameToken]
        )
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
