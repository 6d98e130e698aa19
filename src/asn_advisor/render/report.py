"""Reports people read: one self-contained HTML file, or the same in Markdown.

The report is for heads of BKPSDM offices and regional secretaries, who print
it or attach it to a letter, and for analysts who compare programs.  Page 1 is
the summary for a meeting (score, the top steps, what already works, what data
to collect next); the detail follows (findings with their evidence, the ranked
recommendations, the roadmap, the data gaps); the rules and the priority
arithmetic are in an appendix.

Design choices, and why:

* One view (:func:`~asn_advisor.render.report_view.report_view`) and one
  template per format, so that both formats say the same in the same order.
* The HTML has no script, no web font and no external asset: it must open
  from an e-mail attachment on an office PC without a network, and print the
  same.  The chart is inline SVG with a ``<title>``/``<desc>`` and text
  labels, so that screen readers and greyscale printouts keep the values.
* Every text that comes from a profile, a pack or an advice file is escaped by
  the template environment; a profile is untrusted input.
* The output is a pure function of the advice and the bands: no dates, no
  random ids, lists in a fixed order.  Golden tests rely on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from asn_advisor.model import Advice, ReportBand
from asn_advisor.render._templates import render_markdown_template, render_template
from asn_advisor.render.charts import dimensions_svg
from asn_advisor.render.report_view import report_view

__all__ = ["render_chart_svg", "render_report_html", "render_report_markdown"]


def render_chart_svg(advice: Advice, bands: Sequence[ReportBand], *, element_id: str = "chart") -> Markup:
    """The report's chart alone: the dimension scores over the band zones (``bands`` lowest first)."""
    return dimensions_svg(advice, bands, element_id=element_id)


def render_report_html(advice: Advice, bands: Sequence[ReportBand]) -> str:
    """The whole report as one self-contained HTML page (inline CSS and SVG, no script)."""
    return render_template("report.html.j2", advice.lang, **report_view(advice, bands))


def render_report_markdown(advice: Advice, bands: Sequence[ReportBand]) -> str:
    """The same report as Markdown: the chart becomes a table with text bars in the appendix."""
    return render_markdown_template("report.md.j2", advice.lang, **report_view(advice, bands))
