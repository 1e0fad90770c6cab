"""The complexity rule: a pure function of the domain levels and the rule's definition,
so a past classification can always be recomputed with the rule version it used.

Definition (JSON), e.g. the default rule v1:
    {"high": {"low_domains_at_least": 4, "acute_in": ["housing", "finances", ...]},
     "medium": {"low_domains_at_least": 2}}
A domain is "low" at levels 1-2; "acute" at level 1. The first level whose conditions
hold wins (high, then medium); otherwise low. Not-assessed domains count as neither.
"""

DEFAULT_RULE = {
    "high": {
        "low_domains_at_least": 4,
        "acute_in": ["finances", "housing", "domestic_relations", "mental_health"],
    },
    "medium": {"low_domains_at_least": 2, "acute_in": []},
}


def classify(levels: dict[str, int | None], definition: dict) -> str:
    """``levels``: domain code -> 1..5, or None when not assessed."""
    low = sum(1 for level in levels.values() if level is not None and level <= 2)
    acute = {code for code, level in levels.items() if level == 1}
    for name in ("high", "medium"):
        condition = definition.get(name) or {}
        if low >= condition.get("low_domains_at_least", 10**6):
            return name
        if acute & set(condition.get("acute_in") or []):
            return name
    return "low"
