"""From profile to advice: scores, rule firing, priorities and the plan.

:func:`advise` is the one path from a profile to its advice: the command line,
``batch`` and the library all call it.
"""

from asn_advisor.engine.advising import advise, note_unknown
from asn_advisor.engine.plan import (
    ORDERS,
    Candidate,
    dropped_recommendation,
    outline_plan,
    plan_fixed,
    relation_reference,
    reorder,
)
from asn_advisor.engine.priority import plain, rounded
from asn_advisor.engine.whatif import WhatIf, what_if

__all__ = [
    "ORDERS",
    "Candidate",
    "WhatIf",
    "advise",
    "dropped_recommendation",
    "note_unknown",
    "outline_plan",
    "plain",
    "plan_fixed",
    "relation_reference",
    "reorder",
    "rounded",
    "what_if",
]
