"""How specific the advice is: report proposals in the top 6, and how often each remedy appears.

Usage::

    python benchmarks/advice_quality.py             # the figures
    python benchmarks/advice_quality.py --details   # plus each text's proposals and top 6

Texts: the five seed reports (their profiles in ``examples/profiles/`` and the
proposals in ``tests/data/seed_expectations.yaml``), ``shared/reports`` (the
reader's proposals) and ``shared/reports-2`` (the gold proposals of
``gold.yaml``, so that the figure measures the advisor, not the reader).  A
report's proposals go into its profile as ``proposals`` (evidence for the
ranking, docs/advice-quality.md).  Texts of reports-2 whose number is a multiple
of three are the unseen split: nobody reads them or their gold entries while
tuning the pack.

Figures printed:

- top-6 share: of the report's own proposals, the share that stand in the
  advisor's six highest-ranked recommendations, per set; once with the
  proposals in the profile (their priority term counts) and once without (the
  pack's rules and the profile's findings and figures alone);
- frequencies: over every advice list (seeds, reports, reports-2; texts that
  are not evaluations are skipped), the share of lists holding each
  recommendation, beside the share holding evidence for it: a finding it
  answers, the report's own proposal of it, or a recommended step that needs
  it first.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from asn_advisor import advise, load_rules
from asn_advisor.engine import extract_file, pack_patterns, profile_from_extraction
from asn_advisor.model import Advice, Profile, profile_from_mapping
from asn_advisor.reader import read_report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reading_gold import is_blind as is_unseen
from reading_gold import shared_dir

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {
    "cakranegara": "000",
    "binjai": "001",
    "medan": "002",
    "bungo": "003",
    "makassar": "004",
}


def with_proposals(profile: Profile, proposals: list[str]) -> Profile:
    data: dict[str, Any] = profile.model_dump(exclude_none=True)
    data["proposals"] = [{"id": p} for p in dict.fromkeys(proposals)]
    return profile_from_mapping(data)


def report_profile(path: Path, pack: Any) -> tuple[Profile, list[str]] | None:
    """The profile read from a report and the proposals the reader found, or None if not an evaluation."""
    pack_patterns(pack)
    result = extract_file(str(path), pack)
    if not result.is_evaluation_report:
        return None
    profile = profile_from_extraction(result, pack)
    return profile, result.recommendation_ids()


class Tally:
    def __init__(self) -> None:
        self.proposed = 0
        self.in_top = 0
        self.texts = 0
        self.all_in = 0

    def add(self, proposals: list[str], advice: Advice) -> list[str]:
        top = [r.id for r in advice.recommendations[:6]]
        wanted = set(proposals)
        if not wanted:
            return top
        self.texts += 1
        self.proposed += len(wanted)
        self.in_top += len(wanted & set(top))
        self.all_in += wanted <= set(top)
        return top

    def text(self) -> str:
        share = self.in_top / self.proposed if self.proposed else 1.0
        return (
            f"{share:6.1%}  ({self.in_top}/{self.proposed} proposals; "
            f"all in top 6 for {self.all_in}/{self.texts} texts)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args(argv)
    shared = shared_dir()
    pack = load_rules()
    names = ("seeds", "reports", "reports-2 tuned", "reports-2 unseen")
    tallies = {name: Tally() for name in names}
    blind = {name: Tally() for name in names}  # the proposals kept out of the profile: the pack's evidence alone
    lists: list[Advice] = []

    def run(set_name: str, label: str, profile: Profile, proposals: list[str]) -> None:
        advice = advise(with_proposals(profile, proposals), pack)
        lists.append(advice)
        blind[set_name].add(proposals, advise(profile, pack))
        top = tallies[set_name].add(proposals, advice)
        if args.details:
            missing = sorted(set(proposals) - set(top))
            print(f"{set_name:17} {label:40} proposals={sorted(set(proposals))} top6={top} missing={missing}")

    expectations = yaml.safe_load((ROOT / "tests" / "data" / "seed_expectations.yaml").read_text(encoding="utf-8"))
    for seed in SEEDS:
        profile = profile_from_mapping(
            yaml.safe_load((ROOT / "examples" / "profiles" / f"{seed}.yaml").read_text(encoding="utf-8"))
        )
        proposals = [r["id"] for r in expectations[seed]["proposed_recommendations"]]
        run("seeds", seed, profile, proposals)

    for path in sorted((shared / "reports").glob("[0-9]*.txt")):
        read = report_profile(path, pack)
        if read is not None:
            run("reports", path.name, read[0], read[1])

    gold = {g["file"]: g for g in yaml.safe_load((shared / "reports-2" / "gold.yaml").read_text(encoding="utf-8"))}
    for path in sorted((shared / "reports-2").glob("[0-9]*.txt")):
        entry = gold.get(path.name)
        if entry is None or not entry.get("is_evaluation_report"):
            continue
        read = report_profile(path, pack)
        if read is None:
            read_report(str(path))  # the reader refused an evaluation: advise an empty profile
            profile = profile_from_mapping({"program": {"id": path.stem}})
        else:
            profile = read[0]
        proposals = [r["id"] for r in entry.get("recommendations") or []]
        run("reports-2 unseen" if is_unseen(path.name) else "reports-2 tuned", path.name, profile, proposals)

    print("Report proposals in the advisor's top 6 (proposals in the profile, as 'advise REPORT.txt' does)")
    for name, tally in tallies.items():
        print(f"  {name:17} {tally.text()}")
    print("... and with the proposals left out of the profile (the pack's own evidence alone)")
    for name, tally in blind.items():
        print(f"  {name:17} {tally.text()}")

    n = len(lists)
    recs: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for advice in lists:
        present = {f.id for f in advice.findings}
        ids = {r.id for r in advice.recommendations}
        recs.update(ids)
        # Evidence for a recommendation: a present finding it answers, the report's own proposal,
        # or another recommended step that needs it first (a prerequisite the plan adds).
        proposed = {r.id for r in advice.recommendations if r.proposed_by_report or r.added_as_prerequisite}
        for rec_id in pack.recommendations:
            if rec_id in proposed or any(
                rec_id in rule.rule.recommend and set(rule.addresses) & present for rule in pack.recommend_rules
            ):
                answered[rec_id] += 1
    print(f"\nHow often each recommendation appears ({n} advice lists)")
    print(
        f"  {'recommendation':28} {'in lists':>9} {'evidence':>9}"
        "  (a finding it answers, the report's proposal, a step needing it)"
    )
    flagged = 0
    for rec_id, count in recs.most_common():
        share, base = count / n, answered[rec_id] / n
        flag = " <- above half without its evidence" if share > 0.5 and base <= 0.5 else ""
        flagged += bool(flag)
        print(f"  {rec_id:28} {share:9.0%} {base:9.0%}{flag}")
    print(f"\n{flagged} recommendation(s) in more than half of the lists without evidence that frequent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
