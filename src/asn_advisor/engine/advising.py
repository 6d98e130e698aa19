"""The advisor: a profile and a rule pack in, an explained :class:`Advice` out.

Steps, each deterministic:

1. normalize the profile's indicators against the pack (ratings to 0..100);
2. score the dimensions (:mod:`.scoring`); coverage becomes the name ``coverage``;
3. run the derivation rules in dependency order: a rule that reads a finding
   runs after every rule that can produce it; stated findings come first;
4. run the recommendation rules and add up each recommendation's priority
   from the findings it addresses (see :func:`priority_terms`);
5. rank: higher priority first, then the most severe finding addressed, then
   the number of findings addressed, then the id; none of this depends on
   the order of rules in files or findings in the profile;
6. turn the ranking into a plan (:func:`.plan.build_plan`): root-cause terms,
   prerequisites, conflicts, phases and expected gains (docs/plan.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from asn_advisor.condition import SEVERITY_RANK
from asn_advisor.engine.plan import build_plan
from asn_advisor.engine.priority import RANK_SEVERITY, plain, priority_terms, rounded
from asn_advisor.engine.scoring import ScoreComputation, compute_scores
from asn_advisor.errors import ArgumentError
from asn_advisor.model import (
    Advice,
    DataGap,
    DimensionScore,
    Evidence,
    FindingResult,
    MetricScore,
    PackInfo,
    Profile,
    Recommendation,
    RuleReference,
    ScoreResult,
    check_findings,
    normalize_indicators,
)
from asn_advisor.pack import CompiledRecommend, RulePack

__all__ = ["advise", "note_unknown"]


@dataclass
class _FindingState:
    rank: int
    stated: bool
    evidence: list[Evidence] = field(default_factory=list)


def note_unknown(
    unknown_rules: dict[str, set[str]], names: Iterable[str], facts: Mapping[str, Any], rule_id: str
) -> None:
    """Record that ``rule_id`` stayed unknown for each of ``names`` the facts lack (the data gaps)."""
    for name in names:
        if facts.get(name) is None:
            unknown_rules.setdefault(name, set()).add(rule_id)


def _values_read(names: frozenset[str], values: Mapping[str, Any]) -> dict[str, Any]:
    return {name: plain(values[name]) for name in sorted(names) if values.get(name) is not None}


def advise(profile: Profile, rules: RulePack, *, lang: str = "id") -> Advice:
    """Score ``profile`` and recommend improvements with ``rules``.

    Args:
        profile: the program's profile (see :func:`load_profile`).
        rules: a pack from :func:`load_rules`.
        lang: ``"id"`` (Indonesian, the default) or ``"en"``.

    Returns:
        The :class:`Advice`, recommendations already ranked.

    Raises:
        ProfileError: an indicator or finding does not fit the pack.
    """
    check_arguments(profile, rules, lang)
    try:
        return _advise(profile, rules, lang)
    except (AttributeError, KeyError, TypeError, IndexError) as error:
        # Models are plain objects a caller may change after loading; what
        # the checks above do not catch still ends as the project's error.
        raise ArgumentError(
            f"the profile or rule pack is not in a valid state: {type(error).__name__}: {error}",
            hint="load them with load_profile and load_rules, and change them only through validated models",
        ) from None


def check_arguments(profile: Any, rules: Any, lang: Any) -> None:
    """Refuse ``None``, wrong types and a profile changed into an invalid state, with :class:`ArgumentError`."""
    if not isinstance(profile, Profile):
        raise ArgumentError(
            f"advise() needs a Profile, got {type(profile).__name__}",
            hint="read one with load_profile(path) or Profile.model_validate(mapping)",
        )
    if not isinstance(rules, RulePack):
        raise ArgumentError(f"advise() needs a RulePack, got {type(rules).__name__}", hint="load one with load_rules()")
    if lang not in ("id", "en"):
        raise ArgumentError("lang must be 'id' or 'en'")
    try:
        # Assignments to a model are not validated: validate the whole profile again.
        Profile.model_validate(profile.model_dump(warnings=False))
    except ValidationError as error:
        details = error.errors()
        where = ".".join(str(part) for part in details[0]["loc"]) if details else ""
        reason = details[0]["msg"] if details else "invalid"
        raise ArgumentError(
            f"the profile is not valid: {where or 'profile'}: {reason}",
            hint="a profile changed after loading must still be a valid profile",
        ) from None
    except (AttributeError, TypeError, ValueError) as error:
        raise ArgumentError(
            f"the profile is not valid: {type(error).__name__}: {error}",
            hint="a profile changed after loading must still be a valid profile",
        ) from None


def _advise(profile: Profile, rules: RulePack, lang: str) -> Advice:
    values = normalize_indicators(profile, rules)
    check_findings(profile, rules)
    scores = compute_scores(rules, values)
    facts: dict[str, Any] = dict(values)
    facts["coverage"] = scores.coverage * 100.0

    states: dict[str, _FindingState] = {}
    for stated in sorted(profile.findings, key=lambda f: (f.id, f.severity or "", f.source or "", f.evidence)):
        rank = SEVERITY_RANK[stated.severity or rules.findings[stated.id].severity]
        state = states.setdefault(stated.id, _FindingState(rank=rank, stated=True))
        state.rank = max(state.rank, rank)
        texts: list[str | None] = list(stated.evidence) or [None]
        for text in texts:
            state.evidence.append(Evidence(kind="stated", text=text, source=stated.source))

    findings_rank: dict[str, int] = {fid: s.rank for fid, s in states.items()}
    unknown_rules: dict[str, set[str]] = {}

    for rule in rules.derive_rules:
        outcome = rule.condition.evaluate(facts, findings_rank)
        if outcome is None:
            note_unknown(unknown_rules, rule.condition.names, facts, rule.id)
            continue
        if outcome is not True:
            continue
        severity: str = rule.rule.severity
        for condition, level in rule.escalations:
            if condition.evaluate(facts, findings_rank) is True:
                severity = level
                break
        rank = SEVERITY_RANK[severity]
        finding_id = rule.rule.finding
        found = states.get(finding_id)
        if found is None:
            found = states[finding_id] = _FindingState(rank=rank, stated=False)
        state = found
        state.rank = max(state.rank, rank)
        findings_rank[finding_id] = state.rank
        state.evidence.append(
            Evidence(
                kind="rule",
                text=rule.rule.because.get(lang) if rule.rule.because else None,
                rule=rule.id,
                file=rule.location.file,
                line=rule.location.line,
                values=_values_read(rule.names, facts),
            )
        )

    fired: dict[str, list[CompiledRecommend]] = {}
    for rec_rule in rules.recommend_rules:
        outcome = rec_rule.condition.evaluate(facts, findings_rank)
        if outcome is None:
            note_unknown(unknown_rules, rec_rule.condition.names, facts, rec_rule.id)
            continue
        if outcome is not True:
            continue
        if not any(f in findings_rank for f in rec_rule.addresses):
            continue
        for rec_id in rec_rule.rule.recommend:
            fired.setdefault(rec_id, []).append(rec_rule)

    recommendations: list[Recommendation] = []
    for rec_id, rec_rules in fired.items():
        addressed: dict[str, float] = {}
        for rec_rule in rec_rules:
            for finding_id in rec_rule.addresses:
                if finding_id in findings_rank:
                    addressed[finding_id] = max(addressed.get(finding_id, 0.0), rec_rule.rule.weight)
        terms = priority_terms(rules, addressed, findings_rank, scores)
        priority = round(sum(t.contribution for t in terms), 3)
        spec = rules.recommendations[rec_id]
        because = [
            RuleReference(
                rule=r.id,
                file=r.location.file,
                line=r.location.line,
                when=r.rule.when,
                text=r.rule.because.get(lang) if r.rule.because else None,
                values=_values_read(r.condition.names, facts),
                findings=sorted(f for f in r.condition.findings if f in findings_rank),
                weight=r.rule.weight,
            )
            for r in sorted(rec_rules, key=lambda r: r.id)
        ]
        recommendations.append(
            Recommendation(
                rank=1,
                id=rec_id,
                title=spec.label.get(lang),
                description=spec.description.get(lang) if spec.description else None,
                priority=priority,
                addresses=sorted(addressed),
                because=because,
                priority_breakdown=terms,
                effort=spec.effort,
                time_to_impact=spec.time_to_impact,
            )
        )

    def sort_key(rec: Recommendation) -> tuple[float, int, int, str]:
        top = max((findings_rank[f] for f in rec.addresses), default=0)
        return (-rec.priority, -top, -len(rec.addresses), rec.id)

    recommendations.sort(key=sort_key)
    for position, rec in enumerate(recommendations, start=1):
        rec.rank = position

    finding_results = [
        FindingResult(
            id=fid,
            label=rules.findings[fid].label.get(lang),
            severity=RANK_SEVERITY[state.rank],
            source="stated" if state.stated else "derived",
            dimension=rules.findings[fid].dimension,
            evidence=state.evidence,
        )
        for fid, state in states.items()
    ]
    finding_results.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.source != "stated", f.id))

    advice = Advice(
        lang=lang,
        program=profile.program,
        pack=PackInfo(id=rules.id, version=rules.version, digest=rules.digest),
        score=_score_result(rules, scores, lang),
        findings=finding_results,
        recommendations=recommendations,
        data_gaps=_data_gaps(rules, scores, unknown_rules, lang),
    )
    # Root causes, prerequisites, conflicts and the phased roadmap.
    return build_plan(advice, rules, scores)


def _score_result(rules: RulePack, scores: ScoreComputation, lang: str) -> ScoreResult:
    dimensions = []
    for result in scores.dimensions:
        band = rules.band_for(result.score)
        dimensions.append(
            DimensionScore(
                id=result.dimension.id,
                label=result.dimension.spec.label.get(lang),
                score=rounded(result.score),
                band=band.id if band else None,
                band_label=band.label.get(lang) if band else None,
                weight=result.dimension.spec.weight,
                metrics=[
                    MetricScore(
                        metric=m.metric.name,
                        value=plain(m.value),
                        score=rounded(m.score),
                        primary=m.metric.spec.primary,
                    )
                    for m in result.metrics
                ],
                caps=list(result.caps),
            )
        )
    band = rules.band_for(scores.overall)
    return ScoreResult(
        overall=rounded(scores.overall),
        band=band.id if band else None,
        band_label=band.label.get(lang) if band else None,
        coverage=rounded(scores.coverage, 4) or 0.0,
        dimensions=dimensions,
    )


def _data_gaps(
    rules: RulePack, scores: ScoreComputation, unknown_rules: dict[str, set[str]], lang: str
) -> list[DataGap]:
    gaps: dict[str, DataGap] = {}

    def label(name: str) -> str:
        base = name.split(".", 1)[0]
        spec = rules.indicators.get(base)
        text = spec.label.get(lang) if spec else name
        return f"{text} ({name.split('.', 1)[1]})" if "." in name else text

    for name in sorted(unknown_rules):
        if name == "coverage":
            continue
        gaps[name] = DataGap(indicator=name, label=label(name), decides=sorted(unknown_rules[name]))
    for result in scores.dimensions:
        if result.score is not None:
            continue
        for metric, metric_result in zip(result.dimension.metrics, result.metrics, strict=True):
            if not metric.spec.primary or metric_result.value is not None:
                continue
            for name in sorted(metric.evaluate.names):
                gap = gaps.setdefault(name, DataGap(indicator=name, label=label(name)))
                if result.dimension.id not in gap.dimensions:
                    gap.dimensions.append(result.dimension.id)
    return [gaps[name] for name in sorted(gaps)]
