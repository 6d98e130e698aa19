"""Foundations every other part uses: safe YAML reading with positions and limits, atomic output,
look-alike hints, bilingual text fields, pydantic errors as located problems.  Imports nothing above it.
"""

from asn_advisor._base.lookalike import describe_odd_characters, suggest, unknown_id_hint
from asn_advisor._base.output import atomic_writer, check_output, format_for_path, write_atomic
from asn_advisor._base.safe_yaml import Document, Limits, dump_yaml, load_document, load_file, read_text, use_limits
from asn_advisor._base.text import Text, TextField
from asn_advisor._base.validation import union_members, validation_problems

__all__ = [
    "Document",
    "Limits",
    "Text",
    "TextField",
    "atomic_writer",
    "check_output",
    "describe_odd_characters",
    "dump_yaml",
    "format_for_path",
    "load_document",
    "load_file",
    "read_text",
    "suggest",
    "union_members",
    "unknown_id_hint",
    "use_limits",
    "validation_problems",
    "write_atomic",
]
