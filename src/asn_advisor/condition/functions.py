"""Functions a condition may call, registered in one dictionary.

Each entry gives the argument kinds it accepts and how it is evaluated; the
type checker and the compiler both read this table.  ``has``, ``known`` and
``missing`` are always true or false; the others are unknown when an argument
is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from asn_advisor.i18n import Message

__all__ = ["FUNCTIONS", "SEVERITY_RANK", "FunctionSpec"]

SEVERITY_RANK = {"low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True)
class FunctionSpec:
    name: str
    summary: str
    returns: str  # number | bool
    min_args: int
    max_args: int  # -1 = any number


FUNCTIONS: dict[str, FunctionSpec] = {
    spec.name: spec
    for spec in (
        FunctionSpec(
            "has",
            Message('has(finding) or has(finding, "high"): the finding is present (at least that severity)'),
            "bool",
            1,
            2,
        ),
        FunctionSpec("known", Message("known(indicator): the profile gives a value for the indicator"), "bool", 1, 1),
        FunctionSpec(
            "missing", Message("missing(indicator): the profile gives no value for the indicator"), "bool", 1, 1
        ),
        FunctionSpec("count", Message("count(list, [values]): how many of the values the list holds"), "number", 2, 2),
        FunctionSpec("len", Message("len(list): how many items the list holds"), "number", 1, 1),
        FunctionSpec("min", Message("min(a, b, ...): the smallest number"), "number", 1, -1),
        FunctionSpec("max", Message("max(a, b, ...): the largest number"), "number", 1, -1),
        FunctionSpec("abs", Message("abs(x): the number without its sign"), "number", 1, 1),
    )
}

# Indonesian spellings of the same functions.
ALIASES = {"ada": "has", "diketahui": "known", "kosong": "missing", "jumlah": "count"}
