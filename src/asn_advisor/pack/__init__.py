"""Rule packs: the models of the rule files, loading with overrides and includes, checks, lint, the knowledge graph."""

from asn_advisor.pack.graph import GRAPH_FORMATS, GRAPH_VIEWS, export_graph, prerequisite_closure
from asn_advisor.pack.lint import lint
from asn_advisor.pack.loader import (
    NATIONAL_PACK,
    CompiledDimension,
    CompiledMetric,
    CompiledRecommend,
    PackFile,
    RecommendationSpec,
    RulePack,
    load_rules,
)

__all__ = [
    "CompiledDimension",
    "CompiledMetric",
    "CompiledRecommend",
    "GRAPH_FORMATS",
    "GRAPH_VIEWS",
    "NATIONAL_PACK",
    "PackFile",
    "RecommendationSpec",
    "RulePack",
    "export_graph",
    "lint",
    "load_rules",
    "prerequisite_closure",
]
