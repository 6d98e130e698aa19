"""How evidence reads in every document: the values a rule saw, and where a stated finding comes from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from asn_advisor.i18n import has_entry, t
from asn_advisor.model import RuleReference

__all__ = ["readings_text", "rule_reference", "source_label"]


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value_text(v) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: str(kv[0]))
        return "{" + ", ".join(f"{k}: {_value_text(v)}" for k, v in items) + "}"
    return str(value)


def readings_text(values: Mapping[str, Any] | None) -> str:
    """The values a rule read, as ``name = value`` pairs in name order (the condition language's spelling)."""
    if not values:
        return ""
    return ", ".join(f"{k} = {_value_text(v)}" for k, v in sorted(values.items()))


def source_label(source: str | None, lang: str) -> str:
    """Where a stated finding comes from (survey, interview, document, ...), in ``lang``."""
    key = f"report.evidence.{source}"
    return t(key, lang) if has_entry(key, lang) else str(source)


def rule_reference(ref: RuleReference) -> dict[str, str]:
    """A rule that fired for a step: its id, file and line, condition and readings, as a view reads them."""
    return {
        "rule": ref.rule,
        "where": f"{ref.file}:{ref.line}",
        "when": ref.when,
        "readings": readings_text(ref.values),
    }
