"""Charts drawn server-side as SVG: one way to render them, so their numbers are never
localised. SVG reads only ``144.5``; a Catalan or Spanish page would otherwise print
``144,5`` (or ``1.440`` with a thousands separator) and the browser draws nothing.

A chart is geometry computed in Python (a dataclass of plain numbers, easy to test) and a
template that places it; views render it with ``chart_svg`` and put the result in the
page. Texts in the template (titles, labels) are still translated: only number
formatting is switched off.
"""

from __future__ import annotations

from typing import Any

from django.template import engines
from django.utils.safestring import SafeString

# Numbers in an SVG are written as the C locale writes them, whatever the page's language.
_UNLOCALISED = "{% load l10n %}{% localize off %}{% include chart_template %}{% endlocalize %}"


def svg_number(value: float) -> str:
    """A coordinate as SVG reads it: a dot for decimals, no thousands separator, at most
    two decimals (``144``, ``144.5``, ``-3.25``)."""
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def chart_svg(template_name: str, **context: Any) -> SafeString:
    """Render a chart's SVG template with number localisation off (its texts stay in the
    reader's language). The template receives ``context`` as it is."""
    template = engines["django"].from_string(_UNLOCALISED)
    return SafeString(template.render({"chart_template": template_name, **context}))
