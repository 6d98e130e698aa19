"""Lexer and Pratt parser for the condition language.

The grammar, lowest precedence first::

    expr     := or
    or       := and (("or" | "atau") and)*
    and      := not (("and" | "dan") not)*
    not      := ("not" | "tidak") not | compare
    compare  := sum [("<" | "<=" | ">" | ">=" | "==" | "!=" | "in" | "not in") sum]
    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary)*
    unary    := "-" unary | primary
    primary  := NUMBER | STRING | "true" | "false" | NAME | NAME "(" args ")"
              | "[" literals "]" | "(" expr ")"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from asn_advisor._base import describe_odd_characters
from asn_advisor.condition.ast import BinaryOp, BoolOp, Call, Compare, ListLiteral, Literal, Name, Negate, Node, Not
from asn_advisor.errors import ConditionError
from asn_advisor.i18n import Message

__all__ = ["MAX_LENGTH", "parse"]

MAX_LENGTH = 2000
MAX_NESTING = 32

_KEYWORDS = {
    "and": "and",
    "dan": "and",
    "or": "or",
    "atau": "or",
    "not": "not",
    "tidak": "not",
    "in": "in",
    "true": "true",
    "benar": "true",
    "false": "false",
    "salah": "false",
}

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\r\n]+)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<string>"[^"\\\n]*"|'[^'\\\n]*')
  | (?P<op><=|>=|==|!=|<|>|\+|-|\*|/)
  | (?P<punct>[()\[\],])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Token:
    kind: str  # number, name, string, op, punct, keyword, end
    text: str
    start: int
    end: int


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    length = len(text)
    while pos < length:
        match = _TOKEN.match(text, pos)
        if match is None:
            char = text[pos]
            hint = None
            if char == "%":
                hint = Message("write percentages as plain numbers: participation_rate < 60")
            elif char == "=":
                hint = Message("use == to compare for equality")
            elif char in "&|":
                hint = Message("write 'and' / 'or' (or 'dan' / 'atau')")
            elif char == "!":
                hint = Message("write 'not' (or 'tidak'), or != for 'not equal'")
            elif char in "\"'":
                hint = Message("close the text with the same quote on the same line")
            elif not char.isascii():
                odd = describe_odd_characters(char)
                hint = (
                    Message("names use plain letters a-z, digits and _; found {chars}", chars=odd)
                    if odd
                    else Message("names use plain letters a-z, digits and _")
                )
            raise ConditionError(Message("unexpected character {char}", char=repr(char)), offset=pos, hint=hint)
        kind = match.lastgroup or ""
        value = match.group()
        if kind != "space":
            if kind == "name" and value.lower() in _KEYWORDS and "." not in value:
                tokens.append(_Token("keyword", _KEYWORDS[value.lower()], match.start(), match.end()))
            else:
                tokens.append(_Token(kind, value, match.start(), match.end()))
        pos = match.end()
    tokens.append(_Token("end", "", length, length))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def accept(self, kind: str, text: str | None = None) -> _Token | None:
        token = self.token
        if token.kind == kind and (text is None or token.text == text):
            return self.advance()
        return None

    def expect(self, kind: str, text: str, what: str) -> _Token:
        token = self.accept(kind, text)
        if token is None:
            raise self.error(Message("expected {what}", what=what))
        return token

    def error(self, message: str, token: _Token | None = None) -> ConditionError:
        token = token or self.token
        found = Message("end of condition") if token.kind == "end" else repr(token.text)
        hint = None
        if token.kind == "punct" and token.text == ",":
            prev = self.tokens[self.index - 1] if self.index else None
            if prev is not None and prev.kind == "number" and prev.end == token.start:
                hint = Message("use a dot for decimals: 0.34, not 0,34")
        elif token.kind == "op" and self.index and self.tokens[self.index - 1].kind == "op":
            hint = Message("two operators in a row")
        return ConditionError(
            Message("{message}, found {found}", message=message, found=found), offset=token.start, hint=hint
        )

    def parse(self) -> Node:
        if not self.text.strip():
            raise ConditionError(
                Message("the condition is empty"),
                offset=0,
                hint=Message("write a condition such as: participation_rate < 60"),
            )
        node = self.parse_or()
        if self.token.kind != "end":
            token = self.token
            hint = None
            prev = self.tokens[self.index - 1] if self.index else None
            if (
                token.kind == "punct"
                and token.text == ","
                and prev is not None
                and prev.kind == "number"
                and prev.end == token.start
            ):
                hint = Message("use a dot for decimals: 0.34, not 0,34")
            elif token.kind in ("name", "number", "string"):
                hint = Message("join conditions with 'and' or 'or'")
            elif token.kind == "op" and token.text in ("<", "<=", ">", ">=", "==", "!="):
                hint = Message("a comparison cannot be chained; write: 10 < x and x < 20")
            raise ConditionError(Message("unexpected {token}", token=repr(token.text)), offset=token.start, hint=hint)
        return node

    def nested(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionError(
                Message("the condition is nested deeper than {limit} levels", limit=MAX_NESTING),
                offset=self.token.start,
            )

    def parse_or(self) -> Node:
        first = self.parse_and()
        operands = [first]
        while self.accept("keyword", "or"):
            operands.append(self.parse_and())
        if len(operands) == 1:
            return first
        return BoolOp(first.start, operands[-1].end, "or", tuple(operands))

    def parse_and(self) -> Node:
        first = self.parse_not()
        operands = [first]
        while self.accept("keyword", "and"):
            operands.append(self.parse_not())
        if len(operands) == 1:
            return first
        return BoolOp(first.start, operands[-1].end, "and", tuple(operands))

    def parse_not(self) -> Node:
        token = self.accept("keyword", "not")
        if token is not None:
            self.nested()
            operand = self.parse_not()
            self.depth -= 1
            return Not(token.start, operand.end, operand)
        return self.parse_compare()

    def parse_compare(self) -> Node:
        left = self.parse_sum()
        token = self.token
        op: str | None = None
        if token.kind == "op" and token.text in ("<", "<=", ">", ">=", "==", "!="):
            op = self.advance().text
        elif token.kind == "keyword" and token.text == "in":
            self.advance()
            op = "in"
        elif token.kind == "keyword" and token.text == "not" and self.tokens[self.index + 1].text == "in":
            self.advance()
            self.advance()
            op = "not in"
        if op is None:
            return left
        right = self.parse_sum()
        return Compare(left.start, right.end, op, left, right)

    def parse_sum(self) -> Node:
        node = self.parse_product()
        while self.token.kind == "op" and self.token.text in ("+", "-"):
            op = self.advance().text
            right = self.parse_product()
            node = BinaryOp(node.start, right.end, op, node, right)
        return node

    def parse_product(self) -> Node:
        node = self.parse_unary()
        while self.token.kind == "op" and self.token.text in ("*", "/"):
            op = self.advance().text
            right = self.parse_unary()
            node = BinaryOp(node.start, right.end, op, node, right)
        return node

    def parse_unary(self) -> Node:
        token = self.accept("op", "-")
        if token is not None:
            self.nested()
            operand = self.parse_unary()
            self.depth -= 1
            if (
                isinstance(operand, Literal)
                and isinstance(operand.value, (int, float))
                and not isinstance(operand.value, bool)
            ):
                return Literal(token.start, operand.end, -operand.value)
            return Negate(token.start, operand.end, operand)
        return self.parse_primary()

    def parse_primary(self) -> Node:
        token = self.token
        if token.kind == "number":
            self.advance()
            number = float(token.text)
            if number != number or number in (float("inf"), float("-inf")):
                raise ConditionError(Message("number is out of range"), offset=token.start)
            value: float | int = int(token.text) if token.text.isdigit() else number
            return Literal(token.start, token.end, value)
        if token.kind == "string":
            self.advance()
            return Literal(token.start, token.end, token.text[1:-1])
        if token.kind == "keyword" and token.text in ("true", "false"):
            self.advance()
            return Literal(token.start, token.end, token.text == "true")
        if token.kind == "name":
            self.advance()
            if self.accept("punct", "("):
                return self.parse_call(token)
            return Name(token.start, token.end, token.text)
        if token.kind == "punct" and token.text == "[":
            return self.parse_list()
        if token.kind == "punct" and token.text == "(":
            self.advance()
            self.nested()
            node = self.parse_or()
            self.depth -= 1
            closing = self.token
            if not self.accept("punct", ")"):
                raise self.error(Message("expected ')'"))
            return _with_span(node, token.start, closing.end)
        raise self.error(Message("expected a value, a name or '('"))

    def parse_call(self, name: _Token) -> Node:
        args: list[Node] = []
        self.nested()
        if not self.accept("punct", ")"):
            while True:
                args.append(self.parse_or())
                if self.accept("punct", ")"):
                    break
                if not self.accept("punct", ","):
                    raise self.error(Message("expected ',' or ')'"))
        self.depth -= 1
        end = self.tokens[self.index - 1].end
        return Call(name.start, end, name.text, tuple(args))

    def parse_list(self) -> Node:
        start = self.advance().start
        items: list[Literal] = []
        if not self.accept("punct", "]"):
            while True:
                item = self.parse_unary()
                if not isinstance(item, Literal):
                    raise ConditionError(Message("a list holds only numbers, texts, true or false"), offset=item.start)
                items.append(item)
                if self.accept("punct", "]"):
                    break
                if not self.accept("punct", ","):
                    raise self.error(Message("expected ',' or ']'"))
        end = self.tokens[self.index - 1].end
        return ListLiteral(start, end, tuple(items))


def _with_span(node: Node, start: int, end: int) -> Node:
    # Parentheses widen the node's span so errors point at the whole group.
    fields = {k: getattr(node, k) for k in node.__dataclass_fields__}
    fields["start"], fields["end"] = start, end
    return type(node)(**fields)


def parse(text: str) -> Node:
    """Parse a condition into its syntax tree.

    Raises:
        ConditionError: with ``offset`` at the problem inside ``text``.
    """
    if not isinstance(text, str):
        raise ConditionError(Message("a condition must be text"), offset=0, hint=Message("put the condition in quotes"))
    if len(text) > MAX_LENGTH:
        raise ConditionError(
            Message("the condition is longer than {limit} characters", limit=MAX_LENGTH),
            offset=MAX_LENGTH,
            hint=Message("split it into several rules"),
        )
    return _Parser(text).parse()
