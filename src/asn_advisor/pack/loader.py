"""Rule packs: YAML files to typed, checked, compiled rules.

:func:`load_rules` reads a pack directory (``pack.yaml`` and the files it
includes), validates every section with pydantic, checks every reference and
condition, and gathers *every* problem before it fails, each with its file,
line and column and a hint where one exists.
"""

from __future__ import annotations

import os
from pathlib import Path

from asn_advisor._base import Limits
from asn_advisor.errors import MAX_PROBLEMS, AdvisorError, Location, Problem, RulePackError
from asn_advisor.i18n import Message
from asn_advisor.pack.assemble import assemble
from asn_advisor.pack.collector import Collector, TooManyProblems
from asn_advisor.pack.compiled import RulePack
from asn_advisor.pack.models import PackFile
from asn_advisor.pack.reading import (
    MANIFEST_ONLY,
    NOT_REGULAR_HINT,
    SECTION_KEYS,
    Source,
    default_pack_dir,
    gather_sources,
    inside,
    parse_file,
)

__all__ = ["load_rules", "pack_error_summary"]


def load_rules(
    path: str | os.PathLike[str] | None = None, *, limits: Limits | None = None, display: str | None = None
) -> RulePack:
    """Load, check and compile the rule pack in directory ``path``.

    Args:
        path: the pack directory (holding ``pack.yaml``), or ``None`` for the
            national pack shipped with asn-advisor.
        limits: bounds on each file's size and structure.
        display: how file names are shown in messages and explanations
            (default: ``path`` as given, ``rules`` for the shipped pack).

    Returns:
        The compiled :class:`RulePack`; warnings are in ``RulePack.warnings``.

    Raises:
        RulePackError: listing every problem found, each with its location.
        InputError: a file cannot be read safely.
    """
    root = Path(path) if path is not None else default_pack_dir()
    if path is None and limits is None:
        limits = _shipped_pack_limits()
    display_root = display if display is not None else (str(path) if path is not None else "rules")
    out = Collector()
    manifest_path = root / "pack.yaml" if root.is_dir() else root
    if root.is_file():
        root = root.parent
        display_root = str(Path(display_root).parent) if display is None else display_root
    _check_manifest(root, manifest_path, display_root)

    pack: RulePack | None = None
    try:
        sources, test_files = gather_sources(root, display_root, limits, out, inherited=False, chain=(root.resolve(),))
        broken: dict[str, set[str]] = {}
        pack = assemble(_parse_sources(sources, out, broken), sources, root, out, broken)
    except TooManyProblems:
        pack = None
    errors = out.errors
    if errors or pack is None:
        message = Message("the rule pack has {count} error(s)", count=len(errors))
        if out.truncated:
            message = Message(
                "the rule pack has more than {limit} errors; checking stopped after the first {count}",
                limit=MAX_PROBLEMS,
                count=MAX_PROBLEMS,
            )
        raise RulePackError(message, location=Location(display_root), problems=out.problems)
    pack.warnings = sorted((p for p in out.problems if p.severity == "warning"), key=Problem.sort_key)
    pack.test_files = tuple(test_files)
    return pack


def _shipped_pack_limits() -> Limits:
    """The limits the shipped pack is read with: the current ones, but never below the defaults.

    The shipped pack is installed with the code and trusted like it; limits
    lowered for untrusted profiles (--max-nodes 500) must not make it unloadable.
    """
    current, default = Limits.current(), Limits()
    return Limits(
        max_bytes=max(current.max_bytes, default.max_bytes),
        max_depth=max(current.max_depth, default.max_depth),
        max_nodes=max(current.max_nodes, default.max_nodes),
    )


def _check_manifest(root: Path, manifest_path: Path, display_root: str) -> None:
    """Refuse at once a pack without a pack.yaml, or whose pack.yaml is a link out or not a plain file."""
    if not manifest_path.exists():
        raise RulePackError(
            Message("no pack.yaml found: this is not a rule pack directory"),
            location=Location(os.path.join(display_root, "pack.yaml")),
            hint=Message("give the directory that holds pack.yaml, or create one with 'asn-advisor rules init'"),
        )
    manifest_shown = os.path.join(display_root, manifest_path.name)
    if not inside(root, manifest_path):
        # A pack.yaml that is a link to a file elsewhere would let the pack
        # read outside its directory just as an include could.
        raise RulePackError(
            Message("pack.yaml resolves outside the pack directory (through a link)"),
            location=Location(manifest_shown),
            hint=Message("copy the file into the pack instead of linking it"),
        )
    if not manifest_path.is_file():
        raise RulePackError(
            Message("{name} is not a regular file", name=manifest_path.name),
            location=Location(manifest_shown),
            hint=NOT_REGULAR_HINT,
        )


def _parse_sources(sources: list[Source], out: Collector, broken: dict[str, set[str]]) -> list[tuple[Source, PackFile]]:
    """Validate each file that is a mapping of sections; manifest-only sections belong in a pack.yaml."""
    parsed: list[tuple[Source, PackFile]] = []
    for source in sources:
        data = source.doc.data
        if data is None:
            out.add(
                Location(source.doc.file, 1, 1),
                Message("the file is empty"),
                "E104",
                hint=Message("a pack file holds sections such as findings: or derive:"),
            )
            continue
        if not isinstance(data, dict):
            out.add(
                source.doc.locate(()),
                Message("a pack file must be a mapping of sections"),
                "E104",
                hint=Message("sections: {sections}", sections=", ".join(SECTION_KEYS)),
            )
            continue
        if not source.manifest:
            for key in MANIFEST_ONLY:
                if key in data:
                    out.add(
                        source.doc.locate((key,), key=True),
                        Message("{key} belongs in pack.yaml only", key=repr(key)),
                        "E105",
                    )
        parsed.append((source, parse_file(source.doc, data, out, broken)))
    return parsed


def pack_error_summary(error: AdvisorError) -> str:
    return "\n".join(str(p) for p in error.problems) or str(error)
