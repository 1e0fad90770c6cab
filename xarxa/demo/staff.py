"""The demo's organisations, teams and staff: the fictional organisations that stand in
for real ones, each team with its professionals, and one memorable account per role
(printed by `make run`)."""

import random
from dataclasses import dataclass

from django.utils.text import slugify

from xarxa.accounts import services as account_services
from xarxa.accounts.models import User
from xarxa.accounts.roles import Role
from xarxa.demo import names
from xarxa.organisations.models import Organisation, OrganisationKind, Team, TeamKind
from xarxa.territory.models import Abss, Municipality

DEMO_PASSWORD = "xarxa-demo"  # noqa: S105 - demo accounts only, printed by `make run`


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str
    team: tuple[str, str]  # organisation code, team name


# Extra organisations that stand in for real ones in the demo (fictional names).
DEMO_ORGANISATIONS = [
    (
        "demo-fundacio-plana-digital",
        "Fundació Plana Digital",
        OrganisationKind.THIRD_SECTOR,
        "08298",
        True,
    ),
    (
        "demo-associacio-ter-connecta",
        "Associació Ter Connecta",
        OrganisationKind.THIRD_SECTOR,
        "08112",
        True,
    ),
    ("demo-cap-vic-nord", "CAP Vic Nord (demo)", OrganisationKind.HEALTH_CENTRE, "08298", False),
    ("demo-cap-manlleu", "CAP Manlleu (demo)", OrganisationKind.HEALTH_CENTRE, "08112", False),
    ("demo-cap-torello", "CAP Torelló (demo)", OrganisationKind.HEALTH_CENTRE, "08285", False),
    # Stands in for the provider of the mental-health (CSMA) and addictions (CAS) centres.
    (
        "demo-salut-osona",
        "Salut Mental i Addiccions Osona (demo)",
        OrganisationKind.HEALTH_CENTRE,
        "08298",
        False,
    ),
]

# organisation code, team name, kind, ABSS code, how many professionals by role
TEAMS = [
    (
        "coss",
        "SBAS Osona Nord",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-CCO",
        {Role.SOCIAL_WORKER: 4, Role.SOCIAL_EDUCATOR: 2, Role.FAMILY_WORKER: 1},
    ),
    (
        "coss",
        "SBAS Osona Sud",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-CCO",
        {Role.SOCIAL_WORKER: 3, Role.SOCIAL_EDUCATOR: 2},
    ),
    (
        "coss",
        "SBAS Lluçanès",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-CCO",
        {Role.SOCIAL_WORKER: 3, Role.SOCIAL_EDUCATOR: 2, Role.FAMILY_WORKER: 1},
    ),
    (
        "coss",
        "SBAS Vall del Ges",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-CCO",
        {Role.SOCIAL_WORKER: 3, Role.SOCIAL_EDUCATOR: 2, Role.TEAM_COORDINATOR: 1},
    ),
    ("coss", "SIAD Osona", TeamKind.SPECIALISED_SERVICE, "", {Role.SPECIALISED_PROFESSIONAL: 2}),
    ("coss", "SAI Osona", TeamKind.SPECIALISED_SERVICE, "", {Role.SPECIALISED_PROFESSIONAL: 1}),
    ("coss", "EAIA Osona", TeamKind.SPECIALISED_SERVICE, "", {Role.SPECIALISED_PROFESSIONAL: 3}),
    ("coss", "SIFE Osona", TeamKind.SPECIALISED_SERVICE, "", {Role.SPECIALISED_PROFESSIONAL: 2}),
    ("coss", "SAED Osona", TeamKind.SPECIALISED_SERVICE, "", {Role.SPECIALISED_PROFESSIONAL: 3}),
    ("coss", "Direcció", TeamKind.MANAGEMENT, "ABSS-CCO", {}),
    ("coss", "Avaluació i planificació", TeamKind.EVALUATION, "", {Role.EVALUATOR: 1}),
    ("coss", "Protecció de dades", TeamKind.DATA_PROTECTION, "", {}),
    ("coss", "Sistemes d'informació", TeamKind.IT, "", {}),
    (
        "ajuntament-vic",
        "Serveis Socials Bàsics de Vic",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-VIC",
        {
            Role.SOCIAL_WORKER: 8,
            Role.SOCIAL_EDUCATOR: 5,
            Role.FAMILY_WORKER: 2,
            Role.TEAM_COORDINATOR: 1,
        },
    ),
    (
        "ajuntament-manlleu",
        "Serveis Socials Bàsics de Manlleu",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-MAN",
        {Role.SOCIAL_WORKER: 4, Role.SOCIAL_EDUCATOR: 3, Role.TEAM_COORDINATOR: 1},
    ),
    (
        "mancomunitat-la-plana",
        "Serveis Socials Bàsics La Plana",
        TeamKind.BASIC_SOCIAL_SERVICES,
        "ABSS-MLP",
        {Role.SOCIAL_WORKER: 3, Role.SOCIAL_EDUCATOR: 2, Role.TEAM_COORDINATOR: 1},
    ),
    (
        "generalitat-drets-socials",
        "Oficina tècnica Òmnia",
        TeamKind.TECHNICAL_OFFICE,
        "",
        {Role.TECHNICAL_OFFICE: 1},
    ),
    (
        "demo-fundacio-plana-digital",
        "Punt Òmnia Vic Remei",
        TeamKind.OMNIA,
        "",
        {Role.OMNIA_FACILITATOR: 1},
    ),
    (
        "demo-fundacio-plana-digital",
        "Punt Òmnia Torelló",
        TeamKind.OMNIA,
        "",
        {Role.OMNIA_FACILITATOR: 1},
    ),
    ("demo-fundacio-plana-digital", "Gerència", TeamKind.MANAGEMENT, "", {}),
    (
        "demo-associacio-ter-connecta",
        "Punt Òmnia Manlleu",
        TeamKind.OMNIA,
        "",
        {Role.OMNIA_FACILITATOR: 1},
    ),
    # The health special category's receiving teams (catalogue: csma-vic, cas-osona).
    (
        "demo-salut-osona",
        "CSMA Vic",
        TeamKind.SPECIALISED_SERVICE,
        "",
        {Role.SPECIALISED_PROFESSIONAL: 2},
    ),
    (
        "demo-salut-osona",
        "CAS Osona",
        TeamKind.SPECIALISED_SERVICE,
        "",
        {Role.SPECIALISED_PROFESSIONAL: 1},
    ),
]

# One account per role, with a memorable username, printed by `make run`.
DEMO_ACCOUNTS = [
    DemoAccount(
        "treballadora.social",
        "Núria",
        "Vilaró Puig",
        Role.SOCIAL_WORKER,
        ("ajuntament-vic", "Serveis Socials Bàsics de Vic"),
    ),
    DemoAccount(
        "educador.social",
        "Marc",
        "Casals Riera",
        Role.SOCIAL_EDUCATOR,
        ("ajuntament-vic", "Serveis Socials Bàsics de Vic"),
    ),
    DemoAccount(
        "treballadora.familiar",
        "Fatima",
        "El Amrani",
        Role.FAMILY_WORKER,
        ("ajuntament-manlleu", "Serveis Socials Bàsics de Manlleu"),
    ),
    DemoAccount(
        "coordinadora",
        "Montserrat",
        "Sala Comas",
        Role.TEAM_COORDINATOR,
        ("ajuntament-vic", "Serveis Socials Bàsics de Vic"),
    ),
    DemoAccount("directora", "Carme", "Tarrés Bosch", Role.DIRECTOR, ("coss", "Direcció")),
    DemoAccount(
        "professional.siad",
        "Laia",
        "Codina Serra",
        Role.SPECIALISED_PROFESSIONAL,
        ("coss", "SIAD Osona"),
    ),
    DemoAccount(
        "dinamitzador",
        "Pau",
        "Molist Font",
        Role.OMNIA_FACILITATOR,
        ("demo-fundacio-plana-digital", "Punt Òmnia Vic Remei"),
    ),
    DemoAccount(
        "entitat.gestora",
        "Elisenda",
        "Parareda Coll",
        Role.ENTITY_MANAGER,
        ("demo-fundacio-plana-digital", "Gerència"),
    ),
    DemoAccount(
        "oficina.tecnica",
        "Jordi",
        "Verdaguer Prat",
        Role.TECHNICAL_OFFICE,
        ("generalitat-drets-socials", "Oficina tècnica Òmnia"),
    ),
    DemoAccount(
        "avaluadora",
        "Helena",
        "Surinyach Camps",
        Role.EVALUATOR,
        ("coss", "Avaluació i planificació"),
    ),
    DemoAccount(
        "dpd",
        "Albert",
        "Gallifa Roca",
        Role.DATA_PROTECTION_OFFICER,
        ("coss", "Protecció de dades"),
    ),
    DemoAccount(
        "admin", "Oriol", "Boixadera Vila", Role.SYSTEM_ADMIN, ("coss", "Sistemes d'informació")
    ),
]


def _person_name(rng: random.Random) -> tuple[str, str]:
    origins = names.ORIGINS
    origin = rng.choices(origins, weights=[o[1] for o in origins])[0]
    given_f, given_m, surnames = origin[2]
    given = rng.choice(given_f if rng.random() < 0.7 else given_m)  # the profession is ~70% women
    if origin[0] in names.TWO_SURNAMES:
        return given, f"{rng.choice(surnames)} {rng.choice(surnames)}"
    return given, rng.choice(surnames)


def organisations_ensure():
    for code, name, kind, ine, omnia in DEMO_ORGANISATIONS:
        Organisation.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "municipality": Municipality.objects.get(ine_code=ine),
                "manages_omnia_points": omnia,
            },
        )


def teams_ensure() -> dict[tuple[str, str], Team]:
    organisations = {o.code: o for o in Organisation.objects.all()}
    abss = {a.code: a for a in Abss.objects.all()}
    teams = {}
    for org_code, name, kind, abss_code, _staffing in TEAMS:
        team, _ = Team.objects.update_or_create(
            organisation=organisations[org_code],
            name=name,
            defaults={"kind": kind, "abss": abss.get(abss_code)},
        )
        teams[(org_code, name)] = team
    return teams


def staff_ensure(teams, rng: random.Random, password_hash: str) -> int:
    created = 0

    def add(username, first, last, role, team):
        nonlocal created
        if User.objects.filter(username=username).exists():
            return
        user = account_services.user_create(
            actor=None,
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.xarxa.invalid",
            is_demo=True,
        )
        User.objects.filter(pk=user.pk).update(password=password_hash)
        account_services.assignment_create(actor=None, user=user, team=team, role=role)
        created += 1

    for account in DEMO_ACCOUNTS:
        add(
            account.username,
            account.first_name,
            account.last_name,
            account.role,
            teams[account.team],
        )
    for org_code, name, _kind, _abss, staffing in TEAMS:
        for role, count in staffing.items():
            for index in range(count):
                first, last = _person_name(rng)
                username = slugify(f"{first}.{last.split()[0]}")[:20] + f".{index + 1}"
                username = f"{slugify(name)[:12]}.{username}"
                add(username, first, last, role, teams[(org_code, name)])
    return created
