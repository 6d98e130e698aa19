"""Syntax tree of the condition language.

Every node records ``start``/``end``: 0-based character offsets into the
condition text, used for error columns.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BinaryOp",
    "BoolOp",
    "Call",
    "Compare",
    "ListLiteral",
    "Literal",
    "Name",
    "Node",
    "Not",
    "Negate",
]


@dataclass(frozen=True)
class Node:
    start: int
    end: int


@dataclass(frozen=True)
class Literal(Node):
    value: float | int | str | bool


@dataclass(frozen=True)
class ListLiteral(Node):
    items: tuple[Literal, ...]


@dataclass(frozen=True)
class Name(Node):
    name: str  # "participation_rate" or "absence_reasons.work_conflict"


@dataclass(frozen=True)
class Call(Node):
    function: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Negate(Node):
    operand: Node


@dataclass(frozen=True)
class Not(Node):
    operand: Node


@dataclass(frozen=True)
class BinaryOp(Node):
    op: str  # + - * /
    left: Node
    right: Node


@dataclass(frozen=True)
class Compare(Node):
    op: str  # < <= > >= == != in "not in"
    left: Node
    right: Node


@dataclass(frozen=True)
class BoolOp(Node):
    op: str  # "and" | "or"
    operands: tuple[Node, ...]
