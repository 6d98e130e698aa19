"""What if: the advice again with some indicators changed and some findings resolved."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from asn_advisor._base import suggest
from asn_advisor.condition import SEVERITY_RANK
from asn_advisor.engine.advising import advise
from asn_advisor.engine.gain import expected_gain
from asn_advisor.engine.roadmap import reorder
from asn_advisor.engine.scoring import compute_scores
from asn_advisor.errors import AdvisorError
from asn_advisor.i18n import Message
from asn_advisor.model import (
    Advice,
    Profile,
    normalize_indicators,
    profile_from_mapping,
)
from asn_advisor.pack import RulePack

__all__ = ["WhatIf", "WhatIfScore", "what_if"]


class WhatIfScore(BaseModel):
    """The overall score before, after the indicator changes, and expected after resolving findings."""

    model_config = ConfigDict(extra="forbid")

    before: float | None
    after: float | None = Field(description="with the --set indicator values, rescored")
    expected: float | None = Field(description="after, plus the expected gain of the resolved findings (docs/plan.md)")
    coverage_before: float
    coverage_after: float


class WhatIf(BaseModel):
    """How the score, the findings and the plan change under a scenario."""

    model_config = ConfigDict(extra="forbid")

    set: dict[str, Any] = Field(description="indicator values set by the scenario")
    resolve: list[str] = Field(description="findings assumed resolved")
    score: WhatIfScore
    findings_removed: list[str]
    findings_added: list[str]
    findings_changed: list[str] = Field(description="findings whose severity changed")
    steps_removed: list[str]
    steps_added: list[str]
    roadmap_before: list[list[str]]
    roadmap_after: list[list[str]]
    before: Advice
    after: Advice


def _apply_set(indicators: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    result = {k: (dict(v) if isinstance(v, dict) else v) for k, v in indicators.items()}
    for name, value in values.items():
        if "." in name:
            base, key = name.split(".", 1)
            current = result.get(base)
            mapping = dict(current) if isinstance(current, dict) else {}
            mapping[key] = value
            result[base] = mapping
        elif value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result


def what_if(
    profile: Profile,
    pack: RulePack,
    *,
    set_values: Mapping[str, Any] | None = None,
    resolve: Sequence[str] = (),
    lang: str = "id",
    order: str = "priority",
) -> WhatIf:
    """Advise ``profile`` as it is and under a scenario, and compare.

    The scenario sets indicators (rescored exactly; ``null`` removes one) and
    resolves findings: a resolved finding is removed from the stated findings
    and its derivation rules do not fire; the score it is expected to recover
    is :func:`expected_gain`, added to the rescored overall as ``expected``.

    Args:
        profile: the profile as evaluated.
        pack: the rule pack.
        set_values: indicator id (or ``map.key``) to its new value.
        resolve: finding ids assumed resolved.
        lang: ``"id"`` or ``"en"``.
        order: roadmap order, ``"priority"`` or ``"gain"``.

    Returns:
        The :class:`WhatIf` comparison.

    Raises:
        AdvisorError: an unknown indicator or finding id (with a suggestion),
            or a finding to resolve that the profile does not have.
        ProfileError: a value set does not fit its indicator.
    """
    values = dict(set_values or {})
    _check_ids(pack, values, resolve)
    before = reorder(advise(profile, pack, lang=lang), order)
    present = {f.id for f in before.findings}
    for fid in resolve:
        if fid not in present:
            listed = ", ".join(sorted(present)) or "-"
            raise AdvisorError(
                Message("--resolve {id}: the profile has no such finding", id=fid),
                hint=Message("present findings: {ids}", ids=listed),
            )
    data = profile.model_dump(mode="json", exclude_none=True)
    data["indicators"] = _apply_set(profile.indicators, values)
    changed = profile_from_mapping(data, file="--set")
    facts = normalize_indicators(changed, pack)
    scores = compute_scores(pack, facts)
    middle = advise(changed, pack, lang=lang)
    resolved = sorted(set(resolve))
    data["findings"] = [f for f in data.get("findings", []) if f.get("id") not in resolved]
    scenario = profile_from_mapping(data, file="--set")
    reduced = dataclasses.replace(
        pack, derive_rules=tuple(r for r in pack.derive_rules if r.rule.finding not in resolved)
    )
    after = reorder(advise(scenario, reduced, lang=lang), order)
    rank_middle = {f.id: SEVERITY_RANK[f.severity] for f in middle.findings}
    gain, _ = expected_gain(pack, scores, rank_middle, resolved)
    overall_after = after.score.overall
    expected = None if overall_after is None or gain is None else round(min(100.0, overall_after + gain), 2)
    return _compare(values, resolved, before, after, expected)


def _check_ids(pack: RulePack, values: Mapping[str, Any], resolve: Sequence[str]) -> None:
    """Every indicator set and every finding resolved must be known to the pack."""
    names = set(pack.vocabulary.names) - {"coverage"}
    for name in values:
        if name not in names:
            close = suggest(name, sorted(names))
            raise AdvisorError(
                Message("--set {name}: unknown indicator", name=name),
                hint=Message("did you mean {suggestion}?", suggestion=repr(close))
                if close
                else Message("indicator ids are listed in the rule pack's indicators"),
            )
    for fid in resolve:
        if fid not in pack.findings:
            close = suggest(fid, sorted(pack.findings))
            raise AdvisorError(
                Message("--resolve {id}: unknown finding", id=fid),
                hint=Message("did you mean {suggestion}?", suggestion=repr(close))
                if close
                else Message("finding ids are listed in the rule pack's findings"),
            )


def _compare(
    values: dict[str, Any], resolved: list[str], before: Advice, after: Advice, expected: float | None
) -> WhatIf:
    """The differences between the advice before and after the scenario."""
    severity_before = {f.id: f.severity for f in before.findings}
    severity_after = {f.id: f.severity for f in after.findings}
    steps_before = {r.id for r in before.recommendations}
    steps_after = {r.id for r in after.recommendations}
    return WhatIf(
        set=values,
        resolve=resolved,
        score=WhatIfScore(
            before=before.score.overall,
            after=after.score.overall,
            expected=expected,
            coverage_before=before.score.coverage,
            coverage_after=after.score.coverage,
        ),
        findings_removed=sorted(set(severity_before) - set(severity_after)),
        findings_added=sorted(set(severity_after) - set(severity_before)),
        findings_changed=sorted(
            f for f in set(severity_before) & set(severity_after) if severity_before[f] != severity_after[f]
        ),
        steps_removed=sorted(steps_before - steps_after),
        steps_added=sorted(steps_after - steps_before),
        roadmap_before=before.roadmap,
        roadmap_after=after.roadmap,
        before=before,
        after=after,
    )
