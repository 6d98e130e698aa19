"""The range analysis behind the linter is sound: what it claims holds for every profile."""

from __future__ import annotations

from typing import Any

from hypothesis import given

from asn_advisor.condition import Condition
from asn_advisor.condition.ranges import Interval, implies, restrict, true_ranges

from .strategies import VOCABULARY, bool_exprs, findings, values

BOUNDS = {"has:f1": Interval(0.0, 3.0), "has:f2": Interval(0.0, 3.0), "flag": Interval(0.0, 1.0)}


def _ranges(text: str) -> Any:
    condition = Condition.compile(text, VOCABULARY)
    raw = true_ranges(condition.tree)
    return condition, None if raw is None else restrict(raw, BOUNDS)


@given(bool_exprs(), values, findings)
def test_never_true_is_never_true(text: str, facts: dict[str, Any], present: dict[str, int]) -> None:
    """A condition the analysis calls never-true evaluates to true for no values."""
    condition, ranges = _ranges(text)
    if ranges == []:
        assert condition.evaluate(facts, present) is not True


@given(bool_exprs(), bool_exprs(), values, findings)
def test_implication_holds(first: str, second: str, facts: dict[str, Any], present: dict[str, int]) -> None:
    """When the analysis says A implies B, B is true wherever A is."""
    a, ranges_a = _ranges(first)
    b, ranges_b = _ranges(second)
    if ranges_a is None or ranges_b is None or not implies(ranges_a, ranges_b):
        return
    if a.evaluate(facts, present) is True:
        assert b.evaluate(facts, present) is True


@given(bool_exprs(), values, findings)
def test_a_condition_implies_itself_and_its_disjunction(
    text: str, facts: dict[str, Any], present: dict[str, int]
) -> None:
    """The analysis is not vacuous: A implies A, and A implies A or has(f1)."""
    _, ranges = _ranges(text)
    _, wider = _ranges(f"({text}) or has(f1)")
    if ranges is not None and wider is not None:
        assert implies(ranges, ranges) and implies(ranges, wider)


def test_examples() -> None:
    """Hand-picked contradictions and implications."""
    assert _ranges("a < 10 and a > 20")[1] == []
    assert _ranges("not (a >= 10) and 20 < a")[1] == []
    assert _ranges("missing(a) and a < 30")[1] == []
    assert _ranges("has(f1) and not has(f1)")[1] == []
    assert _ranges('has(f2, "high") and not has(f2)')[1] == []
    assert _ranges("a < 10 or a > 20")[1]
    assert implies(_ranges("a < 5")[1], _ranges("a < 10")[1])
    assert not implies(_ranges("a < 10")[1], _ranges("a < 5")[1])
    assert not implies(_ranges("missing(a) or a >= 30")[1], _ranges("a >= 30")[1])
