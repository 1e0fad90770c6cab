"""Name normalisation for search and duplicate detection (no database access here).

"Núria Puig i Soler", "nuria PUIG-SOLER" and "Nuria Puig Soler" give the same tokens:
lower case, accents and punctuation removed, Catalan/Spanish particles dropped.

Arabic given names reach the register in many Latin spellings (Mohamed, Mohammed,
Muhammad; Youssef, Yusuf; Abderrahim, Abd al-Rahim). Each known spelling also stands for
one canonical form (``data/transliterations.json`` and the "Abd al-" rule below): the
index keeps both the written word and its canonical form, and a query word is searched as
its canonical form, so any spelling finds the others while a prefix still finds the word
as written.
"""

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

# Joining words inside surnames ("Puig i Soler", "García de la Fuente") carry no identity.
PARTICLES = frozenset({"i", "y", "de", "del", "la", "las", "los", "el", "da", "dos", "van", "von"})
_SPLIT = re.compile(r"[^a-z0-9]+")
MIN_VARIANT_LENGTH = 4  # shorter words would match too much with one letter removed


def fold(text: str) -> str:
    """Lower case without accents: "Çé l·là" -> "ce l la"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# "Abd al-Rahim", "Abd el Kader", "Abdel Kader": the servant-of prefix joined to its name.
_ABD_APART = re.compile(r"\babd(?:[aeu][lr])?[\s\-]+(?:[aeu]?[lr][\s\-]+)?(?=[a-z]{3})")
# "abderrahim", "abdelkader", "abdulrahman", "abdallah": the article in any spelling.
_ABD_JOINED = re.compile(r"^abd(?:[aeu][lr])?(?=[a-z]{3,}$)")


@cache
def _spellings() -> dict[str, str]:
    data = json.loads((Path(__file__).parent / "data" / "transliterations.json").read_text())
    return {
        fold(spelling): name
        for name, spellings in data.items()
        if not name.startswith("_")
        for spelling in spellings
    }


def canonical(word: str) -> str:
    """The canonical form of a folded word: "mohamed" -> "muhammad", "abderrahim" ->
    "abdrahim"; any other word is itself."""
    known = _spellings().get(word)
    if known:
        return known
    joined = _ABD_JOINED.match(word)
    return "abd" + word[joined.end() :] if joined else word


def _words(*parts: str) -> list[str]:
    words = []
    for part in parts:
        text = _ABD_APART.sub("abd", fold(part or ""))
        words += [w[:60] for w in _SPLIT.split(text) if w and w not in PARTICLES]
    return words


def tokens(*parts: str) -> list[str]:
    """The distinct searchable words of a name (a query), in order of appearance, each as
    its canonical form."""
    return list(dict.fromkeys(canonical(word) for word in _words(*parts)))


def index_tokens(*parts: str) -> list[str]:
    """The tokens a stored name is indexed under: each word as written and, when it
    differs, its canonical form (a prefix finds the one, any spelling the other)."""
    seen: dict[str, None] = {}
    for word in _words(*parts):
        seen.setdefault(word, None)
        seen.setdefault(canonical(word), None)
    return list(seen)


def deletion_variants(word: str) -> set[str]:
    """The word with each single letter removed, plus the word itself.

    Two words within one edit (insertion, deletion, substitution, not transposition)
    share at least one variant: the symmetric-delete idea behind fast typo search.
    """
    variants = {word}
    if len(word) >= MIN_VARIANT_LENGTH:
        variants.update(word[:i] + word[i + 1 :] for i in range(len(word)))
    return variants


def person_tokens(person) -> list[str]:
    return index_tokens(
        person.given_names, person.used_name, person.first_surname, person.second_surname
    )


def digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")
