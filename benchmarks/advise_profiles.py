"""Advise N synthetic profiles with the shipped pack; print profiles/s and peak memory.

    python benchmarks/advise_profiles.py --n 20000

Synthetic profiles draw every indicator at random (about a third missing) and
zero to four stated findings, with a fixed seed so runs compare.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import tracemalloc
from typing import Any

from asn_advisor import advise, load_rules
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
    # Memory is traced on a separate, shorter pass: tracing slows Python down.
    tracemalloc.start()
    for item in data[:1000]:
        advise(profile_from_mapping(item), pack).model_dump_json()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"profiles: {args.n}")
    print(f"seconds: {elapsed:.2f}")
    print(f"profiles_per_second: {args.n / elapsed:,.0f}")
    print(f"traced_peak_mb: {peak / 1e6:.1f}")
    print(f"max_rss_mb: {rss:.1f}")


if __name__ == "__main__":
    main()
