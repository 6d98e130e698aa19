"""Advice, plans, reports, comparisons and history as text, Markdown, JSON, HTML and SVG.

:mod:`asn_advisor.render.formats` holds the one table of output formats and
the ``render_*`` entry points that read it.
"""

from asn_advisor.render.extraction import render_extraction
from asn_advisor.render.formats import (
    DOCUMENTS,
    Document,
    format_choices,
    format_for,
    render,
    render_comparison,
    render_effect,
    render_plan,
    render_report,
    render_score,
    render_show,
    render_whatif,
)
from asn_advisor.render.history import Labels, render_svg
from asn_advisor.render.pdf import html_to_pdf
from asn_advisor.render.summary import render_summary
from asn_advisor.render.xlsx import Sheet, comparison_sheets, workbook_bytes

__all__ = [
    "DOCUMENTS",
    "Document",
    "Labels",
    "Sheet",
    "comparison_sheets",
    "format_choices",
    "format_for",
    "html_to_pdf",
    "render",
    "render_comparison",
    "render_effect",
    "render_extraction",
    "render_plan",
    "render_report",
    "render_score",
    "render_show",
    "render_summary",
    "render_svg",
    "render_whatif",
    "workbook_bytes",
]
