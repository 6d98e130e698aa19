"""Overrides and disables: how a pack changes what it defines or inherits."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from asn_advisor._base import Text, suggest
from asn_advisor.i18n import Message
from asn_advisor.pack.collector import Collector
from asn_advisor.pack.merging import section_word
from asn_advisor.pack.models import DeriveRule, PackFile, PackOverride, RecommendRule, ScoringSpec
from asn_advisor.pack.reading import Source

__all__ = ["apply_overrides"]


def _merge_text(old: Text | None, new: Text | None) -> Text | None:
    """An overriding text keeps the language it does not give from the inherited one."""
    if new is None:
        return old
    if old is None:
        return new
    return Text(id=new.id or old.id, en=new.en or old.en)


def _updated(spec: Any, change: BaseModel) -> Any:
    update: dict[str, Any] = {}
    for name in change.model_fields_set:
        value = getattr(change, name)
        if value is None:
            continue
        if isinstance(value, Text):
            value = _merge_text(getattr(spec, name), value)
        update[name] = value
    return spec.model_copy(update=update)


def apply_overrides(
    parsed: list[tuple[Source, PackFile]],
    indicators: dict[str, Any],
    findings: dict[str, Any],
    recommendations: dict[str, Any],
    dimensions: dict[str, Any],
    scoring: ScoringSpec,
    derive: list[tuple[Source, int, DeriveRule]],
    recommend: list[tuple[Source, int, RecommendRule]],
    out: Collector,
) -> tuple[ScoringSpec, dict[tuple[str, str], tuple[Source, tuple[Any, ...]]]]:
    """Apply every ``override:`` and ``disable:`` in file order (inherited packs first).

    Catalogs and rules are changed in place.  Returns the scoring and, for
    each rule whose condition now comes from an override, where that text is
    (``("when", id)``, ``("escalate", id)``), plus ``("override", id)`` for
    every overridden rule, so that errors point at the override.
    """
    at: dict[tuple[str, str], tuple[Source, tuple[Any, ...]]] = {}
    catalogs: dict[str, dict[str, Any]] = {
        "indicators": indicators,
        "findings": findings,
        "recommendations": recommendations,
        "dimensions": dimensions,
    }
    for source, pf in parsed:
        override = pf.override
        if override is None:
            continue
        _override_catalogs(source, override, catalogs, out)
        if override.scoring is not None:
            scoring = _updated(scoring, override.scoring)
        _override_rules(source, override, derive, recommend, at, out)
    _disable_rules(parsed, derive, recommend, out)
    return scoring, at


def _override_catalogs(
    source: Source, override: PackOverride, catalogs: dict[str, dict[str, Any]], out: Collector
) -> None:
    """Change the indicators, findings, recommendations and dimensions one override names."""
    for section, catalog in catalogs.items():
        for key, change in getattr(override, section).items():
            path = ("override", section, key)
            if key not in catalog:
                close = suggest(key, catalog)
                out.add(
                    source.doc.locate(path, key=True),
                    Message("override of unknown {kind} {id}", kind=section_word(section), id=repr(key)),
                    "E111",
                    hint=Message("did you mean {suggestion}?", suggestion=repr(close))
                    if close
                    else Message("only what the pack defines or inherits can be overridden"),
                )
                continue
            catalog[key] = _updated(catalog[key], change)


def _override_rules(
    source: Source,
    override: PackOverride,
    derive: list[tuple[Source, int, DeriveRule]],
    recommend: list[tuple[Source, int, RecommendRule]],
    at: dict[tuple[str, str], tuple[Source, tuple[Any, ...]]],
    out: Collector,
) -> None:
    """Change the rules one override names, recording in ``at`` where the changed text is."""
    rules: dict[str, tuple[list[Any], int]] = {}
    for index, (_, _, derive_rule) in enumerate(derive):
        rules[derive_rule.id] = (derive, index)
    for index, (_, _, recommend_rule) in enumerate(recommend):
        rules[recommend_rule.id] = (recommend, index)
    for rule_id, change in override.rules.items():
        path = ("override", "rules", rule_id)
        if rule_id not in rules:
            close = suggest(rule_id, rules)
            out.add(
                source.doc.locate(path, key=True),
                Message("override of unknown rule {id}", id=repr(rule_id)),
                "E111",
                hint=Message("did you mean {suggestion}?", suggestion=repr(close))
                if close
                else Message("rule ids are the id: of derive and recommend rules"),
            )
            continue
        entries, index = rules[rule_id]
        rule_source, position, rule = entries[index]
        is_derive = isinstance(rule, DeriveRule)
        wrong = [name for name in ("weight",) if is_derive and getattr(change, name) is not None]
        wrong += [name for name in ("severity", "escalate") if not is_derive and getattr(change, name) is not None]
        for name in wrong:
            kind = "recommend" if name == "weight" else "derive"
            out.add(
                source.doc.locate((*path, name), key=True),
                Message(
                    "{name} applies only to {kind} rules, and {id} is not one",
                    name=repr(name),
                    kind=kind,
                    id=repr(rule_id),
                ),
                "E117",
            )
        if wrong:
            continue
        entries[index] = (rule_source, position, _updated(rule, change))
        at[("override", rule_id)] = (source, path)
        if change.when is not None:
            at[("when", rule_id)] = (source, (*path, "when"))
        if change.escalate is not None:
            at[("escalate", rule_id)] = (source, (*path, "escalate"))


def _disable_rules(
    parsed: list[tuple[Source, PackFile]],
    derive: list[tuple[Source, int, DeriveRule]],
    recommend: list[tuple[Source, int, RecommendRule]],
    out: Collector,
) -> None:
    """Remove every rule a ``disable:`` names, once all overrides are applied."""
    for source, pf in parsed:
        for j, rule_id in enumerate(pf.disable or []):
            at_derive = next((k for k, (_, _, rule) in enumerate(derive) if rule.id == rule_id), None)
            if at_derive is not None:
                del derive[at_derive]
                continue
            at_recommend = next((k for k, (_, _, rec) in enumerate(recommend) if rec.id == rule_id), None)
            if at_recommend is not None:
                del recommend[at_recommend]
                continue
            close = suggest(rule_id, [d.id for _, _, d in derive] + [r.id for _, _, r in recommend])
            out.add(
                source.doc.locate(("disable", j)),
                Message("cannot disable unknown rule {id}", id=repr(rule_id)),
                "E111",
                hint=Message("did you mean {suggestion}?", suggestion=repr(close)) if close else None,
            )
