"""The tables of the adversarial suite: commands x bad inputs.

To cover a new command, add one :class:`Command` line to :data:`COMMANDS`
(say which inputs it reads).  To cover a new kind of bad input, add one
:class:`Case` to :data:`PROFILE_CASES` or :data:`PACK_CASES` with the exit
code and the message it must give.  Every (command, case) pair that applies
becomes a test; cases marked ``heavy`` run in a subprocess under a memory
limit (test_resources.py), the others in-process (test_inputs.py).
"""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from asn_advisor.errors import ExitCode

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_PACK = ROOT / "rules"
GOOD_PROFILE = ROOT / "examples" / "profiles" / "pupr-2021.yaml"

# Generous bounds: the limits are meant to stop bad input in about a second
# on a laptop; CI machines are slower and shared.
TIME_LIMIT_S = 5.0
ADDRESS_SPACE_LIMIT = 1024 * 1024 * 1024  # RLIMIT_AS of the subprocess
PEAK_RSS_LIMIT = 512 * 1024 * 1024


@dataclass(frozen=True)
class Command:
    """One CLI command and how to call it on a profile and a pack."""

    name: str
    argv: Callable[[Path, Path, Path], list[str]]  # (profile, pack, scratch dir) -> arguments
    reads_profile: bool = True
    reads_pack: bool = True


COMMANDS: tuple[Command, ...] = (
    Command("advise", lambda profile, pack, tmp: ["advise", str(profile), "--rules", str(pack)]),
    Command(
        "advise-json-out",
        lambda profile, pack, tmp: [
            "advise",
            str(profile),
            "--rules",
            str(pack),
            "--format",
            "json",
            "-o",
            str(tmp / "advice.json"),
        ],
    ),
    Command("score", lambda profile, pack, tmp: ["score", str(profile), "--rules", str(pack), "--format", "json"]),
    Command("explain", lambda profile, pack, tmp: ["explain", str(profile), "--rules", str(pack)]),
    Command("rules-check", lambda profile, pack, tmp: ["rules", "check", str(pack)], reads_profile=False),
    Command("plan", lambda profile, pack, tmp: ["plan", str(profile), "--rules", str(pack)]),
    Command(
        "whatif",
        lambda profile, pack, tmp: ["whatif", str(profile), "--rules", str(pack), "--set", "participation_rate=80"],
    ),
    Command(
        "report-html",
        lambda profile, pack, tmp: ["report", str(profile), "--rules", str(pack), "-o", str(tmp / "laporan.html")],
    ),
    Command("rules-test", lambda profile, pack, tmp: ["rules", "test", str(pack)], reads_profile=False),
    Command("rules-graph", lambda profile, pack, tmp: ["rules", "graph", str(pack)], reads_profile=False),
    # batch and compare read many profiles and account for each bad one as an
    # error record (tests/test_batch.py); here they meet the bad packs.
    Command(
        "batch",
        lambda profile, pack, tmp: [
            "batch",
            str(GOOD_PROFILE.parent),
            "--rules",
            str(pack),
            "-o",
            str(tmp / "advice.jsonl"),
        ],
        reads_profile=False,
    ),
    Command(
        "compare",
        lambda profile, pack, tmp: [
            "compare",
            str(GOOD_PROFILE.parent),
            "--rules",
            str(pack),
            "-o",
            str(tmp / "comparison.html"),
        ],
        reads_profile=False,
    ),
    Command(
        "history-record",
        lambda profile, pack, tmp: [
            "history",
            "record",
            str(profile),
            "--rules",
            str(pack),
            "--db",
            str(tmp / "history.db"),
            "--period",
            "2025",
        ],
    ),
)

#: Files a command above would write; none may exist after a refused input.
OUTPUTS = ("pwned", "advice.json", "advice.jsonl", "comparison.html", "history.db")


@dataclass(frozen=True)
class Case:
    """A bad input, the exit code it must give and a regex its message must match."""

    id: str
    kind: Literal["profile", "pack"]
    build: Callable[[Path], Path]  # scratch dir -> the profile file or the pack directory
    exit_code: ExitCode
    message: str
    heavy: bool = False
    needs: str | None = None  # "symlink" or "fifo": skipped where the OS lacks it


def applies(command: Command, case: Case) -> bool:
    return command.reads_profile if case.kind == "profile" else command.reads_pack


def arguments(command: Command, case: Case, built: Path, tmp: Path) -> list[str]:
    if case.kind == "profile":
        return command.argv(built, SHIPPED_PACK, tmp)
    return command.argv(GOOD_PROFILE, built, tmp)


# ---------------------------------------------------------------- builders


def _text(name: str, text: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return build


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return build


def _sparse(name: str, size: int) -> Callable[[Path], Path]:
    """A file of ``size`` bytes that takes no disk space (a hole)."""

    def build(tmp: Path) -> Path:
        path = tmp / name
        with path.open("wb") as handle:
            handle.truncate(size)
        return path

    return build


def alias_bomb(indent: str = "") -> str:
    """Ten levels of ten aliases: 10**10 values once expanded."""
    lines = [f"{indent}a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 10):
        previous, current = chr(96 + level), chr(97 + level)
        lines.append(f"{indent}{current}: &{current} [" + ", ".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def alias_tower(indent: str = "") -> str:
    """Anchors 40 levels deep, each aliased inside the next: shallow text, deep data."""
    lines = [f"{indent}t0: &t0 " + "[" * 40 + "1" + "]" * 40]
    for level in range(1, 30):
        lines.append(f"{indent}t{level}: &t{level} " + "[" * 40 + f"*t{level - 1}" + "]" * 40)
    return "\n".join(lines) + "\n"


def _flat_yaml(tmp: Path) -> Path:
    """Just under the 10 MB limit, four bytes per value: 2.6 million values."""
    path = tmp / "flat.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("program: {id: x}\nextra:\n")
        chunk = "- 1\n" * 65536
        while handle.tell() + len(chunk) < 10 * 1024 * 1024 - 64:
            handle.write(chunk)
    return path


def _many_unknown(tmp: Path) -> Path:
    """Eight thousand unknown ids, each one worth a did-you-mean search."""
    path = tmp / "many-unknown.yaml"
    lines = ["program: {id: x}", "indicators:"]
    lines += [f"  participation_rat{i}: 50" for i in range(6000)]
    lines.append("findings:")
    lines += [f"  - id: low_participatio{i}" for i in range(2000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


PROFILE = "program: {id: uji}\n"

PROFILE_CASES: tuple[Case, ...] = (
    Case(
        "alias-bomb",
        "profile",
        _text("bomb.yaml", PROFILE + "program_extra:\n" + alias_bomb("  ")),
        ExitCode.INPUT,
        r"alias",
    ),
    Case(
        "alias-tower",
        "profile",
        _text("tower.yaml", "program:\n  id: x\n  extra:\n" + alias_tower("    ")),
        ExitCode.INPUT,
        r"nests the document deeper than \d+ levels",
    ),
    Case(
        "deep-yaml",
        "profile",
        _text("deep.yaml", "program: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        ExitCode.INPUT,
        r"deep\.yaml:1:\d+: Y021 .*64",
    ),
    Case(
        "deep-json",
        "profile",
        _text("deep.json", '{"program": ' + "[" * 5000 + "]" * 5000 + "}"),
        ExitCode.INPUT,
        r"deep\.json:1:1: Y021 .*64",
    ),
    Case(
        "100mb", "profile", _sparse("huge.yaml", 100 * 1024 * 1024), ExitCode.INPUT, r"104857600 bytes, over the limit"
    ),
    Case("flat-10mb", "profile", _flat_yaml, ExitCode.INPUT, r"more than \d+ values", heavy=True),
    Case("many-unknown-ids", "profile", _many_unknown, ExitCode.PROFILE, r"stopped after the first 200", heavy=True),
    Case(
        "json-many-values",
        "profile",
        _text("flat.json", '{"program": {"id": "x"}, "extra": [' + "1," * 2_000_000 + "1]}"),
        ExitCode.INPUT,
        r"more than \d+ values",
    ),
    Case("binary", "profile", _bytes("binary.yaml", bytes(range(256)) * 4), ExitCode.INPUT, r"binary"),
    Case("utf16", "profile", _bytes("utf16.yaml", PROFILE.encode("utf-16")), ExitCode.INPUT, r"binary|UTF-8"),
    Case(
        "latin1",
        "profile",
        _bytes("latin1.yaml", "program: {id: caf\u00e9}\n".encode("latin-1")),
        ExitCode.INPUT,
        r"not valid UTF-8 \(byte 0xe9\)",
    ),
    Case("empty", "profile", _bytes("empty.yaml", b""), ExitCode.PROFILE, r"the profile is empty"),
    Case(
        "comment-only",
        "profile",
        _text("comment.yaml", "# nothing yet\n   \n"),
        ExitCode.PROFILE,
        r"the profile is empty",
    ),
    Case(
        "not-a-mapping",
        "profile",
        _text("list.yaml", "- program\n- indicators\n"),
        ExitCode.PROFILE,
        r"must be a mapping",
    ),
    Case(
        "duplicate-keys",
        "profile",
        _text("dup.yaml", PROFILE + "indicators:\n  participation_rate: 50\n  participation_rate: 90\n"),
        ExitCode.PROFILE,
        r"'participation_rate' is defined twice",
    ),
    Case(
        "json-duplicate-keys",
        "profile",
        _text("dup.json", '{"program": {"id": "x"}, "program": {"id": "y"}}'),
        ExitCode.PROFILE,
        r"'program' is defined twice",
    ),
    Case(
        "yaml-nan",
        "profile",
        _text("nan.yaml", PROFILE + "indicators:\n  participation_rate: .nan\n"),
        ExitCode.PROFILE,
        r"must be a finite number",
    ),
    Case(
        "yaml-inf",
        "profile",
        _text("inf.yaml", PROFILE + "indicators:\n  participation_rate: -.inf\n"),
        ExitCode.PROFILE,
        r"must be a finite number",
    ),
    Case(
        "yaml-nan-in-map",
        "profile",
        _text("nanmap.yaml", PROFILE + "indicators:\n  absence_reasons: {work_conflict: .NaN}\n"),
        ExitCode.PROFILE,
        r"absence_reasons.work_conflict must be a finite number",
    ),
    Case(
        "yaml-nan-rating",
        "profile",
        _text("nanrating.yaml", PROFILE + "indicators:\n  satisfaction: {value: .nan, scale: '1-4'}\n"),
        ExitCode.PROFILE,
        r"satisfaction must be a number 0..100 or",
    ),
    Case(
        "json-nan",
        "profile",
        _text("nan.json", '{"program": {"id": "x"}, "indicators": {"participation_rate": NaN}}'),
        ExitCode.INPUT,
        r"NaN is not a number JSON allows",
    ),
    Case(
        "json-infinity",
        "profile",
        _text("inf.json", '{"program": {"id": "x"}, "indicators": {"participation_rate": -Infinity}}'),
        ExitCode.INPUT,
        r"-Infinity is not a number JSON allows",
    ),
    Case(
        "json-overflow",
        "profile",
        _text("big.json", '{"program": {"id": "x"}, "indicators": {"participation_rate": 1e999}}'),
        ExitCode.PROFILE,
        r"must be a finite number",
    ),
    Case(
        "json-5000-digits",
        "profile",
        _text("digits.json", '{"program": {"id": "x"}, "indicators": {"participation_rate": 1' + "0" * 5000 + "}}"),
        ExitCode.INPUT,
        r"more than 4300 digits",
    ),
    Case(
        "yaml-400-digits",
        "profile",
        _text("digits.yaml", PROFILE + "indicators:\n  participation_rate: 1" + "0" * 400 + "\n"),
        ExitCode.PROFILE,
        r"participation_rate must be a finite number|between 0 and 100",
    ),
    Case(
        "negative-percent",
        "profile",
        _text("neg.yaml", PROFILE + "indicators:\n  participation_rate: -5\n"),
        ExitCode.PROFILE,
        r"participation_rate is -5, but a percentage must be between 0 and 100",
    ),
    Case(
        "percent-over-100",
        "profile",
        _text("over.yaml", PROFILE + "indicators:\n  graduation_rate: 180\n"),
        ExitCode.PROFILE,
        r"graduation_rate is 180, but a percentage must be between 0 and 100",
    ),
    Case(
        "map-percent-negative",
        "profile",
        _text("negmap.yaml", PROFILE + "indicators:\n  absence_reasons: {work_conflict: -3}\n"),
        ExitCode.PROFILE,
        r"a percentage is between 0 and 100",
    ),
    Case(
        "rating-decimal-no-scale",
        "profile",
        _text("r1.yaml", PROFILE + "indicators:\n  satisfaction: 3.2\n"),
        ExitCode.PROFILE,
        r"is that on a 1-4 or 1-5 scale",
    ),
    Case(
        "rating-integer-no-scale",
        "profile",
        _text("r2.yaml", PROFILE + "indicators:\n  trainer_rating: 4\n"),
        ExitCode.PROFILE,
        r"is that on a 1-4 or 1-5 scale",
    ),
    Case(
        "rating-missing-scale-key",
        "profile",
        _text("r3.yaml", PROFILE + "indicators:\n  satisfaction: {value: 3}\n"),
        ExitCode.PROFILE,
        r'\{value: V, scale: "1-4"\}',
    ),
    Case(
        "rating-out-of-scale",
        "profile",
        _text("r4.yaml", PROFILE + "indicators:\n  satisfaction: {value: 7, scale: '1-5'}\n"),
        ExitCode.PROFILE,
        r"outside its scale 1-5",
    ),
    Case(
        "rating-scale-en-dash",
        "profile",
        _text("r5.yaml", PROFILE + "indicators:\n  satisfaction: {value: 3, scale: '1\u20134'}\n"),
        ExitCode.PROFILE,
        r"EN DASH.*did you mean '1-4'",
    ),
    Case(
        "confusable-finding",
        "profile",
        _text("c1.yaml", PROFILE + "findings:\n  - id: l\u043ew_participation\n"),
        ExitCode.PROFILE,
        r"CYRILLIC SMALL LETTER O, looks like 'o'.*did you mean 'low_participation'",
    ),
    Case(
        "confusable-indicator",
        "profile",
        _text("c2.yaml", PROFILE + "indicators:\n  p\u0430rticipation_rate: 50\n"),
        ExitCode.PROFILE,
        r"CYRILLIC SMALL LETTER A.*did you mean 'participation_rate'",
    ),
    Case(
        "zero-width-in-id",
        "profile",
        _text("c3.yaml", PROFILE + "findings:\n  - id: low_\u200bparticipation\n"),
        ExitCode.PROFILE,
        r"invisible ZERO WIDTH SPACE.*did you mean 'low_participation'",
    ),
    Case(
        "fullwidth-id",
        "profile",
        _text("c4.yaml", PROFILE + "findings:\n  - id: \uff4c\uff4f\uff57_participation\n"),
        ExitCode.PROFILE,
        r"FULLWIDTH LATIN SMALL LETTER L.*did you mean 'low_participation'",
    ),
    Case(
        "python-tag",
        "profile",
        _text("tag.yaml", "program: !!python/object/apply:os.system ['touch pwned']\n"),
        ExitCode.INPUT,
        r"YAML tag .* is not allowed",
    ),
    Case(
        "merge-key",
        "profile",
        _text("merge.yaml", "base: &b {id: x}\nprogram:\n  <<: *b\n"),
        ExitCode.INPUT,
        r"merge keys",
    ),
    Case(
        "two-documents",
        "profile",
        _text("two.yaml", PROFILE + "---\n" + PROFILE),
        ExitCode.INPUT,
        r"more than one YAML document",
    ),
    Case(
        "syntax-error",
        "profile",
        _text("syntax.yaml", "program: {id: x\nindicators: [\n"),
        ExitCode.INPUT,
        r"syntax\.yaml:\d+:\d+: Y03\d ",
    ),
    # YAML 1.1 number forms a person does not mean are refused, never converted.
    Case(
        "octal-number",
        "profile",
        _text("octal.yaml", PROFILE + "indicators:\n  participation_rate: 075\n"),
        ExitCode.INPUT,
        r"'075' starts with 0",
    ),
    Case(
        "hex-number",
        "profile",
        _text("hex.yaml", PROFILE + "indicators:\n  participation_rate: 0x32\n"),
        ExitCode.INPUT,
        r"'0x32' is hexadecimal",
    ),
    Case(
        "base-60-number",
        "profile",
        _text("sexagesimal.yaml", PROFILE + "indicators:\n  participation_rate: 1:10\n"),
        ExitCode.INPUT,
        r"'1:10' is a base-60 number",
    ),
    Case(
        "underscore-number",
        "profile",
        _text("underscore.yaml", PROFILE + "indicators:\n  participation_rate: 5_0\n"),
        ExitCode.INPUT,
        r"'5_0' has '_'",
    ),
    Case(
        "5000-digit-integer",
        "profile",
        _text("long.yaml", PROFILE + "indicators:\n  participation_rate: " + "9" * 5000 + "\n"),
        ExitCode.INPUT,
        r"5000 digits",
    ),
    Case("directory", "profile", lambda tmp: tmp, ExitCode.INPUT, r"is a directory"),
    Case("missing-file", "profile", lambda tmp: tmp / "no-such-profile.yaml", ExitCode.INPUT, r"file not found"),
)


# ---------------------------------------------------------------- packs


def _pack(edit: Callable[[Path], object]) -> Callable[[Path], Path]:
    """A copy of the shipped pack, changed by ``edit``."""

    def build(tmp: Path) -> Path:
        root = tmp / "pack"
        shutil.copytree(SHIPPED_PACK, root)
        edit(root)
        return root

    return build


def _include(name: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        # Add the entry to the include list itself, wherever it ends in pack.yaml.
        manifest = root / "pack.yaml"
        lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
        start = next(i for i, line in enumerate(lines) if line.startswith("include:"))
        end = start + 1
        while end < len(lines) and lines[end].startswith("  - "):
            end += 1
        lines.insert(end, f"  - {json.dumps(name)}\n")
        manifest.write_text("".join(lines), encoding="utf-8")

    return edit


def _replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def _append(file: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        with (root / file).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return edit


def _outside_file(root: Path) -> Path:
    secret = root.parent / "secret.yaml"
    secret.write_text("findings: {}\n", encoding="utf-8")
    return secret


def _dotdot(root: Path) -> None:
    _outside_file(root)
    _include("../secret.yaml")(root)


def _absolute(root: Path) -> None:
    _include(str(_outside_file(root)))(root)


def _symlink_file(root: Path) -> None:
    os.symlink(_outside_file(root), root / "linked.yaml")
    _include("linked.yaml")(root)


def _symlink_dir(root: Path) -> None:
    outside = root.parent / "elsewhere"
    outside.mkdir()
    (outside / "more.yaml").write_text("findings: {}\n", encoding="utf-8")
    os.symlink(outside, root / "sub")
    _include("sub/*.yaml")(root)


def _symlink_manifest(root: Path) -> None:
    real = root.parent / "real-pack.yaml"
    (root / "pack.yaml").rename(real)
    os.symlink(real, root / "pack.yaml")


def _fifo(root: Path) -> None:
    os.mkfifo(root / "pipe.yaml")
    _include("pipe.yaml")(root)


def _no_manifest(root: Path) -> None:
    (root / "pack.yaml").unlink()


def _many_broken_rules(root: Path) -> None:
    lines = [
        f"  - id: r{i}\n"
        f"    when: has(low_participatio{i}) and participation_rat{i} < 5\n"
        f"    recommend: [flexible_schedulin{i}]\n"
        for i in range(3000)
    ]
    _append("aturan-rekomendasi.yaml", "".join(lines))(root)


def _sparse_pack_file(root: Path) -> None:
    with (root / "temuan.yaml").open("r+b") as handle:
        handle.truncate(100 * 1024 * 1024)


PACK_CASES: tuple[Case, ...] = (
    Case(
        "include-dotdot",
        "pack",
        _pack(_dotdot),
        ExitCode.RULES,
        r"E202 include '\.\./secret\.yaml' leaves the pack directory",
    ),
    Case("include-absolute", "pack", _pack(_absolute), ExitCode.RULES, r"E202 include .* is an absolute path"),
    Case(
        "include-symlink-out",
        "pack",
        _pack(_symlink_file),
        ExitCode.RULES,
        r"E202 include 'linked\.yaml' resolves outside the pack",
        needs="symlink",
    ),
    Case(
        "include-glob-symlinked-dir",
        "pack",
        _pack(_symlink_dir),
        ExitCode.RULES,
        r"E202 include 'sub/\*\.yaml' resolves outside the pack",
        needs="symlink",
    ),
    Case(
        "manifest-symlink-out",
        "pack",
        _pack(_symlink_manifest),
        ExitCode.RULES,
        r"pack\.yaml resolves outside the pack directory",
        needs="symlink",
    ),
    Case("include-fifo", "pack", _pack(_fifo), ExitCode.RULES, r"E204 .*not a regular file", heavy=True, needs="fifo"),
    Case("no-manifest", "pack", _pack(_no_manifest), ExitCode.RULES, r"no pack\.yaml found"),
    Case(
        "yaml-syntax",
        "pack",
        _pack(_append("temuan.yaml", "x_broken: [\n")),
        ExitCode.RULES,
        r"temuan\.yaml:\d+:\d+: .*Y035",
    ),
    Case(
        "yaml-tab",
        "pack",
        _pack(_append("temuan.yaml", "x_tab:\n\tid: x\n")),
        ExitCode.RULES,
        r"temuan\.yaml:\d+:\d+: .*Y031",
    ),
    Case("alias-bomb", "pack", _pack(_append("temuan.yaml", "x_bomb:\n" + alias_bomb("  "))), ExitCode.RULES, r"alias"),
    Case(
        "alias-tower",
        "pack",
        _pack(_append("temuan.yaml", "x_tower:\n" + alias_tower("  "))),
        ExitCode.RULES,
        r"nests the document deeper",
    ),
    Case("100mb-file", "pack", _pack(_sparse_pack_file), ExitCode.RULES, r"over the limit"),
    Case(
        "binary-file",
        "pack",
        _pack(lambda root: (root / "temuan.yaml").write_bytes(b"\x7fELF\x02\x01\x01\x00" * 64)),
        ExitCode.RULES,
        r"binary",
    ),
    Case(
        "empty-file",
        "pack",
        _pack(lambda root: (root / "temuan.yaml").write_bytes(b"")),
        ExitCode.RULES,
        r"E104 the file is empty",
    ),
    Case(
        "duplicate-keys",
        "pack",
        _pack(
            _replace("temuan.yaml", "findings:\n", "findings:\n  low_participation: {label: x, dimension: access}\n")
        ),
        ExitCode.RULES,
        r"E101 key 'low_participation' is defined twice",
    ),
    Case(
        "nan-weight",
        "pack",
        _pack(_replace("aturan-rekomendasi.yaml", "weight: 1.5", "weight: .nan")),
        ExitCode.RULES,
        r"finite number",
    ),
    Case(
        "inf-dimension-weight",
        "pack",
        _pack(_replace("penilaian.yaml", "weight: 25", "weight: .inf")),
        ExitCode.RULES,
        r"finite number",
    ),
    Case(
        "negative-weight",
        "pack",
        _pack(_replace("aturan-rekomendasi.yaml", "weight: 1.5", "weight: -1.5")),
        ExitCode.RULES,
        r"greater than 0",
    ),
    Case(
        "confusable-finding-id",
        "pack",
        _pack(_replace("turunan.yaml", "finding: low_participation", "finding: l\u043ew_participation")),
        ExitCode.RULES,
        r"CYRILLIC SMALL LETTER O.*did you mean 'low_participation'",
    ),
    Case(
        "confusable-in-condition",
        "pack",
        _pack(_replace("aturan-rekomendasi.yaml", "has(low_participation)", "has(l\u043ew_participation)")),
        ExitCode.RULES,
        r"E301 unexpected character .*CYRILLIC SMALL LETTER O",
    ),
    Case(
        "code-in-condition",
        "pack",
        _pack(
            _replace(
                "aturan-rekomendasi.yaml",
                "when: has(low_participation)",
                "when: __import__('os').system('touch pwned')",
            )
        ),
        ExitCode.RULES,
        r"E301",
    ),
    Case(
        "python-tag",
        "pack",
        _pack(_append("temuan.yaml", "x_evil: !!python/object/apply:os.system ['touch pwned']\n")),
        ExitCode.RULES,
        r"YAML tag .* is not allowed",
    ),
    Case(
        "octal-number-in-pack",
        "pack",
        _pack(_append("temuan.yaml", "x_number: 010\n")),
        ExitCode.RULES,
        r"'010' starts with 0",
    ),
    Case(
        "5000-digit-integer-in-pack",
        "pack",
        _pack(_append("penilaian.yaml", "x_number: " + "1" * 5000 + "\n")),
        ExitCode.RULES,
        r"5000 digits",
    ),
    Case(
        "many-broken-rules",
        "pack",
        _pack(_many_broken_rules),
        ExitCode.RULES,
        r"stopped after the first 200",
        heavy=True,
    ),
)

ALL_CASES: tuple[Case, ...] = PROFILE_CASES + PACK_CASES
