"""Pydantic validation errors as located problems, in our own words and codes."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from asn_advisor._base.document import Document
from asn_advisor._base.lookalike import suggest
from asn_advisor._base.text import Text
from asn_advisor.errors import MAX_PROBLEMS, Problem
from asn_advisor.i18n import Message

__all__ = ["union_members", "validation_problems"]


def union_members(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        result: list[Any] = []
        for arg in typing.get_args(annotation):
            result.extend(union_members(arg))
        return result
    if origin is typing.Annotated:
        return union_members(typing.get_args(annotation)[0])
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        candidates = union_members(current)
        step: Any = None
        for candidate in candidates:
            if (
                isinstance(candidate, type)
                and issubclass(candidate, BaseModel)
                and isinstance(part, str)
                and part in candidate.model_fields
            ):
                step = candidate.model_fields[part].annotation
                break
            origin = typing.get_origin(candidate)
            if origin in (list, tuple) and isinstance(part, int):
                step = typing.get_args(candidate)[0]
                break
            if origin is dict:
                step = typing.get_args(candidate)[1]
                break
        if step is None:
            return None
        current = step
    for candidate in union_members(current):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` inside parsed data (``None`` if there is none)."""
    for part in path:
        if (
            isinstance(data, dict)
            and part in data
            or isinstance(data, list)
            and isinstance(part, int)
            and 0 <= part < len(data)
        ):
            data = data[part]
        else:
            return None
    return data


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Keep the parts of a pydantic error location that are keys or indexes of the data.

    Pydantic inserts validator and type names into locations ('function-after[...]',
    'list[str]'); they used to be dropped by their look, which also dropped a
    user's key containing '[' and crashed on the empty location.  Walking the
    data tells them apart; the last part is kept even when absent, since it
    names a missing key.
    """
    path: list[Any] = []
    node = data
    for index, part in enumerate(loc):
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif index == len(loc) - 1:
            path.append(part)
    return tuple(path)


def _pydantic_template(kind: str, ctx: dict[str, Any]) -> Message | None:
    """Our template for one of pydantic's messages that reach a user, with its values."""
    if kind == "greater_than":
        return Message("input should be greater than {n}", n=ctx.get("gt"))
    if kind == "greater_than_equal":
        return Message("input should be greater than or equal to {n}", n=ctx.get("ge"))
    if kind == "less_than":
        return Message("input should be less than {n}", n=ctx.get("lt"))
    if kind == "less_than_equal":
        return Message("input should be less than or equal to {n}", n=ctx.get("le"))
    if kind == "string_too_short":
        n = ctx.get("min_length")
        if n == 1:
            return Message("string should have at least {n} character", n=n)
        return Message("string should have at least {n} characters", n=n)
    if kind == "string_too_long":
        return Message("string should have at most {n} characters", n=ctx.get("max_length"))
    if kind == "too_short":
        return Message(
            "list should have at least {n} item after validation, not {m}",
            n=ctx.get("min_length"),
            m=ctx.get("actual_length"),
        )
    if kind == "value_error":
        error = ctx.get("error")
        detail = error.args[0] if isinstance(error, ValueError) and error.args else error
        return Message("value error, {detail}", detail=detail)
    plain = {
        "string_type": Message("input should be a valid string"),
        "dict_type": Message("input should be a valid dictionary"),
        "list_type": Message("input should be a valid list"),
        "finite_number": Message("input should be a finite number"),
    }
    return plain.get(kind)


def _pydantic_message(error: Any) -> str:
    """Pydantic's message, first letter lowered, as one of our messages when we know its kind.

    Our template is used only when it gives exactly pydantic's words, so the
    English of a problem never changes; otherwise pydantic's text is kept.
    """
    said = str(error["msg"])
    said = said[:1].lower() + said[1:]
    ours = _pydantic_template(str(error["type"]), dict(error.get("ctx") or {}))
    return ours if ours is not None and str(ours) == said else said


def validation_problems(
    exc: ValidationError, model: type[BaseModel], doc: Document, prefix: tuple[Any, ...] = ()
) -> list[Problem]:
    """Turn pydantic errors into located problems with hints."""
    problems: list[Problem] = []
    # One mapping with tens of thousands of bad keys gives as many errors,
    # each with a did-you-mean search: keep the first MAX_PROBLEMS.
    for error in exc.errors(include_url=False)[:MAX_PROBLEMS]:
        loc = _data_path(_at(doc.data, prefix), tuple(error["loc"]))
        if not loc:
            problems.append(Problem(doc.locate(prefix), _pydantic_message(error), code="E103"))
            continue
        kind = error["type"]
        path = (*prefix, *loc)
        if kind == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            fields = list(parent.model_fields) if parent else []
            close = suggest(str(loc[-1]), fields)
            hint = (
                Message("did you mean {suggestion}?", suggestion=repr(close))
                if close
                else (Message("allowed keys: {keys}", keys=", ".join(fields)) if fields else None)
            )
            if parent is Text or (fields == ["id", "en"]):
                hint = Message(
                    "a comma inside {{ }} starts a new key: "
                    'put quotes around text that has commas, e.g. {{id: "a, b", en: "a, b"}}'
                )
            problems.append(
                Problem(
                    doc.locate(path, key=True), Message("unknown key {key}", key=repr(loc[-1])), code="E102", hint=hint
                )
            )
            continue
        message = _pydantic_message(error)
        hint = None
        if kind == "missing":
            message = Message("required key {key} is missing", key=repr(loc[-1]))
            path = path[:-1]
            hint = Message("add {key}: ...", key=loc[-1])
        elif kind == "literal_error":
            given = error.get("input")
            expected = error.get("ctx", {}).get("expected", "")
            message = Message("{value} is not allowed here; expected {expected}", value=repr(given), expected=expected)
            options = [o.strip().strip("'") for o in str(expected).replace(" or ", ",").split(",")]
            close = suggest(str(given), options)
            hint = Message("did you mean {suggestion}?", suggestion=repr(close)) if close else None
        elif kind in ("string_pattern_mismatch",):
            message = Message("{value} is not a valid id", value=repr(error.get("input")))
            hint = Message("use lowercase letters, digits and '-' (for example partisipasi-rendah)")
        elif kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
            message = Message("expected a number, got {value}", value=repr(error.get("input")))
        elif kind in ("bool_parsing", "bool_type"):
            message = Message("expected true or false, got {value}", value=repr(error.get("input")))
            hint = Message("write true or false")
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            message = Message("expected a mapping of keys and values here")
        elif kind == "list_type":
            message = Message("expected a list here")
            hint = Message("write items on lines starting with '- ' or as [a, b]")
        problems.append(Problem(doc.locate(path), message, code="E103", hint=hint))
    return problems
