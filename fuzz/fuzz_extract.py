"""Fuzz the report extractor: any text pasted from a PDF.

Written against ``asn_advisor.extract.extract(text)``; until that module
exists the harness says so and exits 0 (and the replay test skips).
Oracle: only AdvisorError may escape.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import instrumented, main, text_of  # noqa: E402

with instrumented(__name__ == "__main__"):
    from asn_advisor import AdvisorError

AVAILABLE = importlib.util.find_spec("asn_advisor.extract") is not None


def test_one_input(data: bytes) -> None:
    from asn_advisor.extract import extract  # type: ignore[import-not-found,unused-ignore]

    try:
        extract(text_of(data))
    except AdvisorError:
        return


if __name__ == "__main__":
    if not AVAILABLE:
        print("asn_advisor.extract does not exist yet: nothing to fuzz")
        sys.exit(0)
    main(test_one_input)
