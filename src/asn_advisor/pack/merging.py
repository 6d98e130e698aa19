"""Merging the files of a pack: one catalog per section, each entry with where it is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from asn_advisor.errors import Location
from asn_advisor.i18n import Message
from asn_advisor.pack.collector import Collector
from asn_advisor.pack.models import DeriveRule, PackFile, RecommendRule, ScoringSpec
from asn_advisor.pack.reading import Source
from asn_advisor.reader import ExtractionPatterns

__all__ = ["Merged", "OverrideWhere", "Where", "merge_sections", "section_word"]


#: Where each entry of a merged section is written: the file and the path inside it.
Where = dict[str, tuple[Source, tuple[Any, ...]]]
#: Where override text is written: ("when"|"escalate"|"override", rule id) -> (file, path).
OverrideWhere = dict[tuple[str, str], tuple[Source, tuple[Any, ...]]]


@dataclass
class Merged:
    """The sections of every file of a pack merged into one, each entry with where it is written."""

    indicators: dict[str, Any]
    ind_where: Where
    findings: dict[str, Any]
    find_where: Where
    recommendations: dict[str, Any]
    rec_where: Where
    dimensions: dict[str, Any]
    dim_where: Where
    scoring: ScoringSpec
    scoring_source: Source | None
    extract: ExtractionPatterns | None
    extract_source: Source | None
    derive: list[tuple[Source, int, DeriveRule]]
    recommend: list[tuple[Source, int, RecommendRule]]
    #: Filled by the overrides: where the text deciding an overridden rule is.
    at: OverrideWhere = field(default_factory=dict)


# The word for one entry of a section, inside messages ("finding 'x' is defined twice").
_SECTION_WORDS = {
    "findings": Message("finding"),
    "recommendations": Message("recommendation"),
    "indicators": Message("indicator"),
    "dimensions": Message("dimension"),
    "rules": Message("rule"),
}


def section_word(section: str) -> str:
    """The word for one entry of ``section``, as a message (the section name itself when unknown)."""
    return _SECTION_WORDS.get(section, section.removesuffix("s"))


def merge_sections(parsed: list[tuple[Source, PackFile]], own_manifest: Source, out: Collector) -> Merged:
    """Merge the catalogs, take the one scoring and extract section, and list the rules in file order."""
    indicators, ind_where = _merge(parsed, "indicators", out)
    findings, find_where = _merge(parsed, "findings", out)
    recommendations, rec_where = _merge(parsed, "recommendations", out)
    dimensions, dim_where = _merge(parsed, "dimensions", out)

    scoring: ScoringSpec | None = None
    scoring_source: Source | None = None
    extract: ExtractionPatterns | None = None
    extract_source: Source | None = None
    derive: list[tuple[Source, int, DeriveRule]] = []
    recommend: list[tuple[Source, int, RecommendRule]] = []
    for source, pf in parsed:
        if pf.scoring is not None:
            if scoring is not None and scoring_source is not None:
                out.add(
                    source.doc.locate(("scoring",), key=True),
                    Message("'scoring' is defined twice (first in {file})", file=scoring_source.doc.file),
                    "E106",
                )
            else:
                scoring, scoring_source = pf.scoring, source
        if pf.extract is not None:
            if extract is not None and extract_source is not None:
                out.add(
                    source.doc.locate(("extract",), key=True),
                    Message("'extract' is defined twice (first in {file})", file=extract_source.doc.file),
                    "E106",
                )
            else:
                extract, extract_source = pf.extract, source
        derive.extend((source, i, rule) for i, rule in enumerate(pf.derive or []))
        recommend.extend((source, i, rule) for i, rule in enumerate(pf.recommend or []))
    if scoring is None:
        scoring = ScoringSpec()
        if parsed:
            out.add(
                Location(own_manifest.doc.file, 1, 1),
                Message("the pack has no 'scoring' section"),
                "E108",
                hint=Message("define scales, bands and severity_factors"),
                severity="warning",
            )
    return Merged(
        indicators,
        ind_where,
        findings,
        find_where,
        recommendations,
        rec_where,
        dimensions,
        dim_where,
        scoring,
        scoring_source,
        extract,
        extract_source,
        derive,
        recommend,
    )


def _merge(
    parsed: list[tuple[Source, PackFile]], section: str, out: Collector
) -> tuple[dict[str, Any], dict[str, tuple[Source, tuple[Any, ...]]]]:
    merged: dict[str, Any] = {}
    where: dict[str, tuple[Source, tuple[Any, ...]]] = {}
    for source, pf in parsed:
        entries = getattr(pf, section) or {}
        for key, value in entries.items():
            path = (section, key)
            if key in merged:
                first_source, first_path = where[key]
                first = first_source.doc.locate(first_path, key=True)
                out.add(
                    source.doc.locate(path, key=True),
                    Message(
                        "{kind} {id} is defined twice (first at {where})",
                        kind=section_word(section),
                        id=repr(key),
                        where=first,
                    ),
                    "E106",
                    hint=Message("to change an inherited entry use override:")
                    if first_source.inherited and not source.inherited
                    else Message("keep one definition"),
                )
                continue
            merged[key] = value
            where[key] = (source, path)
    return merged, where
