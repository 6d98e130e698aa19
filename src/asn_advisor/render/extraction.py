"""What ``asn-advisor extract`` prints: the findings, figures, proposals, strengths and identity read."""

from __future__ import annotations

from typing import Any

from asn_advisor.i18n import t
from asn_advisor.pack import RulePack
from asn_advisor.reader import Extraction

__all__ = ["render_extraction"]


def _label(pack: RulePack, kind: str, item_id: str, lang: str) -> str:
    catalog: dict[str, Any] = getattr(pack, kind)
    spec = catalog.get(item_id)
    return spec.label.get(lang) if spec is not None else item_id


def render_extraction(result: Extraction, pack: RulePack, fmt: str = "text", lang: str = "id") -> str:
    """The extraction as ``text`` (for people) or ``json`` (the :class:`Extraction` model)."""
    if fmt == "json":
        return result.model_dump_json(indent=2) + "\n"
    lines = [f"{t('extract.title', lang)}: {result.source} ({t('extract.sentences', lang, count=result.sentences)})"]
    if not result.is_evaluation_report:
        reason = result.reason.get(lang) if result.reason else ""
        lines.append(f"{t('extract.not_report', lang)}: {reason}")
        return "\n".join(lines) + "\n"

    def quote(item: Any) -> list[str]:
        where = f"{result.source}:{item.line}:{item.column}"
        pattern = f"{t('extract.pattern', lang)} {item.pattern}"
        return [
            f"      {where}  [{item.start}:{item.end}]  {pattern}: \u00ab{item.matched}\u00bb",
            f"      \u201c{' '.join(item.quote.split())}\u201d",
        ]

    lines += ["", f"{t('extract.findings', lang)}:"]
    if not result.findings:
        lines.append(f"  {t('extract.none', lang)}")
    for f in result.findings:
        lines.append(f"  - {_label(pack, 'findings', f.id, lang)} [{f.id}; {t('severity.' + f.severity, lang)}]")
        lines += quote(f)
    lines += ["", f"{t('extract.indicators', lang)}:"]
    if not result.indicators:
        lines.append(f"  {t('extract.none', lang)}")
    for i in result.indicators:
        value = f"{i.value:g}" if i.unit != "IDR" else f"{i.value:,.0f}".replace(",", ".")
        lines.append(f"  - {i.id} = {value} {i.unit} (\u00ab{i.figure}\u00bb)")
        lines += quote(i)
    lines += ["", f"{t('extract.proposals', lang)}:"]
    if not result.recommendations:
        lines.append(f"  {t('extract.none', lang)}")
    for r in result.recommendations:
        lines.append(f"  - {_label(pack, 'recommendations', r.id, lang)} [{r.id}]")
        lines += quote(r)
    if result.figures:
        lines += ["", f"{_HEADINGS['figures'][lang == 'en']}:"]
        for fig in result.figures:
            shown = f"{fig.value:g}" if fig.unit != "IDR" else f"{fig.value:,.0f}".replace(",", ".")
            lines.append(f"  - {fig.id} = {shown} {fig.unit} (\u00ab{fig.figure}\u00bb)")
            lines += quote(fig)
    if result.strengths:
        lines += ["", f"{_HEADINGS['strengths'][lang == 'en']}:"]
        for s in result.strengths:
            lines.append(f"  - {s.id.replace('_', ' ')} [{s.id}]")
            lines += quote(s)
    program = result.program
    parts = [(key, getattr(program, key)) for key in ("name", "region", "type", "period")] if program else []
    if any(part for _, part in parts):
        lines += ["", f"{_HEADINGS['program'][lang == 'en']}:"]
        for key, part in parts:
            if part is not None:
                lines.append(f"  {key}: {part.value}  [{part.start}:{part.end}] \u00ab{part.quote}\u00bb")
    return "\n".join(lines) + "\n"


# Headings of the optional parts of the text output (Indonesian, English).
_HEADINGS = {
    "figures": ("Angka lain yang dinyatakan (tidak masuk profil)", "Other figures stated (not in the profile)"),
    "strengths": ("Kekuatan yang dinyatakan laporan", "Strengths the report states"),
    "program": ("Program menurut teks", "The program as the text names it"),
}
