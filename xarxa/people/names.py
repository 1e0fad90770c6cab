"""Name normalisation for search and duplicate detection (no database access here).

"Núria Puig i Soler", "nuria PUIG-SOLER" and "Nuria Puig Soler" give the same tokens:
lower case, accents and punctuation removed, Catalan/Spanish particles dropped.
"""

import re
import unicodedata

# Joining words inside surnames ("Puig i Soler", "García de la Fuente") carry no identity.
PARTICLES = frozenset({"i", "y", "de", "del", "la", "las", "los", "el", "da", "dos", "van", "von"})
_SPLIT = re.compile(r"[^a-z0-9]+")
MIN_VARIANT_LENGTH = 4  # shorter words would match too much with one letter removed


def fold(text: str) -> str:
    """Lower case without accents: "Çé l·là" -> "ce l la"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(*parts: str) -> list[str]:
    """The distinct searchable words of a name, in order of appearance."""
    seen: dict[str, None] = {}
    for part in parts:
        for word in _SPLIT.split(fold(part or "")):
            if word and word not in PARTICLES:
                seen.setdefault(word[:60], None)
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
    return tokens(person.given_names, person.used_name, person.first_surname, person.second_surname)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")
