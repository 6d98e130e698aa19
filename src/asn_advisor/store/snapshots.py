"""What the analyses read from one stored advice, tolerant of older and newer advice JSON.

Also the small number helpers the reports share and the order of periods.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from asn_advisor.store.models import EvaluationRecord

__all__ = ["Snapshot", "mean", "number", "period_key", "rounded", "snapshot"]


def period_key(period: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key that orders ``2023 < 2023-S1 < 2023-S2 < 2024`` and ``2024-2 < 2024-10``."""
    return tuple(
        (0, int(chunk), "") if chunk.isdigit() else (1, 0, chunk.lower()) for chunk in re.findall(r"\d+|\D+", period)
    )


def rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits) + 0.0


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None


@dataclass(frozen=True)
class Snapshot:
    """What the analyses read from one stored advice (tolerant of older and newer advice JSON)."""

    record: EvaluationRecord
    records: int
    dimensions: dict[str, tuple[float | None, str | None]]
    dimension_order: tuple[str, ...]
    findings: dict[str, tuple[str, str | None]]
    recommendations: tuple[tuple[str, int, float | None, tuple[str, ...]], ...]


def number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def snapshot(record: EvaluationRecord, advice: dict[str, Any], records: int) -> Snapshot:
    score = advice.get("score") or {}
    dims: dict[str, tuple[float | None, str | None]] = {}
    for dim in score.get("dimensions") or []:
        if isinstance(dim, dict) and isinstance(dim.get("id"), str):
            band = dim.get("band")
            dims[dim["id"]] = (number(dim.get("score")), band if isinstance(band, str) else None)
    findings: dict[str, tuple[str, str | None]] = {}
    for finding in advice.get("findings") or []:
        if isinstance(finding, dict) and isinstance(finding.get("id"), str):
            dimension = finding.get("dimension")
            findings[finding["id"]] = (
                str(finding.get("severity") or "medium"),
                dimension if isinstance(dimension, str) else None,
            )
    recs: list[tuple[str, int, float | None, tuple[str, ...]]] = []
    for position, rec in enumerate(advice.get("recommendations") or [], start=1):
        if isinstance(rec, dict) and isinstance(rec.get("id"), str):
            raw_rank = rec.get("rank")
            rank = raw_rank if isinstance(raw_rank, int) and not isinstance(raw_rank, bool) else position
            addresses = tuple(a for a in rec.get("addresses") or [] if isinstance(a, str))
            recs.append((rec["id"], rank, number(rec.get("priority")), addresses))
    return Snapshot(record, records, dims, tuple(dims), findings, tuple(sorted(recs, key=lambda r: (r[1], r[0]))))
