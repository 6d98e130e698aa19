"""Condition evaluation: asn-advisor against rule-engine, zen-engine and simpleeval.

    pip install -e '.[bench]'
    python benchmarks/conditions_vs_peers.py [--rows 100000] [--rules 50 500]

Synthetic rules of 2 to 4 comparisons (joined by and/or) over 20 numeric
fields, the same text for every engine; synthetic rows with every field
present (the peers have no notion of missing data; asn-advisor still computes
its known-masks).  Rates are rule evaluations per second (rules x rows /
seconds).  Every figure of a run comes from that run, and the ratios printed
at the end divide asn-advisor's compiled closures' rate by each peer's rate
measured in the same run.  A peer that is not installed is skipped.

Engines:

* ``asn-advisor closures``: the per-profile compiled closures, three-valued
  (what ``advise`` and ``batch`` use);
* ``zen-engine table``: one decision table holding every rule (hit policy
  ``collect``), evaluated per row: all rules of a row in one native call;
* ``zen-engine batch``: the same table through ``ZenEngine.evaluate_batch``,
  all rows in one call (the engine's batch evaluation);
* ``zen-engine expression``: ``compile_expression`` once per rule, evaluated per row;
* ``rule-engine``: ``Rule(text).matches(row)``;
* ``simpleeval``: each rule parsed once, evaluated per row.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from typing import Any

from asn_advisor.condition import Condition, NameInfo, Vocabulary

FIELDS = [f"f{i}" for i in range(20)]
VOCABULARY = Vocabulary(names={name: NameInfo("number") for name in FIELDS})
OPS = ["<", "<=", ">", ">="]


def make_rules(count: int, seed: int = 17) -> list[str]:
    """``count`` rules of 2 to 4 comparisons, mostly 'and', some 'or'."""
    rnd = random.Random(seed)
    rules = []
    for _ in range(count):
        parts = [f"{rnd.choice(FIELDS)} {rnd.choice(OPS)} {rnd.randint(5, 95)}" for _ in range(rnd.randint(2, 4))]
        text = parts[0]
        for part in parts[1:]:
            text += f" {'or' if rnd.random() < 0.25 else 'and'} {part}"
        rules.append(text)
    return rules


def make_rows(count: int, seed: int = 3) -> list[dict[str, float]]:
    rnd = random.Random(seed)
    return [{name: float(rnd.randint(0, 100)) for name in FIELDS} for _ in range(count)]


def timed(function: Callable[[], Any], min_seconds: float = 1.0) -> tuple[float, int]:
    """(seconds per call, calls): repeat until ``min_seconds`` have passed."""
    calls = 0
    start = time.perf_counter()
    while True:
        function()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / calls, calls


# ---------------------------------------------------------------- engines


def run(rule_count: int, row_count: int, peer_rows: int, min_seconds: float) -> dict[str, float]:
    texts = make_rules(rule_count)
    rows = make_rows(row_count)
    conditions = [Condition.compile(text, VOCABULARY) for text in texts]
    rates: dict[str, float] = {}

    sample = rows[:peer_rows]
    evaluators = [c.evaluator for c in conditions]
    seconds, _ = timed(lambda: [e(row, {}) for row in sample for e in evaluators], min_seconds)
    rates["asn-advisor closures"] = rule_count * len(sample) / seconds

    try:
        import zen

        engine = zen.ZenEngine()
        content = {
            "nodes": [
                {"id": "in", "type": "inputNode", "name": "in", "position": {"x": 0, "y": 0}},
                {
                    "id": "table",
                    "type": "decisionTableNode",
                    "name": "rules",
                    "position": {"x": 0, "y": 0},
                    "content": {
                        "hitPolicy": "collect",
                        "inputs": [{"id": "when", "name": "when"}],
                        "outputs": [{"id": "rule", "name": "rule", "field": "rule"}],
                        "rules": [{"_id": str(i), "when": text, "rule": str(i)} for i, text in enumerate(texts)],
                    },
                },
                {"id": "out", "type": "outputNode", "name": "out", "position": {"x": 0, "y": 0}},
            ],
            "edges": [
                {"id": "a", "sourceId": "in", "targetId": "table", "type": "edge"},
                {"id": "b", "sourceId": "table", "targetId": "out", "type": "edge"},
            ],
        }
        decision = engine.create_decision(json.dumps(content))
        check_row = sample[0]
        expected = sorted(i for i, c in enumerate(conditions) if c.evaluate(check_row, {}) is True)
        got = sorted(item["rule"] for item in decision.evaluate(check_row)["result"])
        assert got == expected, "zen-engine disagrees with asn-advisor on the benchmark rules"
        seconds, _ = timed(lambda: [decision.evaluate(row) for row in sample], min_seconds)
        rates["zen-engine table"] = rule_count * len(sample) / seconds
        # The engine's own batch call: every row's request in one native call
        # (the decision served by a static loader).
        batch_engine = zen.ZenEngine({"loader": {"type": "static", "content": {"rules": content}}})
        requests = [{"key": "rules", "context": row} for row in sample]
        first = batch_engine.evaluate_batch(requests[:1])[0]
        assert first.get("success"), first
        assert sorted(item["rule"] for item in first["data"]["result"]) == expected, "zen-engine batch disagrees"
        seconds, _ = timed(lambda: batch_engine.evaluate_batch(requests), min_seconds)
        rates["zen-engine batch"] = rule_count * len(sample) / seconds
        compiled = [zen.compile_expression(text) for text in texts]
        seconds, _ = timed(lambda: [e.evaluate(row) for row in sample for e in compiled], min_seconds)
        rates["zen-engine expression"] = rule_count * len(sample) / seconds
    except ImportError:
        pass

    try:
        import rule_engine

        context = rule_engine.Context(
            type_resolver=rule_engine.type_resolver_from_dict({name: rule_engine.DataType.FLOAT for name in FIELDS})
        )
        compiled_rules = [rule_engine.Rule(text, context=context) for text in texts]
        small = sample[: max(1, len(sample) // 10)]
        seconds, _ = timed(lambda: [r.matches(row) for row in small for r in compiled_rules], min_seconds)
        rates["rule-engine"] = rule_count * len(small) / seconds
    except ImportError:
        pass

    try:
        from simpleeval import SimpleEval

        evaluator = SimpleEval()
        parsed = [evaluator.parse(text) for text in texts]
        small = sample[: max(1, len(sample) // 10)]

        def simple() -> None:
            for row in small:
                evaluator.names = row
                for text, tree in zip(texts, parsed, strict=True):
                    evaluator.eval(text, previously_parsed=tree)

        seconds, _ = timed(simple, min_seconds)
        rates["simpleeval"] = rule_count * len(small) / seconds
    except ImportError:
        pass
    return rates


PEERS = (
    "zen-engine batch",
    "zen-engine table",
    "zen-engine expression",
    "rule-engine",
    "simpleeval",
    "numpy (upper bound)",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="rows for the batch engines")
    parser.add_argument("--peer-rows", type=int, default=2_000, help="rows for the row-at-a-time engines")
    parser.add_argument("--rules", type=int, nargs="+", default=[50, 500])
    parser.add_argument("--seconds", type=float, default=1.0, help="minimum time per measurement")
    args = parser.parse_args()
    for rule_count in args.rules:
        rates = run(rule_count, args.rows, args.peer_rows, args.seconds)
        print(
            f"\n{rule_count} rules, {args.rows:,} rows "
            f"(row-at-a-time engines on {args.peer_rows:,} rows or a tenth of them)"
        )
        print(f"{'engine':40} {'rule evaluations/s':>20}")
        for name, rate in sorted(rates.items(), key=lambda item: -item[1]):
            print(f"{name:40} {rate:>20,.0f}")
        ours = rates["asn-advisor closures"]
        peers = {name: rates[name] for name in PEERS if name in rates and name != "numpy (upper bound)"}
        for name in PEERS:
            if name in rates:
                print(f"ratio asn-advisor closures / {name}: {ours / rates[name]:.2f}x")
        if peers:
            fastest = max(peers, key=lambda name: peers[name])
            print(f"fastest peer: {fastest}; asn-advisor closures are {ours / peers[fastest]:.1f}x faster")


if __name__ == "__main__":
    main()
