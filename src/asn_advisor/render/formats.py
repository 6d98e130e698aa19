"""The one table of output formats: every document the package writes, and its renderer per format.

The CLI's ``--format`` choices, the format an output file's extension asks
for, and the library's ``render_*`` functions all read :data:`DOCUMENTS`, so a
format added here is offered everywhere at once.  A renderer takes the
document and whatever context it needs (the report's band zones, the history's
labels) and returns text ending with a newline.  Formats written only to a
file by another path (PDF from the HTML report, xlsx, SVG) are listed as the
document's ``files``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from asn_advisor._base import format_for_path
from asn_advisor.engine import WhatIf
from asn_advisor.errors import ArgumentError
from asn_advisor.i18n import Message
from asn_advisor.model import Advice, Comparison, ReportBand
from asn_advisor.render import advice_text, compare, history, plan, report
from asn_advisor.store import EffectReport, ProgramHistory

__all__ = [
    "DOCUMENTS",
    "Document",
    "format_choices",
    "format_for",
    "render",
    "render_comparison",
    "render_effect",
    "render_plan",
    "render_report",
    "render_score",
    "render_show",
    "render_whatif",
]


def _model_json(document: BaseModel, *_context: Any) -> str:
    return document.model_dump_json(indent=2) + "\n"


@dataclass(frozen=True)
class Document:
    """A kind of document: its renderers by format, the formats only written to files, the default."""

    formats: Mapping[str, Callable[..., str]]
    files: tuple[str, ...] = ()
    default: str = "text"

    def choices(self) -> list[str]:
        return sorted([*self.formats, *self.files])


DOCUMENTS: dict[str, Document] = {
    "advice": Document(
        {"text": advice_text.render_text, "markdown": advice_text.render_markdown, "json": advice_text.render_json}
    ),
    "score": Document(
        {"text": advice_text.score_text, "markdown": advice_text.score_markdown, "json": advice_text.score_json}
    ),
    "plan": Document({"text": plan.plan_text, "markdown": plan.plan_markdown, "json": plan.plan_json}),
    "whatif": Document({"text": plan.whatif_text, "markdown": plan.whatif_markdown, "json": _model_json}),
    "report": Document(
        {"html": report.render_report_html, "markdown": report.render_report_markdown}, ("pdf",), "markdown"
    ),
    "comparison": Document(
        {
            "text": compare.render_text,
            "markdown": compare.render_markdown,
            "json": compare.render_json,
            "html": compare.render_comparison_html,
        },
        ("xlsx",),
    ),
    "history": Document(
        {"text": history.render_show_text, "markdown": history.render_show_markdown, "json": _model_json}
    ),
    "effect": Document(
        {"text": history.render_effect_text, "markdown": history.render_effect_markdown, "json": _model_json}
    ),
}


def format_choices(document: str) -> list[str]:
    """Every format ``document`` can be written in, files included, sorted."""
    return DOCUMENTS[document].choices()


def format_for(document: str, path: str | None) -> str | None:
    """The format of ``document`` that ``path``'s extension asks for; ``None`` if it asks for none."""
    return format_for_path(path, DOCUMENTS[document].choices())


def _renderer(document: str, fmt: str) -> Callable[..., str]:
    formats = DOCUMENTS[document].formats
    if fmt not in formats:
        raise ArgumentError(
            Message("unknown format {name}", name=repr(fmt)),
            hint=Message("formats: {formats}", formats=", ".join(sorted(formats))),
        )
    return formats[fmt]


def render(advice: Advice, fmt: str) -> str:
    """Render ``advice`` as ``text``, ``markdown`` or ``json``.

    Raises:
        ArgumentError: ``advice`` is not an :class:`Advice` (or was changed
            into an invalid one), or ``fmt`` is not a format.
    """
    if not isinstance(advice, Advice):
        raise ArgumentError(
            Message("render() needs an Advice, got {kind}", kind=type(advice).__name__),
            hint=Message("make one with advise()"),
        )
    renderer = _renderer("advice", fmt)
    try:
        return renderer(advice)
    except (AttributeError, KeyError, TypeError, IndexError) as error:
        raise ArgumentError(
            Message("the advice is not in a valid state: {kind}: {error}", kind=type(error).__name__, error=error),
            hint=Message("render the advice as advise() returned it"),
        ) from None


def render_score(advice: Advice, fmt: str) -> str:
    """Only the score of ``advice`` (overall, band, coverage, dimensions) as ``text``, ``markdown`` or ``json``."""
    return _renderer("score", fmt)(advice)


def render_plan(advice: Advice, fmt: str) -> str:
    """The plan of ``advice`` (its phases and what was left out) as ``text``, ``markdown`` or ``json``."""
    return _renderer("plan", fmt)(advice)


def render_whatif(result: WhatIf, fmt: str) -> str:
    """A what-if comparison (:func:`asn_advisor.engine.what_if`) as ``text``, ``markdown`` or ``json``."""
    return _renderer("whatif", fmt)(result)


def render_report(advice: Advice, bands: Iterable[ReportBand], fmt: str = "html") -> str:
    """The report of ``advice`` for a meeting, as ``html`` or ``markdown``, over the band zones ``bands``."""
    return _renderer("report", fmt)(advice, sorted(bands, key=lambda b: (b.min, b.id)))


def render_comparison(comparison: Comparison, fmt: str) -> str:
    """A comparison of many programs as ``text``, ``markdown``, ``json`` or ``html``."""
    return _renderer("comparison", fmt)(comparison)


def render_show(program_history: ProgramHistory, labels: history.Labels, fmt: str) -> str:
    """``history show``: one program over time, as ``text``, ``markdown`` or ``json``."""
    return _renderer("history", fmt)(program_history, labels)


def render_effect(effect: EffectReport, labels: history.Labels, fmt: str) -> str:
    """``history effect``: what changed after each recommendation, as ``text``, ``markdown`` or ``json``."""
    return _renderer("effect", fmt)(effect, labels)
