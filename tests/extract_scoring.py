"""Precision and recall of the extractor against the hand annotations.

Run it as a script to print a table per document and overall::

    python tests/extract_scoring.py            # seeds and reports
    python tests/extract_scoring.py --details  # plus what was missed or added

The annotations live in ``tests/data/annotations/<name>.yaml``; the texts they
annotate live in the shared folder beside the repository (``../shared``, found
by walking up from this file, or named by ``ASN_ADVISOR_SHARED``).

Scoring is per document and per id: a finding id counts as found when the
extractor reports it anywhere in the document (the annotations list every
sentence that states it, so "anywhere" is fair). Overall figures are micro
averages (sums of true/false positives over documents). "Evidence" is the
share of correctly found ids whose quoted sentence overlaps an annotated quote.
An annotation's ``also_acceptable`` ids (genuinely overlapping ids, such as
data_gap and weak_evaluation for "data kinerja belum tersedia") count neither
as right nor as wrong.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
ANNOTATIONS = DATA / "annotations"
PATTERNS = ROOT / "rules" / "ekstraksi.yaml"


def shared_dir() -> Path | None:
    """The shared folder holding ``seeds/`` and ``reports/`` (None if absent)."""
    env = os.environ.get("ASN_ADVISOR_SHARED")
    if env:
        return Path(env) if (Path(env) / "seeds").is_dir() else None
    for parent in ROOT.parents:
        candidate = parent / "shared"
        if (candidate / "seeds").is_dir() and (candidate / "reports").is_dir():
            return candidate
    return None


@dataclass
class Annotation:
    name: str
    text_path: str
    is_evaluation_report: bool | None
    findings: dict[str, list[str]]
    recommendations: dict[str, list[str]]
    indicators: list[dict[str, Any]] = field(default_factory=list)
    not_stated: list[dict[str, str]] = field(default_factory=list)
    not_indicators: list[dict[str, str]] = field(default_factory=list)
    also_acceptable: dict[str, list[str]] = field(default_factory=dict)

    @property
    def group(self) -> str:
        return self.text_path.split("/", 1)[0]

    def read_text(self, shared: Path | None) -> str:
        """The annotated text: challenge texts live in the repository, the others in shared/."""
        if self.group == "challenge":
            return (DATA / self.text_path).read_text(encoding="utf-8")
        if shared is None:
            raise FileNotFoundError("shared/ with seeds/ and reports/ not found; set ASN_ADVISOR_SHARED")
        return (shared / self.text_path).read_text(encoding="utf-8")


def load_annotations() -> list[Annotation]:
    out = []
    for path in sorted(ANNOTATIONS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append(
            Annotation(
                name=path.stem,
                text_path=data["text"],
                is_evaluation_report=data.get("is_evaluation_report"),
                findings=data.get("findings") or {},
                recommendations=data.get("recommendations") or {},
                indicators=data.get("indicators") or [],
                not_stated=data.get("not_stated") or [],
                not_indicators=data.get("not_indicators") or [],
                also_acceptable=data.get("also_acceptable") or {},
            )
        )
    return out


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    evidence_ok: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.evidence_ok += other.evidence_ok

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def evidence(self) -> float:
        return self.evidence_ok / self.tp if self.tp else 1.0


@dataclass
class DocScore:
    annotation: Annotation
    findings: Counts
    recommendations: Counts
    missed_findings: list[str]
    extra_findings: list[str]
    missed_recommendations: list[str]
    extra_recommendations: list[str]
    is_report: bool
    report_ok: bool
    indicators: Counts = field(default_factory=Counts)
    indicator_notes: list[str] = field(default_factory=list)


def _spans(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    spans = []
    for q in quotes:
        start = text.find(q)
        if start < 0:
            raise ValueError(f"quote not in text: {q!r}")
        while start >= 0:
            spans.append((start, start + len(q)))
            start = text.find(q, start + 1)
    return spans


def _compare(
    text: str, gold: dict[str, list[str]], found: list[Any], acceptable: list[str] = ()
) -> tuple[Counts, list[str], list[str]]:
    found_ids = {f.id for f in found} - (set(acceptable) - set(gold))
    gold_ids = set(gold)
    counts = Counts(tp=len(found_ids & gold_ids), fp=len(found_ids - gold_ids), fn=len(gold_ids - found_ids))
    for fid in found_ids & gold_ids:
        spans = _spans(text, gold[fid])
        if any(f.start < b and a < f.end for f in found if f.id == fid for a, b in spans):
            counts.evidence_ok += 1
    return counts, sorted(gold_ids - found_ids), sorted(found_ids - gold_ids)


def score_document(annotation: Annotation, text: str, patterns: Any) -> DocScore:
    from asn_advisor.reader import extract

    result = extract(text, patterns, source=annotation.text_path)
    ok = annotation.also_acceptable
    f, f_missed, f_extra = _compare(text, annotation.findings, result.findings, ok.get("findings", []))
    r, r_missed, r_extra = _compare(
        text, annotation.recommendations, result.recommendations, ok.get("recommendations", [])
    )
    expected = annotation.is_evaluation_report
    score = DocScore(
        annotation,
        f,
        r,
        f_missed,
        f_extra,
        r_missed,
        r_extra,
        result.is_evaluation_report,
        expected is None or expected == result.is_evaluation_report,
    )
    # Indicators: an (id, value) pair is right when the annotation lists it.
    gold = [(g["id"], float(g["value"])) for g in annotation.indicators]
    got = [(i.id, float(i.value)) for i in result.indicators]
    remaining = list(gold)
    for pair in got:
        if pair in remaining:
            remaining.remove(pair)
            score.indicators.tp += 1
        else:
            score.indicators.fp += 1
            score.indicator_notes.append(f"extra indicator {pair[0]}={pair[1]:g}")
    score.indicators.fn = len(remaining)
    score.indicator_notes += [f"missed indicator {i}={v:g}" for i, v in remaining]
    return score


def score_all(patterns: Any = None, shared: Path | None = None) -> list[DocScore]:
    from asn_advisor.reader import load_patterns

    shared = shared or shared_dir()
    patterns = patterns or load_patterns(PATTERNS)
    return [score_document(a, a.read_text(shared), patterns) for a in load_annotations()]


def totals(scores: list[DocScore], group: str | None = None) -> tuple[Counts, Counts, Counts]:
    """Micro-averaged counts for findings, recommendations and indicators.

    ``group`` is "seeds", "reports" or "challenge"; None sums seeds and reports
    (the texts the patterns were developed on).
    """
    f, r, i = Counts(), Counts(), Counts()
    for s in scores:
        if s.annotation.group == group or (group is None and s.annotation.group != "challenge"):
            f.add(s.findings)
            r.add(s.recommendations)
            i.add(s.indicators)
    return f, r, i


def _fmt(c: Counts) -> str:
    return f"{c.precision:5.2f} {c.recall:5.2f}  ({c.tp:2d}/{c.fp:2d}/{c.fn:2d})"


def report(scores: list[DocScore], details: bool = False) -> str:
    lines = [
        f"{'document':40s} {'findings P    R   (tp/fp/fn)':30s} {'recommendations P    R   (tp/fp/fn)':36s} report",
    ]
    for s in scores:
        lines.append(
            f"{s.annotation.group[0]}:{s.annotation.name:38s} {_fmt(s.findings):30s} {_fmt(s.recommendations):36s} "
            f"{'ok' if s.report_ok else 'WRONG'}"
        )
        if details:
            for label, items in (
                ("missed finding", s.missed_findings),
                ("extra finding", s.extra_findings),
                ("missed recommendation", s.missed_recommendations),
                ("extra recommendation", s.extra_recommendations),
            ):
                if items:
                    lines.append(f"    {label}: {', '.join(items)}")
            for note in s.indicator_notes:
                lines.append(f"    {note}")
    lines.append("")
    lines.append(f"{'':40s} {'findings':30s} {'recommendations':36s} indicators P R; evidence F/R")
    for group in ("seeds", "reports", None, "challenge"):
        f, r, i = totals(scores, group)
        name = {None: "seeds+reports (development)", "challenge": "challenge (held out)"}.get(group, group)
        lines.append(
            f"{name:40s} {_fmt(f):30s} {_fmt(r):36s} {i.precision:.2f} {i.recall:.2f};"
            f" {f.evidence:.2f}/{r.evidence:.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="list missed and extra ids per document")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    print(report(score_all(), details=args.details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
