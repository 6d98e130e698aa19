"""Type checking of a parsed condition against the pack's vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field

from asn_advisor._base import suggest
from asn_advisor.condition.ast import BinaryOp, BoolOp, Call, Compare, ListLiteral, Literal, Name, Negate, Node, Not
from asn_advisor.condition.functions import ALIASES, FUNCTIONS, SEVERITY_RANK, FunctionSpec
from asn_advisor.errors import ConditionError
from asn_advisor.i18n import Message

__all__ = ["NameInfo", "Vocabulary", "check"]

NUMBER, BOOL, TEXT, LIST, MAP = "number", "bool", "text", "list", "map"


@dataclass(frozen=True)
class NameInfo:
    """What a name in a condition stands for."""

    kind: str  # number | bool | text | list | map
    values: tuple[str, ...] = ()  # allowed items of a list indicator
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Vocabulary:
    """Names and finding ids a condition may use."""

    names: dict[str, NameInfo] = field(default_factory=dict)
    findings: frozenset[str] = frozenset()


@dataclass
class Usage:
    """Names a condition reads, filled in by :func:`check`."""

    names: set[str] = field(default_factory=set)
    findings: set[str] = field(default_factory=set)


def _kind_name(kind: str) -> str:
    return {
        NUMBER: Message("a number"),
        BOOL: Message("true/false"),
        TEXT: Message("a text"),
        LIST: Message("a list"),
        MAP: Message("a group of values"),
    }[kind]


def check(node: Node, vocabulary: Vocabulary) -> tuple[str, Usage]:
    """Check a condition; return its result kind and the names it reads."""
    usage = Usage()
    kind = _check(node, vocabulary, usage)
    return kind, usage


def _check(node: Node, vocab: Vocabulary, usage: Usage) -> str:
    if isinstance(node, Literal):
        if isinstance(node.value, bool):
            return BOOL
        if isinstance(node.value, str):
            return TEXT
        return NUMBER
    if isinstance(node, ListLiteral):
        kinds = {_check(item, vocab, usage) for item in node.items}
        if len(kinds) > 1:
            raise ConditionError(Message("a list must hold values of one kind"), offset=node.start)
        return LIST
    if isinstance(node, Name):
        info = vocab.names.get(node.name)
        if info is None:
            hint_name = suggest(node.name, [*vocab.names, *vocab.findings])
            if node.name in vocab.findings:
                raise ConditionError(
                    Message("{name} is a finding, not an indicator", name=repr(node.name)),
                    offset=node.start,
                    hint=Message("write has({name})", name=node.name),
                )
            if "." in node.name and node.name.split(".", 1)[0] in vocab.names:
                base = node.name.split(".", 1)[0]
                keys = [n.split(".", 1)[1] for n in vocab.names if n.startswith(base + ".")]
                key_hint = suggest(node.name.split(".", 1)[1], keys)
                raise ConditionError(
                    Message("unknown key {key} of {name}", key=repr(node.name.split(".", 1)[1]), name=repr(base)),
                    offset=node.start,
                    hint=Message("did you mean {name}.{key}?", name=base, key=key_hint)
                    if key_hint
                    else Message("known keys: {keys}", keys=", ".join(sorted(keys))),
                )
            raise ConditionError(
                Message("unknown name {name}", name=repr(node.name)),
                offset=node.start,
                hint=Message("did you mean {suggestion}?", suggestion=repr(hint_name))
                if hint_name
                else Message("names are indicator ids of the pack"),
            )
        usage.names.add(node.name)
        return info.kind
    if isinstance(node, Negate):
        _require(node.operand, NUMBER, _check(node.operand, vocab, usage), "'-'")
        return NUMBER
    if isinstance(node, Not):
        _require(node.operand, BOOL, _check(node.operand, vocab, usage), "'not'")
        return BOOL
    if isinstance(node, BoolOp):
        for operand in node.operands:
            _require(operand, BOOL, _check(operand, vocab, usage), f"'{node.op}'")
        return BOOL
    if isinstance(node, BinaryOp):
        _require(node.left, NUMBER, _check(node.left, vocab, usage), f"'{node.op}'")
        _require(node.right, NUMBER, _check(node.right, vocab, usage), f"'{node.op}'")
        return NUMBER
    if isinstance(node, Compare):
        return _check_compare(node, vocab, usage)
    if isinstance(node, Call):
        return _check_call(node, vocab, usage)
    raise ConditionError(Message("unsupported expression"), offset=node.start)  # pragma: no cover


def _require(node: Node, wanted: str, got: str, where: str) -> None:
    if got != wanted:
        hint = None
        if wanted == BOOL and got == NUMBER:
            hint = Message("compare the number, e.g. participation_rate < 60")
        elif wanted == NUMBER and got == TEXT:
            hint = Message("remove the quotes around a number")
        raise ConditionError(
            Message(
                "{where} needs {wanted}, but this is {got}", where=where, wanted=_kind_name(wanted), got=_kind_name(got)
            ),
            offset=node.start,
            hint=hint,
        )


def _check_compare(node: Compare, vocab: Vocabulary, usage: Usage) -> str:
    left = _check(node.left, vocab, usage)
    right = _check(node.right, vocab, usage)
    if node.op in ("in", "not in"):
        if right != LIST:
            raise ConditionError(
                Message("'{op}' needs a list on its right", op=node.op),
                offset=node.right.start,
                hint=Message('e.g. "donor" in funding_sources'),
            )
        if left not in (TEXT, NUMBER):
            raise ConditionError(
                Message("'{op}' needs a text or a number on its left", op=node.op), offset=node.left.start
            )
        if isinstance(node.left, Literal) and isinstance(node.left.value, str) and isinstance(node.right, Name):
            _check_list_value(node.left, node.right, vocab)
        return BOOL
    if left in (LIST, MAP) or right in (LIST, MAP):
        bad = node.left if left in (LIST, MAP) else node.right
        raise ConditionError(
            Message("'{op}' cannot compare {kind}", op=node.op, kind=_kind_name(left if bad is node.left else right)),
            offset=bad.start,
            hint=Message("use 'in', count() or len()"),
        )
    if node.op in ("<", "<=", ">", ">="):
        if left != NUMBER or right != NUMBER:
            bad_node, bad_kind = (node.left, left) if left != NUMBER else (node.right, right)
            raise ConditionError(
                Message("'{op}' compares numbers, but this is {kind}", op=node.op, kind=_kind_name(bad_kind)),
                offset=bad_node.start,
                hint=Message("remove the quotes around a number") if bad_kind == TEXT else None,
            )
        return BOOL
    if left != right:
        raise ConditionError(
            Message("'{op}' compares {left} with {right}", op=node.op, left=_kind_name(left), right=_kind_name(right)),
            offset=node.right.start,
            hint=Message("both sides must be of the same kind"),
        )
    return BOOL


def _check_list_value(literal: Literal, name: Name, vocab: Vocabulary) -> None:
    info = vocab.names.get(name.name)
    if info and info.values and literal.value not in info.values:
        close = suggest(str(literal.value), info.values)
        raise ConditionError(
            Message("{value} is not a value of {name}", value=repr(literal.value), name=name.name),
            offset=literal.start,
            hint=Message("did you mean {suggestion}?", suggestion=repr(close))
            if close
            else Message("values: {values}", values=", ".join(info.values)),
        )


def _check_call(node: Call, vocab: Vocabulary, usage: Usage) -> str:
    name = ALIASES.get(node.function, node.function)
    spec = FUNCTIONS.get(name)
    if spec is None:
        close = suggest(node.function, [*FUNCTIONS, *ALIASES])
        raise ConditionError(
            Message("unknown function {name}", name=repr(node.function)),
            offset=node.start,
            hint=Message("did you mean {suggestion}?", suggestion=repr(close))
            if close
            else Message("functions: {names}", names=", ".join(sorted(FUNCTIONS))),
        )
    _check_arity(node, spec)
    if name == "has":
        return _check_has(node, vocab, usage)
    if name in ("known", "missing"):
        target = node.args[0]
        if not isinstance(target, Name):
            raise ConditionError(
                Message("{function}() takes an indicator name", function=node.function), offset=target.start
            )
        _check(target, vocab, usage)
        return BOOL
    if name in ("count", "len"):
        target = node.args[0]
        kind = _check(target, vocab, usage)
        if kind != LIST:
            raise ConditionError(
                Message("{function}() takes a list", function=node.function),
                offset=target.start,
                hint=Message('e.g. count(funding_sources, ["donor"])'),
            )
        if name == "count":
            values = node.args[1]
            if not isinstance(values, ListLiteral):
                raise ConditionError(
                    Message("count() takes a list of values as its second argument"),
                    offset=values.start,
                    hint=Message('e.g. ["university", "donor"]'),
                )
            if isinstance(target, Name):
                for item in values.items:
                    _check_list_value(item, target, vocab)
        return NUMBER
    for arg in node.args:
        _require(arg, NUMBER, _check(arg, vocab, usage), f"{node.function}()")
    return NUMBER


def _check_arity(node: Call, spec: FunctionSpec) -> None:
    """The call has as many arguments as the function takes."""
    count = len(node.args)
    if count < spec.min_args or (spec.max_args >= 0 and count > spec.max_args):
        expected = (
            str(spec.min_args)
            if spec.min_args == spec.max_args
            else Message("{min} or more", min=spec.min_args)
            if spec.max_args < 0
            else Message("{min} to {max}", min=spec.min_args, max=spec.max_args)
        )
        raise ConditionError(
            Message(
                "{function}() takes {expected} argument(s), got {count}",
                function=node.function,
                expected=expected,
                count=count,
            ),
            offset=node.start,
            hint=spec.summary,
        )


def _check_has(node: Call, vocab: Vocabulary, usage: Usage) -> str:
    """``has(finding_id)`` or ``has(finding_id, "severity")``."""
    target = node.args[0]
    if isinstance(target, Literal) and isinstance(target.value, str):
        raise ConditionError(
            Message("write the finding id without quotes"),
            offset=target.start,
            hint=Message("has({id})", id=target.value),
        )
    if not isinstance(target, Name):
        raise ConditionError(
            Message("has() takes a finding id"), offset=target.start, hint=Message("e.g. has(time_conflict)")
        )
    if target.name not in vocab.findings:
        close = suggest(target.name, vocab.findings)
        raise ConditionError(
            Message("unknown finding {id}", id=repr(target.name)),
            offset=target.start,
            hint=Message("did you mean {suggestion}?", suggestion=repr(close))
            if close
            else Message("finding ids are defined under findings:"),
        )
    usage.findings.add(target.name)
    if len(node.args) == 2:
        level = node.args[1]
        if not (isinstance(level, Literal) and level.value in SEVERITY_RANK):
            raise ConditionError(Message('the severity must be "low", "medium" or "high"'), offset=level.start)
    return BOOL
