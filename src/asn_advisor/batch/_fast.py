"""The fast path: an advice written straight to JSON, byte-identical to the model's.

:func:`asn_advisor.advise` builds ~110 validated pydantic models per profile
and ``model_dump_json`` then serializes ~20 kB, most of it static text of the
pack (labels, rule texts, file names).  For batches that costs about a
millisecond per profile.  A :class:`Kernel` is built once per (pack,
language): it serializes every static piece of the output once, and per
profile computes the same numbers as :mod:`.engine` and joins pre-serialized
fragments with the few dynamic values.

Phases, so that a batch can decide the rules of a whole block at once:
:meth:`Kernel.prepare` (validation and normalization of plainly valid
mappings), :meth:`Kernel.score`, :meth:`Kernel.state` (stated findings),
:meth:`Kernel.decide` (columnar rule outcomes for a block, optional) and
:meth:`Kernel.finish` (everything else, and the JSON).  Fragments that recur
across profiles are memoized, each memo capped (:data:`MEMO_LIMIT`).

Contract (tests/test_batch.py checks it on the examples, synthetic profiles
and generated ones, one at a time and in columnar blocks): for every valid
profile, the kernel's JSON equals
``advise(profile, pack, lang=lang).model_dump_json()`` byte for byte.  When
:func:`~asn_advisor.advise` changes what it outputs -- a new field, or a
post-processing step such as the plan -- this module must follow; those
tests fail until it does.

Why the output stays exact:

* dynamic values are serialized by ``pydantic_core.to_json``, the serializer
  ``model_dump_json`` itself uses (strings, ``Any`` values, floats that
  Python's ``repr`` would print differently);
* float fields are passed through ``float()`` exactly where pydantic's
  validation would coerce an int;
* the key order of every object is the field order of the models in
  :mod:`.advice`; :data:`MODEL_FIELDS` records it and :class:`Kernel` refuses
  the fast path (falls back to the models) when a model gains a field this
  module does not write yet -- so adding a field to the advice can slow a
  batch down but never make its output differ.
"""

from __future__ import annotations

import bisect
import math
import typing
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel
from pydantic_core import to_json

from asn_advisor.condition import SEVERITY_RANK, Columns, compile_vector
from asn_advisor.engine import (
    Candidate,
    advise,
    dropped_recommendation,
    note_unknown,
    outline_plan,
    plan_fixed,
    relation_reference,
)
from asn_advisor.engine import (
    plain as _plain,
)
from asn_advisor.engine import (
    rounded as _round,
)
from asn_advisor.model import EvidenceSource, Profile
from asn_advisor.model import advice as advice_models
from asn_advisor.pack import CompiledMetric, RulePack

__all__ = ["MODEL_FIELDS", "FindingState", "Kernel", "Prepared", "Scored", "StatedTuple", "Summary"]

# Field order of every output model as this module writes it.  A model with
# other fields (a later additive change) disables the fast path until the
# writer below learns them; see Kernel.exact.
MODEL_FIELDS: dict[str, tuple[str, ...]] = {
    "Advice": (
        "schema_version",
        "lang",
        "program",
        "pack",
        "score",
        "findings",
        "recommendations",
        "data_gaps",
        "report",
        "report_proposals",
        "roadmap",
        "plan_order",
        "dropped",
    ),
    "PackInfo": ("id", "version", "digest"),
    "ScoreResult": ("overall", "band", "band_label", "coverage", "dimensions"),
    "DimensionScore": ("id", "label", "score", "band", "band_label", "weight", "metrics", "caps"),
    "MetricScore": ("metric", "value", "score", "primary"),
    "FindingResult": ("id", "label", "severity", "source", "dimension", "evidence"),
    "Evidence": ("kind", "text", "source", "rule", "file", "line", "values"),
    "Recommendation": (
        "rank",
        "id",
        "title",
        "description",
        "priority",
        "addresses",
        "because",
        "priority_breakdown",
        "effort",
        "time_to_impact",
        "phase",
        "quick_win",
        "root_cause_of",
        "added_as_prerequisite",
        "prerequisite_for",
        "requires",
        "supports",
        "expected_gain",
        "expected_gain_unscored",
        "explanation",
    ),
    "RuleReference": ("rule", "file", "line", "when", "text", "values", "findings", "weight"),
    "PriorityTerm": (
        "finding",
        "severity",
        "severity_factor",
        "dimension",
        "dimension_share",
        "dimension_score",
        "gap_term",
        "rule_weight",
        "contribution",
        "kind",
        "via",
    ),
    "DataGap": ("indicator", "label", "decides", "dimensions"),
}

#: Entries kept per memo of recurring fragments (bounded memory; see Kernel):
#: at most ~10 MB for each of the three rule memos, ~0.5 MB per metric.
MEMO_LIMIT = 20_000
METRIC_MEMO_LIMIT = 2_000

_RANK_SEVERITY = {rank: name for name, rank in SEVERITY_RANK.items()}
_FINDING_TERM_END = ',"kind":"finding","via":[]}'
# A planned prerequisite no rule recommended: nothing addressed, no reasons, no terms (yet).
_PREREQUISITE_BODY = ',"addresses":[],"because":[],"priority_breakdown":['

# A stated finding, already validated: (id, severity or None, source or None, evidence texts).
StatedTuple = tuple[str, str | None, str | None, tuple[str, ...]]


class Summary(NamedTuple):
    """The part of an advice that tables and comparisons need, without the JSON."""

    program: str
    name: str | None
    region: str | None
    overall: float | None
    band: str | None
    coverage: float
    dimensions: tuple[tuple[str, float | None, str | None], ...]  # (id, score, band)
    findings: tuple[tuple[str, str, str], ...]  # (id, severity, source), the advice's order
    recommendations: tuple[tuple[str, float], ...]  # (id, priority), ranked
    score_low: float | None = None  # the interval the overall score can still take (advice.score.interval)
    score_high: float | None = None

    @classmethod
    def from_advice(cls, advice: advice_models.Advice) -> Summary:
        score = advice.score
        return cls(
            advice.program.id,
            advice.program.name,
            advice.program.region,
            score.overall,
            score.band,
            score.coverage,
            tuple((d.id, d.score, d.band) for d in score.dimensions),
            tuple((f.id, f.severity, f.source) for f in advice.findings),
            tuple((r.id, r.priority) for r in advice.recommendations),
            score.interval.low if score.interval else None,
            score.interval.high if score.interval else None,
        )


_PROFILE_KEYS = frozenset({"program", "indicators", "findings"})
_PROGRAM_FIELDS = ("id", "name", "region", "type", "period")
_FINDING_KEYS = frozenset({"id", "severity", "source", "evidence"})
_SOURCES = frozenset(typing.get_args(EvidenceSource))


def _decided(pair: tuple[Any, Any], size: int) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """(known and true, known) of a columnar result, as arrays of ``size``."""
    value, known = pair
    known_array = np.broadcast_to(np.asarray(known, dtype=bool), (size,))
    return np.logical_and(np.asarray(value, dtype=bool), known_array), known_array


class Prepared(NamedTuple):
    """A profile validated and normalized by :meth:`Kernel.prepare`."""

    program_json: str
    program: tuple[str, str | None, str | None]
    values: dict[str, Any]
    stated: Sequence[StatedTuple]


class Scored(NamedTuple):
    """Phase 1 of an advice: the score part and the facts the rules read."""

    json: str
    facts: dict[str, Any]
    dim_scores: dict[str, float | None]
    dimensions: tuple[tuple[str, float | None, str | None], ...]
    missing_primary: list[tuple[str, list[str]]]
    overall: float | None
    band: str | None
    coverage: float


class FindingState(NamedTuple):
    """Phase 2 of an advice: stated findings, their ranks and evidence."""

    ranks: dict[str, int]
    stated_ids: set[str]
    evidence: dict[str, list[str]]


# Fields of the advice models this module does not write yet (the advice-quality
# fields: score interval, action fields, remedies in place, proposals, strengths).
# While any is listed, Kernel.exact is False and batch builds the models: same
# bytes, slower.
PENDING_FIELDS: dict[str, tuple[str, ...]] = {
    "ScoreResult": ("interval", "band_certain", "band_settled_by", "band_settled_by_labels"),
    "PriorityTerm": (),
    "Recommendation": (
        "proposed_by_report",
        "first_steps",
        "actors",
        "actor_labels",
        "cost",
        "first_result",
        "basis",
    ),
    "Advice": ("in_place", "unsupported_proposals", "strengths"),
}


def models_match() -> bool:
    """True when the advice models have exactly the fields this module writes (or lists as pending)."""
    for name, fields in MODEL_FIELDS.items():
        model: type[BaseModel] = getattr(advice_models, name)
        pending = PENDING_FIELDS.get(name, ())
        if tuple(f for f in model.model_fields if f not in pending) != fields:
            return False
    return True


def _j(value: Any) -> str:
    """JSON of one value, as pydantic serializes it."""
    return to_json(value).decode()


def _f(value: float) -> str:
    """JSON of a float field.  ``repr`` is pydantic's format except for exponents."""
    text = repr(value)
    return text if "e" not in text and "n" not in text else to_json(value).decode()


def _fo(value: float | None) -> str:
    return "null" if value is None else _f(value)


def _values_json(names: Sequence[str], facts: Mapping[str, Any], memo: dict[str, str]) -> str:
    """``engine._values_read`` serialized; ``names`` are pre-sorted.

    ``memo`` holds the ``"name":value`` pairs already serialized for this
    profile (empty text for an unknown name): rules read the same few names.
    """
    parts = []
    for name in names:
        pair = memo.get(name)
        if pair is None:
            value = facts.get(name)
            pair = memo[name] = "" if value is None else f"{_j(name)}:{_j(_plain(value))}"
        if pair:
            parts.append(pair)
    return "{" + ",".join(parts) + "}"


class _Metric:
    """One metric with everything its scoring needs precomputed."""

    __slots__ = (
        "evaluate",
        "head",
        "indicator",
        "map",
        "memo",
        "names",
        "numeric_keys",
        "points",
        "primary",
        "weight",
        "xs",
    )

    def __init__(self, metric: CompiledMetric) -> None:
        spec = metric.spec
        self.indicator = spec.indicator
        self.evaluate = metric.evaluate.evaluator
        self.map = spec.map
        self.numeric_keys = (
            sorted(k for k in spec.map if isinstance(k, (int, float)) and not isinstance(k, bool)) if spec.map else []
        )
        self.points = spec.points
        self.xs = [x for x, _ in spec.points] if spec.points else []
        self.primary = spec.primary
        self.weight = spec.weight
        self.names = sorted(metric.evaluate.names)
        self.memo: dict[tuple[type, Any], tuple[str, float | None]] = {}
        self.head = '{"metric":' + _j(metric.name) + ',"value":'

    def score(self, value: Any) -> float | None:
        # Mirrors scoring.metric_score exactly, with the sorting done once.
        if value is None:
            return None
        if self.map is not None:
            if isinstance(value, bool):
                score = self.map.get(value)
            else:
                index = bisect.bisect_right(self.numeric_keys, value)
                score = self.map[self.numeric_keys[index - 1]] if index else None
            return None if score is None else min(100.0, max(0.0, float(score)))
        if isinstance(value, bool):
            return None
        number = float(value)
        if not math.isfinite(number):
            return None
        if self.points is not None:
            points, xs = self.points, self.xs
            if number <= xs[0]:
                number = points[0][1]
            elif number >= xs[-1]:
                number = points[-1][1]
            else:
                i = bisect.bisect_right(xs, number)
                (x0, y0), (x1, y1) = points[i - 1], points[i]
                number = y0 + (y1 - y0) * (number - x0) / (x1 - x0)
        return min(100.0, max(0.0, number))


class Kernel:
    """Everything static about the advice of one pack in one language, serialized once.

    Build one per (pack, language) and call :meth:`advise_json` per profile.
    A kernel holds no per-profile state, so one may serve many threads;
    processes each build their own (it takes a few milliseconds).
    """

    def __init__(self, pack: RulePack, lang: str = "id") -> None:
        if lang not in ("id", "en"):
            raise ValueError("lang must be 'id' or 'en'")
        self.pack = pack
        self.lang = lang
        #: False when the advice models have fields this writer does not know
        #: (see MODEL_FIELDS); callers then build the models instead.
        self.exact = models_match() and not any(PENDING_FIELDS.values())
        self.head = f'{{"schema_version":{_j(advice_models.SCHEMA_VERSION)},"lang":{_j(lang)},"program":'
        self.pack_json = f',"pack":{{"id":{_j(pack.id)},"version":{_j(pack.version)},"digest":{_j(pack.digest)}}}'
        self.total_weight = pack.total_weight
        self.min_coverage = pack.scoring.overall_min_coverage
        self.no_band = '"band":null,"band_label":null'
        self.band_table = [
            (band.min, band.id, f'"band":{_j(band.id)},"band_label":{_j(band.label.get(lang))}')
            for band in pack.scoring.bands
        ]
        # Dimensions in the engine's order (sorted ids).
        self.dimensions = []
        for dim_id in sorted(pack.dimensions):
            dim = pack.dimensions[dim_id]
            head = f'{{"id":{_j(dim_id)},"label":{_j(dim.spec.label.get(lang))},"score":'
            caps = [(cap.condition.evaluator, cap.spec.max, _j(cap.spec.when)) for cap in dim.caps]
            weight_json = f',"weight":{_f(float(dim.spec.weight))},"metrics":['
            self.dimensions.append((dim_id, dim, head, weight_json, [_Metric(m) for m in dim.metrics], caps))
        self.finding_head = {
            fid: (
                f'{{"id":{_j(fid)},"label":{_j(spec.label.get(lang))},"severity":',
                f',"dimension":{_j(spec.dimension)},"evidence":[',
            )
            for fid, spec in pack.findings.items()
        }
        self.default_rank = {fid: SEVERITY_RANK[spec.severity] for fid, spec in pack.findings.items()}
        self.derive = []
        for rule in pack.derive_rules:
            text = rule.rule.because.get(lang) if rule.rule.because else None
            evidence = (
                f'{{"kind":"rule","text":{_j(text)},"source":null,"rule":{_j(rule.id)},'
                f'"file":{_j(rule.location.file)},"line":{rule.location.line},"values":'
            )
            escalations = [(cond.evaluator, SEVERITY_RANK[level]) for cond, level in rule.escalations]
            self.derive.append(
                (
                    rule.id,
                    rule.condition.evaluator,
                    sorted(rule.condition.names),
                    SEVERITY_RANK[rule.rule.severity],
                    escalations,
                    rule.rule.finding,
                    evidence,
                    sorted(rule.names),
                )
            )
        self.recommend = []
        for rec_rule in pack.recommend_rules:
            text = rec_rule.rule.because.get(lang) if rec_rule.rule.because else None
            head = (
                f'{{"rule":{_j(rec_rule.id)},"file":{_j(rec_rule.location.file)},"line":{rec_rule.location.line},'
                f'"when":{_j(rec_rule.rule.when)},"text":{_j(text)},"values":'
            )
            tail = f',"weight":{_f(float(rec_rule.rule.weight))}}}'
            self.recommend.append(
                (
                    rec_rule.id,
                    rec_rule.condition.evaluator,
                    sorted(rec_rule.condition.names),
                    rec_rule.addresses,
                    tuple(rec_rule.rule.recommend),
                    float(rec_rule.rule.weight),
                    head,
                    tail,
                    sorted(rec_rule.condition.findings),
                )
            )
        self.recommendation_parts = {}
        fixed = plan_fixed(pack)
        for rec_id, spec in pack.recommendations.items():
            description = spec.description.get(lang) if spec.description else None
            step = fixed[rec_id]
            self.recommendation_parts[rec_id] = (
                f',"id":{_j(rec_id)},"title":{_j(spec.label.get(lang))},"description":{_j(description)},"priority":',
                # What the plan says of it whatever the profile (plan._Fixed), up to root_cause_of...
                f',"effort":{_j(spec.effort)},"time_to_impact":{_j(spec.time_to_impact)},"phase":{step.phase},'
                f'"quick_win":{"true" if step.quick_win else "false"},"root_cause_of":',
                # ... and its prerequisites, up to supports.
                f',"requires":{_j(list(step.requires))},"supports":',
            )
        params = pack.scoring.priority
        self.gap_floor = params.gap_floor
        self.unknown_gap = params.unknown_gap
        self.factors: dict[str, float] = {name: float(value) for name, value in pack.scoring.severity_factors.items()}
        self.root_cause_weight = float(params.root_cause_weight)
        self.requires_references: dict[tuple[str, str], str] = {}
        # Priority-term constants of each finding: (dimension id or None, share, head of the JSON).
        total = pack.total_weight or 1.0
        self.finding_dimension = {}
        for fid, fspec in pack.findings.items():
            dimension = pack.dimensions.get(fspec.dimension)
            share = dimension.spec.weight / total if dimension else 0.0
            self.finding_dimension[fid] = (fspec.dimension if dimension else None, share, _j(fid))
        self._gap_labels: dict[str, str] = {}
        self.bounds = {name: spec.bounds() for name, spec in pack.indicators.items()}
        # Fragments that recur across profiles (same inputs, same JSON), kept
        # up to MEMO_LIMIT entries each so that memory stays bounded.
        self.term_memo: dict[tuple[Any, ...], tuple[str, float, str]] = {}
        self.term_heads: dict[tuple[str, int], tuple[str, float]] = {}
        self.gap_memo: dict[tuple[Any, ...], str] = {}
        self.ids_json: dict[tuple[str, ...], str] = {}
        self.because_memo: dict[tuple[Any, ...], str] = {}
        self.evidence_memo: dict[tuple[Any, ...], str] = {}
        self.derive_vectors = [
            (
                compile_vector(rule.condition.tree),
                [(compile_vector(cond.tree), SEVERITY_RANK[level]) for cond, level in rule.escalations],
                SEVERITY_RANK[rule.rule.severity],
                rule.rule.finding,
            )
            for rule in pack.derive_rules
        ]
        self.recommend_vectors = [compile_vector(rule.condition.tree) for rule in pack.recommend_rules]

    # ------------------------------------------------------------ fast validation

    def prepare(self, data: Any) -> Prepared | None:
        """Validate and normalize a plain profile mapping, if it is plainly valid.

        Returns ``None`` for anything unusual or wrong -- the caller then takes
        the reference path (:func:`~asn_advisor.model.profile.profile_from_data`,
        :func:`~asn_advisor.model.profile.normalize_indicators`), which either
        accepts the profile or reports every problem with its location.  So
        this check may be stricter than the models, never looser.
        """
        if type(data) is not dict or not data.keys() <= _PROFILE_KEYS:
            return None
        program = data.get("program")
        if type(program) is not dict:
            return None
        dumped: dict[str, Any] = {}
        for key in _PROGRAM_FIELDS:
            value = program.get(key)
            if value is not None and type(value) is not str:
                if type(value) not in (int, float) or (type(value) is float and not math.isfinite(value)):
                    return None
                value = str(value)  # as Program's validator does
            dumped[key] = value
        ident = dumped["id"]
        if ident is None or not 1 <= len(ident) <= 200:
            return None
        for key, value in program.items():
            if type(key) is not str:
                return None
            if key not in _PROGRAM_FIELDS:
                dumped[key] = value
        indicators = data.get("indicators")
        if indicators is None:
            indicators = {}
        elif type(indicators) is not dict:
            return None
        values = self.normalize(indicators)
        if values is None:
            return None
        findings = data.get("findings")
        stated: list[StatedTuple] = []
        if findings is not None:
            if type(findings) is not list:
                return None
            for item in findings:
                if type(item) is not dict or not item.keys() <= _FINDING_KEYS:
                    return None
                fid, severity, source, texts = (
                    item.get("id"),
                    item.get("severity"),
                    item.get("source"),
                    item.get("evidence"),
                )
                if type(fid) is not str or fid not in self.default_rank:
                    return None
                if (severity is not None and severity not in SEVERITY_RANK) or (
                    source is not None and source not in _SOURCES
                ):
                    return None
                if texts is None:
                    evidence: tuple[str, ...] = ()
                elif type(texts) is str:
                    evidence = (texts,)
                elif type(texts) is list and all(type(t) is str for t in texts):
                    evidence = tuple(texts)
                else:
                    return None
                stated.append((fid, severity, source, evidence))
        try:
            program_json = to_json(dumped).decode()
        except Exception:
            return None
        return Prepared(program_json, (ident, dumped["name"], dumped["region"]), values, stated)

    def normalize(self, indicators: Mapping[Any, Any]) -> dict[str, Any] | None:
        """:func:`~asn_advisor.model.profile.normalize_indicators` for plainly valid values; ``None`` otherwise."""
        values: dict[str, Any] = {}
        specs = self.pack.indicators
        scales = self.pack.scoring.scales
        for name, raw in indicators.items():
            spec = specs.get(name) if type(name) is str else None
            if spec is None:
                return None
            if raw is None:
                continue
            kind = spec.type
            raw_type = type(raw)
            if kind == "bool":
                if raw_type is not bool:
                    return None
                values[name] = raw
            elif kind == "list":
                items = [raw] if raw_type is str else raw
                if type(items) is not list or not all(type(x) is str for x in items):
                    return None
                if spec.values and not all(x in spec.values for x in items):
                    return None
                values[name] = tuple(sorted(set(items)))
            elif kind == "map":
                if raw_type is not dict:
                    return None
                keys = spec.keys or []
                entries: dict[str, float] = {}
                for key in sorted(raw, key=str):
                    item = raw[key]
                    if key not in keys:
                        return None
                    if item is None:
                        continue
                    if type(item) not in (int, float):
                        return None
                    number = float(item)
                    if not (math.isfinite(number) and 0 <= number <= 100):
                        return None
                    entries[str(key)] = number
                values[name] = dict(entries)
                for key, number in entries.items():
                    values[f"{name}.{key}"] = number
            elif raw_type is dict and kind == "rating":
                value, scale_name = raw.get("value"), raw.get("scale")
                if len(raw) != 2 or type(value) not in (int, float) or type(scale_name) is not str:
                    return None
                scale = scales.get(scale_name)
                number = float(value)
                if scale is None or not math.isfinite(number) or not scale.min <= number <= scale.max:
                    return None
                values[name] = min(100.0, max(0.0, number * scale.factor))
            else:
                if raw_type not in (int, float):
                    return None
                number = float(raw)
                if not math.isfinite(number):
                    return None
                if kind == "rating" and 0 < number <= 5 and number != int(number):
                    return None
                low, high = self.bounds[name]
                if (low is not None and number < low) or (high is not None and number > high):
                    return None
                values[name] = number
        return values

    # ------------------------------------------------------------ columnar decisions

    def decide(
        self, scored: Sequence[Scored], states: Sequence[FindingState]
    ) -> tuple[list[list[int]], list[list[int]]]:
        """Decide every rule for a block of profiles at once (NumPy), as codes for :meth:`finish`.

        Derivation rules run in the pack's dependency order over columns of
        severity ranks, updated as rules fire, exactly as the one-profile
        loop updates its dictionary.
        """
        # Overflow gives inf in NumPy as in Python floats; only NumPy would warn.
        with np.errstate(all="ignore"):
            return self._decide(scored, states)

    def _decide(
        self, scored: Sequence[Scored], states: Sequence[FindingState]
    ) -> tuple[list[list[int]], list[list[int]]]:
        size = len(scored)
        columns = Columns.from_facts([s.facts for s in scored], self.pack.vocabulary.names, [st.ranks for st in states])
        derive = np.empty((len(self.derive_vectors), size), dtype=np.int8)
        for index, (vector, escalations, default_rank, finding) in enumerate(self.derive_vectors):
            true, known = _decided(vector(columns), size)
            level = np.full(size, default_rank, dtype=np.int8)
            for escalation, rank in reversed(escalations):  # the first matching escalation wins
                esc_true, _ = _decided(escalation(columns), size)
                level = np.where(esc_true, np.int8(rank), level)
            derive[index] = np.where(true, level + 2, np.where(known, 0, 1))
            ranks = columns.finding(finding)
            columns.findings[finding] = np.where(true, np.maximum(ranks, level), ranks).astype(np.int8)
        recommend = np.empty((len(self.recommend_vectors), size), dtype=np.int8)
        for index, vector in enumerate(self.recommend_vectors):
            true, known = _decided(vector(columns), size)
            recommend[index] = np.where(true, 2, np.where(known, 0, 1))
        return derive.T.tolist(), recommend.T.tolist()

    # ------------------------------------------------------------ helpers

    def _band_of(self, score: float | None) -> tuple[str | None, str]:
        """(band id, its JSON fields) of a score; mirrors RulePack.band_for."""
        if score is None:
            return None, self.no_band
        for minimum, band_id, fragment in self.band_table:
            if score >= minimum:
                return band_id, fragment
        if self.band_table:
            return self.band_table[-1][1], self.band_table[-1][2]
        return None, self.no_band

    def _gap_label(self, name: str) -> str:
        cached = self._gap_labels.get(name)
        if cached is None:
            base = name.split(".", 1)[0]
            spec = self.pack.indicators.get(base)
            text = spec.label.get(self.lang) if spec else name
            label = f"{text} ({name.split('.', 1)[1]})" if "." in name else text
            cached = self._gap_labels[name] = f'{{"indicator":{_j(name)},"label":{_j(label)},"decides":'
        return cached

    # ------------------------------------------------------------ entry points

    def advise_profile_json(self, profile: Profile, values: Mapping[str, Any]) -> str:
        """The advice of a validated :class:`Profile` whose indicators are normalized to ``values``."""
        return self.advise_parts(profile, values)[0]

    def advise_parts(self, profile: Profile, values: Mapping[str, Any]) -> tuple[str, Summary]:
        """The advice's JSON and its :class:`Summary`."""
        if not self.exact:  # the writer lags behind the models: build them
            model = advise(profile, self.pack, lang=self.lang)
            return model.model_dump_json(), Summary.from_advice(model)
        stated = [(f.id, f.severity, f.source, tuple(f.evidence)) for f in profile.findings]
        program = profile.program
        return self.advise_json(program.model_dump_json(), values, stated, (program.id, program.name, program.region))

    def advise_json(
        self,
        program_json: str,
        values: Mapping[str, Any],
        stated: Sequence[StatedTuple],
        program: tuple[str, str | None, str | None] = ("", None, None),
    ) -> tuple[str, Summary]:
        """The advice's JSON and summary from the program's JSON, normalized values and stated findings.

        ``values`` is what :func:`~asn_advisor.model.profile.normalize_indicators`
        returns; finding ids must be known to the pack (the callers check).
        """
        scored = self.score(values)
        return self.finish(program_json, scored, self.state(stated), program)

    def score(self, values: Mapping[str, Any]) -> Scored:
        """Phase 1: the score part (mirrors scoring.compute_scores and engine._score_result)."""
        out: list[str] = [',"score":{']
        append = out.append
        dim_parts: list[str] = []
        dim_scores: dict[str, float | None] = {}
        dim_summary: list[tuple[str, float | None, str | None]] = []
        missing_primary: list[tuple[str, list[str]]] = []
        scored_weight = 0.0
        weighted_sum = 0.0
        for dim_id, dim, head, weight_json, metrics, caps in self.dimensions:
            metric_parts: list[str] = []
            unknown_primary: list[list[str]] = []
            total = weight = 0.0
            primary_known = False
            for metric in metrics:
                value = values.get(metric.indicator) if metric.indicator is not None else metric.evaluate(values, {})
                # Score and fragment depend on the value only; the type is part
                # of the key because 1 == 1.0 == True would otherwise collide.
                key = (type(value), value)
                memo = metric.memo.get(key)
                if memo is None:
                    score = metric.score(value)
                    memo = (
                        f'{metric.head}{_j(_plain(value))},"score":{_fo(_round(score))},'
                        f'"primary":{"true" if metric.primary else "false"}}}',
                        score,
                    )
                    if len(metric.memo) < METRIC_MEMO_LIMIT:
                        metric.memo[key] = memo
                fragment, score = memo
                if value is None and metric.primary:
                    unknown_primary.append(metric.names)
                if score is not None:
                    total += metric.weight * score
                    weight += metric.weight
                    primary_known = primary_known or metric.primary
                metric_parts.append(fragment)
            score_value: float | None = None
            applied: list[str] = []
            if primary_known and weight > 0:
                score_value = total / weight
                for evaluate, maximum, when_json in caps:
                    if evaluate(values, {}) is True and score_value > maximum:
                        score_value = maximum
                        applied.append(when_json)
                score_value = min(100.0, max(0.0, score_value))
                scored_weight += dim.spec.weight
                weighted_sum += dim.spec.weight * score_value
            else:
                missing_primary.extend((dim_id, names) for names in unknown_primary)
            dim_scores[dim_id] = score_value
            band_id, band_json = self._band_of(score_value)
            rounded = _round(score_value)
            dim_summary.append((dim_id, rounded, band_id))
            dim_parts.append(
                f'{head}{_fo(rounded)},{band_json}{weight_json}{",".join(metric_parts)}],"caps":[{",".join(applied)}]}}'
            )
        coverage = scored_weight / self.total_weight if self.total_weight else 0.0
        overall: float | None = None
        if scored_weight > 0 and coverage + 1e-9 >= self.min_coverage:
            overall = weighted_sum / scored_weight
        overall_band, overall_band_json = self._band_of(overall)
        append(
            f'"overall":{_fo(_round(overall))},{overall_band_json},'
            f'"coverage":{_f(_round(coverage, 4) or 0.0)},"dimensions":['
        )
        append(",".join(dim_parts))
        append("]}")
        facts: dict[str, Any] = dict(values)
        facts["coverage"] = coverage * 100.0
        return Scored(
            "".join(out),
            facts,
            dim_scores,
            tuple(dim_summary),
            missing_primary,
            _round(overall),
            overall_band,
            _round(coverage, 4) or 0.0,
        )

    def state(self, stated: Sequence[StatedTuple]) -> FindingState:
        """Phase 2: the stated findings, their ranks and evidence (mirrors engine.advise)."""
        ranks: dict[str, int] = {}
        stated_ids: set[str] = set()
        evidence: dict[str, list[str]] = {}
        for fid, severity, source, texts in sorted(stated, key=lambda f: (f[0], f[1] or "", f[2] or "", list(f[3]))):
            rank = SEVERITY_RANK[severity] if severity else self.default_rank[fid]
            ranks[fid] = max(ranks.get(fid, 0), rank)
            stated_ids.add(fid)
            items = evidence.setdefault(fid, [])
            source_json = _j(source)
            for text in texts or (None,):
                items.append(
                    f'{{"kind":"stated","text":{_j(text)},"source":{source_json},"rule":null,"file":null,"line":null,"values":null}}'
                )
        return FindingState(ranks, stated_ids, evidence)

    def finish(
        self,
        program_json: str,
        scored: Scored,
        state: FindingState,
        program: tuple[str, str | None, str | None],
        derive_codes: Sequence[int] | None = None,
        recommend_codes: Sequence[int] | None = None,
    ) -> tuple[str, Summary]:
        """Phase 3: rules, recommendations, findings and data gaps; the whole JSON.

        ``derive_codes`` and ``recommend_codes`` are the rule outcomes when a
        columnar evaluation already decided them (see :meth:`decide`): for a
        derivation rule 0 false, 1 unknown, 2 + severity rank when it fires;
        for a recommendation rule 0 false, 1 unknown, 2 true.  Without them
        the compiled closures decide, one rule at a time.
        """
        out: list[str] = [self.head, program_json, self.pack_json, scored.json]
        append = out.append
        facts = scored.facts
        dim_scores = scored.dim_scores
        memo: dict[str, str] = {}
        ranks = dict(state.ranks)
        stated_ids = state.stated_ids
        evidence = {fid: list(items) for fid, items in state.evidence.items()}

        unknown_rules: dict[str, set[str]] = {}
        # With codes, only the rules that fired or stayed unknown need a look.
        derive_positions = (
            range(len(self.derive)) if derive_codes is None else [i for i, c in enumerate(derive_codes) if c]
        )
        for position in derive_positions:
            rule_id, evaluate, names, severity_rank, escalations, finding_id, evidence_head, read_names = self.derive[
                position
            ]
            if derive_codes is not None:
                code = derive_codes[position]
                outcome: Any = None if code == 1 else code >= 2
            else:
                outcome = evaluate(facts, ranks)
            if outcome is None:
                note_unknown(unknown_rules, names, facts, rule_id)
                continue
            if outcome is not True:
                continue
            if derive_codes is not None:
                rank = derive_codes[position] - 2
            else:
                rank = severity_rank
                for escalate, level in escalations:
                    if escalate(facts, ranks) is True:
                        rank = level
                        break
            ranks[finding_id] = max(ranks.get(finding_id, 0), rank)
            evidence_key: tuple[Any, ...] | None = (position, tuple(map(facts.get, read_names)))
            try:
                fragment = self.evidence_memo.get(evidence_key)  # type: ignore[arg-type]
            except TypeError:  # a map value (dict) was read: not memoized
                evidence_key, fragment = None, None
            if fragment is None:
                fragment = evidence_head + _values_json(read_names, facts, memo) + "}"
                if evidence_key is not None and len(self.evidence_memo) < MEMO_LIMIT:
                    self.evidence_memo[evidence_key] = fragment
            evidence.setdefault(finding_id, []).append(fragment)

        # -- recommendations
        fired: dict[str, list[tuple[Any, ...]]] = {}
        recommend_positions = (
            range(len(self.recommend)) if recommend_codes is None else [i for i, c in enumerate(recommend_codes) if c]
        )
        for position in recommend_positions:
            entry = self.recommend[position]
            rule_id, evaluate, names, addresses = entry[0], entry[1], entry[2], entry[3]
            if recommend_codes is not None:
                code = recommend_codes[position]
                outcome = None if code == 1 else code == 2
            else:
                outcome = evaluate(facts, ranks)
            if outcome is None:
                note_unknown(unknown_rules, names, facts, rule_id)
                continue
            if outcome is not True:
                continue
            if ranks.keys().isdisjoint(addresses):
                continue
            for rec_id in entry[4]:
                fired.setdefault(rec_id, []).append(entry)

        gap_floor = self.gap_floor
        # Within one profile the same (finding, weight) term and the same
        # rule's "because" recur across recommendations: build each once.
        term_memo = self.term_memo
        gap_parts: dict[str | None, tuple[float, str]] = {}

        def term(fid: str, weight: float) -> tuple[str, float, str]:
            """(the finding term's JSON, its contribution, the JSON up to the contribution)."""
            dimension, share, fid_json = self.finding_dimension[fid]
            dim_score = dim_scores.get(dimension) if dimension is not None else None
            rank = ranks[fid]
            term_key = (fid, rank, weight, dim_score)
            cached = term_memo.get(term_key)
            if cached is None:
                # A term is three parts: the finding's (per finding and
                # severity, static), the dimension's (once per profile and
                # dimension) and the weight with the contribution.
                term_head = self.term_heads.get((fid, rank))
                if term_head is None:
                    severity = _RANK_SEVERITY[rank]
                    factor = self.factors.get(severity, 1.0)
                    term_head = self.term_heads[(fid, rank)] = (
                        f'{{"finding":{fid_json},"severity":"{severity}","severity_factor":{_f(factor)},'
                        f'"dimension":{_j(dimension)},"dimension_share":{_f(_round(share, 4) or 0.0)},',
                        factor,
                    )
                gap_part = gap_parts.get(dimension)
                if gap_part is None:
                    gap = self.unknown_gap if dim_score is None else (100.0 - dim_score) / 100.0
                    gap_term = gap_floor + (1.0 - gap_floor) * gap
                    gap_part = gap_parts[dimension] = (
                        gap_term,
                        f'"dimension_score":{_fo(_round(dim_score))},"gap_term":{_f(_round(gap_term, 4) or 0.0)},',
                    )
                contribution = _round(100.0 * term_head[1] * share * gap_part[0] * weight, 4) or 0.0
                prefix = f'{term_head[0]}{gap_part[1]}"rule_weight":{_f(weight)},"contribution":{_f(contribution)}'
                cached = (prefix + _FINDING_TERM_END, contribution, prefix)
                if len(term_memo) < MEMO_LIMIT:
                    term_memo[term_key] = cached
            return cached

        root_weight = self.root_cause_weight

        def root_terms(effects: dict[str, list[str]]) -> list[tuple[str, float]]:
            # engine.priority_terms with kind "root_cause", in the same (sorted) order.
            pairs = []
            for fid, via in effects.items():
                _, contribution, prefix = term(fid, root_weight)
                pairs.append((f'{prefix},"kind":"root_cause","via":{_j(via)}}}', contribution))
            return pairs

        because_memo = self.because_memo
        because_cache: dict[str, str] = {}
        candidates: list[Candidate] = []
        bodies: dict[str, str] = {}
        for rec_id, rules in fired.items():
            addressed: dict[str, float] = {}
            for entry in rules:
                weight = entry[5]
                for fid in entry[3]:
                    if fid in ranks:
                        addressed[fid] = max(addressed.get(fid, 0.0), weight)
            ordered = sorted(addressed)
            terms = [term(fid, addressed[fid]) for fid in ordered]
            because = []
            for entry in rules:  # pack.recommend_rules is sorted by id, as the engine's "because" is
                text = because_cache.get(entry[0])
                if text is None:
                    present = tuple(filter(ranks.__contains__, entry[8]))
                    because_key: tuple[Any, ...] | None = (entry[0], tuple(map(facts.get, entry[2])), present)
                    try:
                        text = because_memo.get(because_key)  # type: ignore[arg-type]
                    except TypeError:  # a map value (dict) was read: not memoized
                        because_key, text = None, None
                    if text is None:
                        text = (
                            f'{entry[6]}{_values_json(entry[2], facts, memo)},"findings":{_j(list(present))}{entry[7]}'
                        )
                        if because_key is not None and len(because_memo) < MEMO_LIMIT:
                            because_memo[because_key] = text
                    because_cache[entry[0]] = text
                because.append(text)
            addresses_key = tuple(ordered)
            addresses_json = self.ids_json.get(addresses_key)
            if addresses_json is None:
                addresses_json = _j(ordered)
                if len(self.ids_json) < MEMO_LIMIT:
                    self.ids_json[addresses_key] = addresses_json
            bodies[rec_id] = (
                f',"addresses":{addresses_json},"because":[{",".join(because)}],'
                f'"priority_breakdown":[{",".join(t[0] for t in terms)}'
            )
            candidates.append(Candidate(rec_id, tuple(t[1] for t in terms), addresses_key))

        # -- the plan, decided where the models' is (plan.outline_plan)
        outline = outline_plan(
            self.pack, candidates, ranks, dim_scores, scored.overall is not None, root_terms, self.lang
        )
        rec_parts = []
        for position, step in enumerate(outline.steps, start=1):
            middle, tail, requires_json = self.recommendation_parts[step.id]
            body = bodies.get(step.id, _PREREQUISITE_BODY)
            if step.root_terms:
                body += ("," if body[-1] != "[" else "") + ",".join(step.root_terms)
            prerequisite_for = (
                ",".join(self._requires_reference(other, step.id) for other in step.prerequisite_for)
                if step.prerequisite_for
                else ""
            )
            rec_parts.append(
                f'{{"rank":{position}{middle}{_f(step.priority)}{body}]{tail}'
                f"{_j(step.root_cause_of) if step.root_cause_of else '[]'},"
                f'"added_as_prerequisite":{"true" if step.added_as_prerequisite else "false"},'
                f'"prerequisite_for":[{prerequisite_for}]{requires_json}'
                f'{_j(step.supports) if step.supports else "[]"},"expected_gain":{_fo(step.expected_gain)},'
                f'"expected_gain_unscored":{_j(step.expected_gain_unscored) if step.expected_gain_unscored else "[]"},'
                f'"explanation":{_j(step.explanation)}}}'
            )

        # -- findings out, in the engine's order
        finding_order = sorted(ranks, key=lambda fid: (-ranks[fid], fid not in stated_ids, fid))
        finding_parts = []
        for fid in finding_order:
            head, tail = self.finding_head[fid]
            source = '"stated"' if fid in stated_ids else '"derived"'
            finding_parts.append(
                f'{head}"{_RANK_SEVERITY[ranks[fid]]}","source":{source}{tail}{",".join(evidence[fid])}]}}'
            )
        append(',"findings":[')
        append(",".join(finding_parts))
        append('],"recommendations":[')
        append(",".join(rec_parts))
        append('],"data_gaps":[')
        append(self._data_gaps(unknown_rules, scored.missing_primary))
        append(
            f'],"report":null,"report_proposals":[],"roadmap":{_j(outline.roadmap)},"plan_order":"priority","dropped":['
        )
        append(
            ",".join(
                dropped_recommendation(self.pack, dropped, self.lang).model_dump_json() for dropped in outline.dropped
            )
        )
        append("]}")
        summary = Summary(
            program[0],
            program[1],
            program[2],
            scored.overall,
            scored.band,
            scored.coverage,
            scored.dimensions,
            tuple(
                (fid, _RANK_SEVERITY[ranks[fid]], "stated" if fid in stated_ids else "derived") for fid in finding_order
            ),
            tuple((step.id, step.priority) for step in outline.steps),
        )
        return "".join(out), summary

    def _requires_reference(self, other: str, step: str) -> str:
        """JSON of the reference to ``other requires step`` (static per pack)."""
        key = (other, step)
        text = self.requires_references.get(key)
        if text is None:
            text = self.requires_references[key] = relation_reference(
                self.pack, "requires", other, step
            ).model_dump_json()
        return text

    def _data_gaps(self, unknown_rules: dict[str, set[str]], missing_primary: list[tuple[str, list[str]]]) -> str:
        # Mirrors engine._data_gaps: the rules each missing name would decide,
        # then the unscored dimensions its primary metrics would help score.
        decides = {name: sorted(rules) for name, rules in unknown_rules.items() if name != "coverage"}
        dimensions: dict[str, list[str]] = {}
        for dim_id, names in missing_primary:
            for name in names:
                listed = dimensions.setdefault(name, [])
                if dim_id not in listed:
                    listed.append(dim_id)
        parts = []
        for name in sorted(set(decides) | set(dimensions)):
            rules, dims = decides.get(name, []), dimensions.get(name, [])
            key = (name, tuple(rules), tuple(dims))
            fragment = self.gap_memo.get(key)
            if fragment is None:
                fragment = f'{self._gap_label(name)}{_j(rules)},"dimensions":{_j(dims)}}}'
                if len(self.gap_memo) < MEMO_LIMIT:
                    self.gap_memo[key] = fragment
            parts.append(fragment)
        return ",".join(parts)
