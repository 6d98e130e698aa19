"""The pack's knowledge graph: relations, their checks at load time, and exports."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from asn_advisor import RulePack, RulePackError, load_rules
from asn_advisor.cli import main
from asn_advisor.pack.graph import build_graph, export_graph, relation_cycles

from .conftest import ROOT

BASE = """
    indicators:
      participation_rate: {type: percent, label: {id: Partisipasi, en: Participation}}
    scoring:
      bands:
        - {id: tinggi, min: 71, label: {id: Tinggi, en: High}}
        - {id: rendah, min: 0, label: {id: Rendah, en: Low}}
    dimensions:
      access:
        label: {id: Akses, en: Access}
        weight: 1
        metrics:
          - {indicator: participation_rate, primary: true}
"""


def _pack(write_pack: Callable[..., Path], findings: str, recommendations: str, recommend: str = "") -> Path:
    files = {"base.yaml": BASE, "catalog.yaml": findings + recommendations + recommend}
    return write_pack(files)


FINDINGS = """
findings:
  a: {label: {id: A, en: A}, dimension: access, causes: [b]}
  b:
    label: {id: B, en: B}
    dimension: access
    causes:
      - {id: c, source: "Seed X"}
  c: {label: {id: C, en: C}, dimension: access, causes: [a]}
"""
RECS = """
recommendations:
  x: {label: {id: X, en: X}}
"""


def test_cause_cycle_names_every_member_with_file_and_line(write_pack: Callable[..., Path]) -> None:
    """A cycle in causes is a load error listing each member at its relation."""
    with pytest.raises(RulePackError) as caught:
        load_rules(_pack(write_pack, FINDINGS, RECS))
    [problem] = [p for p in caught.value.problems if p.code == "E121"]
    text = str(problem)
    for member in ("a -> b", "b -> c", "c -> a"):
        assert member in text
    assert re.search(r"a -> b \(\S+catalog\.yaml:2:\d+\)", text)
    assert re.search(r"b -> c \(\S+catalog\.yaml:7:\d+\)", text)
    assert re.search(r"c -> a \(\S+catalog\.yaml:8:\d+\)", text)
    assert problem.hint


def test_requires_cycle_names_every_member(write_pack: Callable[..., Path]) -> None:
    """A cycle in requires is a load error naming its members with file and line."""
    recs = """
recommendations:
  x: {label: {id: X, en: X}, requires: [y]}
  y: {label: {id: Y, en: Y}, requires: [{id: z, source: "S"}]}
  z: {label: {id: Z, en: Z}, requires: [x]}
  w: {label: {id: W, en: W}, requires: [w]}
"""
    findings = "findings:\n  a: {label: {id: A, en: A}, dimension: access}\n"
    with pytest.raises(RulePackError) as caught:
        load_rules(_pack(write_pack, findings, recs))
    cycles = sorted((str(p) for p in caught.value.problems if p.code == "E122"), key=lambda text: "w -> w" not in text)
    assert len(cycles) == 2
    assert "w -> w" in cycles[0] and "catalog.yaml:8:" in cycles[0]
    assert all(m in cycles[1] for m in ("x -> y", "y -> z", "z -> x"))
    assert "catalog.yaml:5:" in cycles[1] and "catalog.yaml:6:" in cycles[1] and "catalog.yaml:7:" in cycles[1]


def test_contradictory_and_unsatisfiable_relations(write_pack: Callable[..., Path]) -> None:
    """Requires plus conflicts, self-conflict, and conflicting prerequisites are errors."""
    recs = """
recommendations:
  x: {label: {id: X, en: X}, requires: [y], conflicts_with: [y]}
  s: {label: {id: S, en: S}, conflicts_with: [s]}
  p: {label: {id: P, en: P}, requires: [q, r]}
  q: {label: {id: Q, en: Q}, conflicts_with: [r]}
  r: {label: {id: R, en: R}}
  y: {label: {id: Y, en: Y}}
"""
    findings = "findings:\n  a: {label: {id: A, en: A}, dimension: access}\n"
    with pytest.raises(RulePackError) as caught:
        load_rules(_pack(write_pack, findings, recs))
    codes = sorted(p.code for p in caught.value.problems)
    assert codes.count("E123") == 2 and codes.count("E124") == 1
    [unsat] = [p for p in caught.value.problems if p.code == "E124"]
    assert "'p'" in unsat.message and "'q'" in unsat.message and "'r'" in unsat.message


def test_unknown_relation_ids_get_suggestions(write_pack: Callable[..., Path]) -> None:
    """A misspelled relation target is an error with a did-you-mean hint."""
    recs = """
recommendations:
  mentoring: {label: {id: M, en: M}, requires: [{id: leadershp, source: "S"}]}
  leadership: {label: {id: L, en: L}}
"""
    findings = "findings:\n  a: {label: {id: A, en: A}, dimension: access, causes: [{id: aa, sorce: x}]}\n"
    with pytest.raises(RulePackError) as caught:
        load_rules(_pack(write_pack, findings, recs))
    messages = {p.message: p for p in caught.value.problems}
    assert any("leadershp" in m and messages[m].hint == "did you mean 'leadership'?" for m in messages)
    assert any("unknown key 'sorce'" in m and messages[m].hint == "did you mean 'source'?" for m in messages)


def test_relation_cycles_is_sorted_and_empty_when_acyclic() -> None:
    """relation_cycles returns sorted members, nothing for a DAG."""
    assert relation_cycles([("a", "b"), ("b", "c")]) == []
    assert relation_cycles([("b", "a"), ("a", "b"), ("c", "c")]) == [["a", "b"], ["c"]]


def test_shipped_relations_cite_their_sources(pack: RulePack) -> None:
    """Every relation in the national pack names its source."""
    count = 0
    for spec in pack.findings.values():
        for relation in spec.causes:
            assert relation.source, relation.id
            count += 1
    for rec in pack.recommendations.values():
        for relation in (*rec.requires, *rec.supports, *rec.conflicts_with):
            assert relation.source, relation.id
            count += 1
    assert count >= 20


def test_shipped_graph_has_every_kind_and_relation(pack: RulePack) -> None:
    """The full graph holds findings, recommendations, rules and the relations between them."""
    graph = build_graph(pack)
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    relations = {k for _, _, k in graph.edges(keys=True)}
    assert kinds == {"finding", "recommendation", "rule"}
    assert {"causes", "requires", "supports", "derives", "reads", "recommends", "addresses"} <= relations
    assert graph.has_edge("finding:time_conflict", "finding:low_participation", key="causes")
    assert graph.has_edge("recommendation:follow_up_platform", "recommendation:leadership_support", key="requires")


def test_json_export_is_node_link_and_deterministic(pack: RulePack) -> None:
    """--format json is node-link data with id/kind nodes and source/target/relation links."""
    text = export_graph(pack, "json")
    assert text == export_graph(load_rules(ROOT / "rules", display="rules"), "json")
    data = json.loads(text)
    ids = {n["id"] for n in data["nodes"]}
    assert all({"id", "kind"} <= set(n) for n in data["nodes"])
    assert all(link["source"] in ids and link["target"] in ids for link in data["links"])
    assert {
        "source": "finding:weak_supervisor_support",
        "target": "finding:low_transfer",
        "relation": "causes",
        "key": "causes",
    } in data["links"]
    import networkx as nx

    graph = nx.node_link_graph(data, edges="links")
    assert graph.number_of_nodes() == len(data["nodes"]) and graph.number_of_edges() == len(data["links"])
    assert graph.has_edge("recommendation:follow_up_platform", "recommendation:leadership_support", key="requires")


def test_mermaid_and_dot_exports(pack: RulePack) -> None:
    """Mermaid and DOT exports name the nodes and label the relations."""
    mermaid = export_graph(pack, "mermaid", view="relations")
    assert mermaid.startswith("flowchart LR\n")
    assert "f_time_conflict -->|causes| f_low_participation" in mermaid
    assert "r_follow_up_platform ==>|requires| r_leadership_support" in mermaid
    assert "rule" not in {line.split("_", 1)[0].strip() for line in mermaid.splitlines()}
    dot = export_graph(pack, "dot")
    assert dot.startswith('digraph "nasional" {') and dot.rstrip().endswith("}")
    assert '"finding:time_conflict" -> "finding:low_participation" [label=causes' in dot
    with pytest.raises(ValueError):
        export_graph(pack, "svg")


def test_rules_graph_cli(runner: CliRunner, tmp_path: Path) -> None:
    """rules graph prints every format and writes files with -o."""
    for fmt in ("mermaid", "dot", "json"):
        result = runner.invoke(main, ["rules", "graph", "--format", fmt])
        assert result.exit_code == 0, result.output
    out = tmp_path / "g.json"
    assert (
        runner.invoke(main, ["rules", "graph", str(ROOT / "rules"), "--format", "json", "-o", str(out)]).exit_code == 0
    )
    assert json.loads(out.read_text(encoding="utf-8"))["links"]
    bad = runner.invoke(main, ["rules", "graph", str(tmp_path)])
    assert bad.exit_code == 4 and "Traceback" not in bad.output


def test_docs_show_the_current_graph(pack: RulePack) -> None:
    """docs/plan.md holds the shipped pack's relations graph as the command prints it."""
    text = (ROOT / "docs" / "plan.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- graph:begin -->\n```mermaid\n(.*?)```\n<!-- graph:end -->", text, re.S)
    assert match, "docs/plan.md lacks the generated graph block"
    assert match.group(1) == export_graph(pack, "mermaid", view="relations"), (
        "regenerate with: asn-advisor rules graph --format mermaid --view relations"
    )


def test_rules_check_reports_a_requires_cycle(runner: CliRunner, write_pack: Callable[..., Path]) -> None:
    """rules check exits with the rules code and prints each cycle with its members."""
    recs = """
recommendations:
  x: {label: {id: X, en: X}, requires: [y]}
  y: {label: {id: Y, en: Y}, requires: [x]}
"""
    root = _pack(write_pack, "findings:\n  a: {label: {id: A, en: A}, dimension: access}\n", recs)
    result = runner.invoke(main, ["rules", "check", str(root)])
    assert result.exit_code == 4
    assert "E122" in result.output and "x -> y" in result.output and "y -> x" in result.output
    assert "Traceback" not in result.output
