"""Fuzz batch input: any bytes as a CSV or a JSON Lines file, read and advised record by record.

Oracle: reading the input raises nothing but AdvisorError (a whole-file
problem: header, quoting, encoding, an over-long CSV line); every record the
reader yields gets exactly one outcome, in input order, either an advice
(whose JSON is a valid Advice) or an error located at the input's name and a
line within the file -- never both, never neither; and no CSV cell the tool
would write starts a spreadsheet formula.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import instrumented, main

with instrumented(__name__ == "__main__"):
    from asn_advisor import Advice, AdvisorError, load_rules
    from asn_advisor._base.limits import Limits, use_limits
    from asn_advisor._base.output import CSV_FORMULA_START, csv_safe
    from asn_advisor.batch import read_records, run_records

_PACK = load_rules()
# Small limits keep each run fast; the limits themselves are tested elsewhere.
_LIMITS = Limits(max_bytes=16 * 1024, max_depth=32, max_nodes=5_000)


def test_one_input(data: bytes) -> None:
    # The first byte picks the format so both readers get fuzzed.
    fmt = "csv" if data[:1] in (b"i", b'"') or (data[:1] and data[0] % 2 == 0) else "jsonl"
    lines = data.count(b"\n") + data.count(b"\r") + 1
    with use_limits(_LIMITS):
        try:
            records = list(read_records("-", input_format=fmt, stdin=io.BytesIO(data)))
        except AdvisorError:
            return
        outcomes = list(run_records(iter(records), _PACK, jobs=1, lang="en"))
    assert [o.index for o in outcomes] == [r.index for r in records]
    for record, outcome in zip(records, outcomes, strict=True):
        assert record.source == "<stdin>" and 1 <= record.line <= lines
        assert (outcome.error is None) == (outcome.payload is not None) == (outcome.summary is not None)
        if outcome.error is not None:
            assert outcome.error.line == record.line and outcome.error.message
            cells = [outcome.error.program or "", outcome.error.message]
        else:
            Advice.model_validate_json(outcome.payload or b"")
            summary = outcome.summary
            assert summary is not None
            cells = [summary.program, summary.name or "", summary.region or ""]
        for cell in cells:
            safe = csv_safe(cell)
            assert not (isinstance(safe, str) and safe.startswith(CSV_FORMULA_START))


if __name__ == "__main__":
    main(test_one_input)
