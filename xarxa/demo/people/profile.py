"""The shape of the demo population: how many people, cases and notes, how households
are made up, and the texts case notes are drawn from. The order of each list matters:
the builder draws from them with a seeded generator (tests/demo pin the result)."""

from itertools import accumulate

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
