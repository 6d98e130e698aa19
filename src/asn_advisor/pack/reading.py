"""Reading a pack's files: the manifest, its includes and the pack it extends.

Nothing outside the pack directory is read, except the installed national
pack named by ``extends``.  Each file is validated entry by entry against
:class:`~asn_advisor.pack.models.PackFile`, so one bad entry does not hide
the rest.
"""

from __future__ import annotations

import os
import typing
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from asn_advisor._base import Document, Limits, load_file, suggest, union_members, validation_problems
from asn_advisor.errors import RulePackError
from asn_advisor.i18n import Message
from asn_advisor.pack.collector import Collector
from asn_advisor.pack.models import IndicatorType, PackFile

__all__ = [
    "MANIFEST_ONLY",
    "NATIONAL_PACK",
    "NOT_REGULAR_HINT",
    "SECTION_KEYS",
    "Source",
    "default_pack_dir",
    "gather_sources",
    "inside",
    "parse_file",
]


NATIONAL_PACK = "nasional"


def default_pack_dir() -> Path:
    """The national pack shipped with the package."""
    packaged = Path(str(resources.files("asn_advisor"))) / "rules"
    return packaged


SECTION_KEYS = tuple(PackFile.model_fields)
NOT_REGULAR_HINT = Message("a pack holds plain files only, not pipes, sockets or devices")


def inside(root: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _expand_includes(
    root: Path, display_root: str, manifest: Document, includes: list[str], out: Collector, key: str = "include"
) -> list[Path]:
    paths: list[Path] = []
    seen: set[Path] = set()
    for index, pattern in enumerate(includes):
        location = manifest.locate((key, index))
        if not isinstance(pattern, str) or not pattern.strip():
            out.add(location, Message("an entry of {key} must be a file name", key=repr(key)), "E201")
            continue
        if os.path.isabs(pattern) or pattern.startswith(("/", "\\")) or (len(pattern) > 1 and pattern[1] == ":"):
            out.add(
                location,
                Message(
                    "{key} {pattern} is an absolute path; files must stay inside the pack",
                    key=key,
                    pattern=repr(pattern),
                ),
                "E202",
                hint=Message("write a path relative to pack.yaml"),
            )
            continue
        parts = Path(pattern).parts
        if ".." in parts:
            out.add(
                location,
                Message("{key} {pattern} leaves the pack directory", key=key, pattern=repr(pattern)),
                "E202",
                hint=Message("keep every file of the pack inside its directory"),
            )
            continue
        matches = sorted(root.glob(pattern)) if any(c in pattern for c in "*?[") else [root / pattern]
        if not matches or not all(m.exists() for m in matches):
            out.add(
                location,
                Message("{key} {pattern}: file not found", key=key, pattern=repr(pattern)),
                "E203",
                hint=_file_hint(root, pattern),
            )
            continue
        for match in matches:
            if not inside(root, match):
                out.add(
                    location,
                    Message(
                        "{key} {pattern} resolves outside the pack (through a link)", key=key, pattern=repr(pattern)
                    ),
                    "E202",
                    hint=Message("copy the file into the pack instead of linking it"),
                )
                continue
            if match.is_dir() or match.suffix not in (".yaml", ".yml"):
                continue
            if not match.is_file():
                # A named pipe or a device would block or never end when read.
                out.add(
                    location,
                    Message("include {pattern}: {name} is not a regular file", pattern=repr(pattern), name=match.name),
                    "E204",
                    hint=NOT_REGULAR_HINT,
                )
                continue
            if match.name == "pack.yaml" or match in seen:
                continue
            seen.add(match)
            paths.append(match)
    return paths


def _file_hint(root: Path, pattern: str) -> str | None:
    try:
        names = [p.name for p in root.iterdir() if p.suffix in (".yaml", ".yml")]
    except OSError:
        return None
    close = suggest(Path(pattern).name, names)
    return Message("did you mean {suggestion}?", suggestion=repr(close)) if close else None


@dataclass
class Source:
    doc: Document
    rel: str
    manifest: bool = False  # a pack.yaml (of this pack or of one it extends)
    inherited: bool = False  # read through ``extends``
    path: Path | None = None  # the file read, so that outputs can refuse to overwrite it


#: Sections only a pack.yaml may hold.
MANIFEST_ONLY = ("pack", "include", "extends", "tests")
#: How deep ``extends`` may chain (a regional pack on a provincial pack on the national one).
_MAX_EXTENDS = 8


def _shown(root: Path, display_root: str, path: Path) -> str:
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    return f"{display_root.rstrip('/')}/{rel}" if display_root not in ("", ".") else rel


def gather_sources(
    root: Path,
    display_root: str,
    limits: Limits | None,
    out: Collector,
    *,
    inherited: bool,
    chain: tuple[Path, ...],
) -> tuple[list[Source], list[tuple[Path, str]]]:
    """Read a pack's manifest and files, after those of the pack it extends.

    Returns the sources in merge order (inherited first) and this pack's own
    test files.  Nothing outside ``root`` is read, except the pack named by
    ``extends`` (a directory inside ``root`` or the installed national pack).
    """
    manifest_path = root / "pack.yaml"
    name = _shown(root, display_root, manifest_path)
    manifest = load_file(manifest_path, name, limits=limits, error=RulePackError)
    out.extend(manifest.problems)
    data = manifest.data if isinstance(manifest.data, dict) else {}

    sources: list[Source] = []
    extends = data.get("extends")
    if extends is not None:
        base = _resolve_extends(root, display_root, manifest, extends, out)
        if base is not None:
            base_root, base_display = base
            if base_root.resolve() in chain:
                out.add(
                    manifest.locate(("extends",)),
                    Message("extends {name} leads back to a pack already being extended", name=repr(extends)),
                    "E205",
                    hint=Message("a pack cannot extend itself, directly or not"),
                )
            elif len(chain) > _MAX_EXTENDS:
                out.add(
                    manifest.locate(("extends",)),
                    Message("extends chains more than {limit} packs", limit=_MAX_EXTENDS),
                    "E205",
                )
            else:
                base_sources, _ = gather_sources(
                    base_root, base_display, limits, out, inherited=True, chain=(*chain, base_root.resolve())
                )
                sources.extend(base_sources)

    sources.append(Source(manifest, "pack.yaml", manifest=True, inherited=inherited, path=manifest_path.resolve()))
    includes = data.get("include", [])
    for file_path in _expand_includes(
        root, display_root, manifest, includes if isinstance(includes, list) else [], out
    ):
        name = _shown(root, display_root, file_path)
        doc = load_file(file_path, name, limits=limits, error=RulePackError)
        out.extend(doc.problems)
        sources.append(Source(doc, name, inherited=inherited, path=file_path.resolve()))
    tests = data.get("tests", [])
    test_files: list[tuple[Path, str]] = []
    if not inherited and isinstance(tests, list):
        for file_path in _expand_includes(root, display_root, manifest, tests, out, key="tests"):
            test_files.append((file_path, _shown(root, display_root, file_path)))
    return sources, test_files


def _resolve_extends(
    root: Path, display_root: str, manifest: Document, value: Any, out: Collector
) -> tuple[Path, str] | None:
    """Where ``extends`` points: the installed national pack, or a pack directory inside ``root``."""
    location = manifest.locate(("extends",))
    if not isinstance(value, str) or not value.strip():
        out.add(location, Message("extends must name a pack"), "E204", hint=Message("extends: nasional"))
        return None
    national = default_pack_dir()
    if value == NATIONAL_PACK:
        return national, f"<{NATIONAL_PACK}>"
    if os.path.isabs(value) or value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":"):
        out.add(
            location,
            Message(
                "extends {name} is an absolute path; a pack may only extend '{national}' or a pack inside its own "
                "directory",
                name=repr(value),
                national=NATIONAL_PACK,
            ),
            "E202",
            hint=Message("extends: {national}", national=NATIONAL_PACK),
        )
        return None
    if ".." in Path(value).parts:
        out.add(
            location,
            Message("extends {name} leaves the pack directory", name=repr(value)),
            "E202",
            hint=Message("extends: {national}, or copy the base pack into a sub-directory", national=NATIONAL_PACK),
        )
        return None
    candidate = root / value
    if not (candidate / "pack.yaml").is_file():
        out.add(
            location,
            Message("extends {name}: no pack.yaml found there", name=repr(value)),
            "E203",
            hint=Message(
                "extends: {national} (the installed national pack) or a sub-directory holding pack.yaml",
                national=NATIONAL_PACK,
            ),
        )
        return None
    if not inside(root, candidate) or not inside(root, candidate / "pack.yaml"):
        out.add(
            location,
            Message("extends {name} resolves outside the pack (through a link)", name=repr(value)),
            "E202",
            hint=Message("copy the base pack into the pack instead of linking it"),
        )
        return None
    return candidate, f"{display_root.rstrip('/')}/{Path(value).as_posix()}" if display_root not in ("", ".") else Path(
        value
    ).as_posix()


def parse_file(doc: Document, data: dict[Any, Any], out: Collector, broken: dict[str, set[str]]) -> PackFile:
    """Validate a file entry by entry, so one bad entry does not hide the rest."""
    sections: dict[str, Any] = {}
    for key, value in data.items():
        if key not in PackFile.model_fields:
            close = suggest(str(key), SECTION_KEYS)
            out.add(
                doc.locate((key,), key=True),
                Message("unknown section {name}", name=repr(key)),
                "E102",
                hint=Message("did you mean {suggestion}?", suggestion=repr(close))
                if close
                else Message("sections: {sections}", sections=", ".join(SECTION_KEYS)),
            )
            continue
        if value is None:
            continue
        annotation = union_members(PackFile.model_fields[key].annotation)[0]
        origin = typing.get_origin(annotation)
        element = typing.get_args(annotation)[-1] if origin in (dict, list) else None
        per_entry = isinstance(element, type) and issubclass(element, BaseModel)
        if per_entry and origin is dict and isinstance(value, dict):
            model = typing.get_args(annotation)[1]
            good: dict[str, Any] = {}
            for entry_id, entry in value.items():
                if not isinstance(entry_id, str):
                    out.add(
                        doc.locate((key, entry_id), key=True),
                        Message("id {id} must be text", id=repr(entry_id)),
                        "E103",
                    )
                    continue
                try:
                    good[entry_id] = model.model_validate(entry)
                except ValidationError as exc:
                    out.extend(validation_problems(exc, model, doc, (key, entry_id)))
                    broken.setdefault(key, set()).add(entry_id)
                    if (
                        key == "indicators"
                        and isinstance(entry, dict)
                        and entry.get("type") in typing.get_args(IndicatorType)
                    ):
                        broken.setdefault("indicator_types", set()).add(f"{entry_id}:{entry['type']}")
            sections[key] = good
        elif per_entry and origin is list and isinstance(value, list):
            model = typing.get_args(annotation)[0]
            items: list[Any] = []
            for index, entry in enumerate(value):
                try:
                    items.append(model.model_validate(entry))
                except ValidationError as exc:
                    out.extend(validation_problems(exc, model, doc, (key, index)))
                    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                        broken.setdefault("rules", set()).add(entry["id"])
            sections[key] = items
        else:
            try:
                sections[key] = PackFile.model_validate({key: value}).__dict__[key]
            except ValidationError as exc:
                out.extend(validation_problems(exc, PackFile, doc))
    return PackFile.model_construct(**sections)
