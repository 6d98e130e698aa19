"""An advice as text, Markdown and JSON, and its score alone; the formats table is in ``formats``."""

from __future__ import annotations

import json

from asn_advisor.i18n import number, t
from asn_advisor.model import Advice
from asn_advisor.render._templates import MarkdownBlock, render_markdown_template, render_text_template
from asn_advisor.render.advice_view import advice_view, overall_line
from asn_advisor.render.plan import roadmap_markdown, roadmap_text

__all__ = ["render_json", "render_markdown", "render_text", "score_json", "score_markdown", "score_text"]


def render_json(advice: Advice) -> str:
    """The advice as JSON: the contract of ``advise --format json`` (docs/reference/advice-schema)."""
    return advice.model_dump_json(indent=2) + "\n"


def render_text(advice: Advice) -> str:
    """The advice in detail as text: rules, files, conditions and readings beside every step."""
    roadmap = "\n".join(roadmap_text(advice))
    return render_text_template("advice.txt.j2", advice.lang, roadmap=roadmap, **advice_view(advice))


def render_markdown(advice: Advice) -> str:
    """The advice in detail as Markdown."""
    roadmap = MarkdownBlock("\n".join(roadmap_markdown(advice)))
    return render_markdown_template("advice.md.j2", advice.lang, roadmap=roadmap, **advice_view(advice))


def _score_lines(advice: Advice) -> list[str]:
    lang = advice.lang
    lines = [overall_line(advice)]
    for dim in advice.score.dimensions:
        score = "-" if dim.score is None else number(dim.score, lang)
        lines.append(f"  {dim.label:<32} {score:>6}  {dim.band_label or t('no_data', lang)}")
    return lines


def score_text(advice: Advice) -> str:
    """Only the score: overall, band, coverage, then one line per dimension."""
    return "\n".join(_score_lines(advice)) + "\n"


def score_markdown(advice: Advice) -> str:
    """Only the score, as a Markdown list."""
    lines = _score_lines(advice)
    return "\n".join(["- " + lines[0], *("- " + line.strip() for line in lines[1:])]) + "\n"


def score_json(advice: Advice) -> str:
    """Only the score, for scripts and quick checks: the program id and the score object."""
    payload = {"program": advice.program.id, "score": json.loads(advice.score.model_dump_json())}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
