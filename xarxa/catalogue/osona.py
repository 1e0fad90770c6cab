"""The Osona catalogue the demo starts from: real services of the territory as the
research found them (see shared/research/domain.md §2), with plausible details where
the public sources say nothing (hours, places, fees: marked "demo" in the code column).

Each entry: code, provider organisation code, kind, publics, needs, areas (INE codes or
"*" for all of Osona), guaranteed, confidentiality, texts {lang: {...}}, extras.
"""

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]
MORNINGS = [{"days": WEEKDAYS, "opens": "09:00", "closes": "14:00"}]
ALL = "*"

ENTRIES = [
    {
        "code": "sbas-vic",
        "team": "Serveis Socials Bàsics de Vic",
        "organisation": "ajuntament-vic",
        "kind": "basic",
        "publics": ["everyone"],
        "needs": ["economic", "housing", "family", "exclusion", "migration"],
        "areas": ["08298"],
        "guaranteed": True,
        "texts": {
            "ca": {
                "name": "Serveis socials bàsics de Vic",
                "description": "Informació, orientació i acompanyament social per a qualsevol "
                "persona o família de Vic. És la porta d'entrada als serveis socials.",
                "application": "Demaneu cita per telèfon o presencialment.",
                "eligibility": "Persones empadronades a Vic.",
            },
            "es": {
                "name": "Servicios sociales básicos de Vic",
                "description": "Información, orientación y acompañamiento social para "
                "cualquier persona o familia de Vic. Es la puerta de entrada a los servicios "
                "sociales.",
                "application": "Pida cita por teléfono o presencialmente.",
            },
            "en": {
                "name": "Basic social services of Vic",
                "description": "Information, guidance and social support for any person or "
                "family living in Vic. The way into social services.",
                "application": "Ask for an appointment by phone or in person.",
            },
        },
        "languages": ["ca", "es"],
        "hours": MORNINGS,
        "locations": [("Serveis socials de Vic", "Carrer de la Ramada, 6", "08500", "08298")],
        "contact_public": True,
        "phone": "938 86 21 00",
    },
    {
        "code": "sbas-manlleu",
        "team": "Serveis Socials Bàsics de Manlleu",
        "organisation": "ajuntament-manlleu",
        "kind": "basic",
        "publics": ["everyone"],
        "needs": ["economic", "housing", "family", "exclusion", "migration"],
        "areas": ["08112"],
        "guaranteed": True,
        "texts": {
            "ca": {
                "name": "Serveis socials bàsics de Manlleu",
                "description": "Atenció social a les persones i famílies de Manlleu.",
                "application": "Demaneu cita a l'Ajuntament.",
            },
            "es": {"name": "Servicios sociales básicos de Manlleu"},
            "en": {"name": "Basic social services of Manlleu"},
        },
        "languages": ["ca", "es"],
        "hours": MORNINGS,
        "locations": [("Serveis socials de Manlleu", "Plaça de Fra Bernadí, 25", "08560", "08112")],
    },
    {
        "code": "sbas-coss",
        "team": "SBAS Osona Nord",
        "organisation": "coss",
        "kind": "basic",
        "publics": ["everyone"],
        "needs": ["economic", "housing", "family", "exclusion", "migration"],
        "areas": ALL,
        "guaranteed": True,
        "texts": {
            "ca": {
                "name": "Serveis socials bàsics del Consorci d'Osona",
                "description": "Atenció social als municipis de l'Àrea Bàsica del Consorci, "
                "amb professionals de referència a cada municipi.",
                "application": "Demaneu cita al vostre ajuntament.",
            },
            "es": {"name": "Servicios sociales básicos del Consorcio de Osona"},
            "en": {"name": "Basic social services of the Osona consortium"},
        },
        "languages": ["ca", "es"],
        "hours": MORNINGS,
        "locations": [
            (
                "Seu del Consorci",
                "Carrer de l'Historiador Ramon d'Abadal i de Vinyals, 5",
                "08500",
                "08298",
            )
        ],
    },
    {
        "code": "sad-dependencia",
        "team": "SAED Osona",
        "organisation": "coss",
        "kind": "home_care",
        "publics": ["older", "dependency"],
        "needs": ["health"],
        "areas": ALL,
        "guaranteed": True,
        "referral_only": True,
        "texts": {
            "ca": {
                "name": "SAD Osona — ajuda a domicili per dependència",
                "description": "Atenció personal i suport a la llar per a persones amb grau de "
                "dependència reconegut.",
                "referral": "La deriva la treballadora social de referència.",
                "fees": "Copagament segons ingressos.",
            },
            "es": {"name": "SAD Osona — ayuda a domicilio por dependencia"},
            "en": {"name": "SAD Osona — home care for dependency"},
        },
        "capacity": 420,
        "waiting": 37,
        "languages": ["ca", "es"],
    },
    {
        "code": "sad-transitori",
        "team": "SAED Osona",
        "organisation": "coss",
        "kind": "home_care",
        "publics": ["older", "dependency"],
        "needs": ["health"],
        "areas": ALL,
        "texts": {
            "ca": {
                "name": "SAD transitori després de l'alta hospitalària",
                "description": "Ajuda a domicili temporal quan una persona torna a casa "
                "després d'un ingrés.",
                "referral": "Derivació de l'hospital o del CAP amb la treballadora social.",
            },
            "es": {"name": "SAD transitorio tras el alta hospitalaria"},
            "en": {"name": "Transitional home care after hospital discharge"},
        },
        "capacity": 40,
        "waiting": 3,
    },
    {
        "code": "teleassistencia",
        "team": "SAED Osona",
        "organisation": "coss",
        "kind": "telecare",
        "publics": ["older", "dependency"],
        "needs": ["health"],
        "areas": ALL,
        "guaranteed": True,
        "texts": {
            "ca": {
                "name": "Teleassistència",
                "description": "Aparell d'alarma a casa i penjoll, atenció les 24 hores i "
                "trucades de seguiment.",
                "eligibility": "Persones grans o amb dependència que viuen soles o passen "
                "moltes hores soles.",
            },
            "es": {"name": "Teleasistencia"},
            "en": {
                "name": "Telecare",
                "description": "A home alarm and pendant, answered "
                "24 hours a day, with follow-up calls.",
            },
        },
        "capacity": 2600,
        "waiting": 55,
    },
    {
        "code": "terapia-ocupacional-productes-suport",
        "team": "SAED Osona",
        "organisation": "coss",
        "kind": "support_products",
        "publics": ["older", "dependency"],
        "needs": ["health"],
        "areas": ALL,
        "texts": {
            "ca": {
                "name": "Servei de Teràpia Ocupacional i Productes de Suport",
                "description": "Valoració a domicili, préstec de productes de suport (grues, "
                "llits, ajudes al bany), adaptacions de la llar i formació a cuidadors.",
                "fees": "Entre 10 i 60 euros segons la necessitat; exempció amb ingressos "
                "anuals per sota de 7.500 euros.",
                "referral": "A través de la treballadora social del municipi, el CAP o l'hospital.",
            },
            "es": {"name": "Servicio de Terapia Ocupacional y Productos de Apoyo"},
            "en": {"name": "Occupational therapy and support products"},
        },
        "fee": "10.00",
    },
    {
        "code": "sis-osona",
        "team": "SIFE Osona",
        "organisation": "coss",
        "kind": "children_families",
        "publics": ["children", "families"],
        "needs": ["family", "education"],
        "areas": ALL,
        "texts": {
            "ca": {
                "name": "Servei d'Intervenció Socioeducativa (SIS)",
                "description": "Servei diürn per a infants, adolescents i les seves famílies: "
                "suport a la criança, espais educatius i intervenció familiar.",
            },
            "es": {"name": "Servicio de Intervención Socioeducativa (SIS)"},
            "en": {"name": "Socio-educational service for children and families (SIS)"},
        },
        "capacity": 180,
        "waiting": 12,
        "maximum_age": 17,
        "locations": [
            ("SIS Prats de Lluçanès", "", "08513", "08171"),
            ("SIS Santa Eugènia de Berga", "", "08507", "08246"),
            ("SIS Centelles", "", "08540", "08067"),
        ],
    },
    {
        "code": "siad-vic-dones",
        "team": "SIAD Osona",
        "organisation": "ajuntament-vic",
        "kind": "women",
        "publics": ["women"],
        "needs": ["gender_violence"],
        "areas": ALL,
        "confidentiality": "restricted",
        "texts": {
            "ca": {
                "name": "Vic Dones — SIAD",
                "description": "Informació, assessorament psicològic i jurídic per a dones, "
                "també davant la violència masclista. Confidencial.",
            },
            "es": {"name": "Vic Dones — SIAD"},
            "en": {"name": "Vic Dones — women's information and support service (SIAD)"},
        },
        "languages": ["ca", "es", "ar", "en"],
        "contact_public": True,
        "phone": "938 86 21 00",
    },
    {
        "code": "sai-osona",
        "team": "SAI Osona",
        "organisation": "consell-comarcal-osona",
        "kind": "lgbti",
        "publics": ["lgbti"],
        "needs": ["exclusion"],
        "areas": ALL,
        "confidentiality": "restricted",
        "texts": {
            "ca": {
                "name": "Servei d'Atenció Integral LGBTI (SAI)",
                "description": "Atenció davant la discriminació, informació (com el nom "
                "sentit a la targeta sanitària), formació i sensibilització.",
            },
            "es": {"name": "Servicio de Atención Integral LGBTI (SAI)"},
            "en": {"name": "LGBTI support service (SAI)"},
        },
    },
    {
        "code": "pis-pont",
        "team": "Direcció",
        "organisation": "coss",
        "kind": "housing",
        "publics": ["families", "homeless"],
        "needs": ["housing"],
        "areas": ALL,
        "texts": {
            "ca": {
                "name": "Pisos pont per a emergències socials",
                "description": "Allotjament temporal amb acompanyament social mentre es busca "
                "una solució d'habitatge.",
                "referral": "Només amb derivació dels serveis socials bàsics.",
            },
            "es": {"name": "Pisos puente para emergencias sociales"},
            "en": {"name": "Bridge flats for social emergencies"},
        },
        "capacity": 8,
        "waiting": 5,
    },
    {
        "code": "primer-la-llar",
        "team": "Direcció",
        "organisation": "coss",
        "kind": "housing",
        "publics": ["homeless"],
        "needs": ["housing", "exclusion"],
        "areas": ALL,
        "texts": {
            "ca": {
                "name": "Primer la Llar (Housing First) — projecte pilot",
                "description": "Habitatge estable primer i suport socioeducatiu després, per a "
                "persones que han viscut molt de temps al carrer.",
            },
            "es": {"name": "Primero el Hogar (Housing First) — proyecto piloto"},
            "en": {"name": "Housing First — pilot project"},
        },
        "capacity": 6,
        "waiting": 9,
    },
    {
        "code": "espais-activat",
        "organisation": "consell-comarcal-osona",
        "kind": "active_ageing",
        "publics": ["older"],
        "needs": ["health", "exclusion"],
        "areas": ["08100", "08149", "08220", "08237", "08246", "17220"],
        "texts": {
            "ca": {
                "name": "Espais Activa't",
                "description": "Punts d'envelliment actiu als municipis: activitats setmanals "
                "i prevenció de la soledat.",
            },
            "es": {"name": "Espais Activa't"},
            "en": {"name": "Espais Activa't (active ageing)"},
        },
        "capacity": 57,
        "locations": [
            ("Espai Activa't Gurb", "", "08503", "08100"),
            ("Espai Activa't Olost", "", "08516", "08149"),
            ("Espai Activa't Sant Julià de Vilatorta", "", "08504", "08220"),
            ("Espai Activa't Sant Quirze de Besora", "", "08580", "08237"),
            ("Espai Activa't Santa Eugènia de Berga", "", "08507", "08246"),
            ("Espai Activa't Viladrau", "", "17406", "17220"),
        ],
        "contact_public": True,
        "hours": [{"days": ["TU", "TH"], "opens": "10:00", "closes": "12:30"}],
    },
    {
        "code": "eaia-osona",
        "team": "EAIA Osona",
        "organisation": "coss",
        "kind": "children_families",
        "publics": ["children"],
        "needs": ["family", "justice"],
        "areas": ALL,
        "confidentiality": "restricted",
        "texts": {
            "ca": {
                "name": "Equip d'Atenció a la Infància i l'Adolescència (EAIA)",
                "description": "Valoració i seguiment d'infants i adolescents en risc greu.",
                "referral": "Només per derivació professional.",
            },
            "es": {"name": "Equipo de Atención a la Infancia y la Adolescencia (EAIA)"},
            "en": {"name": "Child and adolescent protection team (EAIA)"},
        },
    },
    {
        "code": "sife-osona",
        "team": "SIFE Osona",
        "organisation": "coss",
        "kind": "children_families",
        "publics": ["families"],
        "needs": ["family"],
        "areas": ALL,
        "texts": {
            "ca": {
                "name": "Servei d'Intervenció Familiar Especialitzada (SIFE)",
                "description": "Acompanyament a famílies amb dificultats greus en la criança.",
            },
            "es": {"name": "Servicio de Intervención Familiar Especializada (SIFE)"},
            "en": {"name": "Specialised family intervention (SIFE)"},
        },
    },
    {
        "code": "programa-pedala",
        "organisation": "consell-comarcal-osona",
        "kind": "labour",
        "publics": ["unemployed"],
        "needs": ["employment", "economic"],
        "areas": ALL,
        "texts": {
            "ca": {
                "name": "Programa Pedala cap a la inserció",
                "description": "Grups d'acompanyament, pràctiques remunerades en un entorn "
                "protegit i estades a empreses. Compatible amb la Renda Garantida.",
            },
            "es": {"name": "Programa Pedala hacia la inserción"},
            "en": {"name": "Pedala programme towards work"},
        },
        "capacity": 60,
        "waiting": 14,
    },
    {
        "code": "oficina-prestacions",
        "team": "Direcció",
        "organisation": "coss",
        "kind": "benefits",
        "publics": ["everyone"],
        "needs": ["economic"],
        "areas": ALL,
        "texts": {
            "ca": {
                "name": "Oficina de prestacions econòmiques",
                "description": "Tramitació d'ajuts d'urgència, Renda Garantida, Ingrés Mínim "
                "Vital i informes de pobresa energètica, amb avisos per missatge.",
                "application": "Amb cita prèvia, o a través de la vostra treballadora social.",
            },
            "es": {"name": "Oficina de prestaciones económicas"},
            "en": {"name": "Benefits office"},
        },
        "languages": ["ca", "es", "ar", "fr"],
        "documents": ["DNI o NIE", "Certificat d'empadronament", "Ingressos de la llar"],
        "hours": MORNINGS,
        "contact_public": True,
    },
    *[
        {
            "code": f"punt-omnia-{slug}-demo",
            "organisation": organisation,
            "team": f"Punt Òmnia {place}",
            "kind": "digital",
            "publics": ["everyone", "older", "unemployed", "migrants", "young"],
            "needs": ["digital", "employment"],
            "areas": [ine],
            "texts": {
                "ca": {
                    "name": f"Punt Òmnia {place} (demo)",
                    "description": "Aprenentatge digital, suport amb tràmits en línia i "
                    "recerca de feina, temps de lliure accés i projectes comunitaris.",
                    "application": "Veniu en horari d'obertura o demaneu-ho a la vostra "
                    "treballadora social.",
                },
                "es": {"name": f"Punt Òmnia {place} (demo)"},
                "en": {"name": f"Òmnia digital inclusion point {place} (demo)"},
            },
            "languages": ["ca", "es", "ar"],
            "hours": [{"days": ["MO", "WE", "FR"], "opens": "16:00", "closes": "20:00"}],
            "capacity": 15,
            "contact_public": True,
        }
        for slug, place, organisation, ine in (
            ("vic-remei", "Vic Remei", "demo-fundacio-plana-digital", "08298"),
            ("torello", "Torelló", "demo-fundacio-plana-digital", "08285"),
            ("manlleu", "Manlleu", "demo-associacio-ter-connecta", "08112"),
        )
    ],
    {
        "code": "cap-vic-nord-demo",
        "organisation": "demo-cap-vic-nord",
        "kind": "health",
        "publics": ["everyone"],
        "needs": ["health"],
        "areas": ["08298"],
        "texts": {
            "ca": {
                "name": "CAP Vic Nord — treball social sanitari (demo)",
                "description": "Treball social del centre d'atenció primària.",
            },
            "es": {"name": "CAP Vic Nord — trabajo social sanitario (demo)"},
            "en": {"name": "Vic Nord primary care — health social work (demo)"},
        },
        "review_every_days": 90,
        "stale": True,
    },
]


def load(today) -> int:
    """Create or refresh the entries above (idempotent); returns how many. An entry whose
    provider is not in the database (a demo organisation) is left out."""
    from datetime import timedelta
    from decimal import Decimal

    from xarxa.catalogue.models import Service, ServiceLocation
    from xarxa.organisations.models import Organisation, Team
    from xarxa.territory.models import Municipality

    municipalities = {m.ine_code: m for m in Municipality.objects.all()}
    organisations = {o.code: o for o in Organisation.objects.all()}
    loaded = 0
    for entry in ENTRIES:
        if entry["organisation"] not in organisations:
            continue
        loaded += 1
        every = entry.get("review_every_days", 180)
        reviewed = today - timedelta(days=every + 20 if entry.get("stale") else 30)
        organisation = organisations[entry["organisation"]]
        service, _ = Service.objects.update_or_create(
            code=entry["code"],
            defaults={
                "organisation": organisation,
                "kind": entry["kind"],
                "texts": entry["texts"],
                "publics": entry["publics"],
                "needs": entry["needs"],
                "guaranteed": entry.get("guaranteed", False),
                "confidentiality": entry.get("confidentiality", "ordinary"),
                "languages": entry.get("languages", ["ca", "es"]),
                "documents": entry.get("documents", []),
                "hours": entry.get("hours", []),
                "fee_amount": Decimal(entry["fee"]) if entry.get("fee") else None,
                "maximum_age": entry.get("maximum_age"),
                "capacity": entry.get("capacity"),
                "waiting": entry.get("waiting"),
                # Demo service levels: the answer in ten working days everywhere; a first
                # appointment within three weeks where places are not queued.
                "answer_within": entry.get("answer_within", 10),
                "first_appointment_within": entry.get(
                    "first_appointment_within", None if entry.get("capacity") else 21
                ),
                "contact_public": entry.get("contact_public", False),
                "phone": entry.get("phone", ""),
                "review_every_days": every,
                "reviewed_on": reviewed,
                "owner_team": (
                    Team.objects.filter(name=entry.get("team", "")).first()
                    or Team.objects.filter(organisation=organisation).first()
                ),
            },
        )
        areas = entry["areas"]
        service.areas.set(
            municipalities.values() if areas == ALL else [municipalities[c] for c in areas]
        )
        service.locations.all().delete()
        for name, address, postal_code, ine in entry.get("locations", []):
            ServiceLocation.objects.create(
                service=service,
                name=name,
                address=address,
                postal_code=postal_code,
                municipality=municipalities[ine],
            )
    return loaded
