"""YAML syntax errors in our own words: what the parser reports, told apart by its stable part, with a code and hint."""

from __future__ import annotations

import yaml

from asn_advisor._base.limits import Limits, limit_hint
from asn_advisor.errors import InputError, Location
from asn_advisor.i18n import Message

__all__ = ["clip", "syntax_error"]


def clip(text: str, length: int = 80) -> str:
    """Shorten a value quoted in a message; an input may hold megabyte-long scalars."""
    return text if len(text) <= length else text[: length - 3] + "..."


# What libyaml or PyYAML reports, told apart by the stable part of its
# problem or context, and said in our own words.  The parser's wording may
# change with any release: an unrecognized problem still gets our generic
# code and message, never the parser's sentence.
_SYNTAX_KINDS: tuple[tuple[str, str, Message, Message], ...] = (
    (
        "mapping values are not allowed",
        "Y032",
        Message("a value contains ': ' without quotes"),
        Message("put the value in quotes"),
    ),
    (
        "could not find expected ':'",
        "Y033",
        Message("a key has no ':' after it"),
        Message("each key needs a ':' after it"),
    ),
    (
        "unknown escape",
        "Y039",
        Message("a backslash inside double quotes starts an unknown escape"),
        Message("use single quotes, or write two backslashes"),
    ),
    (
        "quoted scalar",
        "Y034",
        Message("a quote is opened but never closed"),
        Message("close the quote on the same value"),
    ),
    (
        "an alias",
        "Y042",
        Message("'*' must be followed by the name of an anchor"),
        Message("put a value that starts with '*' in quotes"),
    ),
    (
        "an anchor",
        "Y042",
        Message("'&' must be followed by a name"),
        Message("put a value that starts with '&' in quotes"),
    ),
    (
        "flow sequence",
        "Y035",
        Message("a '[' is not closed by ']'"),
        Message("close each bracket, or quote a value with brackets"),
    ),
    (
        "flow node",
        "Y035",
        Message("a '[' or '{{' is not closed"),
        Message("close each bracket, or quote a value with brackets"),
    ),
    (
        "flow mapping",
        "Y035",
        Message("a '{{' is not closed by '}}'"),
        Message("close each brace, or quote a value with braces"),
    ),
    (
        "cannot start any token",
        "Y037",
        Message("a value starts with a character YAML reserves"),
        Message("put the value in quotes"),
    ),
    (
        "block end",
        "Y036",
        Message("the indentation does not line up"),
        Message("align keys of one level at the same column"),
    ),
    (
        "expected key",
        "Y036",
        Message("the indentation does not line up"),
        Message("align keys of one level at the same column"),
    ),
    (
        "'-' indicator",
        "Y036",
        Message("a list item is not aligned with the others"),
        Message("align the '-' of one list"),
    ),
)


# libyaml refuses nesting past this many levels whatever our limit says.
_PARSER_MAX_DEPTH = 1000


def syntax_error(exc: yaml.YAMLError, text: str, file: str, limits: Limits) -> InputError:
    """Our own coded error for anything the YAML parser refuses."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        code = f"{exc.character:04X}"
        return InputError(
            Message("the file holds a control character (U+{code}) that YAML does not allow", code=code),
            location=Location(file, line, column),
            hint=Message("remove the character or save the text again"),
            code="Y038",
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    location = Location(file, mark.line + 1, mark.column + 1) if mark is not None else Location(file, 1, 1)
    described = f"{getattr(exc, 'context', '') or ''} {getattr(exc, 'problem', '') or ''}"
    # libyaml stops deep nesting with a limit of its own, higher than ours:
    # measured at the mark, the depth is over our limit, so ours is the one
    # the user should hear about (and be told how to raise).
    depth_limit = min(limits.max_depth, _PARSER_MAX_DEPTH)
    if mark is not None and _flow_depth(text, mark.index + 1) > depth_limit:
        return InputError(
            Message("document is nested deeper than {limit} levels", limit=depth_limit),
            location=location,
            hint=limit_hint("depth"),
            code="Y021",
        )
    if mark is not None and _indented_with_tab(text, mark.index):
        return InputError(
            Message("a tab is used for indentation"), location=location, hint=Message("indent with spaces"), code="Y031"
        )
    for needle, code, message, hint in _SYNTAX_KINDS:
        if needle in described:
            return InputError(message, location=location, hint=hint, code=code)
    return InputError(
        Message("the YAML is not well-formed here"),
        location=location,
        hint=Message("check the indentation, quotes and brackets at this point and the line before"),
        code="Y030",
    )


def _indented_with_tab(text: str, index: int) -> bool:
    """Whether the line holding ``index`` (or the one before) is indented with a tab."""
    start = text.rfind("\n", 0, index) + 1
    previous = text.rfind("\n", 0, max(start - 1, 0)) + 1
    for line_start in (start, previous):
        line_end = text.find("\n", line_start)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            return True
    return False


def _flow_depth(text: str, end: int) -> int:
    """How many '[' and '{' are open at ``end`` (quoted text skipped)."""
    depth = deepest = 0
    quote = ""
    for char in text[:end]:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return deepest
