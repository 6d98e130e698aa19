"""Foundations every other part uses: safe YAML reading with positions and limits, atomic output,
look-alike hints, bilingual text fields, pydantic errors as located problems.  Imports nothing above it.
"""

from asn_advisor._base.document import Document
from asn_advisor._base.limits import LIMIT_MAXIMA, Limits, use_limits
from asn_advisor._base.lookalike import describe_odd_characters, suggest, unknown_id_hint
from asn_advisor._base.output import atomic_writer, check_output, csv_safe, format_for_path, write_atomic
from asn_advisor._base.reading import read_text, stdin_bytes
from asn_advisor._base.safe_yaml import dump_yaml, load_document, load_file
from asn_advisor._base.text import Text, TextField, markdown_code, markdown_escape, visible
from asn_advisor._base.validation import union_members, validation_problems

__all__ = [
    "Document",
    "LIMIT_MAXIMA",
    "Limits",
    "Text",
    "TextField",
    "atomic_writer",
    "check_output",
    "csv_safe",
    "describe_odd_characters",
    "dump_yaml",
    "format_for_path",
    "load_document",
    "load_file",
    "markdown_code",
    "markdown_escape",
    "read_text",
    "stdin_bytes",
    "suggest",
    "union_members",
    "unknown_id_hint",
    "use_limits",
    "validation_problems",
    "visible",
    "write_atomic",
]
