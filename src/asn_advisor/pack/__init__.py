"""Rule packs: the models of the rule files, loading with overrides and includes, checks, lint, the knowledge graph."""

from asn_advisor.pack.compiled import CompiledDerive, CompiledDimension, CompiledMetric, CompiledRecommend, RulePack
from asn_advisor.pack.graph import GRAPH_FORMATS, GRAPH_VIEWS, export_graph, prerequisite_closure
from asn_advisor.pack.lint import lint
from asn_advisor.pack.loader import load_rules
from asn_advisor.pack.models import PackFile, RecommendationSpec
from asn_advisor.pack.reading import NATIONAL_PACK

__all__ = [
    "CompiledDimension",
    "CompiledMetric",
    "CompiledDerive",
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
