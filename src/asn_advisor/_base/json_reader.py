"""The JSON reader: the same limits and duplicate-key problems as YAML, for JSON input."""

from __future__ import annotations

import json
import re
from typing import Any

from asn_advisor._base.document import Document
from asn_advisor._base.limits import Limits, limit_hint
from asn_advisor.errors import InputError, Location, Problem
from asn_advisor.i18n import Message

__all__ = ["load_json"]


def load_json(text: str, file: str, limits: Limits) -> Document:
    doc = Document(data=None, file=file)
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                duplicates.append(key)
                continue
            result[key] = value
        return result

    values, depth = _json_shape(text, limits)
    if values > limits.max_nodes:
        raise InputError(
            Message("document has more than {count} values", count=limits.max_nodes),
            location=Location(file, 1, 1),
            hint=limit_hint("nodes"),
            code="Y020",
        )
    if depth > limits.max_depth:
        raise InputError(
            Message("document is nested deeper than {limit} levels", limit=limits.max_depth),
            location=Location(file, 1, 1),
            hint=limit_hint("depth"),
            code="Y021",
        )
    try:
        doc.data = json.loads(text, object_pairs_hook=pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            Message("the JSON is not well-formed here"),
            location=Location(file, exc.lineno, exc.colno),
            hint=Message("check the quotes, commas and brackets at this point"),
            code="Y040",
        ) from None
    except ValueError as exc:
        message = exc.args[0] if exc.args and isinstance(exc.args[0], Message) else str(exc)
        if "integer string conversion" in message:
            # Python refuses to parse integers of more than 4300 digits; its
            # message names an interpreter setting the user cannot change.
            message = Message("a number has more than 4300 digits")
        raise InputError(
            message,
            location=Location(file, 1, 1),
            hint=Message("write a finite number of ordinary size, or leave the value out"),
            code="Y041",
        ) from None
    except RecursionError:
        raise InputError(Message("document is nested too deeply"), location=Location(file, 1, 1), code="Y021") from None
    for key in duplicates:
        doc.problems.append(
            Problem(
                Location(file, 1, 1),
                Message("key {key} is defined twice in one object", key=repr(key)),
                code="E101",
                hint=Message("remove one of them"),
            )
        )
    return doc


def _reject_constant(name: str) -> Any:
    raise ValueError(
        Message("{name} is not a number JSON allows; write a finite number or leave the value out", name=name)
    )


# The "unrolled loop" form: one regex step per run of plain characters, not
# per character, which matters for megabyte-long strings.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_JSON_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _json_shape(text: str, limits: Limits) -> tuple[int, int]:
    """A lower bound of the values and the bracket nesting, cut short past the limits.

    Strings are cut out first so brackets and commas inside them do not
    count; the remaining work runs in the regex engine and ``str.count``
    rather than a Python loop over every character of a 10 MB file.  Each
    ``[`` or ``{`` outside strings is one value, and each ``,`` separates two
    elements of a collection, so the document holds at least
    ``max(containers, commas + 1)`` values: never more than the true count.
    """
    bare = _JSON_STRING.sub("", text)
    lower_bound = max(bare.count("[") + bare.count("{"), bare.count(",") + 1)
    if lower_bound > limits.max_nodes:
        return lower_bound, 0
    depth = best = 0
    for char in _JSON_NOT_BRACKET.sub("", bare):
        if char in "[{":
            depth += 1
            if depth > best:
                best = depth
                if best > limits.max_depth:
                    break
        else:
            depth -= 1
    return lower_bound, best
