"""Value-range analysis of conditions, for the rule linter.

A condition is turned into the set of value ranges that make it *true*, in
disjunctive normal form: a list of alternatives, each a conjunction of
constraints, one per variable.  A variable is an indicator (its numeric
range, or "missing"), a finding (its severity rank: 0 absent, 1 low, 2
medium, 3 high) or an *opaque* part of the condition the analysis does not
model (``"donor" in funding_sources``, ``a + b >= 40``), which is only
either true or false.

This follows the language's three-valued semantics: a rule fires only when
its condition is *true*, and a comparison is true only when its indicator is
known, so ``not (x < 5)`` means "x is known and x >= 5", ``missing(x)`` means
"x has no value", and the two cannot hold together.

The analysis is sound where it says something: when it reports a condition
can never be true, or that one condition implies another, that holds for
every profile.  Where it cannot tell (a condition too large to expand, parts
it does not model), it stays silent rather than guess.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from asn_advisor.condition.ast import BinaryOp, BoolOp, Call, Compare, ListLiteral, Literal, Name, Negate, Node, Not
from asn_advisor.condition.functions import SEVERITY_RANK

__all__ = ["Interval", "Range", "Ranges", "canonical", "numeric_range"]

INF = math.inf
#: Above this many alternatives the analysis gives up (``None``) instead of growing exponentially.
MAX_ALTERNATIVES = 512

_ALIASES = {"ada": "has", "diketahui": "known", "kosong": "missing", "jumlah": "count"}
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


@dataclass(frozen=True)
class Interval:
    """A numeric interval; each end is open or closed."""

    low: float = -INF
    high: float = INF
    low_open: bool = False
    high_open: bool = False

    @property
    def empty(self) -> bool:
        if self.low > self.high:
            return True
        return self.low == self.high and (self.low_open or self.high_open)

    def __and__(self, other: Interval) -> Interval:
        if self.low > other.low or (self.low == other.low and self.low_open):
            low, low_open = self.low, self.low_open
        else:
            low, low_open = other.low, other.low_open
        if self.high < other.high or (self.high == other.high and self.high_open):
            high, high_open = self.high, self.high_open
        else:
            high, high_open = other.high, other.high_open
        return Interval(low, high, low_open, high_open)

    def within(self, other: Interval) -> bool:
        """Whether every value of ``self`` is in ``other``."""
        if self.empty:
            return True
        if other.empty:
            return False
        low_ok = self.low > other.low or (self.low == other.low and (other.low_open <= self.low_open))
        high_ok = self.high < other.high or (self.high == other.high and (other.high_open <= self.high_open))
        return low_ok and high_ok

    def __str__(self) -> str:
        low = "-inf" if self.low == -INF else f"{self.low:g}"
        high = "inf" if self.high == INF else f"{self.high:g}"
        return f"{'(' if self.low_open else '['}{low}, {high}{')' if self.high_open else ']'}"


FULL = Interval()


@dataclass(frozen=True)
class Range:
    """What one variable may be: ``missing`` allowed or not, and its values when known (``None``: none)."""

    missing: bool
    values: Interval | None

    def __and__(self, other: Range) -> Range:
        if self.values is None or other.values is None:
            values = None
        else:
            values = self.values & other.values
            values = None if values.empty else values
        return Range(self.missing and other.missing, values)

    @property
    def empty(self) -> bool:
        return not self.missing and (self.values is None or self.values.empty)

    def within(self, other: Range) -> bool:
        if self.missing and not other.missing:
            return False
        if self.values is None or self.values.empty:
            return True
        return other.values is not None and self.values.within(other.values)


Conjunction = dict[str, Range]
#: The alternatives (DNF) that make a condition true; ``[]`` is never true.
Ranges = list[Conjunction]


def canonical(node: Node) -> str:
    """A text for ``node`` without positions, equal for equal conditions."""
    if isinstance(node, Literal):
        return repr(node.value)
    if isinstance(node, ListLiteral):
        return "[" + ", ".join(canonical(item) for item in node.items) + "]"
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Call):
        return f"{_ALIASES.get(node.function, node.function)}(" + ", ".join(canonical(a) for a in node.args) + ")"
    if isinstance(node, Negate):
        return f"-({canonical(node.operand)})"
    if isinstance(node, Not):
        return f"not ({canonical(node.operand)})"
    if isinstance(node, BinaryOp | Compare):
        return f"({canonical(node.left)} {node.op} {canonical(node.right)})"
    if isinstance(node, BoolOp):
        return f" {node.op} ".join(f"({canonical(o)})" for o in node.operands)
    return type(node).__name__  # pragma: no cover - every node kind is handled above


def numeric_range(node: Node, bounds: Mapping[str, Interval]) -> Interval:
    """The values a numeric expression can take, from its names' bounds (interval arithmetic)."""
    if isinstance(node, Literal) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return Interval(float(node.value), float(node.value))
    if isinstance(node, Name):
        return bounds.get(node.name, FULL)
    if isinstance(node, Negate):
        inner = numeric_range(node.operand, bounds)
        return Interval(-inner.high, -inner.low)
    if isinstance(node, BinaryOp):
        left, right = numeric_range(node.left, bounds), numeric_range(node.right, bounds)
        if node.op == "+":
            return Interval(left.low + right.low, left.high + right.high)
        if node.op == "-":
            return Interval(left.low - right.high, left.high - right.low)
        if node.op == "*":
            products = [
                a * b
                for a in (left.low, left.high)
                for b in (right.low, right.high)
                if not (math.isinf(a) and b == 0 or math.isinf(b) and a == 0)
            ]
            return Interval(min(products), max(products)) if len(products) == 4 else FULL
        return FULL  # division: the divisor may come near 0
    if isinstance(node, Call):
        name = _ALIASES.get(node.function, node.function)
        if name in ("count", "len"):
            high = float(len(node.args[1].items)) if name == "count" and isinstance(node.args[1], ListLiteral) else INF
            return Interval(0.0, high)
        parts = [numeric_range(arg, bounds) for arg in node.args]
        if name == "min" and parts:
            return Interval(min(p.low for p in parts), min(p.high for p in parts))
        if name == "max" and parts:
            return Interval(max(p.low for p in parts), max(p.high for p in parts))
        if name == "abs" and parts:
            part = parts[0]
            if part.low >= 0:
                return part
            if part.high <= 0:
                return Interval(-part.high, -part.low)
            return Interval(0.0, max(-part.low, part.high))
    return FULL


def _compare_interval(op: str, value: float) -> list[Interval]:
    if op == "<":
        return [Interval(-INF, value, high_open=True)]
    if op == "<=":
        return [Interval(-INF, value)]
    if op == ">":
        return [Interval(value, INF, low_open=True)]
    if op == ">=":
        return [Interval(value, INF)]
    if op == "==":
        return [Interval(value, value)]
    return [Interval(-INF, value, high_open=True), Interval(value, INF, low_open=True)]  # !=


def _atom(key: str, values: Interval | None, missing: bool = False) -> Ranges:
    return [{key: Range(missing, values)}]


def _opaque(node: Node, negate: bool) -> Ranges:
    value = 0.0 if negate else 1.0
    return _atom("?" + canonical(node), Interval(value, value))


def _and(parts: list[Ranges | None]) -> Ranges | None:
    result: Ranges = [{}]
    for part in parts:
        if part is None:
            return None
        combined: Ranges = []
        for left in result:
            for right in part:
                merged = dict(left)
                for key, rng in right.items():
                    merged[key] = merged[key] & rng if key in merged else rng
                if not any(r.empty for r in merged.values()):
                    combined.append(merged)
        if len(combined) > MAX_ALTERNATIVES:
            return None
        result = combined
    return result


def _or(parts: list[Ranges | None]) -> Ranges | None:
    result: Ranges = []
    for part in parts:
        if part is None:
            return None
        result.extend(part)
    return None if len(result) > MAX_ALTERNATIVES else result


def true_ranges(node: Node, *, negate: bool = False) -> Ranges | None:
    """The alternatives under which ``node`` (or ``not node``) is true; ``None`` if too large to tell."""
    if isinstance(node, Not):
        return true_ranges(node.operand, negate=not negate)
    if isinstance(node, BoolOp):
        parts = [true_ranges(o, negate=negate) for o in node.operands]
        conjunctive = (node.op == "and") != negate  # De Morgan
        return _and(parts) if conjunctive else _or(parts)
    if isinstance(node, Literal) and isinstance(node.value, bool):
        return [{}] if node.value != negate else []
    if isinstance(node, Name):  # a bare true/false indicator
        value = 0.0 if negate else 1.0
        return _atom(node.name, Interval(value, value))
    if isinstance(node, Call):
        return _call_ranges(node, negate)
    if isinstance(node, Compare):
        return _compare_ranges(node, negate)
    return _opaque(node, negate)


def _call_ranges(node: Call, negate: bool) -> Ranges | None:
    name = _ALIASES.get(node.function, node.function)
    target = node.args[0] if node.args else None
    if name == "has" and isinstance(target, Name):
        level = 1
        if len(node.args) == 2 and isinstance(node.args[1], Literal):
            level = SEVERITY_RANK.get(str(node.args[1].value), 1)
        rank = Interval(0.0, level - 1.0) if negate else Interval(float(level), 3.0)
        return _atom("has:" + target.name, rank)
    if name in ("known", "missing") and isinstance(target, Name):
        is_missing = (name == "missing") != negate
        return _atom(target.name, None if is_missing else FULL, missing=is_missing)
    return _opaque(node, negate)


def _compare_ranges(node: Compare, negate: bool) -> Ranges | None:
    op = _NEGATE[node.op] if negate and node.op in _NEGATE else node.op
    left, right = node.left, node.right
    if isinstance(left, Literal) and not isinstance(right, Literal):
        left, right, op = right, left, _FLIP.get(op, op)
    if isinstance(left, Name) and isinstance(right, Literal) and op in _FLIP:
        value = right.value
        if isinstance(value, bool):
            value = float(value)
        if isinstance(value, int | float):
            return _or([_atom(left.name, interval) for interval in _compare_interval(op, float(value))])
    if op in ("in", "not in") or negate:
        return _opaque(node, negate)
    return _opaque(node, False)


def restrict(ranges: Ranges, bounds: Mapping[str, Interval]) -> Ranges:
    """Drop the alternatives no value within the variables' bounds satisfies."""
    kept: Ranges = []
    for conj in ranges:
        bounded = {}
        for key, rng in conj.items():
            domain = bounds.get(key)
            bounded[key] = rng & Range(True, domain) if domain is not None else rng
        if not any(r.empty for r in bounded.values()):
            kept.append(bounded)
    return kept


def implies(premise: Ranges, conclusion: Ranges) -> bool:
    """Whether every alternative of ``premise`` lies within one alternative of ``conclusion`` (sound, not complete)."""
    for conj in premise:
        if not any(
            all(conj.get(key, Range(True, FULL)).within(rng) for key, rng in other.items()) for other in conclusion
        ):
            return False
    return True
