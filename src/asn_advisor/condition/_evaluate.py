"""Evaluation of checked conditions, in three-valued (Kleene) logic.

``None`` stands for *unknown*.  Two evaluators share these semantics:

* :func:`interpret` walks the tree; it is the reference, short and obvious;
* :func:`compile_tree` turns the tree once into nested Python closures, which
  is what the engine runs.  No text is ever handed to ``eval``/``exec``/
  ``compile``: closures only capture validated names and literal constants.

A property test checks that both agree on every generated condition.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any

from asn_advisor.condition.ast import BinaryOp, BoolOp, Call, Compare, ListLiteral, Literal, Name, Negate, Node, Not
from asn_advisor.condition.functions import ALIASES, SEVERITY_RANK

__all__ = ["Evaluator", "compile_tree", "interpret"]

Values = Mapping[str, Any]
Findings = Mapping[str, int]
Evaluator = Callable[[Values, Findings], Any]

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def _divide(left: float, right: float) -> float | None:
    return None if right == 0 else left / right


_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": _divide,
}


def _contains(item: Any, container: Any) -> bool:
    return item in container


# ---------------------------------------------------------------- interpreter


def interpret(node: Node, values: Values, findings: Findings) -> Any:
    """Evaluate ``node``: a value, ``True``/``False``, or ``None`` (unknown)."""
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, ListLiteral):
        return tuple(item.value for item in node.items)
    if isinstance(node, Name):
        return values.get(node.name)
    if isinstance(node, Negate):
        value = interpret(node.operand, values, findings)
        return None if value is None else -value
    if isinstance(node, Not):
        value = interpret(node.operand, values, findings)
        return None if value is None else not value
    if isinstance(node, BoolOp):
        results = [interpret(op, values, findings) for op in node.operands]
        if node.op == "and":
            if any(r is False for r in results):
                return False
            return None if any(r is None for r in results) else True
        if any(r is True for r in results):
            return True
        return None if any(r is None for r in results) else False
    if isinstance(node, BinaryOp):
        left = interpret(node.left, values, findings)
        right = interpret(node.right, values, findings)
        if left is None or right is None:
            return None
        return _ARITH[node.op](left, right)
    if isinstance(node, Compare):
        left = interpret(node.left, values, findings)
        right = interpret(node.right, values, findings)
        if left is None or right is None:
            return None
        if node.op == "in":
            return left in right
        if node.op == "not in":
            return left not in right
        return _COMPARE[node.op](left, right)
    if isinstance(node, Call):
        return _call(node, [interpret(a, values, findings) for a in node.args], values, findings)
    raise TypeError(f"unknown node {node!r}")  # pragma: no cover


def _call(node: Call, args: list[Any], values: Values, findings: Findings) -> Any:
    name = ALIASES.get(node.function, node.function)
    if name == "has":
        target = node.args[0]
        assert isinstance(target, Name)
        wanted = SEVERITY_RANK[str(args[1])] if len(args) == 2 else 1
        return findings.get(target.name, 0) >= wanted
    if name in ("known", "missing"):
        target = node.args[0]
        assert isinstance(target, Name)
        present = values.get(target.name) is not None
        return present if name == "known" else not present
    if any(a is None for a in args):
        return None
    if name == "count":
        wanted_items = set(args[1])
        return sum(1 for item in args[0] if item in wanted_items)
    if name == "len":
        return len(args[0])
    if name == "min":
        return min(args)
    if name == "max":
        return max(args)
    if name == "abs":
        return abs(args[0])
    raise TypeError(f"unknown function {name}")  # pragma: no cover


# ---------------------------------------------------------------- compiler


def compile_tree(node: Node) -> Evaluator:
    """Compile a checked tree into a closure ``f(values, findings)``."""
    if isinstance(node, Literal):
        constant = node.value
        return lambda v, f: constant
    if isinstance(node, ListLiteral):
        items = tuple(item.value for item in node.items)
        return lambda v, f: items
    if isinstance(node, Name):
        key = node.name
        return lambda v, f: v.get(key)
    if isinstance(node, Negate):
        inner = compile_tree(node.operand)

        def negate(v: Values, f: Findings) -> Any:
            x = inner(v, f)
            return None if x is None else -x

        return negate
    if isinstance(node, Not):
        inner = compile_tree(node.operand)

        def not_(v: Values, f: Findings) -> Any:
            x = inner(v, f)
            return None if x is None else not x

        return not_
    if isinstance(node, BoolOp):
        return _compile_boolop(node)
    if isinstance(node, BinaryOp):
        return _compile_binary(node)
    if isinstance(node, Compare):
        return _compile_compare(node)
    if isinstance(node, Call):
        return _compile_call(node)
    raise TypeError(f"unknown node {node!r}")  # pragma: no cover


def _compile_boolop(node: BoolOp) -> Evaluator:
    parts = tuple(compile_tree(op) for op in node.operands)
    if node.op == "and":

        def and_(v: Values, f: Findings) -> Any:
            unknown = False
            for part in parts:
                r = part(v, f)
                if r is False:
                    return False
                if r is None:
                    unknown = True
            return None if unknown else True

        return and_

    def or_(v: Values, f: Findings) -> Any:
        unknown = False
        for part in parts:
            r = part(v, f)
            if r is True:
                return True
            if r is None:
                unknown = True
        return None if unknown else False

    return or_


def _both_known(left: Evaluator, right: Evaluator, fn: Callable[[Any, Any], Any]) -> Evaluator:
    """``fn(left, right)``, unknown when either side is (the right one is not evaluated then)."""

    def apply(v: Values, f: Findings) -> Any:
        a = left(v, f)
        if a is None:
            return None
        b = right(v, f)
        if b is None:
            return None
        return fn(a, b)

    return apply


def _compile_binary(node: BinaryOp) -> Evaluator:
    return _both_known(compile_tree(node.left), compile_tree(node.right), _ARITH[node.op])


def _compile_compare(node: Compare) -> Evaluator:
    if node.op == "in":
        fn: Callable[[Any, Any], bool] = _contains
    elif node.op == "not in":
        fn = lambda a, b: a not in b  # noqa: E731
    else:
        fn = _COMPARE[node.op]
    # The common shape "indicator OP constant" gets a closure of its own: it
    # is most of what rule packs contain and this halves its cost.
    if isinstance(node.left, Name) and isinstance(node.right, (Literal, ListLiteral)):
        key = node.left.name
        constant = node.right.value if isinstance(node.right, Literal) else tuple(i.value for i in node.right.items)

        def compare_name_constant(v: Values, f: Findings) -> Any:
            a = v.get(key)
            return None if a is None else fn(a, constant)

        return compare_name_constant
    return _both_known(compile_tree(node.left), compile_tree(node.right), fn)


def _compile_call(node: Call) -> Evaluator:
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
        return lambda v, f: f.get(finding, 0) >= wanted
    if name in ("known", "missing"):
        target = node.args[0]
        assert isinstance(target, Name)
        key = target.name
        if name == "known":
            return lambda v, f: v.get(key) is not None
        return lambda v, f: v.get(key) is None
    args = tuple(compile_tree(a) for a in node.args)
    if name == "count":
        source = args[0]
        second = node.args[1]
        assert isinstance(second, ListLiteral)
        wanted_items = frozenset(i.value for i in second.items)

        def count(v: Values, f: Findings) -> Any:
            items = source(v, f)
            return None if items is None else sum(1 for item in items if item in wanted_items)

        return count
    reducers: dict[str, Callable[[list[Any]], Any]] = {
        "len": lambda xs: len(xs[0]),
        "min": min,
        "max": max,
        "abs": lambda xs: abs(xs[0]),
    }
    reducer = reducers[name]

    def call(v: Values, f: Findings) -> Any:
        results = [a(v, f) for a in args]
        if any(r is None for r in results):
            return None
        return reducer(results)

    return call
