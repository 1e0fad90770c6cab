"""Loading plan templates from data: a new template (or a changed frequency) is a JSON
entry, not code."""

import json
from pathlib import Path

DATA = Path(__file__).with_name("data") / "templates.json"


def load_templates(PlanTemplate, entries=None) -> int:
    """Create or refresh each template (idempotent). Takes the model class so a
    migration can pass its historical one."""
    entries = entries if entries is not None else json.loads(DATA.read_text(encoding="utf-8"))
    for entry in entries:
        PlanTemplate.objects.update_or_create(
            code=entry["code"],
            defaults={
                "level": entry["level"],
                "review_months": entry["review_months"],
                "goal_up_to_level": entry.get("goal_up_to_level", 2),
                "goal_months": entry.get("goal_months", 6),
                "texts": entry["texts"],
                "actions": entry.get("actions", []),
            },
        )
    return len(entries)
