"""What ``asn-advisor extract`` prints: the findings, figures, proposals, strengths and identity read."""

from __future__ import annotations

from typing import Any

from asn_advisor.i18n import has_entry, number, t
from asn_advisor.pack import RulePack
from asn_advisor.reader import Extraction, is_scale

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
        label = _label(pack, "indicators", i.id, lang)
        lines.append(f"  - {label} [{i.id}] = {_amount(i.value, i.unit, lang)} (\u00ab{i.figure}\u00bb)")
        lines += quote(i)
    lines += ["", f"{t('extract.proposals', lang)}:"]
    if not result.recommendations:
        lines.append(f"  {t('extract.none', lang)}")
    for r in result.recommendations:
        lines.append(f"  - {_label(pack, 'recommendations', r.id, lang)} [{r.id}]")
        lines += quote(r)
    if result.figures:
        lines += ["", f"{t('extract.other_figures', lang)}:"]
        for fig in result.figures:
            label = _measure_label(fig.id, lang)
            lines.append(f"  - {label} [{fig.id}] = {_amount(fig.value, fig.unit, lang)} (\u00ab{fig.figure}\u00bb)")
            lines += quote(fig)
    if result.strengths:
        lines += ["", f"{t('extract.strengths', lang)}:"]
        for s in result.strengths:
            lines.append(f"  - {_strength_label(s.id, lang)} [{s.id}]")
            lines += quote(s)
    program = result.program
    parts = [(key, getattr(program, field)) for field, key in _PROGRAM_FIELDS] if program else []
    if any(part for _, part in parts):
        lines += ["", f"{t('extract.program', lang)}:"]
        for key, part in parts:
            if part is not None:
                lines.append(f"  {t(key, lang)}: {part.value}  [{part.start}:{part.end}] \u00ab{part.quote}\u00bb")
    return "\n".join(lines) + "\n"


# The parts of the program's identity the reader looks for, with the catalog key of their label.
_PROGRAM_FIELDS = (("name", "report.name"), ("region", "region"), ("type", "report.type"), ("period", "period"))


def _amount(value: float, unit: str, lang: str) -> str:
    """A figure as the reader writes it: ``Rp8.000.000.000``, ``45%``, ``20 JP``, ``76,61``."""
    if unit == "IDR":
        return f"Rp{number(value, lang, 'count')}" if lang == "id" else f"IDR {number(value, lang, 'count')}"
    shown = number(value, lang, "value")
    if unit == "percent":
        return f"{shown}%"
    if is_scale(unit):
        return t("extract.rating", lang, value=shown, scale=unit.replace("-", "\u2013"))
    return f"{shown} {unit}" if unit else shown


def _measure_label(measure: str, lang: str) -> str:
    """A measure by its catalog label; one a pack adds without a label shows as it is written."""
    key = f"measure.{measure}"
    return t(key, lang) if has_entry(key, lang) else measure.replace("_", " ")


def _strength_label(kind: str, lang: str) -> str:
    """A kind of strength by its catalog label; a kind a pack adds without one shows as it is written."""
    key = f"strength.{kind}"
    return t(key, lang) if has_entry(key, lang) else kind.replace("_", " ")
