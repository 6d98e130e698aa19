"""Advise N synthetic profiles with the shipped pack; print profiles/s and peak memory.

    python benchmarks/advise_profiles.py --n 20000

Also the lean summary (``summarize``: what ``batch --fields summary`` writes)
and the microseconds per profile of each step of the engine.

Synthetic profiles draw every indicator at random (about a third missing) and
zero to four stated findings, with a fixed seed so runs compare.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import time
import tracemalloc
from typing import Any

from asn_advisor import advise, load_rules
from asn_advisor.engine import advise_loaded, summarize
from asn_advisor.model.profile import profile_from_mapping


def synthetic_profiles(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    findings = [
        "low_participation",
        "time_conflict",
        "limited_budget",
        "weak_supervisor_support",
        "no_follow_up",
        "theoretical_curriculum",
        "low_transfer",
        "low_awareness",
    ]
    out = []
    for i in range(n):
        ind: dict[str, Any] = {}

        def maybe(name: str, value: Any, ind: dict[str, Any] = ind) -> None:
            if rnd.random() > 0.33:
                ind[name] = value

        maybe("participation_rate", rnd.randint(20, 100))
        maybe("nominee_attendance_rate", rnd.randint(40, 100))
        maybe("share_meeting_20jp", rnd.randint(0, 100))
        maybe("training_budget_share", round(rnd.uniform(0.05, 0.8), 2))
        maybe("satisfaction", {"value": round(rnd.uniform(1.5, 4), 2), "scale": "1-4"})
        maybe("relevance", rnd.randint(40, 100))
        maybe("post_test_mean", rnd.randint(40, 100))
        maybe("pre_test_mean", rnd.randint(30, 90))
        maybe("application_rate", rnd.randint(10, 100))
        maybe("supervisor_support", rnd.randint(20, 100))
        maybe("follow_up_conducted", rnd.random() < 0.5)
        maybe("highest_level_evaluated", rnd.randint(1, 4))
        maybe("absence_reasons", {"work_conflict": rnd.randint(0, 60)})
        maybe("funding_sources", rnd.sample(["apbd", "apbn", "donor", "university", "private"], rnd.randint(1, 3)))
        stated = [
            {"id": f, "severity": rnd.choice(["low", "medium", "high"])}
            for f in rnd.sample(findings, rnd.randint(0, 4))
        ]
        out.append({"program": {"id": f"prog-{i}"}, "indicators": ind, "findings": stated})
    return out


def stages(pack: Any, data: list[dict[str, Any]]) -> dict[str, float]:
    """Microseconds per profile of each step of the engine (one pass, the garbage collector paused as batch does)."""
    from asn_advisor.engine.advising import _candidates
    from asn_advisor.engine.building import build_advice
    from asn_advisor.engine.firing import fire
    from asn_advisor.engine.gain import GainModel, dimension_scores
    from asn_advisor.engine.plan import outline_plan
    from asn_advisor.engine.prepared import prepared
    from asn_advisor.engine.priority import TermTable
    from asn_advisor.engine.scoring import compute_scores, score_interval
    from asn_advisor.model import check_findings, normalize_indicators

    took: dict[str, float] = {}
    n = len(data)

    def step(name: str, func: Any) -> Any:
        start = time.perf_counter()
        result = func()
        took[name] = (time.perf_counter() - start) / n * 1e6
        return result

    lines = [json.dumps(item) for item in data]
    profiles = step("parse + validate profile", lambda: [profile_from_mapping(json.loads(line)) for line in lines])
    values = step("normalize", lambda: [(normalize_indicators(p, pack), check_findings(p, pack))[0] for p in profiles])
    scores = step("score", lambda: [compute_scores(pack, v) for v in values])
    facts = [dict(v, coverage=s.coverage * 100.0) for v, s in zip(values, scores, strict=True)]
    step("fire rules (summary)", lambda: [fire(p, pack, f, gaps=False) for p, f in zip(profiles, facts, strict=True)])
    firings = step("fire rules (full)", lambda: [fire(p, pack, f) for p, f in zip(profiles, facts, strict=True)])
    tables = [TermTable(pack, f.findings_rank, dimension_scores(s)) for f, s in zip(firings, scores, strict=True)]
    step("priorities (summary)", lambda: [_candidates(pack, f, t, True) for f, t in zip(firings, tables, strict=True)])
    terms = step(
        "priority terms (full)", lambda: [_candidates(pack, f, t, False) for f, t in zip(firings, tables, strict=True)]
    )
    step(
        "score interval (summary)",
        lambda: [score_interval(pack, v, s, names=False) for v, s in zip(values, scores, strict=True)],
    )
    intervals = step(
        "score interval (full)", lambda: [score_interval(pack, v, s) for v, s in zip(values, scores, strict=True)]
    )
    weight = pack.scoring.priority.root_cause_weight

    def outline(lean: bool) -> list[Any]:
        return [
            outline_plan(
                pack,
                c[1],
                f.findings_rank,
                None
                if lean
                else (lambda f=f, s=s: GainModel.of(pack, dimension_scores(s), s.overall is not None, f.findings_rank)),
                lambda e, t=t: t.root_terms(e, weight),
                "id",
            )
            for c, f, s, t in zip(terms, firings, scores, tables, strict=True)
        ]

    step("rank (lean)", lambda: outline(True))
    outlines = step("plan (full)", lambda: outline(False))
    prep = prepared(pack, "id")
    advices = step(
        "build models",
        lambda: [
            build_advice(p, pack, prep, v, fa, s, i, f, c[0], c[1], o)
            for p, v, fa, s, i, f, c, o in zip(
                profiles, values, facts, scores, intervals, firings, terms, outlines, strict=True
            )
        ],
    )
    step("model_dump_json", lambda: [a.model_dump_json() for a in advices])
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    pack = load_rules()
    data = synthetic_profiles(args.n)
    start = time.perf_counter()
    for item in data:
        advise(profile_from_mapping(item), pack).model_dump_json()
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    for item in data:
        summarize(profile_from_mapping(item), pack)
    lean = time.perf_counter() - start
    # What batch runs per record: the profile was validated just now, so it is not checked again.
    start = time.perf_counter()
    for item in data:
        advise_loaded(profile_from_mapping(item), pack, "id", summary=True)
    loaded = time.perf_counter() - start
    # Memory is traced on a separate, shorter pass: tracing slows Python down.
    tracemalloc.start()
    for item in data[:1000]:
        advise(profile_from_mapping(item), pack).model_dump_json()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"profiles: {args.n}")
    print(f"seconds: {elapsed:.2f}")
    print(f"profiles_per_second: {args.n / elapsed:,.0f}  (advise + model_dump_json)")
    print(f"lean_profiles_per_second: {args.n / lean:,.0f}  (summarize)")
    print(f"lean_batch_profiles_per_second: {args.n / loaded:,.0f}  (advise_loaded(summary=True), as batch)")
    print(f"lean_to_full_ratio: {elapsed / lean:.1f}x")
    print(f"traced_peak_mb: {peak / 1e6:.1f}")
    print(f"max_rss_mb: {rss:.1f}")
    gc.disable()
    try:
        took = stages(pack, data[:2000])
    finally:
        gc.enable()
    print("us per profile by step:")
    for name, micros in took.items():
        print(f"  {name:26s} {micros:8.1f}")


if __name__ == "__main__":
    main()
