"""Name pools for realistic synthetic people in Osona: Catalan and Spanish names, and the
main origins of the comarca's migrant population (Morocco, Latin America, Romania,
West Africa, Pakistan and India, China). Weights roughly follow who lives there.

The pools are data, in ``data/names.json``, read once when this module is imported.
The order of every list matters: the generators draw from them with a seeded random
generator, so reordering a pool changes the demo for a seed (tests/demo pin it)."""

import json
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).with_name("data") / "names.json"


class Origin(NamedTuple):
    """Where a family comes from: a weight among the people served, its name pools
    (female given names, male given names, surnames) and its main nationality."""

    code: str
    weight: float
    pools: tuple[list[str], list[str], list[str]]
    nationality: str  # ISO 3166 alpha-2


def _load() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


_DATA = _load()

# Roughly who social services in Osona see: most born in Catalonia or elsewhere in Spain,
# then Moroccan families (the largest migrant group), Latin America, West Africa, Romania.
ORIGINS: list[Origin] = [
    Origin(
        o["origin"],
        o["weight"],
        (o["given_female"], o["given_male"], o["surnames"]),
        o["nationality"],
    )
    for o in _DATA["origins"]
]
CATALAN_GIVEN_F, CATALAN_GIVEN_M, CATALAN_SURNAMES = next(
    o.pools for o in ORIGINS if o.code == "local"
)
# More Catalan family names of the comarca, for the people the demo registers.
EXTRA_CATALAN_SURNAMES: list[str] = _DATA["extra_catalan_surnames"]
# Families with two surnames (Spanish naming); the others carry one family name.
TWO_SURNAMES = frozenset(_DATA["two_surnames"])
# Nationalities within an origin, with weights.
NATIONALITIES: dict[str, list[tuple[str, int]]] = {
    origin: [(code, weight) for code, weight in pool]
    for origin, pool in _DATA["nationalities"].items()
}
# Languages spoken (first: language for contact), by nationality.
LANGUAGES: dict[str, str] = _DATA["languages"]
# Names people go by, when not their registered given name.
USED_NAMES: dict[str, str] = _DATA["used_names"]
# Postal codes of Osona's municipalities by INE code (plausible values, not verified
# one by one; the three Girona-province municipalities have 17xxx codes).
POSTAL_CODES: dict[str, str] = _DATA["postal_codes"]
STREETS: list[str] = _DATA["streets"]
