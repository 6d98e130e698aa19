"""The knowledge graph of a rule pack, its checks and its exports.

Nodes are the pack's findings, recommendations and rules; edges are the
relations between them, each read as *source relation target*:

==================  ===============  ================  ===================================
relation            source           target            where it is written
==================  ===============  ================  ===================================
``causes``          finding          finding           ``findings.<id>.causes``
``requires``        recommendation   recommendation    ``recommendations.<id>.requires``
``supports``        recommendation   recommendation    ``recommendations.<id>.supports``
``conflicts_with``  recommendation   recommendation    ``recommendations.<id>.conflicts_with``
``derives``         rule             finding           a ``derive`` rule's ``finding``
``reads``           rule             finding           ``has(...)`` in a rule's ``when``
``recommends``      rule             recommendation    a ``recommend`` rule's ``recommend``
``addresses``       recommendation   finding           a ``recommend`` rule's ``addresses``
==================  ===============  ================  ===================================

:func:`check_relations` runs while a pack loads: a cycle in ``causes`` or
``requires``, a pair that both requires (or supports) and conflicts, and a
recommendation whose prerequisites conflict are load errors naming every
member with its file and line.  :func:`export_graph` writes Mermaid, DOT or
node-link JSON; every export lists nodes and edges in a fixed order so that
the same pack always gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, Protocol

import networkx as nx

from asn_advisor.errors import Location
from asn_advisor.i18n import Message
from asn_advisor.pack.compiled import RulePack
from asn_advisor.pack.models import FindingSpec, RecommendationSpec

__all__ = [
    "GRAPH_FORMATS",
    "GRAPH_VIEWS",
    "NODE_KINDS",
    "RELATIONS",
    "build_graph",
    "check_relations",
    "export_graph",
    "prerequisite_closure",
    "relation_cycles",
]

NodeKind = Literal["finding", "recommendation", "rule"]
NODE_KINDS: tuple[NodeKind, ...] = ("finding", "recommendation", "rule")
RELATIONS = ("causes", "requires", "supports", "conflicts_with", "derives", "reads", "recommends", "addresses")
# The relations between catalog entries (the pack's own knowledge, as opposed
# to the wiring of rules); the "relations" view shows only these.
CATALOG_RELATIONS = ("causes", "requires", "supports", "conflicts_with")
GRAPH_FORMATS = ("mermaid", "dot", "json")
GRAPH_VIEWS = ("full", "relations")


class _Add(Protocol):
    def __call__(
        self, location: Location, message: str, code: str, hint: str | None = None, severity: str = "error"
    ) -> None: ...


# ---------------------------------------------------------------- checks


def relation_cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The cycles of a directed relation, each as the sorted ids of its members.

    Args:
        edges: ``(source, target)`` pairs.

    Returns:
        One sorted member list per strongly connected component that holds a
        cycle (two or more members, or one member related to itself), the
        lists themselves sorted; empty when the relation is acyclic.
    """
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edges_from(edges)
    cycles = [
        sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1 or any(graph.has_edge(n, n) for n in c)
    ]
    return sorted(cycles)


def prerequisite_closure(requires: Mapping[str, Iterable[str]], start: str) -> list[str]:
    """Every recommendation ``start`` needs, directly or through others, sorted.

    Args:
        requires: each recommendation id to the ids it ``requires``.
        start: the recommendation whose prerequisites are wanted.

    Returns:
        The sorted ids of its transitive prerequisites, ``start`` excluded.
    """
    seen: set[str] = set()
    stack = list(requires.get(start, ()))
    while stack:
        current = stack.pop()
        if current in seen or current == start:
            continue
        seen.add(current)
        stack.extend(requires.get(current, ()))
    return sorted(seen)


def _members(
    cycle: list[str], relation: str, edges: set[tuple[str, str]], where: Mapping[tuple[str, str, str], Location]
) -> str:
    parts = []
    members = set(cycle)
    for node in cycle:
        # Each member is shown at the relation that keeps it in the cycle.
        target = next(t for s, t in sorted(edges) if s == node and t in members)
        parts.append(f"{node} -> {target} ({where[(relation, node, target)]})")
    return ", ".join(parts)


def check_relations(
    findings: Mapping[str, FindingSpec],
    recommendations: Mapping[str, RecommendationSpec],
    where: Mapping[tuple[str, str, str], Location],
    add: _Add | Callable[..., None],
) -> None:
    """Report cycles and contradictions in a pack's relations.

    Relations to unknown ids are skipped: the loader reports those itself.

    Args:
        findings: the finding catalog.
        recommendations: the recommendation catalog.
        where: ``(relation, from, to)`` to the location of the relation.
        add: the loader's problem collector, called as
            ``add(location, message, code, hint=...)``.

    Codes: E121 a cycle in ``causes``; E122 a cycle in ``requires``; E123 a
    relation that contradicts itself (a recommendation that conflicts with
    itself, or a pair that both requires or supports and conflicts); E124 a
    recommendation whose prerequisites conflict, so it could never be planned.
    """
    _check_cycles_of_causes(findings, where, add)
    requires_edges = {
        (r, p) for r, spec in recommendations.items() for p in spec.related("requires") if p in recommendations
    }
    cycles = relation_cycles(requires_edges)
    for cycle in cycles:
        first = where[
            ("requires", cycle[0], next(t for s, t in sorted(requires_edges) if s == cycle[0] and t in cycle))
        ]
        add(
            first,
            Message(
                "recommendations form a cycle through 'requires': {members}",
                members=_members(cycle, "requires", requires_edges, where),
            ),
            "E122",
            hint=Message("a prerequisite must be doable before what needs it: remove one of these requires"),
        )
    conflicts = _check_contradictions(recommendations, where, add)
    if cycles or not conflicts:
        return
    _check_unplannable(recommendations, conflicts, where, add)


def _check_cycles_of_causes(
    findings: Mapping[str, FindingSpec], where: Mapping[tuple[str, str, str], Location], add: _Add | Callable[..., None]
) -> None:
    """E121: findings that cause themselves, directly or through others."""
    causes = {(f, c) for f, spec in findings.items() for c in spec.cause_ids if c in findings}
    for cycle in relation_cycles(causes):
        first = where[("causes", cycle[0], next(t for s, t in sorted(causes) if s == cycle[0] and t in cycle))]
        add(
            first,
            Message(
                "findings form a cycle through 'causes': {members}", members=_members(cycle, "causes", causes, where)
            ),
            "E121",
            hint=Message("a finding cannot cause itself, directly or through others: remove one of these causes"),
        )


def _check_contradictions(
    recommendations: Mapping[str, RecommendationSpec],
    where: Mapping[tuple[str, str, str], Location],
    add: _Add | Callable[..., None],
) -> set[frozenset[str]]:
    """E123: relations that contradict themselves; returns the conflicting pairs."""
    conflicts: set[frozenset[str]] = set()
    for rid, spec in sorted(recommendations.items()):
        for other in spec.related("conflicts_with"):
            if other == rid:
                add(
                    where[("conflicts_with", rid, other)],
                    Message("recommendation {id} conflicts with itself", id=repr(rid)),
                    "E123",
                    hint=Message("remove this entry"),
                )
            elif other in recommendations:
                conflicts.add(frozenset((rid, other)))
        for other in spec.related("supports"):
            if other == rid:
                add(
                    where[("supports", rid, other)],
                    Message("recommendation {id} supports itself", id=repr(rid)),
                    "E123",
                    hint=Message("remove this entry"),
                )
    for rid, spec in sorted(recommendations.items()):
        for relation in ("requires", "supports"):
            for other in spec.related(relation):
                if other != rid and frozenset((rid, other)) in conflicts:
                    add(
                        where[(relation, rid, other)],
                        Message(
                            "{id} both {relation} and conflicts with {other}",
                            id=repr(rid),
                            relation=relation,
                            other=repr(other),
                        ),
                        "E123",
                        hint=(
                            Message(
                                "two recommendations that conflict can never be done together: keep one of the two "
                                "relations"
                            )
                        ),
                    )
    return conflicts


def _check_unplannable(
    recommendations: Mapping[str, RecommendationSpec],
    conflicts: set[frozenset[str]],
    where: Mapping[tuple[str, str, str], Location],
    add: _Add | Callable[..., None],
) -> None:
    """E124: a recommendation whose prerequisites conflict, so it could never be planned."""
    requires = {r: [p for p in spec.related("requires") if p in recommendations] for r, spec in recommendations.items()}
    for rid in sorted(recommendations):
        closure = prerequisite_closure(requires, rid)
        members = [rid, *closure]
        clashes = sorted(
            (a, b)
            for i, a in enumerate(members)
            for b in members[i + 1 :]
            if frozenset((a, b)) in conflicts and not (a == rid and b in requires[rid])
        )
        if clashes and requires[rid]:
            a, b = clashes[0]
            add(
                where[("requires", rid, requires[rid][0])],
                Message(
                    "recommendation {id} can never be planned: it needs both {first} and {second}, which conflict"
                    " (prerequisites: {ids})",
                    id=repr(rid),
                    first=repr(a),
                    second=repr(b),
                    ids=", ".join(closure),
                ),
                "E124",
                hint=Message("remove the conflict or one of the prerequisites"),
            )


# ---------------------------------------------------------------- the graph


def _node(kind: str, ident: str) -> str:
    # Findings, recommendations and rules have separate id spaces in a pack,
    # so the kind is part of the node id.
    return f"{kind}:{ident}"


def build_graph(pack: RulePack, *, view: str = "full") -> nx.MultiDiGraph[str]:
    """The pack as a networkx multigraph.

    Args:
        pack: a loaded rule pack.
        view: ``"full"`` (every finding, recommendation and rule with every
            relation) or ``"relations"`` (only ``causes``, ``requires``,
            ``supports`` and ``conflicts_with``, and the entries they join).

    Returns:
        A ``MultiDiGraph`` whose node ids are ``kind:id`` (for example
        ``finding:low_participation``) with attributes ``kind`` and ``id``;
        each edge's key and ``relation`` attribute name its relation.

    Raises:
        ValueError: an unknown view.
    """
    if view not in GRAPH_VIEWS:
        raise ValueError(
            Message("unknown view {view}; choose one of {views}", view=repr(view), views=", ".join(GRAPH_VIEWS))
        )
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()

    def node(kind: str, ident: str) -> str:
        name = _node(kind, ident)
        graph.add_node(name, kind=kind, id=ident)
        return name

    def edge(source: str, target: str, relation: str) -> None:
        graph.add_edge(source, target, key=relation, relation=relation)

    full = view == "full"
    if full:
        for fid in pack.findings:
            node("finding", fid)
        for rid in pack.recommendations:
            node("recommendation", rid)
    for fid, fspec in pack.findings.items():
        for cause in fspec.cause_ids:
            edge(node("finding", fid), node("finding", cause), "causes")
    for rid, rspec in pack.recommendations.items():
        for relation in ("requires", "supports", "conflicts_with"):
            for other in rspec.related(relation):
                edge(node("recommendation", rid), node("recommendation", other), relation)
    if not full:
        return graph
    for derive in pack.derive_rules:
        rule = node("rule", derive.id)
        edge(rule, node("finding", derive.rule.finding), "derives")
        read = set(derive.condition.findings)
        for condition, _ in derive.escalations:
            read |= condition.findings
        for fid in sorted(read):
            edge(rule, node("finding", fid), "reads")
    for recommend in pack.recommend_rules:
        rule = node("rule", recommend.id)
        for fid in sorted(recommend.condition.findings):
            edge(rule, node("finding", fid), "reads")
        for rid in recommend.rule.recommend:
            edge(rule, node("recommendation", rid), "recommends")
            for fid in recommend.addresses:
                edge(node("recommendation", rid), node("finding", fid), "addresses")
    return graph


def _ordered(graph: nx.MultiDiGraph[str]) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    kind_rank = {kind: i for i, kind in enumerate(NODE_KINDS)}
    nodes = sorted(((n, d["kind"], d["id"]) for n, d in graph.nodes(data=True)), key=lambda t: (kind_rank[t[1]], t[2]))
    rel_rank = {rel: i for i, rel in enumerate(RELATIONS)}
    links = sorted(((s, t, k) for s, t, k in graph.edges(keys=True)), key=lambda e: (rel_rank[e[2]], e[0], e[1]))
    return nodes, links


def _to_json(graph: nx.MultiDiGraph[str]) -> str:
    nodes, links = _ordered(graph)
    # "multigraph" and each link's "key" (its relation) let networkx's
    # node_link_graph() rebuild the graph exactly: two entries may be joined
    # by more than one relation.
    data: dict[str, Any] = {
        "directed": True,
        "multigraph": True,
        "nodes": [{"id": name, "kind": kind, "label": ident} for name, kind, ident in nodes],
        "links": [{"source": s, "target": t, "relation": r, "key": r} for s, t, r in links],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_MERMAID_ARROWS = {
    "causes": "-->|causes|",
    "requires": "==>|requires|",
    "supports": "-.->|supports|",
    "conflicts_with": "x--x|conflicts_with|",
    "derives": "-->|derives|",
    "reads": "-.->|reads|",
    "recommends": "-->|recommends|",
    "addresses": "-.->|addresses|",
}
_MERMAID_SHAPES = {"finding": ('(["', '"])'), "recommendation": ('["', '"]'), "rule": ('{{"', '"}}')}


def _mermaid_id(name: str) -> str:
    kind, ident = name.split(":", 1)
    # Mermaid ids allow letters, digits and underscores only.
    return kind[0] + "_" + "".join(c if c.isalnum() else "_" for c in ident)


def _to_mermaid(graph: nx.MultiDiGraph[str]) -> str:
    nodes, links = _ordered(graph)
    lines = ["flowchart LR"]
    for name, kind, ident in nodes:
        left, right = _MERMAID_SHAPES[kind]
        lines.append(f"  {_mermaid_id(name)}{left}{ident}{right}")
    for source, target, relation in links:
        lines.append(f"  {_mermaid_id(source)} {_MERMAID_ARROWS[relation]} {_mermaid_id(target)}")
    for kind, style in (
        ("finding", "fill:#fde2e2,stroke:#b33"),
        ("recommendation", "fill:#e2f0fd,stroke:#36b"),
        ("rule", "fill:#eee,stroke:#777"),
    ):
        members = [_mermaid_id(n) for n, k, _ in nodes if k == kind]
        if members:
            lines.append(f"  classDef {kind} {style}")
            lines.append(f"  class {','.join(members)} {kind}")
    return "\n".join(lines) + "\n"


_DOT_SHAPES = {"finding": "ellipse", "recommendation": "box", "rule": "hexagon"}
_DOT_STYLES = {
    "causes": 'color="#b33333"',
    "requires": "style=bold",
    "supports": "style=dashed",
    "conflicts_with": 'color="#cc0000", dir=both, arrowhead=tee, arrowtail=tee',
    "derives": "",
    "reads": "style=dotted",
    "recommends": "",
    "addresses": "style=dashed",
}


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _to_dot(graph: nx.MultiDiGraph[str], name: str) -> str:
    nodes, links = _ordered(graph)
    lines = [f"digraph {_dot_quote(name)} {{", "  rankdir=LR;"]
    for node, kind, ident in nodes:
        lines.append(f"  {_dot_quote(node)} [label={_dot_quote(ident)}, shape={_DOT_SHAPES[kind]}, kind={kind}];")
    for source, target, relation in links:
        style = _DOT_STYLES[relation]
        attrs = f"label={relation}" + (f", {style}" if style else "")
        lines.append(f"  {_dot_quote(source)} -> {_dot_quote(target)} [{attrs}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def export_graph(pack: RulePack, fmt: str = "mermaid", *, view: str = "full") -> str:
    """The pack's graph as Mermaid, DOT or node-link JSON text.

    Args:
        pack: a loaded rule pack.
        fmt: ``"mermaid"``, ``"dot"`` or ``"json"``.  JSON is node-link data:
            ``{"directed": true, "multigraph": true, "nodes": [{"id", "kind",
            "label"}], "links": [{"source", "target", "relation", "key"}]}``
            (``key`` repeats the relation, for ``networkx.node_link_graph``).
        view: ``"full"`` or ``"relations"`` (see :func:`build_graph`).

    Returns:
        The text, ending with a newline; identical for identical packs.

    Raises:
        ValueError: an unknown format or view.
    """
    graph = build_graph(pack, view=view)
    if fmt == "json":
        return _to_json(graph)
    if fmt == "mermaid":
        return _to_mermaid(graph)
    if fmt == "dot":
        return _to_dot(graph, pack.id)
    raise ValueError(
        Message(
            "unknown graph format {name}; choose one of {formats}", name=repr(fmt), formats=", ".join(GRAPH_FORMATS)
        )
    )
