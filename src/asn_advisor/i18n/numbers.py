"""Numbers in the reader's language, through Babel's CLDR data.

Indonesian writes ``77,6`` and ``12.345``; English ``77.6`` and ``12,345``.
Each kind of number has one fixed precision, so that a score never reads
``46.875`` on one line and ``45`` on the next.
"""

from __future__ import annotations

from babel.numbers import format_decimal

__all__ = ["NUMBER_KINDS", "number", "percent"]

#: The CLDR pattern of each kind of number: scores, priorities and gains with
#: one decimal, counts whole, an indicator's value as precise as it was given
#: (up to two decimals: ``76,61``, ``91``).
NUMBER_KINDS: dict[str, str] = {
    "score": "#,##0.0",
    "value": "#,##0.##",
    "priority": "#,##0.0",
    "gain": "#,##0.0",
    "count": "#,##0",
}

_LOCALES = {"id": "id_ID", "en": "en_US"}

# Babel takes tens of microseconds per number and an advice writes the same
# few values (targets, whole percentages) again and again.  The type is part
# of the key because 1, 1.0 and True are equal keys of a dict.
_WRITTEN: dict[tuple[type, float | int, str, str], str] = {}


def number(value: float | int, lang: str, kind: str = "score") -> str:
    """``value`` written for ``lang`` with the precision of ``kind`` (a key of :data:`NUMBER_KINDS`)."""
    key = (type(value), value, lang, kind)
    text = _WRITTEN.get(key)
    if text is None:
        text = str(format_decimal(value, format=NUMBER_KINDS[kind], locale=_LOCALES.get(lang, "id_ID")))
        if len(_WRITTEN) >= 4096:
            _WRITTEN.clear()
        _WRITTEN[key] = text
    return text


def percent(share: float, lang: str) -> str:
    """A share of 0..1 as a whole percentage (``80%``)."""
    return number(round(share * 100), lang, "count") + "%"
