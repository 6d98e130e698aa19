"""Fuzz the report extractor: any text pasted from a PDF.

Runs ``asn_advisor.reader.extract(text, patterns)`` with the shipped pack's
extraction patterns.  Oracle: only AdvisorError may escape.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import instrumented, main, text_of

with instrumented(__name__ == "__main__"):
    from asn_advisor import AdvisorError, load_rules
    from asn_advisor.engine.narrative import pack_patterns
    from asn_advisor.reader import extract

PATTERNS = pack_patterns(load_rules())


def test_one_input(data: bytes) -> None:
    try:
        extract(text_of(data), PATTERNS)
    except AdvisorError:
        return


if __name__ == "__main__":
    main(test_one_input)
