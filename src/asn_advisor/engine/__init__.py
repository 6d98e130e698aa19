"""From profile to advice: scores, rule firing, priorities and the plan.

:func:`advise` is the one path from a profile to its advice: the command line,
``batch`` and the library all call it.  :func:`summarize` is the same path
stopping once the recommendations are ranked (``batch --fields summary``).
"""

from asn_advisor.engine.advising import advise, advise_loaded, check_arguments, summarize
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
from asn_advisor.engine.roadmap import ORDERS, reorder
from asn_advisor.engine.whatif import WhatIf, what_if

__all__ = [
    "ORDERS",
    "REPORT_SUFFIXES",
    "WhatIf",
    "advise",
    "advise_loaded",
    "advise_report",
    "check_arguments",
    "extract_file",
    "is_report_path",
    "pack_patterns",
    "profile_from_extraction",
    "profile_text",
    "program_id_for",
    "reorder",
    "summarize",
    "what_if",
]
