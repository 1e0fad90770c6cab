"""The competence frameworks activities are tagged with: DigComp 2.2 (5 areas, 21
competences; JRC 2022) and the eight ACTIC competences (Decret 13/2021) with its three
certificate levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _

DIGCOMP_AREAS = {
    "1": _("Information and data literacy"),
    "2": _("Communication and collaboration"),
    "3": _("Digital content creation"),
    "4": _("Safety"),
    "5": _("Problem solving"),
}

DIGCOMP_COMPETENCES = {
    "1.1": _("Browsing, searching and filtering information"),
    "1.2": _("Evaluating information"),
    "1.3": _("Managing information"),
    "2.1": _("Interacting through digital technologies"),
    "2.2": _("Sharing through digital technologies"),
    "2.3": _("Engaging in citizenship online"),
    "2.4": _("Collaborating through digital technologies"),
    "2.5": _("Netiquette"),
    "2.6": _("Managing digital identity"),
    "3.1": _("Developing digital content"),
    "3.2": _("Integrating and re-elaborating content"),
    "3.3": _("Copyright and licences"),
    "3.4": _("Programming"),
    "4.1": _("Protecting devices"),
    "4.2": _("Protecting personal data and privacy"),
    "4.3": _("Protecting health and well-being"),
    "4.4": _("Protecting the environment"),
    "5.1": _("Solving technical problems"),
    "5.2": _("Identifying needs and technological responses"),
    "5.3": _("Creatively using digital technologies"),
    "5.4": _("Identifying digital competence gaps"),
}

ACTIC_COMPETENCES = {
    "C1": _("C1 Digital culture, participation and citizenship"),
    "C2": _("C2 Digital technology, the computer and its operating system"),
    "C3": _("C3 Browsing and communicating in the digital world"),
    "C4": _("C4 Written information"),
    "C5": _("C5 Graphic, sound and moving-image information"),
    "C6": _("C6 Numerical information"),
    "C7": _("C7 Data"),
    "C8": _("C8 Presenting content"),
}


class ActicLevel(models.TextChoices):
    BASIC = "1", _("ACTIC level 1 (basic)")
    MEDIUM = "2", _("ACTIC level 2 (medium)")
    ADVANCED = "3", _("ACTIC level 3 (advanced)")


def digcomp_choices():
    return [(code, f"{code} {label}") for code, label in DIGCOMP_COMPETENCES.items()]


def actic_choices():
    return list(ACTIC_COMPETENCES.items())


def labels(codes, vocabulary) -> list[str]:
    return [str(vocabulary[c]) for c in codes if c in vocabulary]
