"""From profile to advice: scores, rule firing, priorities and the plan.

:func:`advise` is the one path from a profile to its advice: the command line,
``batch`` and the library all call it.
"""

from asn_advisor.engine.advising import advise, note_unknown

# The narrative path uses advise(): imported after it.
from asn_advisor.engine.narrative import (
    REPORT_SUFFIXES,
    advise_report,
    extract_file,
    is_report_path,
    pack_patterns,
    profile_from_extraction,
    profile_text,
    program_id_for,
)
from asn_advisor.engine.plan import Candidate, dropped_recommendation, outline_plan, relation_reference
from asn_advisor.engine.plan_index import plan_fixed
from asn_advisor.engine.priority import plain, rounded
from asn_advisor.engine.roadmap import ORDERS, reorder
from asn_advisor.engine.whatif import WhatIf, what_if

__all__ = [
    "ORDERS",
    "REPORT_SUFFIXES",
    "Candidate",
    "WhatIf",
    "advise",
    "advise_report",
    "extract_file",
    "is_report_path",
    "pack_patterns",
    "profile_from_extraction",
    "profile_text",
    "program_id_for",
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
