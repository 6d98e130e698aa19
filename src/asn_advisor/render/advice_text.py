"""Formatting of an advice: text, Markdown and JSON, registered in one dict."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from asn_advisor._base import markdown_code, markdown_escape
from asn_advisor.errors import ArgumentError
from asn_advisor.i18n import Message, has_entry, number, percent, t
from asn_advisor.model import Advice, DataGap
from asn_advisor.render.plan import roadmap_markdown, roadmap_text
from asn_advisor.render.quality import action_lines, interval_line, quality_sections
from asn_advisor.render.summary import program_title

__all__ = ["FORMATS", "render", "render_score"]


def _score_text(value: float | None, lang: str) -> str:
    return "-" if value is None else number(value, lang)


def _source(source: str | None, lang: str) -> str:
    """Where a stated finding comes from (survey, document, ...), in ``lang``."""
    key = f"report.evidence.{source}"
    return t(key, lang) if has_entry(key, lang) else str(source)


def _fmt_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "[" + ", ".join(_fmt_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_fmt_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def _values(values: dict[str, Any] | None) -> str:
    if not values:
        return ""
    return ", ".join(f"{k} = {_fmt_value(v)}" for k, v in values.items())


def _gap_detail(gap: DataGap, lang: str) -> str:
    """What a missing value would help with: dimensions to score, rules to decide."""
    parts = []
    if gap.dimensions:
        parts.append(f"{t('data_gaps.dimensions', lang)} {', '.join(gap.dimensions)}")
    if gap.decides:
        parts.append(f"{t('data_gaps.decides', lang)} {', '.join(gap.decides)}")
    return f": {'; '.join(parts)}" if parts else ""


def _overall_line(advice: Advice) -> str:
    lang = advice.lang
    score = advice.score
    if score.overall is None:
        coverage = percent(score.coverage, lang)
        return f"{t('score.overall', lang)}: {t('score.none', lang)}; {t('score.coverage', lang)} {coverage}"
    return (
        f"{t('score.overall', lang)}: {number(score.overall, lang)} / 100 ({score.band_label}); "
        f"{t('score.coverage', lang)} {percent(score.coverage, lang)}"
    )


def render_json(advice: Advice) -> str:
    return advice.model_dump_json(indent=2) + "\n"


def render_text(advice: Advice) -> str:
    lang = advice.lang
    lines: list[str] = []
    program = advice.program
    lines.append(f"{t('advice.title', lang)}: {program_title(program, lang)}")
    meta = [f"{t('program', lang)}: {program.id}"]
    if program.region:
        meta.append(f"{t('region', lang)}: {program.region}")
    if program.period:
        meta.append(f"{t('period', lang)}: {program.period}")
    meta.append(f"{t('pack', lang)}: {advice.pack.id} {advice.pack.version}")
    lines.append("  ".join(meta))
    lines.append("")
    lines.append(_overall_line(advice))
    lines.extend(interval_line(advice))
    for dim in advice.score.dimensions:
        band = dim.band_label or t("no_data", lang)
        lines.append(
            f"  {dim.label:<32} {_score_text(dim.score, lang):>6}  {band:<14} "
            f"{t('weight', lang).lower()} {dim.weight:g}"
        )
    lines.append("")
    lines.append(f"{t('findings', lang)}:")
    if not advice.findings:
        lines.append(f"  {t('findings.none', lang)}")
    for finding in advice.findings:
        source = t(f"source.{finding.source}", lang)
        lines.append(f"  - [{t('severity.' + finding.severity, lang)}] {finding.label} ({finding.id}; {source})")
        for evidence in finding.evidence:
            if evidence.kind == "stated" and evidence.text:
                lines.append(
                    f"      \u201c{evidence.text}\u201d"
                    + (f" ({_source(evidence.source, lang)})" if evidence.source else "")
                )
            elif evidence.kind == "rule":
                detail = _values(evidence.values)
                lines.append(
                    f"      {t('rule', lang)} {evidence.rule} ({evidence.file}:{evidence.line})"
                    + (f": {detail}" if detail else "")
                )
    lines.append("")
    lines.append(f"{t('recommendations', lang)}:")
    if not advice.recommendations:
        lines.append(f"  {t('recommendations.none', lang)}")
    for rec in advice.recommendations:
        lines.append(
            f"  {rec.rank}. {rec.title} [{rec.id}]  "
            f"{t('priority', lang).lower()} {number(rec.priority, lang, 'priority')}"
        )
        lines.append(f"     {t('addresses', lang)}: {', '.join(rec.addresses)}")
        lines.append(
            f"     {t('effort', lang)}: {t('effort.' + rec.effort, lang)}; "
            f"{t('time_to_impact', lang)}: {t('impact.' + rec.time_to_impact, lang)}"
        )
        for ref in rec.because:
            detail = _values(ref.values)
            lines.append(
                f"     {t('because', lang)}: {ref.rule} ({ref.file}:{ref.line}) {ref.when}"
                + (f" [{detail}]" if detail else "")
            )
        lines.extend(action_lines(rec, lang))
    if advice.report is not None:
        lines.append("")
        lines.append(f"{t('report_proposals', lang)}:")
        if not advice.report_proposals:
            lines.append(f"  {t('extract.none', lang)}")
        for prop in advice.report_proposals:
            mark = (
                t("report_proposals.advised", lang, rank=prop.rank)
                if prop.advised
                else t("report_proposals.only", lang)
            )
            lines.append(f"  - {prop.title} [{prop.id}]: {mark}")
            lines.append(
                f"      \u201c{' '.join(prop.quote.split())}\u201d ({advice.report.file}:{prop.line}:{prop.column})"
            )
    lines.extend(quality_sections(advice))
    lines.append("")
    lines.extend(roadmap_text(advice))  # the plan's phases
    lines.append("")
    lines.append(f"{t('data_gaps', lang)}:")
    if not advice.data_gaps:
        lines.append(f"  {t('data_gaps.none', lang)}")
    for gap in advice.data_gaps:
        lines.append(f"  - {gap.indicator} ({gap.label})" + _gap_detail(gap, lang))
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    return markdown_escape(text)


def render_markdown(advice: Advice) -> str:
    lang = advice.lang
    program = advice.program
    out: list[str] = [f"# {t('advice.title', lang)}: {_md_escape(program_title(program, lang))}", ""]
    out.append(f"- {t('program', lang)}: {markdown_code(program.id)}")
    if program.region:
        out.append(f"- {t('region', lang)}: {_md_escape(program.region)}")
    if program.period:
        out.append(f"- {t('period', lang)}: {_md_escape(program.period)}")
    out.append(f"- {t('pack', lang)}: {advice.pack.id} {advice.pack.version}")
    out += ["", f"## {t('score', lang)}", "", f"**{_overall_line(advice)}**", ""]
    out += interval_line(advice, markdown=True)
    out.append(f"| {t('dimension.heading', lang)} | {t('score', lang)} | {t('band', lang)} | {t('weight', lang)} |")
    out.append("|---|---:|---|---:|")
    for dim in advice.score.dimensions:
        out.append(
            f"| {_md_escape(dim.label)} | {_score_text(dim.score, lang)} "
            f"| {dim.band_label or t('no_data', lang)} | {dim.weight:g} |"
        )
    out += ["", f"## {t('findings', lang)}", ""]
    if not advice.findings:
        out.append(t("findings.none", lang))
    for finding in advice.findings:
        out.append(
            f"- **{_md_escape(finding.label)}** (`{finding.id}`; "
            f"{t('severity.' + finding.severity, lang)}; {t('source.' + finding.source, lang)})"
        )
        for evidence in finding.evidence:
            if evidence.kind == "stated" and evidence.text:
                out.append(
                    f"  - \u201c{_md_escape(evidence.text)}\u201d"
                    + (f" ({_md_escape(_source(evidence.source, lang))})" if evidence.source else "")
                )
            elif evidence.kind == "rule":
                detail = _values(evidence.values)
                out.append(
                    f"  - {t('rule', lang)} `{evidence.rule}` ({evidence.file}:{evidence.line})"
                    + (f": {detail}" if detail else "")
                )
    out += ["", f"## {t('recommendations', lang)}", ""]
    if not advice.recommendations:
        out.append(t("recommendations.none", lang))
    for rec in advice.recommendations:
        out.append(
            f"{rec.rank}. **{_md_escape(rec.title)}** (`{rec.id}`): "
            f"{t('priority', lang).lower()} {number(rec.priority, lang, 'priority')}"
        )
        if rec.description:
            out.append(f"   {_md_escape(rec.description)}")
        out.append(f"   - {t('addresses', lang)}: {', '.join(f'`{a}`' for a in rec.addresses)}")
        out.append(
            f"   - {t('effort', lang)}: {t('effort.' + rec.effort, lang)}; "
            f"{t('time_to_impact', lang)}: {t('impact.' + rec.time_to_impact, lang)}"
        )
        for ref in rec.because:
            detail = _values(ref.values)
            out.append(
                f"   - {t('because', lang)}: `{ref.rule}` ({ref.file}:{ref.line}): `{ref.when}`"
                + (f" ({detail})" if detail else "")
            )
        out += action_lines(rec, lang, markdown=True)
    if advice.report is not None:
        out += ["", f"## {t('report_proposals', lang)}", ""]
        if not advice.report_proposals:
            out.append(t("extract.none", lang))
        for prop in advice.report_proposals:
            mark = (
                t("report_proposals.advised", lang, rank=prop.rank)
                if prop.advised
                else t("report_proposals.only", lang)
            )
            out.append(f"- **{_md_escape(prop.title)}** (`{prop.id}`): {mark}")
            out.append(
                f"  - \u201c{_md_escape(' '.join(prop.quote.split()))}\u201d "
                f"({advice.report.file}:{prop.line}:{prop.column})"
            )
    out += ["", *quality_sections(advice, markdown=True), *roadmap_markdown(advice)]  # the plan's phases
    out += [f"## {t('data_gaps', lang)}", ""]
    if not advice.data_gaps:
        out.append(t("data_gaps.none", lang))
    for gap in advice.data_gaps:
        out.append(f"- `{gap.indicator}` ({_md_escape(gap.label)})" + _gap_detail(gap, lang))
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[Advice], str]] = {
    "json": render_json,
    "markdown": render_markdown,
    "text": render_text,
}


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
    if fmt not in FORMATS:
        raise ArgumentError(
            Message("unknown format {name}", name=repr(fmt)),
            hint=Message("formats: {formats}", formats=", ".join(sorted(FORMATS))),
        )
    try:
        return FORMATS[fmt](advice)
    except (AttributeError, KeyError, TypeError, IndexError) as error:
        raise ArgumentError(
            Message("the advice is not in a valid state: {kind}: {error}", kind=type(error).__name__, error=error),
            hint=Message("render the advice as advise() returned it"),
        ) from None


def render_score(advice: Advice, fmt: str) -> str:
    """Only the score part, for scripts and quick checks."""
    lang = advice.lang
    if fmt == "json":
        payload = {"program": advice.program.id, "score": json.loads(advice.score.model_dump_json())}
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    lines = [_overall_line(advice)]
    for dim in advice.score.dimensions:
        lines.append(f"  {dim.label:<32} {_score_text(dim.score, lang):>6}  {dim.band_label or t('no_data', lang)}")
    if fmt == "markdown":
        return "\n".join(["- " + lines[0], *("- " + line.strip() for line in lines[1:])]) + "\n"
    return "\n".join(lines) + "\n"
