"""Advice, plans, reports, comparisons and history as text, Markdown, JSON, HTML and SVG."""

from asn_advisor.render.advice_text import FORMATS, render, render_score
from asn_advisor.render.compare import COMPARE_FORMATS, format_for, render_comparison
from asn_advisor.render.extraction import render_extraction
from asn_advisor.render.history import Labels, render_effect, render_show, render_svg
from asn_advisor.render.pdf import html_to_pdf
from asn_advisor.render.plan import PLAN_FORMATS, render_plan, render_whatif
from asn_advisor.render.report import render_report, report_format_for
from asn_advisor.render.summary import render_summary
from asn_advisor.render.xlsx import Sheet, comparison_sheets, workbook_bytes

__all__ = [
    "render_extraction",
    "COMPARE_FORMATS",
    "FORMATS",
    "Labels",
    "PLAN_FORMATS",
    "Sheet",
    "comparison_sheets",
    "format_for",
    "html_to_pdf",
    "render",
    "render_comparison",
    "render_effect",
    "render_plan",
    "render_report",
    "render_score",
    "render_show",
    "render_summary",
    "render_svg",
    "render_whatif",
    "report_format_for",
    "workbook_bytes",
]
