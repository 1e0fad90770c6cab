"""Name pools for realistic synthetic people in Osona: Catalan and Spanish names, and the
main origins of the comarca's migrant population (Morocco, Latin America, Romania,
West Africa, South Asia, China). Weights roughly follow who lives there."""

CATALAN_GIVEN_F = [
    "Montserrat",
    "Núria",
    "Anna",
    "Marta",
    "Laia",
    "Júlia",
    "Mireia",
    "Carme",
    "Roser",
    "Maria",
    "Neus",
    "Glòria",
    "Mercè",
    "Queralt",
    "Aina",
    "Clara",
    "Berta",
    "Ona",
    "Elisenda",
    "Rosa",
    "Dolors",
    "Teresa",
    "Pilar",
    "Cristina",
    "Sílvia",
    "Judit",
    "Helena",
    "Ariadna",
]
CATALAN_GIVEN_M = [
    "Jordi",
    "Joan",
    "Josep",
    "Pere",
    "Marc",
    "Pau",
    "Jaume",
    "Albert",
    "Xavier",
    "Oriol",
    "Martí",
    "Arnau",
    "Pol",
    "Ramon",
    "Lluís",
    "Francesc",
    "Miquel",
    "Enric",
    "Jaume",
    "Roger",
    "Quim",
    "Bernat",
    "Genís",
    "Ferran",
    "David",
    "Antoni",
    "Manel",
    "Àlex",
]
CATALAN_SURNAMES = [
    "Puig",
    "Vila",
    "Soler",
    "Serra",
    "Vilaró",
    "Casals",
    "Riera",
    "Font",
    "Pujol",
    "Rovira",
    "Bosch",
    "Coll",
    "Sala",
    "Roca",
    "Masnou",
    "Vinyes",
    "Costa",
    "Ferrer",
    "Prat",
    "Camps",
    "Solà",
    "Sitjà",
    "Tarrés",
    "Comas",
    "Verdaguer",
    "Boixadera",
    "Parareda",
    "Vilalta",
    "Colomer",
    "Surinyach",
    "Gallifa",
    "Codina",
    "Molist",
    "Pujolràs",
    "Orra",
    "Bach",
    "Martínez",
    "García",
    "López",
    "Sánchez",
    "Fernández",
    "Pérez",
    "Rodríguez",
    "Gómez",
    "Ruiz",
    "Jiménez",
    "Moreno",
    "Muñoz",
    "Romero",
    "Navarro",
]
MOROCCAN_GIVEN_F = ["Fatima", "Khadija", "Aicha", "Naima", "Salma", "Hanane", "Imane", "Nora"]
MOROCCAN_GIVEN_M = ["Mohamed", "Ahmed", "Youssef", "Said", "Rachid", "Hassan", "Omar", "Karim"]
MOROCCAN_SURNAMES = [
    "El Amrani",
    "Benali",
    "El Idrissi",
    "Bouchikhi",
    "Ait Ouali",
    "Ouahabi",
    "Chakir",
    "El Khattabi",
    "Ziani",
    "Boukhari",
    "Azzouzi",
    "El Ouardi",
]
LATAM_GIVEN_F = ["Yessenia", "Daniela", "Valentina", "Carolina", "Luz Marina", "Gabriela"]
LATAM_GIVEN_M = ["Luis Fernando", "Jhon", "Andrés", "Carlos Alberto", "Wilmer", "Diego"]
LATAM_SURNAMES = ["Quispe", "Mamani", "Rojas", "Vargas", "Castillo", "Gutiérrez", "Mendoza"]
ROMANIAN_GIVEN_F = ["Ioana", "Elena", "Andreea", "Mihaela"]
ROMANIAN_GIVEN_M = ["Ion", "Andrei", "Mihai", "Constantin"]
ROMANIAN_SURNAMES = ["Popescu", "Ionescu", "Dumitru", "Stan", "Constantinescu", "Munteanu"]
WEST_AFRICAN_GIVEN_F = ["Aminata", "Fatou", "Mariama", "Awa"]
WEST_AFRICAN_GIVEN_M = ["Mamadou", "Ousmane", "Lamine", "Ibrahima"]
WEST_AFRICAN_SURNAMES = ["Diallo", "Ndiaye", "Sow", "Camara", "Touré", "Bah"]
SOUTH_ASIAN_GIVEN_F = ["Amandeep", "Fatima Bibi", "Nasreen"]
SOUTH_ASIAN_GIVEN_M = ["Gurpreet", "Muhammad Asif", "Imran"]
SOUTH_ASIAN_SURNAMES = ["Singh", "Kaur", "Hussain", "Akhtar"]
CHINESE_GIVEN_F = ["Xiaoling", "Mei", "Yan"]
CHINESE_GIVEN_M = ["Wei", "Jian", "Hao"]
CHINESE_SURNAMES = ["Wang", "Chen", "Zhang", "Lin"]

# origin code, weight, (female given, male given, surnames), nationality (ISO 3166 alpha-2)
ORIGINS = [
    ("local", 78, (CATALAN_GIVEN_F, CATALAN_GIVEN_M, CATALAN_SURNAMES), "ES"),
    ("maghreb", 11, (MOROCCAN_GIVEN_F, MOROCCAN_GIVEN_M, MOROCCAN_SURNAMES), "MA"),
    ("latam", 4, (LATAM_GIVEN_F, LATAM_GIVEN_M, LATAM_SURNAMES), "CO"),
    ("romania", 2, (ROMANIAN_GIVEN_F, ROMANIAN_GIVEN_M, ROMANIAN_SURNAMES), "RO"),
    ("west_africa", 3, (WEST_AFRICAN_GIVEN_F, WEST_AFRICAN_GIVEN_M, WEST_AFRICAN_SURNAMES), "SN"),
    ("south_asia", 1, (SOUTH_ASIAN_GIVEN_F, SOUTH_ASIAN_GIVEN_M, SOUTH_ASIAN_SURNAMES), "IN"),
    ("china", 1, (CHINESE_GIVEN_F, CHINESE_GIVEN_M, CHINESE_SURNAMES), "CN"),
]
