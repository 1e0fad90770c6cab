"""Synthetic persons for the demo Osona: households with their history, documents,
contacts, consents, case files with three years of interventions, problems, a timeline,
planted duplicates, and the search index.

Deterministic for a seed (same seed into an empty database: the same rows, ids
included), and fast: ids are precomputed and rows are written with executemany (COPY on
PostgreSQL) in chunks, never through per-row ORM saves or per-row audit.
"""

import random
import time
import unicodedata
import uuid
from collections import Counter
from datetime import date, timedelta
from itertools import accumulate

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone, translation
from django.utils.translation import gettext
from stdnum.es import dni

from xarxa.accounts.models import Assignment
from xarxa.accounts.roles import Role
from xarxa.demo import names
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
from xarxa.people.names import deletion_variants, digits, fold, tokens
from xarxa.people.search import name_pairs
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

SHARE_OF_POPULATION = 0.06  # about 6% of residents are social-services users
DEMO_WORKER = "treballadora.social"
# Interventions are the bulk of a real history (about 7 per case file). Past this budget
# only a random sample of case files gets notes, so a million persons still load in a
# few minutes; every case file keeps its opening, events, participants and problems.
INTERVENTION_BUDGET = 200_000
MEAN_INTERVENTIONS = 7.5
CASES_PER_PERSON = 0.18  # measured on the generator's own output
DUPLICATE_RATE = 0.02

SUMMARIES = {
    "interview": [
        "Entrevista de seguiment. Revisem la situació econòmica i els pagaments pendents.",
        "Primera entrevista. Demana informació sobre ajuts per al lloguer.",
        "Entrevista amb la família: acordem objectius del pla de treball.",
        "Revisem la documentació per a la renda garantida de ciutadania.",
        "Entrevista: explica que ha perdut la feina i no pot pagar els subministraments.",
        "Seguiment del pla de treball. Ha començat el curs de català.",
        "Tramitem la sol·licitud d'ajut d'urgència per a alimentació.",
        "Entrevista amb la mare sobre l'organització familiar i els horaris dels fills.",
    ],
    "home_visit": [
        "Visita domiciliària. L'habitatge presenta humitats; cal valorar adequació.",
        "Visita a domicili per valorar el servei d'atenció domiciliària.",
        "Visita a domicili: la persona viu sola i té dificultats per sortir de casa.",
        "Visita domiciliària conjunta amb la infermera del CAP.",
    ],
    "phone_call": [
        "Trucada de seguiment. Confirma la cita amb el servei d'ocupació.",
        "Trucada: informa que ja ha rebut la resolució de l'ajut.",
        "Trucada de la filla, preocupada per l'estat del pare.",
        "Trucada per recordar la documentació pendent.",
    ],
    "coordination": [
        "Coordinació amb l'escola sobre l'absentisme del fill gran.",
        "Coordinació amb el CAP per al seguiment de salut.",
        "Coordinació amb Càritas per al lot d'aliments.",
        "Reunió de coordinació amb l'oficina d'habitatge.",
    ],
    "report": [
        "Informe social per a la sol·licitud d'habitatge d'emergència.",
        "Informe per a la valoració de la dependència.",
    ],
    "accompaniment": [
        "Acompanyament a l'oficina d'habitatge per presentar la sol·licitud.",
        "Acompanyament al SOC per inscriure's com a demandant d'ocupació.",
    ],
    "group_session": [
        "Sessió grupal del taller de competències digitals al Punt Òmnia.",
        "Sessió del grup de suport a famílies cuidadores.",
    ],
    "other": ["Gestió de la targeta sanitària i empadronament."],
}
KIND_CUM = list(accumulate([38, 14, 24, 10, 4, 4, 3, 3]))  # interview … other
CONFIDENTIAL_SUMMARIES = {
    "gender_violence": "Atenció per situació de violència masclista. Derivada al SIAD.",
    "health": "Informació de salut compartida pel CAP amb consentiment.",
    "minors": "Valoració de risc d'un infant; coordinació amb l'EAIA.",
    "justice": "Seguiment de mesura judicial; coordinació amb el servei de justícia.",
}
# Household structures of social-services users, with weights.
HOUSEHOLD_KINDS = [
    "elder",
    "elder_couple",
    "couple_kids",
    "single_parent",
    "extended",
    "shared",
    "single",
]
HOUSEHOLD_CUM = list(accumulate([20, 9, 24, 18, 8, 9, 12]))
CLOSING_REASONS = [
    "Objectius assolits",
    "Trasllat a un altre municipi",
    "No hi ha demanda",
    "Defunció",
    "Derivat a un servei especialitzat",
]
REOPENING_REASONS = ["Nova demanda", "Retorn al municipi", "Empitjorament de la situació"]
HANDOVER_REASONS = ["Redistribució de casos", "Baixa de la professional", "Canvi d'equip"]
EMAIL_DOMAINS = ["example.com", "example.net", "example.org"]  # reserved: reach nobody
EXTRA_CATALAN_SURNAMES = [
    "Arumí",
    "Banús",
    "Blanch",
    "Cabanas",
    "Call",
    "Canal",
    "Capdevila",
    "Casadevall",
    "Castells",
    "Clos",
    "Collell",
    "Crous",
    "Dachs",
    "Erra",
    "Espona",
    "Fabré",
    "Feixas",
    "Freixa",
    "Garolera",
    "Godayol",
    "Grau",
    "Guixé",
    "Jordà",
    "Llagostera",
    "Llobet",
    "Mas",
    "Mir",
    "Muntadas",
    "Noguer",
    "Oliveras",
    "Orriols",
    "Palou",
    "Pladevall",
    "Planas",
    "Portell",
    "Quintana",
    "Riba",
    "Ribas",
    "Roqueta",
    "Rovirola",
    "Sabaté",
    "Sallent",
    "Sanglas",
    "Soldevila",
    "Subirana",
    "Tort",
    "Valls",
    "Vendrell",
    "Viñas",
]


def _unaccent(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def refresh_statistics() -> None:
    """After a bulk load: planner statistics, and on PostgreSQL the visibility map that
    index-only scans of the search postings need (autovacuum would do it, later)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


class _Writer:
    """Buffered executemany into one table, with database-ready values."""

    def __init__(self, model, fields, chunk=20_000):
        self.name = model._meta.db_table
        self.table = connection.ops.quote_name(self.name)
        columns = [model._meta.get_field(f).column for f in fields]
        placeholders = ", ".join(["%s"] * len(columns))
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        # Names come from the model's metadata, values are bound parameters.
        self.sql = f"INSERT INTO {self.table} ({quoted}) VALUES ({placeholders})"  # noqa: S608
        self.copy_sql = f"COPY {self.table} ({quoted}) FROM STDIN"
        self.rows, self.chunk, self.count, self.seconds = [], chunk, 0, 0.0
        self.add = self.rows.append  # hot path: no method call per row

    def full(self) -> bool:
        return len(self.rows) >= self.chunk

    def flush(self):
        if not self.rows:
            return
        started = time.perf_counter()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY streams the rows: an order of magnitude faster than INSERTs.
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, self.rows)
        self.count += len(self.rows)
        self.rows.clear()
        self.seconds += time.perf_counter() - started


def _next_id(model) -> int:
    return (model.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1


def _dni(rng) -> str:
    number = f"{rng.randrange(10_000_000, 99_999_999)}"
    return number + dni.calc_check_digit(number)


def _nie(rng) -> str:
    """X/Y/Z, seven digits and the letter computed as for a DNI with X=0, Y=1, Z=2."""
    prefix = rng.choice("XXYYZ")
    body = f"{rng.randrange(0, 9_999_999):07d}"
    return prefix + body + dni.calc_check_digit(str("XYZ".index(prefix)) + body)


def _typo(word: str, rng) -> str:
    """One edit, as a hurried typist makes it: a letter dropped, doubled or changed."""
    if len(word) < 3:
        return word + word[-1:]
    i = rng.randrange(1, len(word) - 1)
    how = rng.randrange(3)
    if how == 0 or not word[i].isalpha():
        return word[:i] + word[i + 1 :]
    if how == 1:
        return word[:i] + word[i] + word[i:]
    replacement = "aeiou"[rng.randrange(5)] if word[i] not in "aeiou" else "e"
    if replacement == word[i]:
        replacement = "a"
    return word[:i] + replacement + word[i + 1 :]


class PeopleBuilder:
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
            return _Writer(model, fields.split(), chunk)

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
                "author created_at updated_at",
            ),
            "intervention_person": writer(Intervention.persons.through, "intervention person"),
            "intervention_professional": writer(
                Intervention.professionals.through, "intervention user"
            ),
            "timeline": writer(
                TimelineEntry,
                "person case on kind title object_type object_id sensitivity confidentiality "
                "created_at",
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
        ids = {m: _next_id(m) for m in models_with_ids}
        self.first_ids = ids
        self.person_id, self.household_id = ids[Person], ids[Household]
        self.case_id, self.event_id = ids[CaseFile], ids[CaseEvent]
        self.intervention_id = ids[Intervention]
        # Identifiers differ between runs that add to the same database; names do not.
        self.uuid_rng = random.Random(f"{self.seed}:{self.person_id}")
        # Demo case numbers continue after any already there (a second run adds more).
        self.case_numbers = Counter()
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
        """Exactly ``names.tokens(*parts)``, with each part's words computed once."""
        out: list[str] = []
        for part in parts:
            if part:
                words = self.part_tokens.get(part)
                if words is None:
                    words = self.part_tokens[part] = tokens(part)
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

    # --- One person ------------------------------------------------------------------
    def _person(
        self,
        *,
        hid,
        place,
        origin,
        nationality,
        sex,
        birth,
        given,
        first,
        second,
        relationship,
        since,
        address,
        used="",
        documents=None,
    ):
        """Write a person, their membership, documents, contacts and search postings.
        Returns the member tuple (id, age, given, used, first, second, sex, birth, doc)."""
        rng, w = self.rng, self.w
        pid = self.person_id
        self.person_id += 1
        self.made += 1
        age = (self.today - birth).days * 100 // 36525
        adult = age >= 18
        local = origin[0] in ("local", "spanish")
        if not local and rng.random() < (0.2 if adult else 0.35):
            nationality = "ES"  # naturalised, or born here
        approximate = not local and adult and rng.random() < 0.08
        if approximate:
            birth = date(birth.year, 1, 1)  # "born in 1978": recorded as the 1st of January
        if origin[0] == "local":
            languages = "ca,es"
        elif origin[0] in ("spanish", "latam"):
            languages = "es,ca"
        else:
            languages = names.LANGUAGES.get(origin[3], "es") + ("" if adult else ",ca")
        if used == "" and given in names.USED_NAMES and rng.random() < 0.35:
            used = names.USED_NAMES[given]
        w["person"].add(
            (
                pid,
                self._uuid(),
                given,
                first,
                second,
                used,
                birth,
                approximate,
                sex,
                "",
                nationality,
                languages,
                languages.split(",")[0],
                address,
                place[3] if address else "",
                place[0],
                place[1],
                "",
                1,
                self.now,
                self.now,
            )
        )
        w["membership"].add((hid, pid, relationship, max(since, birth), None))
        posted = [self._post(text, pid) for text in self._tokens(given, used, first, second)]
        add_pair = self.w["pair"].add
        for low, high in name_pairs(posted):
            add_pair((low, high, pid))
        doc = None
        if documents is not None:  # a planted duplicate carries what it was given
            for kind, number in documents:
                w["document"].add((pid, kind, number, "", self.now, self.now))
        else:
            doc = self._documents(pid, nationality, age, sex, birth, first, second)
            self._channels(pid, age, since, given, first)
        return (pid, age, given, used, first, second, sex, birth, doc)

    def _documents(self, pid, nationality, age, sex, birth, first, second):
        rng, add, now = self.rng, self.w["document"].add, self.now
        doc = None
        if nationality == "ES":
            if (age >= 18 and rng.random() < 0.92) or (age >= 14 and rng.random() < 0.5):
                doc = ("dni", _dni(rng))
        elif rng.random() < (0.82 if age >= 18 else 0.35):
            doc = ("nie", _nie(rng))
        if doc:
            add((pid, doc[0], doc[1], "ES" if doc[0] == "dni" else "", now, now))
        if (
            nationality != "ES"
            and age >= 18
            and ((doc is None and rng.random() < 0.45) or rng.random() < 0.1)
        ):
            number = f"{nationality}{rng.randrange(1_000_000, 9_999_999)}"
            add((pid, "passport", number, nationality, now, now))
        if rng.random() < 0.45:
            # CatSalut CIP: letters from the surnames, sex, birth date, check digits.
            letters = (_unaccent(first).upper().replace(" ", "") + "XX")[:2]
            letters += (_unaccent(second).upper().replace(" ", "") + "XX")[:2]
            cip = f"{letters}{0 if sex == 'M' else 1}{birth:%y%m%d}{rng.randrange(100, 999)}"
            add((pid, "cip", cip, "", now, now))
        return doc

    def _channels(self, pid, age, since, given, first):
        rng, add, now = self.rng, self.w["channel"].add, self.now
        if age < 16:
            return
        if rng.random() < 0.78:
            phone = f"6{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}"
            agrees = rng.random() < 0.85
            add((pid, "mobile", phone, digits(phone), agrees, since if agrees else None, now, now))
            if age < 40 and rng.random() < 0.45:
                add((pid, "whatsapp", phone, digits(phone), True, since, now, now))
        if age > 60 and rng.random() < 0.4:
            phone = f"93 8{rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}"
            add((pid, "phone", phone, digits(phone), True, since, now, now))
        if age < 65 and rng.random() < 0.3:
            local = fold(f"{given.split()[0]}.{first.split()[-1]}").replace(" ", "")
            email = f"{local}{rng.randrange(1, 99)}@{rng.choice(EMAIL_DOMAINS)}"
            add((pid, "email", email, email.lower(), rng.random() < 0.7, since, now, now))

    # --- One household ---------------------------------------------------------------
    def _household(self):
        rng = self.rng
        place = rng.choices(self.places, cum_weights=self.place_cum)[0]
        origin = rng.choices(names.ORIGINS, cum_weights=self.origin_cum)[0]
        pools = names.NATIONALITIES.get(origin[0])
        nationality = rng.choices(*zip(*pools, strict=True))[0] if pools else origin[3]
        surnames = origin[2][2]
        if origin[0] == "local":
            surnames = surnames + EXTRA_CATALAN_SURNAMES
        two = origin[0] in names.TWO_SURNAMES
        address = self._address()
        hid = self._new_household(place, address)
        since = self.today - timedelta(days=rng.randrange(30, 365 * 15))
        kind = rng.choices(HOUSEHOLD_KINDS, cum_weights=HOUSEHOLD_CUM)[0]
        members = []

        def add(sex, low, high, relationship, first=None, second=None, person_origin=origin):
            p_female, p_male, p_surnames = person_origin[2]
            own = person_origin is origin
            pool = surnames if own else p_surnames
            if first is None:
                first = rng.choice(pool)
            if second is None:
                second = rng.choice(pool) if person_origin[0] in names.TWO_SURNAMES else ""
            member = self._person(
                hid=hid,
                place=place,
                origin=person_origin,
                nationality=nationality if own else person_origin[3],
                sex=sex,
                birth=self._birth(low, high),
                given=rng.choice(p_female if sex == "F" else p_male),
                first=first,
                second=second,
                relationship=relationship,
                since=since,
                address=address,
            )
            members.append(member)
            return member

        def children(parent_age, first, second, count):
            youngest_parent = max(0, min(18, parent_age - 17))
            for _ in range(count):
                add(rng.choice("FM"), 0, youngest_parent, "child", first, second)

        if kind == "elder":
            add(rng.choice("FFFM"), 70, 97, "reference")
            if rng.random() < 0.12:  # a live-in carer, often from another origin
                carer_origin = names.ORIGINS[rng.choice([3, 4])]
                add("F", 30, 60, "carer", person_origin=carer_origin)
        elif kind == "elder_couple":
            add("M", 68, 93, "reference")
            add("F", 65, 90, "partner")
        elif kind in ("couple_kids", "extended"):
            father = add("M", 26, 58, "reference")
            mother = add("F", 24, 55, "partner")
            children(
                min(father[1], mother[1]), father[4], mother[4] if two else "", rng.randint(1, 4)
            )
            if kind == "extended":
                # The reference person's father or mother: their surname comes down.
                sex = rng.choice("FM")
                surname = father[4] if sex == "M" or not two else father[5]
                grandparent = add(sex, max(62, father[1] + 20), 95, "parent", surname)
                # Came to live with the family when alone: the earlier household is kept.
                self._earlier_home(place, [(grandparent, "reference")], since)
                if rng.random() < 0.3:
                    add(rng.choice("FM"), 18, 40, "sibling", father[4], father[5])
        elif kind == "single_parent":
            parent = add("F" if rng.random() < 0.85 else "M", 21, 55, "reference")
            other = rng.choice(surnames)
            first, second = (other, parent[4]) if two else (other, "")
            children(parent[1], first, second, rng.randint(1, 3))
            if rng.random() < 0.5:
                # Separated: parent and children lived with the other parent until `since`.
                self._separation(place, origin, nationality, members, other, since)
        elif kind == "shared":
            for index in range(rng.randint(2, 4)):
                member = add(rng.choice("FMM"), 19, 50, "reference" if index == 0 else "other")
                if index and rng.random() < 0.3:
                    self._earlier_home(place, [(member, "reference")], since)
        else:
            add(rng.choice("FM"), 25, 64, "reference")
        if rng.random() < DUPLICATE_RATE * len(members) and self.made < self.target:
            self._plant_duplicate(rng.choice(members), place, origin, nationality)
        if rng.random() < 0.55:
            self._case(hid, place, members, since)

    def _earlier_home(self, place, who, until):
        """An earlier household the given members lived in, ended the day before ``until``."""
        rng = self.rng
        if rng.random() < 0.2:
            place = rng.choices(self.places, cum_weights=self.place_cum)[0]
        hid = self._new_household(place, self._address())
        start = until - timedelta(days=rng.randrange(365, 365 * 20))
        for member, relationship in who:
            if member[7] < until:  # born before the move
                self.w["membership"].add(
                    (hid, member[0], relationship, max(start, member[7]), until - timedelta(days=1))
                )
        return hid

    def _separation(self, place, origin, nationality, members, surname, since):
        """The other parent stays at the old address; the history of both is kept."""
        rng = self.rng
        female, male, _surnames = origin[2]
        sex = "M" if members[0][6] == "F" else "F"
        start = since - timedelta(days=rng.randrange(365, 365 * 12))
        address = self._address()
        hid = self._new_household(place, address)
        other = self._person(
            hid=hid,
            place=place,
            origin=origin,
            nationality=nationality,
            sex=sex,
            birth=self._birth(max(22, members[0][1] - 4), members[0][1] + 8),
            given=rng.choice(female if sex == "F" else male),
            first=surname,
            second=rng.choice(_surnames) if origin[0] in names.TWO_SURNAMES else "",
            relationship="reference",
            since=start,
            address=address,
        )
        for member in members:
            if member[7] >= since:
                continue  # born after the separation
            relationship = "partner" if member is members[0] else "child"
            self.w["membership"].add(
                (hid, member[0], relationship, max(start, member[7]), since - timedelta(days=1))
            )
        return other

    # --- Planted duplicates -----------------------------------------------------------
    def _plant_duplicate(self, member, place, origin, nationality):
        """The same person registered again, typed the way real duplicates are."""
        rng = self.rng
        pid, _age, given, used, first, second, sex, birth, doc = member
        how = rng.choice(["accents", "no_second", "typo", "used_name", "swapped", "document"])
        if how == "accents" and _unaccent(given + first + second) == given + first + second:
            how = "typo"
        if how == "no_second" and not second:
            how = "typo"
        if how == "used_name" and not used and " " not in given:
            how = "typo"
        if how == "swapped" and not second:
            how = "document" if doc else "typo"
        if how == "document" and not doc:
            how = "typo"
        documents = []
        if how == "accents":
            given, first, second = _unaccent(given), _unaccent(first), _unaccent(second)
        elif how == "no_second":
            second = ""
        elif how == "typo":
            first = _typo(first, rng)
        elif how == "used_name":
            # Registered under the name they go by: "Pep Puig" for "Josep Puig".
            given, used = (used, "") if used else (given.split()[0], "")
        elif how == "swapped":
            first, second = second, first
        if doc and (how == "document" or rng.random() < 0.3):
            # Same DNI/NIE (a letterless number would be refused by the document check;
            # a search by its digits finds both records).
            documents.append(doc)
        if rng.random() < 0.3:
            place = rng.choices(self.places, cum_weights=self.place_cum)[0]  # another ABSS, often
        if rng.random() < 0.25:  # day and month typed the other way round, or a day out
            birth = (
                date(birth.year, birth.day, birth.month)
                if birth.day <= 12
                else birth + timedelta(days=1)
            )
        since = self.today - timedelta(days=rng.randrange(30, 900))
        hid = self._new_household(place, "")
        duplicate = self._person(
            hid=hid,
            place=place,
            origin=origin,
            nationality=nationality,
            sex=sex,
            birth=birth,
            given=given,
            first=first,
            second=second,
            relationship="reference",
            since=since,
            address="",
            used=used or "",
            documents=documents,
        )
        self.planted.append((pid, duplicate[0], how))
        self.duplicates += 1

    # --- Case files --------------------------------------------------------------------
    def _case(self, hid, place, members, since):
        rng, w, now = self.rng, self.w, self.now
        professionals = self.professionals.get(place[1])
        if not professionals:
            return
        user_id, team_id = rng.choice(professionals)
        case_id = self.case_id
        self.case_id += 1
        opened = self.today - timedelta(days=rng.randrange(10, 365 * 3))
        key = (place[1], opened.year)
        self.case_numbers[key] += 1
        number = f"{self.abss_codes[place[1]]}-{opened.year}-{self.case_numbers[key]:06d}"
        events = [("opened", opened, "")]
        closed_on = None
        if rng.random() < 0.28:
            closed_on = min(self.today, opened + timedelta(days=rng.randrange(60, 700)))
            events.append(("closed", closed_on, rng.choice(CLOSING_REASONS)))
            if rng.random() < 0.15 and closed_on < self.today - timedelta(days=30):
                reopened = closed_on + timedelta(
                    days=rng.randrange(20, max(21, (self.today - closed_on).days))
                )
                events.append(
                    ("reopened", min(reopened, self.today), rng.choice(REOPENING_REASONS))
                )
        status = "closed" if events[-1][0] == "closed" else "open"
        # Who held the case: sometimes handed over to a colleague of the same ABSS.
        holders = [(user_id, team_id, opened, "")]
        if rng.random() < 0.3 and (self.today - opened).days > 60:
            successor = rng.choice(professionals)
            if successor[0] != user_id:
                change = opened + timedelta(days=rng.randrange(30, (self.today - opened).days))
                holders.append((successor[0], successor[1], change, rng.choice(HANDOVER_REASONS)))
        user_id, team_id = holders[-1][0], holders[-1][1]
        # A household's case names its reference person too, so lists can show a name.
        household = None if len(members) == 1 else hid
        w["case"].add(
            (
                case_id,
                self._uuid(),
                number,
                household,
                members[0][0],
                place[1],
                team_id,
                place[0],
                user_id,
                status,
                opened,
                closed_on if status == "closed" else None,
                events[-1][2] if status == "closed" else "",
                1,
                now,
                now,
            )
        )
        for index, (holder, team, start, reason) in enumerate(holders):
            end = holders[index + 1][2] - timedelta(days=1) if index + 1 < len(holders) else None
            w["assignment"].add(
                (case_id, holder, team, place[1], place[0], holder, start, end, reason)
            )
        participants = [m[0] for m in members]
        for pid in participants:
            w["participant"].add((case_id, pid, opened))
        for kind, on, reason in events:
            event_id = self.event_id
            self.event_id += 1
            w["event"].add((event_id, case_id, kind, on, reason, user_id, now))
            title = self.event_titles[kind] % {"number": number}
            for pid in participants:
                w["timeline"].add(
                    (
                        pid,
                        case_id,
                        on,
                        f"case.{kind}",
                        title,
                        "records.caseevent",
                        str(event_id),
                        "",
                        "team",
                        now,
                    )
                )
        if self.categories:
            for category in rng.sample(
                self.categories, min(len(self.categories), rng.randint(1, 3))
            ):
                start = opened + timedelta(days=rng.randrange(0, 30))
                ended = closed_on if closed_on and rng.random() < 0.8 else None
                w["problem"].add((case_id, category, start, ended, "", now, now))
        self._consents(members, opened, user_id)
        if rng.random() < self.notes_share:
            self._interventions(
                case_id, opened, closed_on if status == "closed" else None, participants, holders
            )

    def _consents(self, members, opened, user_id):
        rng, add, now = self.rng, self.w["consent"].add, self.now
        for member in members:
            if member[1] < 18 or rng.random() > 0.35:
                continue
            for purpose in rng.sample(
                ["share_health", "share_services", "share_omnia", "contact_sms"], rng.randint(1, 2)
            ):
                expires = opened + timedelta(days=365 * 2) if rng.random() < 0.3 else None
                withdrawn = (
                    opened + timedelta(days=rng.randrange(30, 300)) if rng.random() < 0.05 else None
                )
                add(
                    (
                        member[0],
                        purpose,
                        opened,
                        rng.choice(["written", "written", "verbal"]),
                        expires,
                        withdrawn,
                        user_id,
                        now,
                        now,
                    )
                )

    def _interventions(self, case_id, opened, closed_on, participants, holders):
        rng, w, now = self.rng, self.w, self.now
        last = closed_on or self.today
        span = max(1, (last - opened).days)
        kinds = list(SUMMARIES)
        for _ in range(rng.randint(1, 14)):
            iid = self.intervention_id
            self.intervention_id += 1
            self.interventions += 1
            kind = rng.choices(kinds, cum_weights=KIND_CUM)[0]
            on = opened + timedelta(days=rng.randrange(0, span))
            author = holders[0][0] if len(holders) == 1 or on < holders[1][2] else holders[1][0]
            summary = rng.choice(SUMMARIES[kind])
            confidentiality, sensitivity = "team", ""
            roll = rng.random()
            if roll < 0.01:  # gender violence: only the specialised service reads it
                confidentiality, sensitivity = "specialised", "gender_violence"
            elif roll < 0.025:
                confidentiality, sensitivity = "named", rng.choice(["health", "minors", "justice"])
            elif roll < 0.04:
                sensitivity = rng.choice(["health", "minors"])
            if sensitivity:
                summary = CONFIDENTIAL_SUMMARIES[sensitivity]
            w["intervention"].add(
                (
                    iid,
                    case_id,
                    kind,
                    on,
                    rng.choice([15, 20, 30, 30, 45, 60, 90]),
                    summary,
                    confidentiality,
                    sensitivity,
                    author,
                    now,
                    now,
                )
            )
            w["intervention_professional"].add((iid, author))
            involved = participants[:1] if rng.random() < 0.7 else participants
            title = self.kind_labels[kind]
            for pid in involved:
                w["intervention_person"].add((iid, pid))
                w["timeline"].add(
                    (
                        pid,
                        case_id,
                        on,
                        f"intervention.{kind}",
                        title,
                        "records.intervention",
                        str(iid),
                        sensitivity,
                        confidentiality,
                        now,
                    )
                )

    # --- Search index and sequences ----------------------------------------------------
    def _write_tokens(self):
        tokens_writer = _Writer(NameToken, ["id", "text", "persons"])
        variants = _Writer(NameTokenVariant, ["variant", "token"], chunk=50_000)
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
