"""From a narrative report to a profile and an advice (``extract`` and ``advise REPORT.txt``).

The reading itself is :func:`asn_advisor.reader.extract`; this module joins it
to the rest of asn-advisor: the rule pack's ``extract:`` patterns, profiles,
the advice's ``report_proposals``, and the profile ``extract -o`` writes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from asn_advisor._base import Document, Limits, dump_yaml
from asn_advisor.engine.advising import advise
from asn_advisor.errors import AdvisorError, Location
from asn_advisor.i18n import t
from asn_advisor.model import (
    Advice,
    Profile,
    ReportProposal,
    ReportSource,
    StatedProposal,
    check_findings,
    normalize_indicators,
    profile_from_data,
)
from asn_advisor.pack import RulePack
from asn_advisor.reader import Extraction, ExtractionError, ExtractionPatterns, extract, read_report

__all__ = [
    "REPORT_SUFFIXES",
    "advise_report",
    "extract_file",
    "is_report_path",
    "pack_patterns",
    "profile_from_extraction",
    "profile_text",
    "program_id_for",
]

REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".text")


def is_report_path(path: str) -> bool:
    """Whether ``path`` names a narrative report rather than a YAML/JSON profile."""
    return Path(path).suffix.lower() in REPORT_SUFFIXES


def pack_patterns(pack: RulePack, lang: str = "id") -> ExtractionPatterns:
    """The pack's ``extract:`` patterns.

    Raises:
        AdvisorError: the pack has no ``extract:`` section.
    """
    if pack.extract is None:
        raise AdvisorError(
            t("extract.no_patterns", lang), location=Location(str(pack.root)), hint=t("extract.no_patterns.hint", lang)
        )
    return pack.extract


def extract_file(path: str, pack: RulePack, *, lang: str = "id", limits: Limits | None = None) -> Extraction:
    """Read ``path`` (``-`` for standard input) and extract it with the pack's patterns."""
    patterns = pack_patterns(pack, lang)
    text, display = read_report(path, limits=limits)
    return extract(text, patterns, source=display)


def program_id_for(source: str) -> str:
    """A program id from a report's file name: ``Laporan Binjai 2024.txt`` -> ``laporan-binjai-2024``."""
    stem = Path(source).stem if source not in ("-", "<stdin>") else "laporan"
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "laporan"


def profile_from_extraction(
    result: Extraction, pack: RulePack, *, program_id: str | None = None, lang: str = "id"
) -> Profile:
    """A checked :class:`Profile` from an extraction.

    Raises:
        ExtractionError: the text is not an evaluation report.
        ProfileError: the extraction does not fit the pack (a pattern names an
            indicator the pack cannot take, for example).
    """
    if not result.is_evaluation_report:
        reason = result.reason.get(lang) if result.reason else ""
        raise ExtractionError(t("extract.no_profile", lang, reason=reason), location=Location(result.source))
    data = result.to_profile_dict(program_id or program_id_for(result.source))
    profile = profile_from_data(data, Document(data=data, file=result.source))
    normalize_indicators(profile, pack)
    check_findings(profile, pack)
    return profile


def advise_report(
    path: str, pack: RulePack, *, lang: str = "id", program_id: str | None = None, limits: Limits | None = None
) -> Advice:
    """Extract a narrative report, advise its profile, and set its own proposals beside the advice."""
    result = extract_file(path, pack, lang=lang, limits=limits)
    profile = profile_from_extraction(result, pack, program_id=program_id, lang=lang)
    # The report's own proposals are evidence for the ranking (docs/advice-quality.md).
    evidence = list(profile.proposals)
    seen_ids = {p.id for p in evidence}
    for read in result.recommendations:
        if read.id not in seen_ids:
            seen_ids.add(read.id)
            evidence.append(StatedProposal(id=read.id, text=" ".join(read.quote.split()), source="document"))
    profile.proposals = evidence
    advice = advise(profile, pack, lang=lang)
    ranks = {rec.id: rec.rank for rec in advice.recommendations}
    proposals: list[ReportProposal] = []
    seen: set[str] = set()
    for prop in result.recommendations:
        if prop.id in seen:
            continue
        seen.add(prop.id)
        spec = pack.recommendations.get(prop.id)
        proposals.append(
            ReportProposal(
                id=prop.id,
                title=spec.label.get(lang) if spec else prop.id,
                quote=prop.quote,
                line=prop.line,
                column=prop.column,
                pattern=prop.pattern,
                advised=prop.id in ranks,
                rank=ranks.get(prop.id),
            )
        )
    advice.report = ReportSource(
        file=result.source,
        sentences=result.sentences,
        findings_stated=len(result.findings),
        indicators_stated=len(result.indicators),
    )
    advice.report_proposals = proposals
    return advice


def profile_text(profile_data: dict[str, Any], target: str) -> str:
    """The profile as YAML (or JSON for a ``.json`` target), with a provenance comment."""
    if target.lower().endswith(".json"):
        return json.dumps(profile_data, ensure_ascii=False, indent=2) + "\n"
    header = "# Profil dibaca dari laporan naratif oleh 'asn-advisor extract'; periksa sebelum dipakai.\n"
    header += "# Profile read from a narrative report by 'asn-advisor extract'; review it before use.\n"
    return header + dump_yaml(profile_data)
