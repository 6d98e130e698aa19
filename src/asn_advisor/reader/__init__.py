"""Reading narrative reports: the findings, proposals, strengths, figures and identity a text states.

Every item is traced to its sentence and character offsets.  The patterns are
rule-pack data (``rules/ekstraksi.yaml``); this package compiles and matches
them and depends on nothing above :mod:`asn_advisor._base`, so the pack
loader can check the patterns when it loads a pack.
"""

from asn_advisor.reader.compiler import check_targets, compile_patterns, compiled
from asn_advisor.reader.extract import check_examples, example_matches, extract, load_patterns, read_report
from asn_advisor.reader.figures import parse_number, read_program
from asn_advisor.reader.patterns import ExtractionError, ExtractionPatterns, PatternFileError
from asn_advisor.reader.results import (
    ExtractedFigure,
    ExtractedFinding,
    ExtractedIndicator,
    ExtractedProgram,
    ExtractedRecommendation,
    ExtractedStrength,
    Extraction,
    LocalText,
    is_scale,
)

__all__ = [
    "ExtractedFigure",
    "ExtractedFinding",
    "ExtractedIndicator",
    "ExtractedProgram",
    "ExtractedRecommendation",
    "ExtractedStrength",
    "Extraction",
    "ExtractionError",
    "ExtractionPatterns",
    "LocalText",
    "PatternFileError",
    "check_examples",
    "check_targets",
    "compile_patterns",
    "compiled",
    "example_matches",
    "extract",
    "is_scale",
    "load_patterns",
    "parse_number",
    "read_program",
    "read_report",
]
