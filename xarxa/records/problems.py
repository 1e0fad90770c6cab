"""The maintained list of social problem categories, grouped like the catalogue used by
the Catalan basic social services. Codes and groups are stored (ProblemCategory, loaded
by a data migration); the names shown come from here, so they follow the reader's
language. To add a category: add it here and load it with a new data migration."""

from django.utils.translation import gettext_lazy as _

from xarxa.records.models import Sensitivity

GROUPS = {
    "economic": _("Economic"),
    "housing": _("Housing"),
    "employment": _("Employment"),
    "family": _("Family relations"),
    "health": _("Health and dependency"),
    "exclusion": _("Social exclusion"),
    "education": _("Education"),
    "gender_violence": _("Gender violence"),
    "justice": _("Justice"),
    "migration": _("Migration and administrative"),
    "digital": _("Digital divide"),
}

# code -> (group, name, sensitivity)
PROBLEMS = {
    "ECO-01": ("economic", _("No income or insufficient income"), ""),
    "ECO-02": ("economic", _("Debts and arrears"), ""),
    "ECO-03": ("economic", _("Energy poverty (unpaid supplies)"), ""),
    "ECO-04": ("economic", _("Food insecurity"), ""),
    "HAB-01": ("housing", _("Eviction or risk of losing the home"), ""),
    "HAB-02": ("housing", _("Homelessness"), ""),
    "HAB-03": ("housing", _("Inadequate or overcrowded housing"), ""),
    "HAB-04": ("housing", _("Housing costs too high"), ""),
    "LAB-01": ("employment", _("Unemployment"), ""),
    "LAB-02": ("employment", _("Precarious or informal work"), ""),
    "LAB-03": ("employment", _("Low qualifications for work"), ""),
    "FAM-01": ("family", _("Family conflict"), ""),
    "FAM-02": ("family", _("Difficulties in bringing up children"), ""),
    "FAM-03": ("family", _("Minors at risk"), Sensitivity.MINORS),
    "FAM-04": ("family", _("Overburdened carer"), ""),
    "SAL-01": ("health", _("Dependency or lack of autonomy"), ""),
    "SAL-02": ("health", _("Disability"), ""),
    "SAL-03": ("health", _("Mental health problems"), Sensitivity.HEALTH),
    "SAL-04": ("health", _("Addictions"), Sensitivity.HEALTH),
    "SAL-05": ("health", _("Illness without enough care"), Sensitivity.HEALTH),
    "EXC-01": ("exclusion", _("Loneliness and social isolation"), ""),
    "EXC-02": ("exclusion", _("Discrimination"), ""),
    "EXC-03": ("exclusion", _("Lack of support network"), ""),
    "EDU-01": ("education", _("School absenteeism or dropping out"), Sensitivity.MINORS),
    "EDU-02": ("education", _("Illiteracy or language barrier"), ""),
    "VIG-01": ("gender_violence", _("Gender violence"), Sensitivity.GENDER_VIOLENCE),
    "VIG-02": ("gender_violence", _("Violence in the family"), Sensitivity.GENDER_VIOLENCE),
    "JUS-01": ("justice", _("Criminal proceedings or prison"), Sensitivity.JUSTICE),
    "JUS-02": ("justice", _("Legal guardianship or capacity procedures"), Sensitivity.JUSTICE),
    "MIG-01": ("migration", _("Irregular administrative situation"), ""),
    "MIG-02": ("migration", _("Not registered in the municipal roll"), ""),
    "MIG-03": ("migration", _("Recent arrival without a network"), ""),
    "DIG-01": ("digital", _("No device or connection"), ""),
    "DIG-02": ("digital", _("Lacks digital skills for procedures"), ""),
}


def problem_name(code: str) -> str:
    """The category's name in the reader's language (the code if no longer listed)."""
    entry = PROBLEMS.get(code)
    return str(entry[1]) if entry else code


def group_name(group: str) -> str:
    name = GROUPS.get(group)
    return str(name) if name else group
