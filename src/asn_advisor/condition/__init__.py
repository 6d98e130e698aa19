"""The condition language of rule packs.

A condition is parsed into a syntax tree (:mod:`.ast`), checked against the
pack's vocabulary, and compiled into closures; no condition text ever reaches
``eval``, ``exec`` or ``compile``.  See docs/rule-pack-format.md for the
language and its three-valued treatment of missing data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from asn_advisor.condition import ast
from asn_advisor.condition._check import NameInfo, Vocabulary, check
from asn_advisor.condition._evaluate import Evaluator, compile_tree, interpret
from asn_advisor.condition._parser import parse
from asn_advisor.condition.ast import BinaryOp, BoolOp, Call, Compare, Literal, Name, Negate, Node, Not
from asn_advisor.condition.functions import FUNCTIONS, SEVERITY_RANK
from asn_advisor.condition.ranges import Interval, Ranges, implies, numeric_range, restrict, true_ranges
from asn_advisor.errors import ConditionError
from asn_advisor.i18n import Message

__all__ = [
    "FUNCTIONS",
    "SEVERITY_RANK",
    "BinaryOp",
    "BoolOp",
    "Call",
    "Compare",
    "Condition",
    "ConditionError",
    "Interval",
    "Literal",
    "Name",
    "NameInfo",
    "Negate",
    "Node",
    "Not",
    "Ranges",
    "Vocabulary",
    "ast",
    "implies",
    "numeric_range",
    "parse",
    "restrict",
    "true_ranges",
]


@dataclass(frozen=True)
class Condition:
    """A parsed, checked and compiled condition."""

    text: str
    tree: ast.Node
    kind: str
    names: frozenset[str]
    findings: frozenset[str]
    evaluator: Evaluator

    @classmethod
    def compile(cls, text: str, vocabulary: Vocabulary, *, expect: str | None = "bool") -> Condition:
        """Parse, check and compile ``text``.

        Raises:
            ConditionError: with the offset of the problem inside ``text``.
        """
        tree = parse(text)
        kind, usage = check(tree, vocabulary)
        if expect is not None and kind != expect:
            wanted = Message("true or false") if expect == "bool" else Message("a number")
            hint = Message("compare it, e.g. participation_rate < 60") if expect == "bool" else None
            raise ConditionError(
                Message("the condition must give {wanted}, but it gives {kind}", wanted=wanted, kind=kind),
                offset=0,
                hint=hint,
            )
        return cls(text, tree, kind, frozenset(usage.names), frozenset(usage.findings), compile_tree(tree))

    @staticmethod
    def is_valid(text: str, vocabulary: Vocabulary) -> bool:
        try:
            Condition.compile(text, vocabulary)
        except ConditionError:
            return False
        return True

    def evaluate(self, values: Mapping[str, Any], findings: Mapping[str, int]) -> bool | None:
        """``True``, ``False``, or ``None`` when missing data leave it undecided."""
        outcome = self.evaluator(values, findings)
        return None if outcome is None else bool(outcome)

    def value(self, values: Mapping[str, Any], findings: Mapping[str, int]) -> float | None:
        """The number a numeric expression gives, or ``None`` when missing data leave it unknown."""
        outcome: float | None = self.evaluator(values, findings)
        return outcome

    def interpret(self, values: Mapping[str, Any], findings: Mapping[str, int]) -> Any:
        """The same as :meth:`evaluate`, by walking the tree (reference semantics)."""
        return interpret(self.tree, values, findings)
