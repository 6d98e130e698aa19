"""Safe, bounded YAML and JSON reading that keeps every value's position.

PyYAML's composer recurses in C for nested collections and crashes the
interpreter on deeply nested input, and it silently keeps the last of two equal
keys.  So we build Python values ourselves from the parser's event stream
(iterative, in libyaml when present), enforcing limits on depth, node count and
alias expansion (the "billion laughs" bomb) as we go, reporting duplicate keys
and recording the 1-based line and column of every key and value.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import yaml

from asn_advisor._base.document import Document
from asn_advisor._base.json_reader import load_json
from asn_advisor._base.limits import Limits
from asn_advisor._base.reading import read_text
from asn_advisor._base.yaml_events import load_yaml
from asn_advisor.errors import AdvisorError, InputError, Location
from asn_advisor.i18n import Message

__all__ = ["dump_yaml", "load_document", "load_file"]


def load_file(
    path: Path, name: str, *, limits: Limits | None = None, error: type[AdvisorError] = InputError
) -> Document:
    """Read and parse one YAML file; a file that cannot be read raises ``error``.

    A rule pack's file that is missing or malformed makes the pack invalid:
    the pack loaders pass :class:`RulePackError` so that the user gets the
    pack's exit code, whatever the cause, with the same code and location.
    """
    try:
        text, _ = read_text(path, limits=limits, name=name)
        return load_document(text, name, limits=limits)
    except InputError as exc:
        if error is InputError:
            raise
        raise error(exc.message, location=exc.location, hint=exc.hint, code=exc.code) from None


def load_document(text: str, file: str, *, limits: Limits | None = None, json_mode: bool = False) -> Document:
    """Parse ``text`` as one YAML (or JSON) document.

    Duplicate keys are reported in ``Document.problems`` (the first value is
    kept); everything else that is wrong raises :class:`InputError`.
    """
    limits = limits or Limits.current()
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise InputError(
            Message("input is over the limit of {limit} bytes", limit=limits.max_bytes),
            location=Location(file),
            code="Y002",
        )
    if json_mode:
        return load_json(text, file, limits)
    # Building many small objects triggers the cyclic garbage collector over
    # and over, and each pass walks the whole growing document: that made
    # reading a large, flat file quadratic in practice (14 s for a 10 MB
    # file).  The values built here cannot form cycles (an alias can only
    # name a finished anchor), so the collector is paused while loading.
    paused = gc.isenabled()
    gc.disable()
    try:
        return load_yaml(text, file, limits)
    finally:
        if paused:
            gc.enable()


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Safe dumping whose output loads back to the same values."""


_LINE_BREAK_LOOKALIKES = ("\x85", "\u2028", "\u2029")


def _represent_str(dumper: Any, value: str) -> Any:
    # PyYAML writes NEL, LS and PS raw in plain and single-quoted scalars, and
    # a YAML reader takes them for line breaks; the double-quoted style
    # escapes them, so the text comes back unchanged.
    if any(ch in value for ch in _LINE_BREAK_LOOKALIKES):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any, *, width: int = 100) -> str:
    """YAML text for ``data`` (plain values only) that :func:`load_document` reads back unchanged."""
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=width))
