"""What ``batch`` wrote, read back for ``compare``: its JSON Lines (full advice or summaries), or its CSV.

``compare`` takes profiles (advised on the fly) or the output of an earlier
``batch`` run, so an office can advise 200 programs once and compare them as
often as it likes.  A JSON Lines file whose first record is an advice (it has
``schema_version``, ``score`` and ``recommendations``) or a summary of
``batch --fields summary`` (``program``, ``score``, ``coverage`` and
``recommendations``), or a CSV file with the header ``batch`` writes, is read
here; anything else is left to the batch readers.  Error records of the batch
output are counted as failed.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from asn_advisor._base import read_text
from asn_advisor.errors import InputError, Location
from asn_advisor.i18n import Message
from asn_advisor.model import Advice, Summary

__all__ = ["CSV_HEADER", "read_saved"]

#: The header of ``batch``'s CSV output.
CSV_HEADER = ["source", "line", "id", "name", "region", "score", "score_low", "score_high", "band", "coverage",
              "findings", "top_recommendations", "error"]  # fmt: skip


_ADVICE_KEYS = frozenset({"schema_version", "score", "recommendations"})
_SUMMARY_KEYS = frozenset({"program", "score", "coverage", "recommendations"})


def _kind(record: object) -> str | None:
    """``advice`` or ``summary`` for a record ``batch`` wrote; ``None`` for anything else (an error record)."""
    if not isinstance(record, dict):
        return None
    if set(record) >= _ADVICE_KEYS:
        return "advice"
    return "summary" if set(record) >= _SUMMARY_KEYS and "schema_version" not in record else None


def _from_summary_record(record: dict[str, Any]) -> Summary:
    """A record of ``batch --fields summary``: no dimensions and no findings, the ranked steps with priorities."""
    recommendations = tuple((str(item["id"]), float(item["priority"])) for item in record["recommendations"])
    return Summary(
        str(record["program"]),
        None,
        None,
        record["score"],
        record.get("band"),
        float(record["coverage"]),
        (),
        (),
        recommendations,
        record.get("score_low"),
        record.get("score_high"),
    )


def _read_jsonl(lines: list[str], display: str) -> tuple[list[Summary], int] | None:
    first = next((line for line in lines if line.strip()), "")
    try:
        kind = _kind(json.loads(first))
    except json.JSONDecodeError:
        return None
    if kind is None:
        return None
    summaries: list[Summary] = []
    failed = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if _kind(record) != kind:
                failed += 1
                continue
            if kind == "advice":
                summaries.append(Summary.from_advice(Advice.model_validate(record)))
            else:
                summaries.append(_from_summary_record(record))
        except (json.JSONDecodeError, ValidationError, KeyError, TypeError, ValueError):
            raise InputError(
                Message("line {number} is not an advice written by batch", number=number),
                location=Location(display, number),
            ) from None
    return summaries, failed


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


def read_saved(path: str) -> tuple[list[Summary], int] | None:
    """The programs of a saved ``batch`` output and how many records failed; ``None`` if ``path`` is not one.

    Raises:
        InputError: the file is a batch output but a record cannot be read.
    """
    suffix = Path(path).suffix.lower()
    if path == "-" or suffix not in (".jsonl", ".csv"):
        return None
    text, display = read_text(path)
    lines = text.splitlines()
    if suffix == ".jsonl":
        return _read_jsonl(lines, display)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or rows[0] != CSV_HEADER:
        return None
    summaries = []
    failed = 0
    for row in rows[1:]:
        if len(row) != len(CSV_HEADER):
            continue
        record = dict(zip(CSV_HEADER, row, strict=True))
        if record["error"]:
            failed += 1
            continue
        summaries.append(
            Summary(
                record["id"],
                record["name"] or None,
                record["region"] or None,
                _float(record["score"]),
                record["band"] or None,
                _float(record["coverage"]) or 0.0,
                (),
                tuple((fid, "", "") for fid in record["findings"].split(";") if fid),
                tuple((rid, 0.0) for rid in record["top_recommendations"].split(";") if rid),
                _float(record["score_low"]),
                _float(record["score_high"]),
            )
        )
    return summaries, failed
