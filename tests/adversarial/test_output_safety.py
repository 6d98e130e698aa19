"""Output files: atomic, never over an input, never over an existing file without --force.

Written against ``advise -o``; other commands that write files go through the
same ``_io.check_output`` / ``_io.write_atomic`` and can add themselves to
``WRITERS``.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from asn_advisor._base import output as _io
from asn_advisor.cli import main
from asn_advisor.errors import ExitCode, OutputError

from .cases import GOOD_PROFILE, SHIPPED_PACK

# command name -> (profile, pack, output) -> arguments
WRITERS: dict[str, Callable[[Path, Path, Path], list[str]]] = {
    "advise": lambda profile, pack, out: [
        "advise",
        str(profile),
        "--rules",
        str(pack),
        "--format",
        "json",
        "-o",
        str(out),
    ],
    "advise-markdown": lambda profile, pack, out: [
        "advise",
        str(profile),
        "--rules",
        str(pack),
        "--format",
        "markdown",
        "-o",
        str(out),
    ],
}


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    copy = tmp_path / "profile.yaml"
    shutil.copyfile(GOOD_PROFILE, copy)
    return copy


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(SHIPPED_PACK, root)
    return root


def _temporaries(directory: Path) -> list[str]:
    return [p.name for p in directory.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_new_output_is_written_with_ordinary_permissions(
    runner: CliRunner, tmp_path: Path, profile: Path, pack: Path, writer: str
) -> None:
    """The file holds exactly what standard output would; no temporary is left; permissions follow the umask."""
    out = tmp_path / "advice.out"
    result = runner.invoke(main, WRITERS[writer](profile, pack, out))
    assert result.exit_code == 0, result.output
    argv = WRITERS[writer](profile, pack, out)
    printed = runner.invoke(main, argv[: argv.index("-o")]).stdout
    assert out.read_text(encoding="utf-8") == printed
    assert _temporaries(tmp_path) == []
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_existing_output_needs_force(runner: CliRunner, tmp_path: Path, profile: Path, pack: Path, writer: str) -> None:
    """Without --force an existing file is left byte for byte; with --force it is replaced."""
    out = tmp_path / "advice.out"
    out.write_bytes(b"keep me")
    refused = runner.invoke(main, WRITERS[writer](profile, pack, out))
    assert refused.exit_code == ExitCode.OUTPUT
    assert "--force" in refused.stderr and "Traceback" not in refused.output
    assert out.read_bytes() == b"keep me"
    forced = runner.invoke(main, [*WRITERS[writer](profile, pack, out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert out.read_bytes() != b"keep me"
    assert _temporaries(tmp_path) == []


def test_force_replaces_by_rename_not_in_place(runner: CliRunner, tmp_path: Path, profile: Path, pack: Path) -> None:
    """--force swaps in a new file: a hard link to the old one still sees the old bytes, mode is kept."""
    out = tmp_path / "advice.json"
    out.write_bytes(b"old")
    os.chmod(out, 0o640)
    witness = tmp_path / "witness"
    os.link(out, witness)
    result = runner.invoke(main, [*WRITERS["advise"](profile, pack, out), "--force"])
    assert result.exit_code == 0, result.output
    assert witness.read_bytes() == b"old"
    assert out.read_bytes().startswith(b"{")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    "alias",
    [
        pytest.param(lambda profile: profile, id="same-path"),
        pytest.param(lambda profile: profile.parent / "." / profile.name, id="dotted-path"),
        pytest.param(lambda profile: _symlink(profile), id="symlink-to-input"),
        pytest.param(lambda profile: _hardlink(profile), id="hardlink-to-input"),
    ],
)
def test_profile_is_never_overwritten_even_with_force(
    runner: CliRunner, profile: Path, pack: Path, alias: Callable[[Path], Path]
) -> None:
    """Whatever name the output gives the profile, the profile is left as it was."""
    before = profile.read_bytes()
    target = alias(profile)
    result = runner.invoke(main, [*WRITERS["advise"](profile, pack, target), "--force"])
    assert result.exit_code == ExitCode.OUTPUT, result.output
    assert "Traceback" not in result.output
    assert profile.read_bytes() == before


@pytest.mark.parametrize("name", ["pack.yaml", "temuan.yaml", "aturan-rekomendasi.yaml"])
def test_pack_files_are_inputs_too(runner: CliRunner, profile: Path, pack: Path, name: str) -> None:
    """-o pointing at a file of the rule pack in use is refused even with --force."""
    target = pack / name
    before = target.read_bytes()
    result = runner.invoke(main, [*WRITERS["advise"](profile, pack, target), "--force"])
    assert result.exit_code == ExitCode.OUTPUT, result.output
    assert target.read_bytes() == before


def test_failed_advice_writes_nothing(runner: CliRunner, tmp_path: Path, pack: Path) -> None:
    """An invalid profile fails before any output exists; an existing output stays."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("program: {id: x}\nindicators: {participation_rate: 150}\n", encoding="utf-8")
    out = tmp_path / "advice.json"
    result = runner.invoke(main, WRITERS["advise"](bad, pack, out))
    assert result.exit_code == ExitCode.PROFILE and not out.exists()
    out.write_bytes(b"previous")
    result = runner.invoke(main, [*WRITERS["advise"](bad, pack, out), "--force"])
    assert result.exit_code == ExitCode.PROFILE and out.read_bytes() == b"previous"
    assert _temporaries(tmp_path) == []


def test_missing_or_unwritable_directory_is_an_output_error(
    runner: CliRunner, tmp_path: Path, profile: Path, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No directory, or a read-only one: exit 6 with a message, not a traceback."""
    missing = runner.invoke(main, WRITERS["advise"](profile, pack, tmp_path / "no" / "such" / "advice.json"))
    assert missing.exit_code == ExitCode.OUTPUT and "directory does not exist" in missing.stderr
    with monkeypatch.context() as patch:
        # What a read-only directory does, also when the tests run as root.
        def denied(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        patch.setattr(tempfile, "mkstemp", denied)
        result = runner.invoke(main, WRITERS["advise"](profile, pack, tmp_path / "advice.json"))
        assert (
            result.exit_code == ExitCode.OUTPUT
            and "Permission denied" in result.stderr
            and "Traceback" not in result.output
        )
    if os.geteuid() == 0:
        return  # root writes into read-only directories
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        result = runner.invoke(main, WRITERS["advise"](profile, pack, locked / "advice.json"))
        assert result.exit_code == ExitCode.OUTPUT and "Traceback" not in result.output
    finally:
        os.chmod(locked, 0o700)


def test_failure_during_the_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the final rename fails (disk full, interruption) the old file and no temporary remain."""
    out = tmp_path / "advice.json"
    out.write_bytes(b"old")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left"):
        _io.write_atomic(out, "new")
    assert out.read_bytes() == b"old"
    assert _temporaries(tmp_path) == []

    def interrupted_replace(src: str, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        _io.write_atomic(out, "new")
    assert out.read_bytes() == b"old" and _temporaries(tmp_path) == []


def test_without_overwrite_a_file_that_appears_late_is_not_clobbered(tmp_path: Path) -> None:
    """overwrite=False creates exclusively: a file created after the check wins, and nothing is lost."""
    out = tmp_path / "advice.json"
    _io.check_output(out)  # nothing there yet
    out.write_bytes(b"someone else's")  # appears between the check and the write
    with pytest.raises(OutputError):
        _io.write_atomic(out, "ours", overwrite=False)
    assert out.read_bytes() == b"someone else's"
    assert _temporaries(tmp_path) == []
    fresh = tmp_path / "fresh.json"
    _io.write_atomic(fresh, "ours", overwrite=False)
    assert fresh.read_text(encoding="utf-8") == "ours"


def test_standard_input_profile_can_write_a_file(runner: CliRunner, tmp_path: Path, profile: Path, pack: Path) -> None:
    """'-' as the profile is not a path to protect; the output is written."""
    out = tmp_path / "advice.json"
    result = runner.invoke(
        main,
        ["advise", "-", "--rules", str(pack), "--format", "json", "-o", str(out)],
        input=profile.read_text(encoding="utf-8"),
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("{")


def _symlink(profile: Path) -> Path:
    link = profile.parent / "link.yaml"
    os.symlink(profile, link)
    return link


def _hardlink(profile: Path) -> Path:
    link = profile.parent / "hard.yaml"
    os.link(profile, link)
    return link
