"""What an output may be: a regular file or nothing, and never one of the command's inputs.

Every command that writes a file (``-o``, ``--svg``) is tried against a
device, a named pipe, a socket and a link to a device (refused, exit 6, the
thing left as it was), and against each file it reads: the profile read
through standard input, every profile under an input directory, and the
history store.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from asn_advisor.cli import main
from asn_advisor.errors import ExitCode

from .cases import GOOD_PROFILE, ROOT

PROFILES = ROOT / "examples" / "profiles"

# command -> (workspace, output) -> arguments; the workspace holds p.yaml, dir/ and h.db.
WRITERS: dict[str, Callable[[Path, Path], list[str]]] = {
    "advise": lambda ws, out: ["advise", str(ws / "p.yaml"), "-o", str(out)],
    "plan": lambda ws, out: ["plan", str(ws / "p.yaml"), "-o", str(out)],
    "report": lambda ws, out: ["report", str(ws / "p.yaml"), "--format", "markdown", "-o", str(out)],
    "whatif": lambda ws, out: ["whatif", str(ws / "p.yaml"), "--set", "participation_rate=80", "-o", str(out)],
    "batch": lambda ws, out: ["batch", str(ws / "dir"), "-o", str(out)],
    "compare": lambda ws, out: ["compare", str(ws / "dir"), "-o", str(out)],
    "rules-graph": lambda ws, out: ["rules", "graph", "-o", str(out)],
    "history-show": lambda ws, out: ["history", "show", "--db", str(ws / "h.db"), "-o", str(out)],
    "history-svg": lambda ws, out: ["history", "show", _program(ws), "--db", str(ws / "h.db"), "--svg", str(out)],
    "history-effect": lambda ws, out: ["history", "effect", "--db", str(ws / "h.db"), "-o", str(out)],
}


def _program(ws: Path) -> str:
    return (ws / "program-id").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("outputs")
    shutil.copyfile(GOOD_PROFILE, ws / "p.yaml")
    (ws / "dir").mkdir()
    for name in ("binjai.yaml", "bungo.yaml", "cakranegara.yaml"):
        shutil.copyfile(PROFILES / name, ws / "dir" / name)
    runner = CliRunner()
    recorded = runner.invoke(
        main, ["history", "record", str(ws / "p.yaml"), "--db", str(ws / "h.db"), "--format", "json"]
    )
    assert recorded.exit_code == 0, recorded.output
    import json

    (ws / "program-id").write_text(json.loads(recorded.stdout)["program_id"], encoding="utf-8")
    return ws


def _snapshot(ws: Path) -> dict[str, bytes]:
    return {str(p.relative_to(ws)): p.read_bytes() for p in sorted(ws.rglob("*")) if p.is_file()}


def _special_targets(tmp_path: Path, kind: str) -> Path:
    """A device, pipe, socket or link to a device of the test's own: a regression must not replace /dev/null."""
    if kind == "fifo":
        os.mkfifo(tmp_path / "fifo")
        return tmp_path / "fifo"
    if kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(tmp_path / "sock"))
        server.close()
        return tmp_path / "sock"
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is on Linux
    except (OSError, AttributeError):
        pytest.skip("creating a device node needs root on Linux")
    if kind == "device":
        return device
    os.symlink(device, tmp_path / "link")
    return tmp_path / "link"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("kind", ["device", "fifo", "socket", "link-to-device"])
def test_output_that_is_not_a_regular_file_is_refused(
    runner: CliRunner, workspace: Path, tmp_path: Path, writer: str, kind: str
) -> None:
    """Even with --force a device, pipe, socket or link to one is refused (exit 6) and stays what it was."""
    target = _special_targets(tmp_path, kind)
    before = os.stat(target)
    result = runner.invoke(main, [*WRITERS[writer](workspace, target), "--force"])
    assert result.exit_code == ExitCode.OUTPUT, result.output
    assert "Traceback" not in result.output
    after = os.stat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode) and after.st_ino == before.st_ino
    assert not stat.S_ISREG(after.st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


# command -> (workspace) -> (arguments with the output, the input file it names)
OVER_INPUTS: dict[str, Callable[[Path], tuple[list[str], Path]]] = {
    "history-show-over-store": lambda ws: (WRITERS["history-show"](ws, ws / "h.db"), ws / "h.db"),
    "history-svg-over-store": lambda ws: (WRITERS["history-svg"](ws, ws / "h.db"), ws / "h.db"),
    "history-effect-over-store": lambda ws: (WRITERS["history-effect"](ws, ws / "h.db"), ws / "h.db"),
    "batch-over-profile-in-dir": lambda ws: (
        WRITERS["batch"](ws, ws / "dir" / "bungo.yaml"),
        ws / "dir" / "bungo.yaml",
    ),
    "batch-over-dotted-name": lambda ws: (
        WRITERS["batch"](ws, ws / "dir" / "." / "binjai.yaml"),
        ws / "dir" / "binjai.yaml",
    ),
    "compare-over-profile-in-dir": lambda ws: (
        WRITERS["compare"](ws, ws / "dir" / "cakranegara.yaml"),
        ws / "dir" / "cakranegara.yaml",
    ),
    "compare-over-hard-link-to-dir-profile": lambda ws: (
        WRITERS["compare"](ws, _hard_link(ws / "dir" / "bungo.yaml", ws / "elsewhere.yaml")),
        ws / "dir" / "bungo.yaml",
    ),
    "batch-over-symlink-to-dir-profile": lambda ws: (
        WRITERS["batch"](ws, _symlink(ws / "dir" / "binjai.yaml", ws / "pointer.yaml")),
        ws / "dir" / "binjai.yaml",
    ),
}


def _hard_link(source: Path, link: Path) -> Path:
    if not link.exists():
        os.link(source, link)
    return link


def _symlink(source: Path, link: Path) -> Path:
    if not link.is_symlink():
        os.symlink(source, link)
    return link


@pytest.mark.parametrize("case", sorted(OVER_INPUTS))
def test_output_over_an_input_is_refused_even_with_force(runner: CliRunner, workspace: Path, case: str) -> None:
    """The history store and every file under an input directory are inputs: exit 6, all bytes kept."""
    argv, protected = OVER_INPUTS[case](workspace)
    before = _snapshot(workspace)
    result = runner.invoke(main, [*argv, "--force"])
    assert result.exit_code == ExitCode.OUTPUT, result.output
    assert "Traceback" not in result.output
    assert protected.read_bytes() == before[str(protected.relative_to(workspace))]
    assert _snapshot(workspace) == before


def _cli(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "ASN_ADVISOR_LANG": "en"}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "asn_advisor", *args], capture_output=True, env=env, timeout=60, **kwargs
    )


@pytest.mark.parametrize("command", ["advise", "plan", "report", "batch"])
def test_profile_read_through_standard_input_is_protected(tmp_path: Path, command: str) -> None:
    """``advise - < p.yaml -o p.yaml --force``: standard input is that very file, so it is refused."""
    profile = tmp_path / "p.yaml"
    if command == "batch":
        profile = tmp_path / "p.jsonl"
        import json

        from asn_advisor._base.reading import read_text
        from asn_advisor._base.safe_yaml import load_document

        text, name = read_text(GOOD_PROFILE)
        profile.write_text(json.dumps(load_document(text, name).data) + "\n", encoding="utf-8")
    else:
        shutil.copyfile(GOOD_PROFILE, profile)
    before = profile.read_bytes()
    extra = ["--format", "markdown"] if command == "report" else []
    with profile.open("rb") as stdin:
        result = _cli([command, "-", *extra, "-o", str(profile), "--force"], stdin=stdin)
    assert result.returncode == ExitCode.OUTPUT, result.stderr
    assert b"Traceback" not in result.stderr
    assert profile.read_bytes() == before
    other = tmp_path / "other.out"
    with profile.open("rb") as stdin:
        fine = _cli([command, "-", *extra, "-o", str(other)], stdin=stdin)
    assert fine.returncode == 0, fine.stderr
