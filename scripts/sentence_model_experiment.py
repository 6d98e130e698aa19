"""A statistical second stage for the reader, measured by leave-one-text-out cross-validation.

Usage::

    python scripts/sentence_model_experiment.py                   # the table in docs/extraction.md
    python scripts/sentence_model_experiment.py --threshold 9 15   # other score thresholds
    python scripts/sentence_model_experiment.py --support 1 --no-gate

The question: does a small model trained on the annotated sentences find
what the patterns miss, without the patterns' precision dropping?  Measured,
the answer was no (docs/extraction.md, "A statistical second stage"), so the
reader ships without it; this script keeps the experiment reproducible.

The model: per finding and proposal id, Bernoulli naive Bayes over the
Sastrawi roots of a sentence's words and each pair of neighbouring roots.
A present feature adds ``log P(f | id) - log P(f | not id)`` (smoothing
``alpha``) when at least ``--support`` of the id's training sentences hold
it; absent features add nothing, so long sentences are not penalized.  Plain
Python, no random numbers: the same annotations give the same figures.

Training sentences: every sentence of the texts the patterns were written
on -- the five seeds, the 28 texts of ``shared/reports`` and the six
challenge texts (``tests/data/annotations``) -- and of the dev split of
``shared/reports-2`` (``gold.yaml``; the blind split, every text whose
number is a multiple of three, is never opened).  A sentence states an id
when one of the id's annotated quotes overlaps it.

Each text is read with the patterns alone, with the model alone, with the
patterns confirmed by the model (an id the patterns read is kept only when
the model scores it at least the threshold somewhere in the text), and with
the model (trained on all the other texts) adding, in the sentences where the
patterns would read an item of that kind (not a hypothetical, an
illustration or a question; for a finding, a sentence with a problem word
of ``signals.evaluative`` and not only proposing; for a proposal, a
proposing sentence that reports no measure already taken), every id whose
score reaches the threshold.  Scores are per text and per id, micro-averaged,
as in ``tests/extract_scoring.py`` and ``benchmarks/reading_gold.py``.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reading_gold import Counts  # noqa: E402

from asn_advisor.reader import extract, load_patterns  # noqa: E402
from asn_advisor.reader.compiler import compiled  # noqa: E402
from asn_advisor.reader.extract import _sentence_views  # noqa: E402
from asn_advisor.reader.matching import _SentenceView  # noqa: E402
from asn_advisor.reader.sentences import root  # noqa: E402

KINDS = ("findings", "recommendations")


def is_blind(name: str) -> bool:
    return int(name.split("_", 1)[0]) % 3 == 0


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------


def sentence_features(norms: Sequence[str]) -> frozenset[str]:
    """The roots of a sentence's words and each pair of neighbouring roots."""
    words = [root(n) for n in norms if n[:1].isalpha() and len(n) > 1]
    return frozenset((*words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))))


@dataclass(frozen=True)
class NaiveBayes:
    sentences: int
    totals: dict[str, int]  # feature -> training sentences holding it
    labels: dict[str, dict[str, tuple[int, dict[str, int]]]]  # kind -> id -> (sentences, feature counts)
    alpha: float
    support: int

    @classmethod
    def train(
        cls, examples: Sequence[tuple[frozenset[str], dict[str, set[str]]]], alpha: float = 0.5, support: int = 2
    ) -> NaiveBayes:
        totals: dict[str, int] = {}
        labels: dict[str, dict[str, tuple[int, dict[str, int]]]] = {kind: {} for kind in KINDS}
        for feats, stated in examples:
            for f in feats:
                totals[f] = totals.get(f, 0) + 1
            for kind in KINDS:
                for label in sorted(stated[kind]):
                    n, counts = labels[kind].get(label, (0, {}))
                    for f in feats:
                        counts[f] = counts.get(f, 0) + 1
                    labels[kind][label] = (n + 1, counts)
        return cls(len(examples), totals, labels, alpha, support)

    def score(self, kind: str, label: str, feats: frozenset[str]) -> float:
        n, counts = self.labels[kind][label]
        neg = self.sentences - n
        a = self.alpha
        total = math.log(max(n, 1) / max(neg, 1))
        for f in feats:
            pos = counts.get(f, 0)
            if pos < self.support:
                continue
            total += math.log((pos + a) / (n + 2 * a)) - math.log((self.totals[f] - pos + a) / (neg + 2 * a))
        return total


# ---------------------------------------------------------------------------
# The annotated texts
# ---------------------------------------------------------------------------


@dataclass
class Doc:
    name: str
    group: str  # seeds | reports | challenge | dev
    text: str
    is_report: bool | None
    gold: dict[str, dict[str, list[str]]]  # kind -> id -> quotes
    acceptable: dict[str, list[str]]


def documents() -> list[Doc]:
    from tests.extract_scoring import load_annotations, shared_dir

    shared = shared_dir()
    if shared is None:
        raise SystemExit("shared/ with seeds/, reports/ and reports-2/ not found; set ASN_ADVISOR_SHARED")
    docs = [
        Doc(
            a.name,
            a.group,
            a.read_text(shared),
            a.is_evaluation_report,
            {"findings": dict(a.findings), "recommendations": dict(a.recommendations)},
            {k: list(v) for k, v in a.also_acceptable.items()},
        )
        for a in load_annotations()
    ]
    gold: list[dict[str, Any]] = yaml.safe_load((shared / "reports-2" / "gold.yaml").read_text(encoding="utf-8"))
    for entry in gold:
        name = entry["file"]
        if is_blind(name):
            continue  # never opened, never trained on
        quotes: dict[str, dict[str, list[str]]] = {kind: {} for kind in KINDS}
        for kind in KINDS:
            for item in entry.get(kind) or []:
                quotes[kind].setdefault(item["id"], []).append(item["quote"])
        text = (shared / "reports-2" / name).read_text(encoding="utf-8")
        docs.append(Doc(name, "dev", text, entry["is_evaluation_report"], quotes, {}))
    return docs


def _quote_spans(text: str, quote: str) -> Iterator[tuple[int, int]]:
    words = quote.split()
    if words:
        for m in re.finditer(r"\s+".join(re.escape(w) for w in words), text):
            yield m.start(), m.end()


def model_reads(v: _SentenceView, problem: bool, gate: bool) -> tuple[bool, bool]:
    """Whether a finding, and a proposal, may be read in this sentence (as the patterns would)."""
    if v.sent.kind == "heading" or v.is_example or len(v.blocked) >= len(v.norms):
        return False, False
    clauses = len(v.sent.clauses)
    finding = len(v.strong_proposal_clauses) < clauses and (problem or not gate)
    done_only = bool(v.done_clauses) and not v.strong_proposal_clauses and len(v.done_clauses) >= clauses
    proposal = (bool(v.proposal_clauses) or v.in_proposal_section) and not v.example_lead and not done_only
    return finding, proposal


@dataclass
class Sent:
    features: frozenset[str]
    labels: dict[str, set[str]]
    reads: tuple[bool, bool]


def sentences(doc: Doc, patterns: Any, gate: bool) -> list[Sent]:
    c = compiled(patterns)
    _, views = _sentence_views(doc.text, c)
    spans = {
        kind: [(label, span) for label, qs in doc.gold[kind].items() for q in qs for span in _quote_spans(doc.text, q)]
        for kind in KINDS
    }
    out = []
    for v in views:
        a, b = v.sent.start, v.sent.end
        labels = {kind: {label for label, (s, e) in spans[kind] if s < b and a < e} for kind in KINDS}
        out.append(Sent(sentence_features(v.norms), labels, model_reads(v, bool(v.occ(c.evaluative)), gate)))
    return out


# ---------------------------------------------------------------------------
# Leave-one-text-out
# ---------------------------------------------------------------------------


GROUPS = {"old set": ("seeds", "reports"), "challenge": ("challenge",), "reports-2 dev": ("dev",)}


def cross_validate(docs: list[Doc], patterns: Any, thresholds: list[float], support: int, gate: bool) -> None:
    per_doc = [sentences(d, patterns, gate) for d in docs]
    best: list[dict[str, dict[str, float]]] = []  # per text: kind -> id -> best score in a readable sentence
    by_patterns: list[dict[str, set[str]]] = []
    for k, doc in enumerate(docs):
        rest = [(s.features, s.labels) for j, sents in enumerate(per_doc) if j != k for s in sents]
        model = NaiveBayes.train(rest, support=support)
        scores: dict[str, dict[str, float]] = {kind: {} for kind in KINDS}
        for s in per_doc[k]:
            for kind, allowed in zip(KINDS, s.reads, strict=True):
                if allowed:
                    for label in model.labels[kind]:
                        sc = model.score(kind, label, s.features)
                        scores[kind][label] = max(sc, scores[kind].get(label, -math.inf))
        best.append(scores)
        result = extract(doc.text, patterns, source=doc.name)
        ok = result.is_evaluation_report
        by_patterns.append(
            {
                "findings": set(result.finding_ids()) if ok else set(),
                "recommendations": set(result.recommendation_ids()) if ok else set(),
            }
        )
    print(f"{len(docs)} texts, {sum(len(p) for p in per_doc)} sentences; counts are (tp/fp/fn)")
    for kind in KINDS:
        print(f"== {kind}, leave one text out ==")
        rows: list[tuple[str, float | None, str]] = [("patterns alone", None, "patterns")]
        rows += [(f"model alone >= {t:g}", t, "model") for t in thresholds]
        rows += [(f"patterns + model >= {t:g}", t, "add") for t in thresholds]
        rows += [(f"patterns if model >= {t:g}", t, "confirm") for t in (-5.0, 0.0, thresholds[0])]
        for name, t, mode in rows:
            cells, total = [], Counts()
            for gname, members in GROUPS.items():
                c = Counts()
                for k, doc in enumerate(docs):
                    if doc.group not in members:
                        continue
                    got = set(by_patterns[k][kind]) if mode != "model" else set()
                    scored = {label for label, sc in best[k][kind].items() if t is not None and sc >= t}
                    if mode == "confirm":
                        got &= scored  # the patterns propose, the model confirms
                    elif mode != "patterns" and doc.is_report is not False:
                        got |= scored
                    gold = set(doc.gold[kind])
                    got -= set(doc.acceptable.get(kind, [])) - gold
                    c.add(gold, got)
                    total.add(gold, got)
                cells.append(f"{gname}: {c.text()}")
            print(f"{name:26s} " + "  ".join(cells) + f"  all: {total.text()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, nargs="*", default=[6, 12, 20, 25])
    parser.add_argument("--support", type=int, default=2, help="training sentences of an id a feature needs")
    parser.add_argument("--no-gate", action="store_true", help="let the model read findings without a problem word")
    args = parser.parse_args(argv)
    patterns = load_patterns(ROOT / "rules" / "ekstraksi.yaml")
    cross_validate(documents(), patterns, args.threshold, args.support, not args.no_gate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
