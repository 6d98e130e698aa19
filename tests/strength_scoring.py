"""Precision and recall of the reader's strengths against hand-made quotes.

Run it as a script::

    python tests/strength_scoring.py            # one line per group and overall
    python tests/strength_scoring.py --details  # plus what was missed or added

The quotes live in ``tests/data/strength_annotations.yaml`` (the seeds and the
on-topic texts of ``../shared/reports``).  Strengths have no ids, so, as in
``benchmarks/reading_gold.py``, an annotated quote is found when an extracted
strength's quote contains it or lies inside it; an extracted strength that
overlaps no annotated quote is a false positive, unless it overlaps a quote
listed as ``acceptable`` (borderline: counted neither way).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from extract_scoring import PATTERNS, Counts, shared_dir  # type: ignore[import-not-found,no-redef]
else:
    from .extract_scoring import PATTERNS, Counts, shared_dir

ANNOTATIONS = Path(__file__).resolve().parent / "data" / "strength_annotations.yaml"


def _norm(text: str) -> str:
    return " ".join(text.split())


def _overlaps(a: str, b: str) -> bool:
    return a in b or b in a


class StrengthCounts(Counts):
    """Counts of strengths (no evidence check: the quote is the strength)."""

    def text(self) -> str:
        return f"P {self.precision:.2f} R {self.recall:.2f} (tp {self.tp} fp {self.fp} fn {self.fn})"


def load() -> dict[str, dict[str, list[str]]]:
    data = yaml.safe_load(ANNOTATIONS.read_text(encoding="utf-8"))
    return {
        name: {
            "strengths": [_norm(q) for q in entry.get("strengths") or []],
            "acceptable": [_norm(q) for q in entry.get("acceptable") or []],
        }
        for name, entry in data.items()
    }


def score(details: bool = False) -> dict[str, StrengthCounts]:
    """Counts per group (``seeds``, ``reports``) and ``all``."""
    from asn_advisor.reader import extract, load_patterns

    shared = shared_dir()
    if shared is None:
        raise FileNotFoundError("shared/ with seeds/ and reports/ not found; set ASN_ADVISOR_SHARED")
    patterns = load_patterns(PATTERNS)
    out = {"seeds": StrengthCounts(), "reports": StrengthCounts(), "all": StrengthCounts()}
    for name, entry in load().items():
        text = (shared / name).read_text(encoding="utf-8")
        result = extract(text, patterns, source=name)
        got = [_norm(s.quote) for s in result.strengths] if result.is_evaluation_report else []
        gold, ok = entry["strengths"], entry["acceptable"]
        hit = [q for q in gold if any(_overlaps(q, g) for g in got)]
        wrong = [g for g in dict.fromkeys(got) if not any(_overlaps(q, g) for q in gold + ok)]
        for counts in (out[name.split("/", 1)[0]], out["all"]):
            counts.tp += len(hit)
            counts.fn += len(gold) - len(hit)
            counts.fp += len(wrong)
        if details:
            for q in gold:
                if q not in hit:
                    print(f"{name}: missed  {q}")
            for g in wrong:
                print(f"{name}: extra   {g}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args(argv)
    for group, counts in score(args.details).items():
        print(f"strengths {group:8s} {counts.text()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
