"""The advice on one screen: what a head of a training office reads first.

``advise`` prints this by default; ``advise --rinci`` prints the detail
(rules, files, conditions, arithmetic) from :mod:`asn_advisor.render.advice_text`.
It fits in :data:`MAX_LINES` lines of :data:`WIDTH` columns for any advice:
every wrapped part has a line budget and ends with an ellipsis when cut.

A step is read through :func:`step_view`; a new optional field of a
recommendation (a concrete action, who acts) is one more line there, and the
screen shows it without further change.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from asn_advisor.i18n import number, percent, t
from asn_advisor.model import Advice, Program, Recommendation

__all__ = [
    "COLLECT",
    "GapRow",
    "MAX_LINES",
    "TOP_STEPS",
    "WIDTH",
    "StepView",
    "data_to_collect",
    "gap_rows_of",
    "open_interval",
    "program_title",
    "render_summary",
    "step_view",
]

#: Columns and lines of the screen the summary fits.
WIDTH = 100
MAX_LINES = 40
#: Steps shown in full; the rest are counted.
TOP_STEPS = 3


@dataclass(frozen=True)
class StepView:
    """What the summary says about one recommendation, in the advice's language."""

    title: str
    reason: str | None
    action: str | None
    owner: str | None
    quick_win: bool


# Abbreviations that end with a full stop inside a sentence ("Kab. Tegal").
_ABBREVIATIONS = frozenset({"Kab", "Kec", "Kel", "Prov", "No", "Dr", "Jl", "dll", "dsb", "dst", "mis", "e.g", "i.e"})
_SENTENCE_END = re.compile(r"[.;] ")


# The kinds of program the reader names (see reader/figures.py), as titles for a program
# without a name: the office head knows the program by its kind, not by the file's code.
_KIND_TITLES = {
    "pelatihan": "summary.unnamed.training",
    "pembinaan": "summary.unnamed.coaching",
    "pengembangan karier": "summary.unnamed.career",
}


def program_title(program: Program, lang: str) -> str:
    """The program's name, or a plain title by its kind when the evaluation names none."""
    if program.name:
        return program.name
    kind = " ".join((program.type or "").lower().split())
    return t(_KIND_TITLES.get(kind, "summary.unnamed"), lang)


def dimension_labels(advice: Advice) -> dict[str, str]:
    """Each dimension's label by its id, in the advice's language."""
    return {d.id: d.label for d in advice.score.dimensions}


def _first_sentence(text: str) -> str:
    """The first sentence (or clause before ';') of ``text``, when it is a sentence of some length."""
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        head = text[: match.start()]
        last = head.rsplit(" ", 1)[-1].strip("(\"'")
        if len(head) >= 40 and last not in _ABBREVIATIONS:
            return head + "."
    return text


def step_view(rec: Recommendation) -> StepView:
    """The plain reason, the first concrete action and who acts, of one recommendation.

    The reason is the first rule's plain ``because``; the action is the
    recommendation's own ``actions`` when the advice carries them, else the first
    sentence of its description; the owner is shown when the advice names one.
    """
    reason = next((ref.text for ref in rec.because if ref.text), None)
    action = rec.first_steps[0] if rec.first_steps else (_first_sentence(rec.description) if rec.description else None)
    owner = ", ".join(rec.actor_labels) or None
    return StepView(title=rec.title, reason=reason, action=action, owner=owner, quick_win=rec.quick_win)


def _wrap(text: str, indent: str, label: str = "", budget: int = 3) -> list[str]:
    """``label text`` wrapped to :data:`WIDTH`, at most ``budget`` lines, cut with an ellipsis."""
    lines = textwrap.wrap(
        label + " ".join(text.split()),
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + " " * len(label),
        break_on_hyphens=False,
    )
    if len(lines) > budget:
        lines = lines[:budget]
        last = lines[-1]
        lines[-1] = (last if len(last) < WIDTH else last[: WIDTH - 1].rstrip()) + "\u2026"
    return lines


#: Data to collect named on the report's page 1, and on the one screen.
COLLECT = 5
SCREEN_COLLECT = 3


@dataclass(frozen=True)
class GapRow:
    """Missing data as a reader names it: the parts of a map indicator are one row."""

    label: str
    dimensions: list[str]
    rules: int


def gap_rows_of(advice: Advice) -> list[GapRow]:
    """The data gaps, one row per indicator (``absence_reasons.x`` and ``.y`` under one label)."""
    names = dimension_labels(advice)
    rows: dict[str, GapRow] = {}
    for gap in advice.data_gaps:
        base = gap.indicator.split(".", 1)[0]
        label = gap.label.rsplit(" (", 1)[0] if "." in gap.indicator else gap.label
        dims = [names.get(d, d) for d in gap.dimensions]
        seen = rows.get(base)
        if seen is None:
            rows[base] = GapRow(label, dims, len(gap.decides))
        else:
            merged = list(dict.fromkeys([*seen.dimensions, *dims]))
            rows[base] = GapRow(seen.label, merged, seen.rules + len(gap.decides))
    return list(rows.values())


def data_to_collect(rows: Sequence[GapRow], limit: int = COLLECT) -> list[str]:
    """The data to collect next: the missing values that decide the most rules and dimensions first."""
    ranked = sorted(rows, key=lambda r: (-(r.rules + 2 * len(r.dimensions)), r.label))
    return [row.label for row in ranked[:limit]]


def open_interval(advice: Advice) -> tuple[float, float] | None:
    """The interval the overall score can still take, when missing data leave it open at the shown precision.

    Every document states the interval through this, so that none says "between 71,3 and 71,3".
    """
    interval = advice.score.interval
    if interval is None or number(interval.low, advice.lang) == number(interval.high, advice.lang):
        return None
    return interval.low, interval.high


def _score_lines(advice: Advice) -> list[str]:
    lang, score = advice.lang, advice.score
    coverage = percent(score.coverage, lang)
    if score.overall is None:
        return _wrap(t("summary.score.none", lang, coverage=coverage), "", budget=2)
    lines = _wrap(
        t(
            "summary.score",
            lang,
            score=number(score.overall, lang, "score"),
            band=score.band_label or score.band or "-",
            coverage=coverage,
        ),
        "",
        budget=2,
    )
    interval = open_interval(advice)
    if interval is not None:
        low, high = interval
        lines += _wrap(
            t("summary.interval", lang, low=number(low, lang, "score"), high=number(high, lang, "score")),
            "",
            budget=2,
        )
    return lines


def _strengths_line(advice: Advice) -> str:
    """What already works, as one line: the first strength, and how many more the detail lists."""
    lang = advice.lang
    first = _first_sentence(advice.strengths[0].text) or advice.strengths[0].text
    more = len(advice.strengths) - 1
    what = t("summary.strengths.more", lang, first=first.rstrip("."), n=more) if more else first
    return t("summary.strengths", lang, what=what)


def render_summary(advice: Advice, *, detail_hint: str | None = None) -> str:
    """The advice on one screen: program, score, the top steps, and how to see the rest.

    Args:
        advice: the advice to show.
        detail_hint: the command that shows the detail (``asn-advisor advise FILE --rinci``);
            a generic hint when omitted.

    Returns:
        At most :data:`MAX_LINES` lines of at most :data:`WIDTH` columns.
    """
    lang = advice.lang
    program = advice.program
    lines = _wrap(program_title(program, lang), "", budget=2)
    meta = [
        part for part in (program.region, program.period and t("summary.period", lang, period=program.period)) if part
    ]
    if meta:
        lines += _wrap(" \u00b7 ".join(meta), "", budget=1)
    lines.append("")
    lines += _score_lines(advice)
    if advice.strengths:
        lines += _wrap(_strengths_line(advice), "", budget=2)
    lines.append("")
    recs = advice.recommendations
    if not recs:
        stated = any(finding.source == "stated" for finding in advice.findings)
        key = "recommendations.none" if stated or advice.score.overall is not None else "summary.none"
        lines += _wrap(t(key, lang), "", budget=3)
    else:
        shown = recs[:TOP_STEPS]
        lines.append(t("summary.top", lang, n=len(shown)))
        for rec in shown:
            step = step_view(rec)
            mark = f" \u2014 {t('summary.quick_win', lang)}" if step.quick_win else ""
            lines += _wrap(step.title + mark, "", f"{rec.rank}. ", budget=2)
            if step.reason:
                lines += _wrap(step.reason, "   ", t("summary.why", lang) + ": ", budget=3)
            if step.action:
                lines += _wrap(step.action, "   ", t("summary.action", lang) + ": ", budget=3)
            if step.owner:
                lines += _wrap(step.owner, "   ", t("summary.owner", lang) + ": ", budget=1)
    lines.append("")
    rest = len(recs) - min(len(recs), TOP_STEPS)
    if advice.report is not None and advice.report_proposals:
        both = sum(1 for prop in advice.report_proposals if prop.advised)
        lines += _wrap(t("summary.report", lang, n=len(advice.report_proposals), both=both), "", budget=2)
    more = []
    if rest:
        more.append(t("summary.more_steps", lang, n=rest))
    if advice.data_gaps:
        more.append(t("summary.more_gaps", lang, n=len(advice.data_gaps)))
    if more:
        lines += _wrap(t("summary.more", lang, what=t("summary.and", lang).join(more)), "", budget=2)
    first = data_to_collect(gap_rows_of(advice), limit=SCREEN_COLLECT)
    if first:
        lines += _wrap(t("summary.collect", lang, names="; ".join(first)), "", budget=3)
    lines.append(t("summary.detail", lang))
    lines.append("  " + (detail_hint or t("summary.detail.generic", lang)))
    return "\n".join(lines) + "\n"
