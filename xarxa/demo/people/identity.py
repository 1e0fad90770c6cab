"""Identity details as people really carry them: DNI and NIE numbers with their check
letter, names typed without accents or with a slip of the keyboard."""

import unicodedata

from stdnum.es import dni


def unaccent(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def dni_number(rng) -> str:
    number = f"{rng.randrange(10_000_000, 99_999_999)}"
    return number + dni.calc_check_digit(number)


def nie_number(rng) -> str:
    """X/Y/Z, seven digits and the letter computed as for a DNI with X=0, Y=1, Z=2."""
    prefix = rng.choice("XXYYZ")
    body = f"{rng.randrange(0, 9_999_999):07d}"
    return prefix + body + dni.calc_check_digit(str("XYZ".index(prefix)) + body)


def typo(word: str, rng) -> str:
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
