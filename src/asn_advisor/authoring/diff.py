"""``asn-advisor rules diff``: what changes in the advice, profile by profile, between two packs.

For review before a pack change is adopted: for each profile, the overall
and dimension scores and bands, the findings (added, removed, severity
changed) and the recommendations (added, removed, rank and priority
changed) under the old and the new pack.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from asn_advisor.engine import REPORT_SUFFIXES, advise, advise_report, extract_file
from asn_advisor.errors import AdvisorError, Location
from asn_advisor.i18n import t
from asn_advisor.model import Advice, load_profile
from asn_advisor.pack import RulePack

__all__ = ["ProfileDiff", "diff_packs", "render_diff"]


@dataclass
class ProfileDiff:
    """The changes for one profile; ``error_old``/``error_new`` when it cannot be advised with a pack."""

    profile: str
    score: dict[str, Any] = field(
        default_factory=dict
    )  # {"overall": [old, new], "band": [old, new], "dimensions": {id: [old, new]}}
    findings: list[dict[str, Any]] = field(default_factory=list)  # {"id", "old", "new"} severities, None when absent
    recommendations: list[dict[str, Any]] = field(
        default_factory=list
    )  # {"id", "old_rank", "new_rank", "old_priority", "new_priority"}
    error_old: str | None = None
    error_new: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.score or self.findings or self.recommendations or self.error_old or self.error_new)


class _NotEvaluation(Exception):
    """A narrative text the pack's reader does not take for an evaluation report."""


def _advise(path: Path, pack: RulePack, lang: str) -> tuple[Advice | None, str | None]:
    try:
        if path.suffix.lower() in REPORT_SUFFIXES:  # a narrative report: read, then advised with its proposals
            if not extract_file(str(path), pack, lang=lang).is_evaluation_report:
                raise _NotEvaluation(path.name)
            return advise_report(str(path), pack, lang=lang), None
        return advise(load_profile(path, rules=pack), pack, lang=lang), None
    except AdvisorError as error:
        first = error.problems[0] if error.problems else None
        return None, str(first) if first else str(error)


def _compare(name: str, old: Advice | None, new: Advice | None) -> ProfileDiff:
    result = ProfileDiff(name)
    if old is None or new is None:
        return result
    if (old.score.overall, old.score.band) != (new.score.overall, new.score.band):
        result.score["overall"] = [old.score.overall, new.score.overall]
        result.score["band"] = [old.score.band, new.score.band]
    old_dims = {d.id: d.score for d in old.score.dimensions}
    new_dims = {d.id: d.score for d in new.score.dimensions}
    dims = {
        d: [old_dims.get(d), new_dims.get(d)]
        for d in sorted(set(old_dims) | set(new_dims))
        if old_dims.get(d) != new_dims.get(d)
    }
    if dims:
        result.score["dimensions"] = dims
    old_f = {f.id: f.severity for f in old.findings}
    new_f = {f.id: f.severity for f in new.findings}
    for fid in sorted(set(old_f) | set(new_f)):
        if old_f.get(fid) != new_f.get(fid):
            result.findings.append({"id": fid, "old": old_f.get(fid), "new": new_f.get(fid)})
    old_r = {r.id: r for r in old.recommendations}
    new_r = {r.id: r for r in new.recommendations}
    for rid in sorted(
        set(old_r) | set(new_r),
        key=lambda r: (new_r[r].rank if r in new_r else 10_000, old_r[r].rank if r in old_r else 10_000, r),
    ):
        a, b = old_r.get(rid), new_r.get(rid)
        entry = {
            "id": rid,
            "old_rank": a.rank if a else None,
            "new_rank": b.rank if b else None,
            "old_priority": a.priority if a else None,
            "new_priority": b.priority if b else None,
        }
        if (entry["old_rank"], entry["old_priority"]) != (entry["new_rank"], entry["new_priority"]):
            result.recommendations.append(entry)
    return result


def diff_packs(old: RulePack, new: RulePack, profiles: Path | Sequence[Path], *, lang: str = "id") -> list[ProfileDiff]:
    """Advise every profile and narrative report in ``profiles`` with both packs and compare.

    Each directory is read in name order: profiles (``*.yaml``, ``*.yml``,
    ``*.json``) and narrative reports (``*.txt``, ``*.md``), a report read by
    each pack's own patterns and advised with its proposals.  A text that
    neither pack reads as an evaluation report is skipped.  With several
    directories each entry is named ``directory/file``.
    """
    folders = [profiles] if isinstance(profiles, Path) else list(profiles)
    refused = t("extract.no_profile", lang, reason="").rstrip(": ")
    results = []
    for folder in folders:
        if not folder.is_dir():
            raise AdvisorError(t("diff.no_dir", lang), location=Location(str(folder)))
        suffixes = (".yaml", ".yml", ".json", *REPORT_SUFFIXES)
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in suffixes and p.is_file())
        for path in files:
            name = path.name if len(folders) == 1 else f"{folder.name}/{path.name}"
            try:
                old_advice, old_error = _advise(path, old, lang)
            except _NotEvaluation:
                old_advice, old_error = None, refused
            try:
                new_advice, new_error = _advise(path, new, lang)
            except _NotEvaluation:
                new_advice, new_error = None, refused
            if old_error == refused and new_error == refused:
                continue
            diff = _compare(name, old_advice, new_advice)
            diff.error_old, diff.error_new = old_error, new_error
            results.append(diff)
    return results


def _num(value: Any) -> str:
    return "-" if value is None else f"{value:g}" if isinstance(value, float | int) else str(value)


def render_diff(diffs: list[ProfileDiff], old: RulePack, new: RulePack, fmt: str, lang: str) -> str:
    """The diff as ``text``, ``markdown`` or ``json``."""
    header = f"{old.id} {old.version} -> {new.id} {new.version}"
    if fmt == "json":
        return (
            json.dumps(
                {
                    "old": {"id": old.id, "version": old.version, "digest": old.digest},
                    "new": {"id": new.id, "version": new.version, "digest": new.digest},
                    "profiles": [asdict(d) for d in diffs],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    md = fmt == "markdown"
    lines = [f"# {t('diff.title', lang)}: {header}" if md else f"{t('diff.title', lang)}: {header}", ""]
    changed = [d for d in diffs if d.changed]
    for diff in diffs:
        if not diff.changed:
            continue
        lines.append(f"## {diff.profile}" if md else f"{diff.profile}")
        bullet = "- " if md else "  "
        for label, error in (("old", diff.error_old), ("new", diff.error_new)):
            if error:
                lines.append(f"{bullet}{t('diff.error_' + label, lang)}: {error}")
        if "overall" in diff.score:
            (a, b), (ba, bb) = diff.score["overall"], diff.score["band"]
            lines.append(f"{bullet}{t('score.overall', lang)}: {_num(a)} ({ba or '-'}) -> {_num(b)} ({bb or '-'})")
        for did, (a, b) in diff.score.get("dimensions", {}).items():
            lines.append(f"{bullet}{t('dimension.heading', lang)} {did}: {_num(a)} -> {_num(b)}")
        for f in diff.findings:
            kind = "diff.added" if f["old"] is None else "diff.removed" if f["new"] is None else "diff.changed"
            lines.append(
                f"{bullet}{t('findings', lang)} {f['id']}: {t(kind, lang)} ({f['old'] or '-'} -> {f['new'] or '-'})"
            )
        for r in diff.recommendations:
            kind = (
                "diff.added" if r["old_rank"] is None else "diff.removed" if r["new_rank"] is None else "diff.changed"
            )
            lines.append(
                f"{bullet}{t('diff.recommendation', lang)} {r['id']}: {t(kind, lang)} "
                f"({t('diff.rank', lang)} {_num(r['old_rank'])} -> {_num(r['new_rank'])}, "
                f"{t('priority', lang).lower()} {_num(r['old_priority'])} -> {_num(r['new_priority'])})"
            )
        lines.append("")
    lines.append(t("diff.summary", lang, changed=len(changed), total=len(diffs)))
    return "\n".join(lines) + "\n"
