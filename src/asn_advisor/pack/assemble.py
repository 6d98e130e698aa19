"""Assembling a pack: checking the references of its merged files and compiling their conditions into a RulePack."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from asn_advisor._base import Document, unknown_id_hint
from asn_advisor.condition import Condition, ConditionError, NameInfo, Vocabulary
from asn_advisor.errors import Location
from asn_advisor.i18n import Message
from asn_advisor.pack.collector import Collector
from asn_advisor.pack.compiled import (
    CompiledCap,
    CompiledDerive,
    CompiledDimension,
    CompiledMetric,
    CompiledRecommend,
    RulePack,
)
from asn_advisor.pack.graph import check_relations
from asn_advisor.pack.merging import Merged, merge_sections
from asn_advisor.pack.models import IndicatorSpec, MetricSpec, PackFile
from asn_advisor.pack.overrides import apply_overrides
from asn_advisor.pack.reading import Source
from asn_advisor.reader import check_targets, compile_patterns

__all__ = ["assemble"]


def _vocabulary(indicators: dict[str, IndicatorSpec], findings: Iterable[str]) -> Vocabulary:
    names: dict[str, NameInfo] = {}
    for name, spec in indicators.items():
        low, high = spec.bounds()
        if spec.type in ("percent", "number", "rating"):
            names[name] = NameInfo("number", minimum=low, maximum=high)
        elif spec.type == "bool":
            names[name] = NameInfo("bool")
        elif spec.type == "list":
            names[name] = NameInfo("list", values=tuple(spec.values or ()))
        elif spec.type == "map":
            names[name] = NameInfo("map")
            for key in spec.keys or ():
                names[f"{name}.{key}"] = NameInfo("number", minimum=0.0, maximum=100.0)
    names["coverage"] = NameInfo("number", minimum=0.0, maximum=100.0)
    return Vocabulary(names=names, findings=frozenset(findings))


def assemble(
    parsed: list[tuple[Source, PackFile]],
    sources: list[Source],
    root: Path,
    out: Collector,
    broken: dict[str, set[str]],
) -> RulePack | None:
    """Merge the parsed files of a pack, check every reference and compile every condition.

    Problems go to ``out``, in the order the steps below find them; returns
    ``None`` when there is an error.  ``broken`` names the entries that failed
    validation, so that references to them are not reported a second time.
    """
    own_manifest = next(source for source in sources if source.manifest and not source.inherited)
    manifest_pf = next((pf for source, pf in parsed if source is own_manifest), None)
    meta = manifest_pf.pack if manifest_pf else None
    if manifest_pf is not None and meta is None:
        out.add(
            Location(own_manifest.doc.file, 1, 1),
            Message("pack.yaml needs a 'pack:' section with id and version"),
            "E107",
            hint=Message('pack: {{id: nasional, version: "1"}}'),
        )

    merged = merge_sections(parsed, own_manifest, out)
    merged.scoring, merged.at = apply_overrides(
        parsed,
        merged.indicators,
        merged.findings,
        merged.recommendations,
        merged.dimensions,
        merged.scoring,
        merged.derive,
        merged.recommend,
        out,
    )
    _check_indicators(merged, out)
    _check_scoring(merged, out)

    compiler = _Compiler(_build_vocabulary(merged, broken), out)
    silent = {kind: broken.get(kind, set()) for kind in ("findings", "recommendations", "dimensions", "indicators")}
    relation_locations = _check_references(merged, silent, out)
    in_place = _compile_in_place(merged, compiler)
    dimensions = _compile_dimensions(merged, compiler, silent, out)
    rules = _RuleCompiler(merged, compiler, silent, out)
    compiled_derive = rules.derive()
    compiled_recommend = rules.recommend()
    ordered = _order_derive_rules(compiled_derive, out)
    _check_extract(merged, silent, out)

    if meta is None or out.errors:
        return None
    origins, own_rules = _origins(merged)
    return RulePack(
        meta=meta,
        root=root,
        files=tuple(s.doc.file for s in sources),
        digest=_digest(sources),
        indicators=merged.indicators,
        findings=merged.findings,
        recommendations=merged.recommendations,
        scoring=merged.scoring,
        dimensions=dimensions,
        derive_rules=tuple(ordered),
        recommend_rules=tuple(sorted(compiled_recommend, key=lambda r: r.id)),
        vocabulary=compiler.vocabulary,
        locations=rules.locations,
        extract=merged.extract,
        in_place=in_place,
        origins=origins,
        own_files=frozenset(source.doc.file for source in sources if not source.inherited),
        own_rules=own_rules,
        extends=manifest_pf.extends if manifest_pf else None,
        relation_locations=relation_locations,
        paths=tuple(s.path for s in sources if s.path is not None),
    )


def _check_indicators(merged: Merged, out: Collector) -> None:
    """Indicator specs that need keys or values."""
    for name, spec in merged.indicators.items():
        source, path = merged.ind_where[name]
        if spec.type == "map" and not spec.keys:
            out.add(
                source.doc.locate(path), Message("indicator {name} of type map needs 'keys'", name=repr(name)), "E109"
            )
        for key in spec.key_labels or {}:
            if key not in (spec.keys or []):
                out.add(
                    source.doc.locate((*path, "key_labels", key)),
                    Message(
                        "indicator {name} labels key {key}, which is not one of its keys",
                        name=repr(name),
                        key=repr(key),
                    ),
                    "E111",
                    hint=unknown_id_hint(
                        key, spec.keys or [], Message("keys: {keys}", keys=", ".join(spec.keys or []))
                    ),
                )
        if spec.type == "list" and not spec.values:
            out.add(
                source.doc.locate(path),
                Message("indicator {name} of type list needs 'values'", name=repr(name)),
                "E109",
            )


def _check_scoring(merged: Merged, out: Collector) -> None:
    """The bands run from the highest min down to a last band at 0."""
    if merged.scoring_source is None:
        return
    scoring, doc = merged.scoring, merged.scoring_source.doc
    mins = [b.min for b in scoring.bands]
    if mins != sorted(mins, reverse=True):
        out.add(
            doc.locate(("scoring", "bands")), Message("bands must be listed from the highest min to the lowest"), "E110"
        )
    if scoring.bands and scoring.bands[-1].min != 0:
        out.add(
            doc.locate(("scoring", "bands")),
            Message("the last band must start at min: 0 so every score has a band"),
            "E110",
        )


def _build_vocabulary(merged: Merged, broken: dict[str, set[str]]) -> Vocabulary:
    """The names conditions may use, counting entries that failed validation so they are not reported again."""
    vocabulary = _vocabulary(merged.indicators, set(merged.findings) | broken.get("findings", set()))
    for item in broken.get("indicator_types", set()):
        name, kind = item.split(":", 1)
        vocabulary.names.setdefault(name, NameInfo({"bool": "bool", "list": "list", "map": "map"}.get(kind, "number")))
    return vocabulary


class _Compiler:
    """Compiles conditions against the pack's vocabulary, reporting each error where its text is."""

    def __init__(self, vocabulary: Vocabulary, out: Collector) -> None:
        self.vocabulary = vocabulary
        self.out = out

    def compile(self, source: Source, path: tuple[Any, ...], text: str, expect: str = "bool") -> Condition | None:
        try:
            return Condition.compile(text, self.vocabulary, expect=expect)
        except ConditionError as exc:
            self.out.add(source.doc.expression_location(path, exc.offset), exc.message, "E301", hint=exc.hint)
            return None


def _check_references(
    merged: Merged, silent: dict[str, set[str]], out: Collector
) -> dict[tuple[str, str, str], Location]:
    """Findings name known dimensions and causes, recommendations known relatives; returns where each relation is."""
    findings, recommendations, dimensions = merged.findings, merged.recommendations, merged.dimensions
    relation_locations: dict[tuple[str, str, str], Location] = {}
    for fid, spec in findings.items():
        source, path = merged.find_where[fid]
        if spec.dimension not in dimensions and spec.dimension not in silent["dimensions"]:
            out.add(
                source.doc.locate((*path, "dimension")),
                Message("unknown dimension {name}", name=repr(spec.dimension)),
                "E111",
                hint=unknown_id_hint(
                    spec.dimension, dimensions, Message("dimensions: {names}", names=", ".join(sorted(dimensions)))
                ),
            )
        for i, cause in enumerate(spec.cause_ids):
            relation_locations[("causes", fid, cause)] = source.doc.locate((*path, "causes", i))
            if cause not in findings and cause not in silent["findings"]:
                out.add(
                    source.doc.locate((*path, "causes", i)),
                    Message("unknown finding {id}", id=repr(cause)),
                    "E111",
                    hint=unknown_id_hint(cause, findings, None),
                )
    for rid, spec in recommendations.items():
        source, path = merged.rec_where[rid]
        for relation in ("requires", "supports", "conflicts_with"):
            for i, other in enumerate(spec.related(relation)):
                relation_locations[(relation, rid, other)] = source.doc.locate((*path, relation, i))
                if other not in recommendations and other not in silent["recommendations"]:
                    out.add(
                        source.doc.locate((*path, relation, i)),
                        Message("unknown recommendation {id}", id=repr(other)),
                        "E111",
                        hint=unknown_id_hint(other, recommendations, None),
                    )
    check_relations(findings, recommendations, relation_locations, out.add)
    return relation_locations


def _compile_in_place(merged: Merged, compiler: _Compiler) -> dict[str, Condition]:
    """The ``in_place_when`` of each recommendation that has one."""
    in_place: dict[str, Condition] = {}
    for rid, spec in merged.recommendations.items():
        if spec.in_place_when is not None:
            source, path = merged.rec_where[rid]
            compiled = compiler.compile(source, (*path, "in_place_when"), spec.in_place_when)
            if compiled is not None:
                in_place[rid] = compiled
    return in_place


def _compile_dimensions(
    merged: Merged, compiler: _Compiler, silent: dict[str, set[str]], out: Collector
) -> dict[str, CompiledDimension]:
    """Each dimension with its metrics and caps compiled; a dimension needs a primary metric."""
    compiled_dims: dict[str, CompiledDimension] = {}
    for did, dspec in merged.dimensions.items():
        source, path = merged.dim_where[did]
        metrics: list[CompiledMetric] = []
        for i, metric in enumerate(dspec.metrics):
            compiled = _compile_metric(merged, compiler, silent, source, (*path, "metrics", i), metric)
            if compiled is not None:
                metrics.append(compiled)
        if not any(m.primary for m in dspec.metrics):
            out.add(
                source.doc.locate((*path, "metrics")),
                Message("dimension {name} has no primary metric, so it can never be scored", name=repr(did)),
                "E113",
                hint=Message("mark one metric with primary: true"),
            )
        caps: list[CompiledCap] = []
        for i, cap in enumerate(dspec.caps):
            condition = compiler.compile(source, (*path, "caps", i, "when"), cap.when)
            if condition is not None:
                caps.append(CompiledCap(cap, condition, source.doc.locate((*path, "caps", i))))
        primary = frozenset(n for m in metrics if m.spec.primary for n in m.evaluate.names)
        compiled_dims[did] = CompiledDimension(did, dspec, tuple(metrics), tuple(caps), primary)
    return compiled_dims


def _compile_metric(
    merged: Merged,
    compiler: _Compiler,
    silent: dict[str, set[str]],
    source: Source,
    mpath: tuple[Any, ...],
    metric: MetricSpec,
) -> CompiledMetric | None:
    """A metric reads one scorable indicator (true/false ones through a map) or computes an expression."""
    out, names = compiler.out, compiler.vocabulary.names
    if (metric.indicator is None) == (metric.expr is None):
        out.add(source.doc.locate(mpath), Message("a metric needs exactly one of 'indicator' or 'expr'"), "E112")
        return None
    if metric.indicator is not None:
        if metric.indicator in silent["indicators"]:
            return None
        if metric.indicator not in names or names[metric.indicator].kind in ("list", "map"):
            out.add(
                source.doc.locate((*mpath, "indicator")),
                Message("unknown or unscorable indicator {name}", name=repr(metric.indicator)),
                "E111",
                hint=unknown_id_hint(metric.indicator, merged.indicators, None),
            )
            return None
        kind = names[metric.indicator].kind
        if kind == "bool" and metric.map is None:
            out.add(
                source.doc.locate(mpath),
                Message(
                    "metric {name} is true/false: give a map such as {{true: 100, false: 0}}",
                    name=repr(metric.indicator),
                ),
                "E112",
            )
            return None
        condition = compiler.compile(source, (*mpath, "indicator"), metric.indicator, expect=kind)
    else:
        condition = compiler.compile(source, (*mpath, "expr"), metric.expr or "", expect="number")
    if condition is None:
        return None
    return CompiledMetric(metric, metric.indicator or metric.expr or "", condition)


class _RuleCompiler:
    """Compiles the derive and recommend rules, checking that ids are unique and references known."""

    def __init__(self, merged: Merged, compiler: _Compiler, silent: dict[str, set[str]], out: Collector) -> None:
        self.merged = merged
        self.compiler = compiler
        self.silent = silent
        self.out = out
        self.rule_ids: dict[str, Location] = {}
        #: Where each compiled rule is shown in messages and explanations.
        self.locations: dict[str, Location] = {}

    def register(self, rule_id: str, location: Location) -> None:
        if rule_id in self.rule_ids:
            self.out.add(
                location,
                Message(
                    "rule id {id} is used twice (first at {where})", id=repr(rule_id), where=self.rule_ids[rule_id]
                ),
                "E114",
                hint=Message("every rule needs its own id; to change an inherited rule use override: or disable:"),
            )
        else:
            self.rule_ids[rule_id] = location

    def effective(self, rule_id: str, location: Location) -> Location:
        # An overridden rule is shown where it was last overridden: that is the
        # text that decides it in this pack (the override names the rule's id).
        where = self.merged.at.get(("override", rule_id))
        return where[0].doc.locate(where[1], key=True) if where is not None else location

    def derive(self) -> list[CompiledDerive]:
        merged, out, at = self.merged, self.out, self.merged.at
        compiled_derive: list[CompiledDerive] = []
        for source, i, rule in merged.derive:
            path = ("derive", i)
            location = source.doc.locate(path)
            self.register(rule.id, location)
            if rule.finding not in merged.findings and rule.finding not in self.silent["findings"]:
                out.add(
                    source.doc.locate((*path, "finding")),
                    Message("unknown finding {id}", id=repr(rule.finding)),
                    "E111",
                    hint=unknown_id_hint(
                        rule.finding, merged.findings, Message("finding ids are defined under findings:")
                    ),
                )
            condition = self.compiler.compile(*at.get(("when", rule.id), (source, (*path, "when"))), rule.when)
            esc_source, esc_path = at.get(("escalate", rule.id), (source, (*path, "escalate")))
            escalations: list[tuple[Condition, str]] = []
            for j, esc in enumerate(rule.escalate):
                esc_condition = self.compiler.compile(esc_source, (*esc_path, j, "when"), esc.when)
                if esc_condition is not None:
                    escalations.append((esc_condition, esc.severity))
            if condition is not None:
                location = self.effective(rule.id, location)
                compiled_derive.append(CompiledDerive(rule, condition, tuple(escalations), location))
                self.locations[rule.id] = location
        return compiled_derive

    def recommend(self) -> list[CompiledRecommend]:
        merged, out, at = self.merged, self.out, self.merged.at
        recommendations, findings = merged.recommendations, merged.findings
        compiled_recommend: list[CompiledRecommend] = []
        for source, i, rec_rule in merged.recommend:
            path = ("recommend", i)
            location = source.doc.locate(path)
            self.register(rec_rule.id, location)
            for j, rec in enumerate(rec_rule.recommend):
                if rec not in recommendations and rec not in self.silent["recommendations"]:
                    out.add(
                        source.doc.locate((*path, "recommend", j)),
                        Message("unknown recommendation {id}", id=repr(rec)),
                        "E111",
                        hint=unknown_id_hint(
                            rec, recommendations, Message("recommendation ids are defined under recommendations:")
                        ),
                    )
            for j, fid in enumerate(rec_rule.addresses or []):
                if fid not in findings and fid not in self.silent["findings"]:
                    out.add(
                        source.doc.locate((*path, "addresses", j)),
                        Message("unknown finding {id}", id=repr(fid)),
                        "E111",
                        hint=unknown_id_hint(fid, findings, None),
                    )
            condition = self.compiler.compile(*at.get(("when", rec_rule.id), (source, (*path, "when"))), rec_rule.when)
            if condition is None:
                continue
            addresses = tuple(sorted(rec_rule.addresses if rec_rule.addresses is not None else condition.findings))
            if not addresses:
                out.add(
                    source.doc.locate((*path, "when")),
                    Message("rule {id} addresses no finding", id=repr(rec_rule.id)),
                    "E115",
                    hint=Message("add addresses: [finding_id], or test a finding with has(...)"),
                )
                continue
            location = self.effective(rec_rule.id, location)
            compiled_recommend.append(CompiledRecommend(rec_rule, condition, addresses, location))
            self.locations[rec_rule.id] = location
        return compiled_recommend


def _check_extract(merged: Merged, silent: dict[str, set[str]], out: Collector) -> None:
    """Extraction patterns: the word notation, and the ids they produce."""
    extract, extract_source = merged.extract, merged.extract_source
    if extract is None or extract_source is None:
        return
    out.extend(compile_patterns(extract, extract_source.doc))
    for problem in check_targets(
        extract,
        findings=set(merged.findings) | silent["findings"],
        recommendations=set(merged.recommendations) | silent["recommendations"],
        indicators=set(merged.indicators) | silent["indicators"],
        doc=extract_source.doc,
    ):
        out.problems.append(problem)


def _origins(
    merged: Merged,
) -> tuple[dict[tuple[str, str], tuple[Document, tuple[Any, ...]]], frozenset[str]]:
    """Where each element is written (see ``RulePack.origins``), and the rules the pack's own files define."""
    at = merged.at
    origins: dict[tuple[str, str], tuple[Document, tuple[Any, ...]]] = {}
    for kind, where in (
        ("indicator", merged.ind_where),
        ("finding", merged.find_where),
        ("recommendation", merged.rec_where),
        ("dimension", merged.dim_where),
    ):
        for key, (source, path) in where.items():
            origins[(kind, key)] = (source.doc, path)
    if merged.scoring_source is not None:
        origins[("scoring", "")] = (merged.scoring_source.doc, ("scoring",))
    placed: list[tuple[str, Source, int, str]] = [("derive", s, i, r.id) for s, i, r in merged.derive] + [
        ("recommend", s, i, r.id) for s, i, r in merged.recommend
    ]
    for kind, source, i, rule_id in placed:
        origins[("rule", rule_id)] = (source.doc, (kind, i))
        when_source, when_path = at.get(("when", rule_id), (source, (kind, i, "when")))
        origins[("when", rule_id)] = (when_source.doc, when_path)
        if kind == "derive":
            esc_source, esc_path = at.get(("escalate", rule_id), (source, (kind, i, "escalate")))
            origins[("escalate", rule_id)] = (esc_source.doc, esc_path)
    for (kind, key), (source, path) in at.items():
        if kind == "override":
            origins[("override", key)] = (source.doc, path)
    own_rules = {rule_id for _, source, _, rule_id in placed if not source.inherited}
    own_rules |= {key for (kind, key), (source, _) in at.items() if kind == "override" and not source.inherited}
    return origins, frozenset(own_rules)


def _digest(sources: list[Source]) -> str:
    """A short hash of every file's name and content, in merge order."""
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.doc.file.encode())
        digest.update(b"\0")
        digest.update(repr(source.doc.data).encode())
    return digest.hexdigest()[:16]


def _order_derive_rules(rules: list[CompiledDerive], out: Collector) -> list[CompiledDerive]:
    """Order derivation rules so that a rule reading a finding runs after every rule producing it."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    by_id = {rule.id: rule for rule in rules}
    producers: dict[str, list[str]] = {}
    for rule in rules:
        graph.add_node(rule.id)
        producers.setdefault(rule.rule.finding, []).append(rule.id)
    for rule in rules:
        read = set(rule.condition.findings)
        for condition, _ in rule.escalations:
            read |= condition.findings
        for finding in read:
            for producer in producers.get(finding, []):
                graph.add_edge(producer, rule.id)
    try:
        return [by_id[rid] for rid in nx.lexicographical_topological_sort(graph)]
    except nx.NetworkXUnfeasible:
        for component in sorted(
            sorted(c)
            for c in nx.strongly_connected_components(graph)
            if len(c) > 1 or any(graph.has_edge(n, n) for n in c)
        ):
            members = ", ".join(f"{rid} ({by_id[rid].location})" for rid in component)
            first = by_id[component[0]]
            out.add(
                first.location,
                Message(
                    "derivation rules form a cycle through the findings they produce and read: {members}",
                    members=members,
                ),
                "E116",
                hint=Message("break the cycle: a rule cannot depend, directly or not, on its own finding"),
            )
        return sorted(rules, key=lambda r: r.id)
