"""Synthetic persons for the demo Osona: households, documents, contacts, consents, case
files with three years of interventions, a timeline, planted duplicates, and the search
index. Deterministic for a seed, and fast: rows are written with executemany in chunks
(one million persons in a few minutes), never through per-row ORM saves.
"""

import random
import time
import unicodedata
import uuid
from collections import Counter
from datetime import timedelta

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone, translation
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
    PersonNameToken,
)
from xarxa.people.names import deletion_variants, digits, tokens
from xarxa.records.models import (
    CaseAssignment,
    CaseEvent,
    CaseFile,
    CaseParticipant,
    Intervention,
    TimelineEntry,
)
from xarxa.territory.models import AbssMembership

# Interventions are the bulk of a real history; above this many the demo keeps the
# rest of the case files without notes so a million persons still load in minutes.
MAX_INTERVENTIONS = 150_000
SHARE_OF_POPULATION = 0.06  # about 6% of residents are social-services users
STREETS = [
    "Carrer Major",
    "Carrer de la Riera",
    "Rambla del Passeig",
    "Carrer de Sant Pere",
    "Carrer del Pont",
    "Passeig de la Generalitat",
    "Carrer de Verdaguer",
    "Carrer Nou",
    "Plaça Major",
    "Carrer de Manlleu",
    "Carrer de la Font",
    "Carrer de Vic",
    "Carrer del Ter",
    "Carrer de Sant Jordi",
    "Avinguda de Montserrat",
    "Carrer de Gurb",
]
SUMMARIES = {
    "interview": [
        "Entrevista de seguiment. Revisem la situació econòmica i els pagaments pendents.",
        "Primera entrevista. Demana informació sobre ajuts per al lloguer.",
        "Entrevista amb la família: acordem objectius del pla de treball.",
        "Revisem la documentació per a la renda garantida de ciutadania.",
    ],
    "home_visit": [
        "Visita domiciliària. L'habitatge presenta humitats; cal valorar adequació.",
        "Visita a domicili per valorar el servei d'atenció domiciliària.",
    ],
    "phone_call": [
        "Trucada de seguiment. Confirma la cita amb el servei d'ocupació.",
        "Trucada: informa que ja ha rebut la resolució de l'ajut.",
    ],
    "coordination": [
        "Coordinació amb l'escola sobre l'absentisme del fill gran.",
        "Coordinació amb el CAP per al seguiment de salut.",
    ],
    "report": ["Informe social per a la sol·licitud d'habitatge d'emergència."],
    "accompaniment": ["Acompanyament a l'oficina d'habitatge per presentar la sol·licitud."],
    "group_session": ["Sessió grupal del taller de competències digitals al Punt Òmnia."],
}
CLOSING_REASONS = ["Objectius assolits", "Trasllat a un altre municipi", "No hi ha demanda"]
SENSITIVE = ["gender_violence", "health", "minors", "justice"]
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


class _Writer:
    """Buffered executemany into one table, with database-ready values."""

    def __init__(self, model, fields, chunk=20_000):
        self.table = connection.ops.quote_name(model._meta.db_table)
        columns = [model._meta.get_field(f).column for f in fields]
        placeholders = ", ".join(["%s"] * len(columns))
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        # Names come from the model's metadata, values are bound parameters.
        self.sql = f"INSERT INTO {self.table} ({quoted}) VALUES ({placeholders})"  # noqa: S608
        self.copy_sql = f"COPY {self.table} ({quoted}) FROM STDIN"
        self.rows, self.chunk, self.count = [], chunk, 0

    def add(self, row):
        self.rows.append(row)
        if len(self.rows) >= self.chunk:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY streams the rows: an order of magnitude faster than INSERTs.
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, self.rows)
        self.count += len(self.rows)
        self.rows = []


def _next_id(model) -> int:
    return (model.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1


def _dni(rng) -> str:
    number = f"{rng.randrange(10_000_000, 99_999_999)}"
    return number + dni.calc_check_digit(number)


def _nie(rng) -> str:
    prefix = rng.choice("XYZ")
    body = f"{rng.randrange(0, 9_999_999):07d}"
    return prefix + body + dni.calc_check_digit(str("XYZ".index(prefix)) + body)


class PeopleBuilder:
    def __init__(self, *, seed: int, persons: int, log=print):
        self.rng = random.Random(seed * 7919 + 17)
        self.seed = seed
        self.target = persons
        self.log = log
        self.today = timezone.localdate()
        self.now = Person._meta.get_field("created_at").get_db_prep_value(
            timezone.now(), connection
        )
        self.vendor = connection.vendor

    # --- Reference data --------------------------------------------------------------
    def _load_reference(self):
        memberships = AbssMembership.objects.valid_on(self.today).select_related(
            "municipality", "abss"
        )
        self.places = [
            (m.municipality_id, m.abss_id, m.municipality.population or 500, m.municipality.name)
            for m in memberships
        ]
        self.place_weights = [p[2] for p in self.places]
        self.professionals: dict[int, list[tuple[int, int]]] = {}
        current = (
            Assignment.objects.valid_on(self.today)
            .filter(role__in=[Role.SOCIAL_WORKER, Role.SOCIAL_EDUCATOR, Role.FAMILY_WORKER])
            .select_related("team", "user")
        )
        for a in current:
            abss_id = a.abss_id or a.team.abss_id
            if abss_id:
                # The demo social worker carries a full caseload so her start page is real.
                weight = 8 if a.user.username == "treballadora.social" else 1
                self.professionals.setdefault(abss_id, []).extend([(a.user_id, a.team_id)] * weight)
        self.origin_weights = [o[1] for o in names.ORIGINS]
        abss_ids = {p[1] for p in self.places}
        from xarxa.territory.models import Abss

        self.abss_codes = {
            a.pk: a.code.removeprefix("ABSS-") for a in Abss.objects.filter(pk__in=abss_ids)
        }
        with translation.override("ca"):
            self.kind_labels = {k: str(v) for k, v in Intervention._meta.get_field("kind").choices}

    # --- Names and people ------------------------------------------------------------
    def _uuid(self) -> str:
        return uuid.UUID(int=self.uuid_rng.getrandbits(128), version=4).hex

    def _origin(self):
        return self.rng.choices(names.ORIGINS, weights=self.origin_weights)[0]

    def _surnames(self, origin):
        pool = origin[2][2]
        if origin[0] == "local":
            pool = pool + EXTRA_CATALAN_SURNAMES
        return pool

    def _given(self, origin, sex):
        female, male, _ = origin[2]
        return self.rng.choice(female if sex == "F" else male)

    def _birth(self, low, high):
        days = self.rng.randrange(int(low * 365.25), int(high * 365.25))
        return self.today - timedelta(days=days)

    def build(self) -> dict[str, int]:
        started = time.perf_counter()
        self._load_reference()
        if not self.places or not self.professionals:
            return {"persons": 0}
        ids = {m: _next_id(m) for m in (Person, Household, CaseFile, Intervention, NameToken)}
        self.person_id, self.household_id = ids[Person], ids[Household]
        # Identifiers differ between runs that add to the same database; names do not.
        self.uuid_rng = random.Random(f"{self.seed}:{self.person_id}")
        self.case_id, self.intervention_id = ids[CaseFile], ids[Intervention]
        # Demo case numbers continue after any already there (a second run adds more).
        self.case_numbers = Counter()
        for number in CaseFile.objects.values_list("number", flat=True):
            short, year, sequence = number.rsplit("-", 2)
            abss_id = next((k for k, v in self.abss_codes.items() if v == short), None)
            key = (abss_id, int(year))
            self.case_numbers[key] = max(self.case_numbers[key], int(sequence))
        w = self.writers = {
            "person": _Writer(
                Person,
                [
                    "id",
                    "public_id",
                    "given_names",
                    "first_surname",
                    "second_surname",
                    "used_name",
                    "birth_date",
                    "birth_date_approximate",
                    "sex",
                    "gender_identity",
                    "nationality",
                    "languages",
                    "contact_language",
                    "address",
                    "postal_code",
                    "municipality",
                    "abss",
                    "restriction_reason",
                    "version",
                    "created_at",
                    "updated_at",
                ],
            ),
            "household": _Writer(
                Household,
                [
                    "id",
                    "public_id",
                    "address",
                    "municipality",
                    "version",
                    "created_at",
                    "updated_at",
                ],
            ),
            "membership": _Writer(
                HouseholdMembership,
                [
                    "household",
                    "person",
                    "relationship",
                    "valid_from",
                    "valid_until",
                ],
            ),
            "document": _Writer(
                IdentityDocument,
                [
                    "person",
                    "kind",
                    "number",
                    "country",
                    "created_at",
                    "updated_at",
                ],
            ),
            "channel": _Writer(
                ContactChannel,
                [
                    "person",
                    "kind",
                    "value",
                    "search_value",
                    "may_contact",
                    "consent_on",
                    "created_at",
                    "updated_at",
                ],
            ),
            "consent": _Writer(
                Consent,
                [
                    "person",
                    "purpose",
                    "given_on",
                    "method",
                    "recorded_by",
                    "created_at",
                    "updated_at",
                ],
            ),
            "case": _Writer(
                CaseFile,
                [
                    "id",
                    "public_id",
                    "number",
                    "person",
                    "abss",
                    "team",
                    "municipality",
                    "reference_professional",
                    "status",
                    "opened_on",
                    "closed_on",
                    "closing_reason",
                    "version",
                    "created_at",
                    "updated_at",
                ],
            ),
            "participant": _Writer(CaseParticipant, ["case", "person", "valid_from"]),
            "assignment": _Writer(
                CaseAssignment,
                [
                    "case",
                    "reference_professional",
                    "team",
                    "abss",
                    "municipality",
                    "changed_by",
                    "valid_from",
                    "reason",
                ],
            ),
            "event": _Writer(CaseEvent, ["case", "kind", "on", "reason", "by", "at"]),
            "intervention": _Writer(
                Intervention,
                [
                    "id",
                    "case",
                    "kind",
                    "occurred_on",
                    "duration_minutes",
                    "summary",
                    "confidentiality",
                    "sensitivity",
                    "author",
                    "created_at",
                    "updated_at",
                ],
            ),
            "intervention_person": _Writer(
                Intervention.persons.through,
                [
                    "intervention",
                    "person",
                ],
            ),
            "timeline": _Writer(
                TimelineEntry,
                [
                    "person",
                    "case",
                    "on",
                    "kind",
                    "title",
                    "object_type",
                    "object_id",
                    "sensitivity",
                    "confidentiality",
                    "created_at",
                ],
            ),
        }
        self.token_ids: dict[str, int] = dict(NameToken.objects.values_list("text", "id"))
        self.existing_tokens = set(self.token_ids.values())
        self.token_counts: Counter = Counter()
        self.postings = _Writer(PersonNameToken, ["token", "person"], chunk=50_000)
        self.next_token_id = ids[NameToken]
        self.interventions = 0
        self.duplicates = 0
        self.made = 0
        while self.made < self.target:
            self._household()
        for writer in w.values():
            writer.flush()
        self.postings.flush()
        self._write_tokens()
        self._reset_sequences()
        elapsed = time.perf_counter() - started
        self.log(
            f"  persons {self.made}, households {self.household_id - ids[Household]}, "
            f"case files {self.case_id - ids[CaseFile]}, interventions {self.interventions}, "
            f"planted duplicates {self.duplicates} in {elapsed:.1f} s"
        )
        return {
            "persons": self.made,
            "duplicates": self.duplicates,
            "interventions": self.interventions,
        }

    def _person(
        self,
        household_id,
        place,
        origin,
        sex,
        birth,
        given,
        first,
        second,
        relationship,
        since,
        address,
        postal,
        nationality=None,
    ):
        rng = self.rng
        pid = self.person_id
        self.person_id += 1
        self.made += 1
        nationality = nationality or (origin[3] if rng.random() < 0.8 else "ES")
        age = (self.today - birth).days // 365
        languages = {"local": "ca,es", "maghreb": "ar,es", "latam": "es"}.get(origin[0], "en,es")
        self.writers["person"].add(
            (
                pid,
                self._uuid(),
                given,
                first,
                second,
                "",
                birth,
                rng.random() < 0.03,
                sex,
                "",
                nationality,
                languages,
                languages.split(",")[0],
                address,
                postal,
                place[0],
                place[1],
                "",
                1,
                self.now,
                self.now,
            )
        )
        self.writers["membership"].add((household_id, pid, relationship, since, None))
        for text in tokens(given, first, second):
            self._post(text, pid)
        adult = age >= 18
        if nationality == "ES" and (adult or (age >= 14 and rng.random() < 0.5)):
            if rng.random() < 0.92:
                self.writers["document"].add((pid, "dni", _dni(rng), "ES", self.now, self.now))
        elif adult and rng.random() < 0.85:
            self.writers["document"].add((pid, "nie", _nie(rng), "", self.now, self.now))
            if rng.random() < 0.1:
                number = f"{nationality}{rng.randrange(1_000_000, 9_999_999)}"
                self.writers["document"].add(
                    (pid, "passport", number, nationality, self.now, self.now)
                )
        if rng.random() < 0.4:
            cip = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
            cip += f"{rng.randrange(10**9, 10**10)}"
            self.writers["document"].add((pid, "cip", cip, "", self.now, self.now))
        if adult and rng.random() < 0.75:
            phone = f"6{rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(100, 999)}"
            agrees = rng.random() < 0.85
            self.writers["channel"].add(
                (
                    pid,
                    "mobile",
                    phone,
                    digits(phone),
                    agrees,
                    since if agrees else None,
                    self.now,
                    self.now,
                )
            )
            if age < 31 and rng.random() < 0.4:
                self.writers["channel"].add(
                    (pid, "whatsapp", phone, digits(phone), True, since, self.now, self.now)
                )
        if adult and age > 65 and rng.random() < 0.4:
            phone = f"93 8{rng.randrange(10, 99)} {rng.randrange(10, 99)} {rng.randrange(10, 99)}"
            self.writers["channel"].add(
                (pid, "phone", phone, digits(phone), True, since, self.now, self.now)
            )
        return pid, age

    def _post(self, text, pid):
        token_id = self.token_ids.get(text)
        if token_id is None:
            token_id = self.token_ids[text] = self.next_token_id
            self.next_token_id += 1
        self.token_counts[token_id] += 1
        self.postings.add((token_id, pid))

    def _household(self):
        rng = self.rng
        place = rng.choices(self.places, weights=self.place_weights)[0]
        origin = self._origin()
        surnames = self._surnames(origin)
        two_surnames = origin[0] in {"local", "latam"}
        hid = self.household_id
        self.household_id += 1
        address = f"{rng.choice(STREETS)}, {rng.randrange(1, 120)}"
        postal = f"085{rng.randrange(0, 99):02d}"
        since = self.today - timedelta(days=rng.randrange(30, 365 * 12))
        self.writers["household"].add((hid, self._uuid(), address, place[0], 1, self.now, self.now))
        kind = rng.choices(
            ["elder", "elder_couple", "couple_kids", "single_parent", "extended", "shared"],
            weights=[24, 10, 26, 20, 8, 12],
        )[0]
        members = []

        def surname_pair():
            if two_surnames:
                return rng.choice(surnames), rng.choice(surnames)
            return rng.choice(surnames), ""

        def add(sex, low, high, relationship, first=None, second=None):
            f, s = surname_pair()
            given = self._given(origin, sex)
            pid, age = self._person(
                hid,
                place,
                origin,
                sex,
                self._birth(low, high),
                given,
                first or f,
                s if second is None else second,
                relationship,
                since,
                address,
                postal,
            )
            members.append((pid, age, given, first or f, s if second is None else second, sex))
            return first or f

        if kind == "elder":
            add(rng.choice("FFM"), 70, 96, "reference")
        elif kind == "elder_couple":
            add("M", 70, 92, "reference")
            add("F", 68, 90, "partner")
        elif kind in {"couple_kids", "extended"}:
            father = add("M", 28, 58, "reference")
            mother = add("F", 26, 55, "partner")
            for _ in range(rng.randint(1, 4)):
                add(rng.choice("FM"), 0, 18, "child", father, mother if two_surnames else "")
            if kind == "extended":
                add(rng.choice("FM"), 65, 90, "parent")
        elif kind == "single_parent":
            parent = add("F" if rng.random() < 0.85 else "M", 22, 55, "reference")
            for _ in range(rng.randint(1, 3)):
                add(rng.choice("FM"), 0, 18, "child", rng.choice(surnames), parent)
        else:
            for index in range(rng.randint(2, 4)):
                add(rng.choice("FM"), 19, 50, "reference" if index == 0 else "other")
        if rng.random() < 0.02 * len(members) and self.made < self.target:
            self._plant_duplicate(rng.choice(members), place, origin)
        if rng.random() < 0.55:
            self._case(hid, place, members, since)

    def _plant_duplicate(self, member, place, origin):
        """The same person registered again, typed the way real duplicates are."""
        rng = self.rng
        _pid, age, given, first, second, sex = member
        variant = rng.randrange(5)
        if variant == 0:
            given, first = _unaccent(given), _unaccent(first)
        elif variant == 1:
            second = ""
        elif variant == 2 and len(first) > 4:
            i = rng.randrange(1, len(first) - 1)
            first = first[:i] + first[i + 1 :]
        elif variant == 3:
            given = given.upper()
        else:
            first, second = second or first, first if second else second
        if rng.random() < 0.3:
            place = rng.choices(self.places, weights=self.place_weights)[0]
        hid = self.household_id
        self.household_id += 1
        self.writers["household"].add((hid, self._uuid(), "", place[0], 1, self.now, self.now))
        birth = self.today - timedelta(days=int(age * 365.25) + rng.randrange(0, 300))
        self._person(
            hid,
            place,
            origin,
            sex,
            birth,
            given,
            first,
            second,
            "reference",
            self.today - timedelta(days=rng.randrange(30, 900)),
            "",
            "",
        )
        self.duplicates += 1

    def _case(self, hid, place, members, since):
        rng = self.rng
        professionals = self.professionals.get(place[1])
        if not professionals:
            return
        user_id, team_id = rng.choice(professionals)
        case_id = self.case_id
        self.case_id += 1
        opened = self.today - timedelta(days=rng.randrange(10, 365 * 3))
        key = (place[1], opened.year)
        self.case_numbers[key] += 1
        code = f"{self.abss_codes[place[1]]}-{opened.year}-{self.case_numbers[key]:06d}"
        closed = rng.random() < 0.25
        closed_on = None
        if closed:
            closed_on = min(self.today, opened + timedelta(days=rng.randrange(60, 700)))
        head = members[0][0]
        self.writers["case"].add(
            (
                case_id,
                self._uuid(),
                code,
                head,
                place[1],
                team_id,
                place[0],
                user_id,
                "closed" if closed else "open",
                opened,
                closed_on,
                rng.choice(CLOSING_REASONS) if closed else "",
                1,
                self.now,
                self.now,
            )
        )
        self.writers["assignment"].add(
            (case_id, user_id, team_id, place[1], place[0], user_id, opened, "")
        )
        self.writers["event"].add((case_id, "opened", opened, "", user_id, self.now))
        for pid, *_ in members:
            self.writers["participant"].add((case_id, pid, opened))
            self.writers["timeline"].add(
                (
                    pid,
                    case_id,
                    opened,
                    "case.opened",
                    f"Expedient {code} obert",
                    "records.casefile",
                    str(case_id),
                    "",
                    "team",
                    self.now,
                )
            )
        if closed:
            self.writers["event"].add((case_id, "closed", closed_on, "", user_id, self.now))
        if rng.random() < 0.3:
            self.writers["consent"].add(
                (
                    head,
                    rng.choice(["share_health", "share_omnia", "contact_sms"]),
                    opened,
                    rng.choice(["written", "verbal"]),
                    user_id,
                    self.now,
                    self.now,
                )
            )
        if self.interventions >= MAX_INTERVENTIONS:
            return
        last = closed_on or self.today
        for _ in range(rng.randint(1, 14)):
            iid = self.intervention_id
            self.intervention_id += 1
            self.interventions += 1
            kind = rng.choices(list(SUMMARIES), weights=[40, 15, 25, 10, 4, 4, 2])[0]
            on = opened + timedelta(days=rng.randrange(0, max(1, (last - opened).days)))
            sensitive = rng.choice(SENSITIVE) if rng.random() < 0.05 else ""
            self.writers["intervention"].add(
                (
                    iid,
                    case_id,
                    kind,
                    on,
                    rng.choice([15, 20, 30, 45, 60, 90]),
                    rng.choice(SUMMARIES[kind]),
                    "team",
                    sensitive,
                    user_id,
                    self.now,
                    self.now,
                )
            )
            involved = [members[0][0]] if rng.random() < 0.7 else [m[0] for m in members]
            for pid in involved:
                self.writers["intervention_person"].add((iid, pid))
                self.writers["timeline"].add(
                    (
                        pid,
                        case_id,
                        on,
                        f"intervention.{kind}",
                        self.kind_labels[kind],
                        "records.intervention",
                        str(iid),
                        sensitive,
                        "team",
                        self.now,
                    )
                )

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
            for variant in deletion_variants(text):
                variants.add((variant, token_id))
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
            no_style(), [Person, Household, CaseFile, Intervention, NameToken]
        )
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
