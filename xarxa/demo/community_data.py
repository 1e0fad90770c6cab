"""What the demo Òmnia network is made of: its points and spaces in real Osona
municipalities, the mobile point's stops, the activities they offer, who comes, and
the network's projects, library, news and training plan. The order of each list
matters: the generators draw from them with a seeded generator (tests/demo pin it)."""

# organisation code, team (point) name, type, INE code, address, opening hours
DEMO_POINTS = [
    ("demo-fundacio-plana-digital", "Punt Òmnia Vic Remei", "omnia", "08298",
     "Carrer del Remei, 12 (demo)", "Dilluns a divendres, 16:00-20:00"),
    ("demo-fundacio-plana-digital", "Punt Òmnia Torelló", "omnia", "08285",
     "Carrer de Sant Feliu, 4 (demo)", "Dilluns, dimecres i divendres, 16:00-20:00"),
    ("demo-associacio-ter-connecta", "Punt Òmnia Manlleu", "omnia", "08112",
     "Passeig del Ter, 30 (demo)", "Dilluns a dijous, 10:00-13:00 i 16:00-19:00"),
    ("ajuntament-manlleu", "Espai Activa't Manlleu", "activat", "08112",
     "Plaça Fra Bernadí, 1 (demo)", "Dimarts i dijous, 10:00-13:00"),
    ("ajuntament-centelles", "Espai Activa't Centelles", "activat", "08067",
     "Carrer Major, 20 (demo)", "Dimecres, 10:00-12:30"),
    ("ajuntament-roda-de-ter", "Centre cívic de Roda de Ter", "civic", "08183",
     "Carrer de Vic, 5 (demo)", "Dilluns a divendres, 17:00-21:00"),
    ("demo-associacio-ter-connecta", "Òmnia mòbil Osona Nord", "mobile", "08237",
     "Furgoneta equipada (demo)", "Segons el calendari de parades"),
]  # fmt: skip

# The mobile point's weekly stops: INE code, place, weekday, from hour, to hour.
MOBILE_STOPS = [
    ("08237", "Plaça de l'Ajuntament", 0, 10, 13),
    ("08131", "Davant del Casal", 1, 10, 13),
    ("08150", "Local social", 2, 10, 12),
    ("08233", "Biblioteca", 3, 16, 19),
    ("08117", "Centre cívic", 4, 10, 13),
]  # fmt: skip

TITLES = {
    ("learning", "course"): [
        ("Iniciació a l'ordinador", ["5.1", "1.1"], ["C2"]),
        ("El mòbil, pas a pas", ["2.1", "4.1"], ["C3"]),
        ("Preparació ACTIC bàsic", ["1.1", "2.1", "3.1"], ["C1", "C2", "C3", "C4"]),
        ("Full de càlcul per a tothom", ["3.1", "5.2"], ["C6", "C7"]),
    ],
    ("learning", "workshop"): [
        ("Tràmits en línia amb l'idCAT Mòbil", ["2.3", "4.2"], ["C1", "C3"]),
        ("Videotrucades amb la família", ["2.1", "2.5"], ["C3"]),
        ("Seguretat i estafes a internet", ["4.2", "1.2"], ["C1"]),
        ("La cita prèvia del CAP des del mòbil", ["2.3", "1.1"], ["C3"]),
    ],
    ("labour", "course"): [
        ("Currículum i carta de presentació", ["3.1", "2.6"], ["C4"]),
        ("Competències digitals per a la feina", ["5.4", "2.4"], ["C2", "C3"]),
    ],
    ("labour", "workshop"): [
        ("Cerca de feina per internet", ["1.1", "2.6"], ["C3"]),
        ("Entrevistes de feina en línia", ["2.1", "2.5"], ["C3"]),
    ],
    ("community", "course"): [("Ràdio comunitària", ["3.1", "2.2"], ["C5"])],
    ("community", "workshop"): [
        ("Fotografia del barri", ["3.2", "3.3"], ["C5"]),
        ("Memòria del poble: entrevistes a la gent gran", ["3.1", "2.2"], ["C5", "C8"]),
    ],
}
SUPPORT = [
    ("Acompanyament: sol·licitud d'ajuts en línia", "learning", ["2.3"]),
    ("Acompanyament: inscripció a ofertes de feina", "labour", ["2.6"]),
    ("Acompanyament: certificat digital", "learning", ["4.2"]),
]
PROJECTS = [
    "Projecte comunitari: Comunitats contra l'aïllament",
    "Projecte comunitari: Connectem generacions (PLACI)",
]

# Who comes (weights): about 60% women; older and unemployed people over-represented.
GENDERS = [("woman", 60), ("man", 38), ("non_binary", 1), ("not_stated", 1)]
AGES = [("u16", 7), ("16_29", 13), ("30_44", 18), ("45_64", 27), ("65", 33), ("not_stated", 2)]
ORIGINS = [("spain", 62), ("eu", 5), ("non_eu", 30), ("not_stated", 3)]
SITUATIONS_BY_AGE = {
    "u16": [("student", 95), ("other", 5)],
    "16_29": [("unemployed", 40), ("student", 35), ("employed", 20), ("family", 5)],
    "30_44": [("unemployed", 50), ("employed", 25), ("family", 20), ("other", 5)],
    "45_64": [("unemployed", 50), ("employed", 25), ("family", 15), ("other", 10)],
    "65": [("retired", 90), ("family", 5), ("other", 5)],
    "not_stated": [("not_stated", 80), ("other", 20)],
}


PROJECT_FRAMES = {
    PROJECTS[0]: ("isolation", "Que cap persona gran del barri estigui sola: trobades, "
                  "videotrucades amb la família i xarxa de veïns.",
                  "Casal de gent gran\nServeis socials bàsics\nCAP (demo)"),
    PROJECTS[1]: ("placi", "Joves i gent gran aprenen junts: els joves ensenyen el mòbil, la gent "
                  "gran explica la història del poble.",
                  "Institut (demo)\nAssociació de veïns\nBiblioteca municipal"),
}  # fmt: skip


LIBRARY = [
    ("Guia: l'idCAT Mòbil pas a pas", "guide", ["learning"], ["4.2", "2.3"],
     "Com donar-se d'alta i fer servir l'idCAT Mòbil per als tràmits de la Generalitat."),
    ("Disseny: taller de videotrucades amb la família", "design", ["learning", "community"],
     ["2.1"], "Dues sessions de 90 minuts per a gent gran; amb fitxes per imprimir."),
    ("Fitxes: el mòbil per a principiants", "material", ["learning"], ["5.1", "4.1"],
     "Vuit fitxes amb lletra gran: trucar, missatges, fotos, seguretat."),
    ("Disseny: club de feina en línia", "design", ["labour"], ["1.1", "2.6"],
     "Sessió setmanal per buscar feina a internet i preparar el perfil professional."),
    ("Guia: preparar l'ACTIC bàsic", "guide", ["learning"], ["1.1", "3.1"],
     "Com s'organitza la prova, exemples de preguntes i un pla de 6 setmanes."),
    ("Material: seguretat i estafes per missatge", "material", ["learning"], ["4.2", "1.2"],
     "Exemples reals d'estafes (SMS, WhatsApp) per comentar en grup."),
    ("Disseny: memòria del poble amb la gent gran", "design", ["community"], ["3.1", "2.2"],
     "Projecte comunitari: entrevistes gravades per joves i gent gran."),
    ("Guia: la cita prèvia del CAP des del mòbil", "guide", ["learning"], ["2.3"],
     "La Meva Salut i la cita prèvia, explicades per a persones que comencen."),
]  # fmt: skip

NEWS = [
    ("Jornada Òmnia de tardor", "Ens trobem a Barcelona per compartir els projectes de l'any. "
     "Inscripcions obertes fins a final de mes."),
    ("Nou kit d'accessibilitat", "Els punts que el demanin rebran teclats d'alt contrast, "
     "ratolins de bola i lupes digitals."),
    ("Formació: acció comunitària i perspectiva de gènere", "Curs del Pla de formació Òmnia, "
     "quatre sessions en línia."),
]  # fmt: skip


COURSES = [
    ("Acció comunitària i treball per projectes", 16, ["community", "projects"]),
    ("Perspectiva de gènere i interseccionalitat a l'Òmnia", 12, ["gender", "digital_divides"]),
    ("Ensenyar competències digitals amb DigComp 2.2", 20, ["digcomp"]),
    ("Acompanyar en la recerca de feina en línia", 10, ["employment", "e_administration"]),
]
