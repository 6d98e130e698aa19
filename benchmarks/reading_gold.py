"""Precision and recall of the report reader against ``reports-2/gold.yaml``.

Usage::

    python benchmarks/reading_gold.py                 # every text
    python benchmarks/reading_gold.py --split dev     # the texts tuned on
    python benchmarks/reading_gold.py --split blind   # the texts kept aside
    python benchmarks/reading_gold.py --details       # plus what was missed or added
    python benchmarks/reading_gold.py --set DIR       # another annotated set, same format

The gold file lists, per text, the finding and proposal ids a careful reader
sees (each with its quote) and whether the text is an evaluation at all.
Scoring is per text and per id, micro-averaged.  The blind split is every
text whose number is a multiple of three: nobody reads those while tuning.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    env = os.environ.get("ASN_ADVISOR_SHARED")
    if env:
        return Path(env)
    for parent in ROOT.parents:
        if (parent / "shared" / "reports-2").is_dir():
            return parent / "shared"
    raise SystemExit("shared/reports-2 not found; set ASN_ADVISOR_SHARED")


def is_blind(name: str) -> bool:
    return int(name.split("_", 1)[0]) % 3 == 0


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], got: set[str]) -> None:
        self.tp += len(gold & got)
        self.fp += len(got - gold)
        self.fn += len(gold - got)

    def text(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return f"P {p:.2f} R {r:.2f} (tp {self.tp} fp {self.fp} fn {self.fn})"


@dataclass
class Totals:
    findings: Counts = field(default_factory=Counts)
    proposals: Counts = field(default_factory=Counts)
    strengths: Counts = field(default_factory=Counts)
    figures: Counts = field(default_factory=Counts)
    places: Places = field(default_factory=lambda: Places())
    refused: int = 0
    wrongly_accepted: int = 0
    texts: int = 0


_KIND_WORDS = re.compile(r"\b(kabupaten|kab|kota|provinsi|prov|kecamatan|kec)\b\.?")


def place_key(place: str) -> str:
    """A place for comparison: its first part, without the kind of region, letters only."""
    head = re.split(r"[,(]", place, maxsplit=1)[0].lower()
    return re.sub(r"[^a-z]", "", _KIND_WORDS.sub("", head))


@dataclass
class Places:
    """The region the reader names for each on-topic text: the gold place, another, or none."""

    right: int = 0
    wrong: int = 0
    none: int = 0

    def add(self, gold: str, got: str | None) -> None:
        if not got:
            self.none += 1
        elif place_key(gold) == place_key(got):
            self.right += 1
        else:
            self.wrong += 1

    def text(self) -> str:
        return f"right {self.right}, wrong {self.wrong}, none {self.none}"


def score(split: str, details: bool, shared: Path) -> Totals:
    from asn_advisor.reader import extract, load_patterns

    gold: list[dict[str, Any]] = yaml.safe_load((shared / "gold.yaml").read_text(encoding="utf-8"))
    patterns = load_patterns(ROOT / "rules" / "ekstraksi.yaml")
    totals = Totals()
    for doc in gold:
        name = doc["file"]
        if split == "dev" and is_blind(name) or split == "blind" and not is_blind(name):
            continue
        text = (shared / name).read_text(encoding="utf-8")
        result = extract(text, patterns, source=name)
        totals.texts += 1
        gf = {f["id"] for f in doc["findings"]}
        gr = {r["id"] for r in doc["recommendations"]}
        on_topic = doc["is_evaluation_report"]
        if on_topic and not result.is_evaluation_report:
            totals.refused += 1
        if not on_topic and result.is_evaluation_report:
            totals.wrongly_accepted += 1
        got_f = set(result.finding_ids()) if result.is_evaluation_report else set()
        got_r = set(result.recommendation_ids()) if result.is_evaluation_report else set()
        totals.findings.add(gf, got_f)
        if on_topic and doc.get("place"):
            region = result.program.region if result.program else None
            totals.places.add(doc["place"], region.value if region else None)
        totals.proposals.add(gr, got_r)
        # Strengths have no ids: one is found when an extracted quote and the gold quote overlap.
        gold_s = [" ".join(s["quote"].split()) for s in doc.get("strengths") or []]
        got_s = [" ".join(s.quote.split()) for s in result.strengths] if result.is_evaluation_report else []
        hit_gold = {q for q in gold_s if any(q in g or g in q for g in got_s)}
        hit_got = {g for g in got_s if any(q in g or g in q for q in gold_s)}
        totals.strengths.tp += len(hit_gold)
        totals.strengths.fn += len(gold_s) - len(hit_gold)
        totals.strengths.fp += len(set(got_s) - hit_got)
        # Figures: the gold names are free text, so a figure is found when an extracted
        # indicator or figure of the text has its value.
        gold_v = {float(f["value"]) for f in doc.get("figures") or [] if isinstance(f.get("value"), (int, float))}
        got_v = (
            {float(i.value) for i in (*result.indicators, *result.figures)} if result.is_evaluation_report else set()
        )
        totals.figures.add({str(x) for x in gold_v}, {str(x) for x in got_v})
        if details and gold_v != got_v:
            print(f"{name}: figures missed {sorted(gold_v - got_v)} extra {sorted(got_v - gold_v)}")
        if details and len(hit_gold) < len(gold_s):
            print(f"{name}: strengths missed {sorted(set(gold_s) - hit_gold)}")
        if details and set(got_s) - hit_got:
            print(f"{name}: strengths extra {sorted(set(got_s) - hit_got)}")
        if details and (gf != got_f or gr != got_r or on_topic != result.is_evaluation_report):
            print(
                f"{name}: findings missed {sorted(gf - got_f)} extra {sorted(got_f - gf)}; "
                f"proposals missed {sorted(gr - got_r)} extra {sorted(got_r - gr)}"
                + (
                    ""
                    if on_topic == result.is_evaluation_report
                    else f"; evaluation? gold {on_topic} got {result.is_evaluation_report}"
                )
            )
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["all", "dev", "blind"], default="all")
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--set", type=Path, help="a folder of texts with its gold.yaml (default: reports-2)")
    args = parser.parse_args(argv)
    folder = args.set or shared_dir() / "reports-2"
    t = score(args.split, args.details, folder)
    print(f"{folder.name} [{args.split}] {t.texts} texts")
    print(f"  findings   {t.findings.text()}")
    print(f"  proposals  {t.proposals.text()}")
    print(f"  strengths  {t.strengths.text()}")
    print(f"  figures    {t.figures.text()}")
    print(f"  region     {t.places.text()} (on-topic texts)")
    print(f"  on-topic texts refused: {t.refused}; off-topic texts accepted: {t.wrongly_accepted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
