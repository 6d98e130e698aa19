"""Columnar evaluation of checked conditions over many profiles at once (NumPy).

The third evaluator of the condition language, beside :func:`interpret` (the
reference) and :func:`compile_tree` (closures, one profile at a time).  It
walks the validated syntax tree once and returns a function of a
:class:`Columns` -- one array per name for a block of profiles -- that gives
two arrays: the values and a *known* mask.  That is the three-valued logic of
the language, vectorized: where ``known`` is false the result is unknown,
exactly where the scalar evaluators return ``None``.

As with the closures, no condition text ever reaches ``eval``, ``exec`` or
``compile``: the tree is mapped onto NumPy operations; only validated names
and literal constants are captured.  A property test checks that this
evaluator agrees with :func:`interpret` on every generated condition.

Representation of a name in :class:`Columns`:

* number: ``float64`` values (0 where unknown) and a ``bool`` known mask;
* bool: ``bool`` values and a known mask;
* list: ``int64`` bit sets over the indicator's allowed values (bit *i* set
  when ``values[i]`` is in the list), and a known mask;
* map: only the known mask (a map is read through its ``map.key`` names);
* finding: an ``int8`` array of severity ranks, 0 when absent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from asn_advisor.condition.ast import BinaryOp, BoolOp, Call, Compare, ListLiteral, Literal, Name, Negate, Node, Not
from asn_advisor.condition.functions import ALIASES, SEVERITY_RANK

__all__ = ["Columns", "VectorEvaluator", "compile_vector", "known_true"]

Array = npt.NDArray[Any]
# (values, known): each an array of the block's length, or a scalar that broadcasts.
Pair = tuple[Any, Any]
VectorEvaluator = Callable[["Columns"], Pair]


@dataclass
class Columns:
    """The data of a block of ``size`` profiles, one array per name."""

    size: int
    values: dict[str, Array] = field(default_factory=dict)
    known: dict[str, Array] = field(default_factory=dict)
    findings: dict[str, Array] = field(default_factory=dict)
    list_values: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def finding(self, finding: str) -> Array:
        ranks = self.findings.get(finding)
        if ranks is None:
            ranks = self.findings[finding] = np.zeros(self.size, dtype=np.int8)
        return ranks

    @classmethod
    def from_facts(
        cls,
        facts: Sequence[Mapping[str, Any]],
        kinds: Mapping[str, Any],
        findings: Sequence[Mapping[str, int]] = (),
    ) -> Columns:
        """Build columns from per-profile ``facts`` (as the scalar evaluators read them).

        ``kinds`` maps each name to its :class:`~asn_advisor.condition.NameInfo`
        (the pack's vocabulary); names absent from every profile are all unknown.
        """
        size = len(facts)
        columns = cls(size)
        numbers = [name for name, info in kinds.items() if info.kind == "number"]
        matrix = _number_matrix(facts, numbers) if numbers and size else None
        if matrix is not None:
            # NaN marks a missing value: profiles refuse NaN, so no fact is NaN.
            missing = np.isnan(matrix)
            incomplete = np.asarray(missing.any(axis=0), dtype=bool)
            for position, name in enumerate(numbers):
                column = matrix[:, position]
                if incomplete[position]:
                    gaps = missing[:, position]
                    columns.known[name] = ~gaps
                    columns.values[name] = np.where(gaps, 0.0, column)
                else:
                    columns.known[name] = np.ones(size, dtype=bool)
                    columns.values[name] = np.ascontiguousarray(column)
        for name, info in kinds.items():
            if matrix is not None and info.kind == "number":
                continue
            raw = [f.get(name) for f in facts]
            complete = None not in raw  # a C-level scan; most columns of real data are complete
            known = (
                np.ones(size, dtype=bool)
                if complete
                else np.fromiter((v is not None for v in raw), dtype=bool, count=size)
            )
            columns.known[name] = known
            if info.kind == "number":
                columns.values[name] = np.array(
                    raw if complete else [0.0 if v is None else v for v in raw], dtype=np.float64
                )
            elif info.kind == "bool":
                columns.values[name] = np.array([v is True for v in raw], dtype=bool)
            elif info.kind == "list":
                bits = {value: 1 << index for index, value in enumerate(info.values)}
                columns.list_values[name] = tuple(info.values)
                columns.values[name] = np.array(
                    [sum(bits.get(item, 0) for item in v) if v else 0 for v in raw], dtype=np.int64
                )
        for index, ranks in enumerate(findings):
            for finding, rank in ranks.items():
                columns.finding(finding)[index] = rank
        return columns


def _number_matrix(facts: Sequence[Mapping[str, Any]], names: Sequence[str]) -> Array | None:
    """The numeric facts of a block as one (profiles x names) array, missing values NaN.

    One pass over the profiles (a C-level ``map`` per profile) instead of one
    per name: building columns was most of the cost of evaluating a few rules
    over many profiles.  ``None`` when a value is not a number NumPy takes:
    the caller then builds those columns one by one.
    """
    flat: list[Any] = []
    extend = flat.extend
    for fact in facts:
        extend(map(fact.get, names))
    try:
        matrix = np.array(flat, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return None
    return matrix.reshape(len(facts), len(names))


def known_true(pair: Pair, size: int) -> Array:
    """Where the result is known and true, as a boolean array of ``size``."""
    value, known = pair
    return np.broadcast_to(np.logical_and(value, known), (size,))


_COMPARE = {
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    "==": np.equal,
    "!=": np.not_equal,
}


def compile_vector(node: Node) -> VectorEvaluator:
    """Compile a checked tree into ``f(columns) -> (values, known)``."""
    if isinstance(node, Literal):
        constant = node.value
        return lambda c: (constant, True)
    if isinstance(node, ListLiteral):
        items = tuple(item.value for item in node.items)
        return lambda c: (items, True)
    if isinstance(node, Name):
        key = node.name

        def name(c: Columns) -> Pair:
            known = c.known.get(key)
            if known is None:  # a name no profile of the block gives
                return (0.0, False)
            return (c.values.get(key, 0.0), known)

        return name
    if isinstance(node, Negate):
        inner = compile_vector(node.operand)

        def negate(c: Columns) -> Pair:
            value, known = inner(c)
            return (np.negative(value), known)

        return negate
    if isinstance(node, Not):
        inner = compile_vector(node.operand)

        def not_(c: Columns) -> Pair:
            value, known = inner(c)
            return (np.logical_not(value), known)

        return not_
    if isinstance(node, BoolOp):
        return _boolop(node)
    if isinstance(node, BinaryOp):
        return _binary(node)
    if isinstance(node, Compare):
        return _compare(node)
    if isinstance(node, Call):
        return _call(node)
    raise TypeError(f"unknown node {node!r}")  # pragma: no cover


def _boolop(node: BoolOp) -> VectorEvaluator:
    parts = tuple(compile_vector(op) for op in node.operands)
    is_and = node.op == "and"

    def boolop(c: Columns) -> Pair:
        # Kleene logic: 'and' is false as soon as one operand is known false,
        # true when all are known true, unknown otherwise ('or' dually).
        decided: Any = False  # some operand decides alone (known false for and, known true for or)
        unanimous: Any = True  # every operand known and the neutral value
        for part in parts:
            value, known = part(c)
            value = np.asarray(value, dtype=bool) if not isinstance(value, bool) else value
            if is_and:
                decided = np.logical_or(decided, np.logical_and(known, np.logical_not(value)))
                unanimous = np.logical_and(unanimous, np.logical_and(known, value))
            else:
                decided = np.logical_or(decided, np.logical_and(known, value))
                unanimous = np.logical_and(unanimous, np.logical_and(known, np.logical_not(value)))
        known_all = np.logical_or(decided, unanimous)
        return (unanimous if is_and else decided, known_all)

    return boolop


def _binary(node: BinaryOp) -> VectorEvaluator:
    left, right, op = compile_vector(node.left), compile_vector(node.right), node.op

    def binary(c: Columns) -> Pair:
        a, ka = left(c)
        b, kb = right(c)
        known = np.logical_and(ka, kb)
        if op == "+":
            return (np.add(a, b), known)
        if op == "-":
            return (np.subtract(a, b), known)
        if op == "*":
            return (np.multiply(a, b), known)
        # Division by zero is unknown, as in the scalar evaluators.
        zero = np.equal(b, 0)
        return (np.divide(a, np.where(zero, 1.0, b)), np.logical_and(known, np.logical_not(zero)))

    return binary


def _compare(node: Compare) -> VectorEvaluator:
    left, right = compile_vector(node.left), compile_vector(node.right)
    if node.op in ("in", "not in"):
        negate = node.op == "not in"
        list_name = node.right.name if isinstance(node.right, Name) else None

        def contains(c: Columns) -> Pair:
            a, ka = left(c)
            b, kb = right(c)
            if list_name is not None:
                # A list indicator: a bit-set test for a text; a number is never in a list of texts.
                values = c.list_values.get(list_name, ())
                if isinstance(a, str) and a in values:
                    found: Any = np.not_equal(np.bitwise_and(b, 1 << values.index(a)), 0)
                else:
                    found = False
            elif isinstance(a, str):
                found = a in b
            else:
                found = (
                    np.isin(a, np.asarray(b, dtype=object if any(isinstance(x, str) for x in b) else np.float64))
                    if len(b)
                    else False
                )
            if negate:
                found = np.logical_not(found)
            return (found, np.logical_and(ka, kb))

        return contains
    function = _COMPARE[node.op]

    def compare(c: Columns) -> Pair:
        a, ka = left(c)
        b, kb = right(c)
        if isinstance(a, str) or isinstance(b, str):  # text literals only: a constant
            return (
                function(a, b) if isinstance(a, str) and isinstance(b, str) else node.op == "!=",
                np.logical_and(ka, kb),
            )
        return (function(a, b), np.logical_and(ka, kb))

    return compare


def _call(node: Call) -> VectorEvaluator:
    name = ALIASES.get(node.function, node.function)
    if name == "has":
        target = node.args[0]
        assert isinstance(target, Name)
        finding = target.name
        wanted = 1
        if len(node.args) == 2:
            level = node.args[1]
            assert isinstance(level, Literal)
            wanted = SEVERITY_RANK[str(level.value)]
        return lambda c: (np.greater_equal(c.finding(finding), wanted), True)
    if name in ("known", "missing"):
        target = node.args[0]
        assert isinstance(target, Name)
        key = target.name
        is_known = name == "known"

        def presence(c: Columns) -> Pair:
            known = c.known.get(key)
            if known is None:
                return (not is_known, True)
            return (known if is_known else np.logical_not(known), True)

        return presence
    args = tuple(compile_vector(a) for a in node.args)
    if name in ("count", "len"):
        source = node.args[0]
        list_name = source.name if isinstance(source, Name) else None
        wanted_items = (
            tuple(i.value for i in node.args[1].items)
            if name == "count" and isinstance(node.args[1], ListLiteral)
            else None
        )

        def count(c: Columns) -> Pair:
            bits, known = args[0](c)
            if list_name is None:  # a literal list: a constant
                items = bits
                total = len(items) if wanted_items is None else sum(1 for x in items if x in set(wanted_items))
                return (float(total), known)
            if wanted_items is not None:
                values = c.list_values.get(list_name, ())
                mask = sum(1 << values.index(x) for x in set(wanted_items) if x in values)
                bits = np.bitwise_and(bits, mask)
            return (np.bitwise_count(np.asarray(bits, dtype=np.int64)).astype(np.float64), known)

        return count

    def reduce(c: Columns) -> Pair:
        pairs = [a(c) for a in args]
        known: Any = True
        for _, k in pairs:
            known = np.logical_and(known, k)
        values = [v for v, _ in pairs]
        if name == "abs":
            return (np.abs(values[0]), known)
        reducer = np.minimum if name == "min" else np.maximum
        result = values[0]
        for value in values[1:]:
            result = reducer(result, value)
        return (result, known)

    return reduce
