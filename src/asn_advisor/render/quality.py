"""The advice-quality parts of an advice as text or Markdown lines.

The score's interval, what acting on a recommendation takes, what already
works, remedies already in place and the report's proposals the advisor does
not support.  :mod:`.advice_text` calls these one line each, so the layout of
the rest of the advice stays its own.
"""

from __future__ import annotations

from asn_advisor.i18n import t
from asn_advisor.model import Advice, Recommendation

__all__ = ["action_lines", "interval_line", "quality_sections"]


def _names(names: list[str]) -> str:
    return ", ".join(names)


def interval_line(advice: Advice, *, markdown: bool = False) -> list[str]:
    """One line: the interval the score can still take, and whether the band is certain."""
    interval = advice.score.interval
    if interval is None:
        return []
    if advice.score.band_certain:
        text = t("quality.band.certain", advice.lang, low=interval.low, high=interval.high)
    else:
        names = _names(advice.score.band_settled_by_labels)
        text = t("quality.band.uncertain", advice.lang, low=interval.low, high=interval.high, names=names)
    return [("" if markdown else "  ") + text, *([""] if markdown else [])]


def action_lines(rec: Recommendation, lang: str, *, markdown: bool = False) -> list[str]:
    """What acting on ``rec`` takes (steps, who acts, cost, first result, basis); whether the report proposed it."""
    prefix = "   - " if markdown else "     "
    lines: list[str] = []
    if rec.proposed_by_report:
        lines.append(f"{prefix}{t('quality.proposed', lang)}")
    if rec.first_steps:
        lines.append(f"{prefix}{t('quality.first_steps', lang)}:")
        step_prefix = "     " if markdown else "       "
        lines += [f"{step_prefix}{n}. {step}" for n, step in enumerate(rec.first_steps, start=1)]
    facts = []
    if rec.actor_labels:
        facts.append(f"{t('quality.actors', lang)}: {_names(rec.actor_labels)}")
    if rec.cost:
        facts.append(f"{t('quality.cost', lang)}: {t('quality.cost.' + rec.cost, lang)}")
    if rec.first_result:
        facts.append(f"{t('quality.first_result', lang)}: {rec.first_result}")
    if facts:
        lines.append(prefix + "; ".join(facts))
    if rec.basis:
        lines.append(f"{prefix}{t('quality.basis', lang)}: {rec.basis}")
    return lines


def quality_sections(advice: Advice, *, markdown: bool = False) -> list[str]:
    """What already works, remedies in place, and the report's proposals the advisor does not support."""
    lang = advice.lang
    out: list[str] = []

    def heading(key: str) -> None:
        out.extend([f"## {t(key, lang)}", ""] if markdown else ["", f"{t(key, lang)}:"])

    item = "- " if markdown else "  - "
    if advice.strengths:
        heading("quality.strengths")
        out += [f"{item}{s.text}" for s in advice.strengths]
        out += [""] if markdown else []
    if advice.in_place:
        heading("quality.in_place")
        for placed in advice.in_place:
            if placed.working:
                state = t("quality.in_place.working", lang)
            else:
                labels = {f.id: f.label for f in advice.findings}
                state = t(
                    "quality.in_place.not_working", lang, findings=_names([labels.get(f, f) for f in placed.findings])
                )
            because = f" {placed.because}" if placed.because else ""
            out.append(f"{item}{placed.title}:{because} {state}")
        out += [""] if markdown else []
    if advice.unsupported_proposals:
        heading("quality.unsupported")
        out += [f"{item}{u.title}: {u.why}" for u in advice.unsupported_proposals]
        out += [""] if markdown else []
    return out
