"""Faults around the process rather than in the input.

A worker killed as the out-of-memory killer would, Ctrl-C and SIGTERM during
a parallel batch, standard output full, closed or a broken pipe, standard
input closed, and ``--jobs`` far above the cores: each ends in a message and
the documented exit code, within seconds, with no traceback, no temporary
file left and the previous output kept.  Run in subprocesses, because the
faults are of the process.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from asn_advisor import load_rules
from asn_advisor._base.reading import read_text
from asn_advisor._base.safe_yaml import load_document
from asn_advisor.batch.pool import TEST_KILL_ENV, WorkerLostError, run_records, usable_cores
from asn_advisor.batch.records import Record
from asn_advisor.errors import ExitCode

from .cases import GOOD_PROFILE, SHIPPED_PACK

PREVIOUS = b"previous output\n"


def _profile_line(index: int) -> str:
    text, name = read_text(GOOD_PROFILE)
    data = load_document(text, name).data
    data["program"]["id"] = f"prog-{index}"
    return json.dumps(data, ensure_ascii=False)


def _jsonl(path: Path, count: int) -> Path:
    line = _profile_line(0)
    path.write_text("".join(line.replace('"prog-0"', f'"prog-{i}"') + "\n" for i in range(count)), encoding="utf-8")
    return path


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "ASN_ADVISOR_LANG": "en", **extra}


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "asn_advisor", *args]


def _temporaries(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(usable_cores() < 2, reason="needs two cores for two workers")
@pytest.mark.parametrize("command", ["batch", "compare"])
def test_a_killed_worker_fails_the_run_quickly(tmp_path: Path, command: str) -> None:
    """The worker holding record 300 dies by SIGKILL: exit 8 within seconds, its records named, nothing written."""
    source = _jsonl(tmp_path / "in.jsonl", 600)
    out = tmp_path / ("out.jsonl" if command == "batch" else "out.json")
    out.write_bytes(PREVIOUS)
    started = time.monotonic()
    result = subprocess.run(
        _command(command, str(source), "-j", "2", "-o", str(out), "--force"),
        capture_output=True,
        env=_env(**{TEST_KILL_ENV: "300"}),
        timeout=120,
    )
    elapsed = time.monotonic() - started
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == ExitCode.PARTIAL, stderr
    assert elapsed < 60
    assert "Traceback" not in stderr
    assert _named(stderr, str(source), 301)  # record index 300 is on line 301
    assert out.read_bytes() == PREVIOUS
    assert _temporaries(tmp_path) == []


@pytest.mark.skipif(usable_cores() < 2, reason="needs two cores for two workers")
def test_a_killed_worker_is_an_error_in_the_python_api(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_records raises WorkerLostError (exit code 8) instead of waiting forever."""
    monkeypatch.setenv(TEST_KILL_ENV, "40")
    pack = load_rules(SHIPPED_PACK)
    line = _profile_line(0)
    records = (Record(i, "<test>", i + 1, "json", line) for i in range(200))
    started = time.monotonic()
    with pytest.raises(WorkerLostError) as caught:
        for _ in run_records(records, pack, jobs=2, chunk_size=16):
            pass
    assert time.monotonic() - started < 30
    assert caught.value.exit_code == ExitCode.PARTIAL
    assert _named("\n".join(map(str, caught.value.problems)), "<test>", 41)


def _named(stderr: str, source: str, line: int) -> bool:
    """Whether a B801 problem of ``source`` covers ``line``."""
    for first, last in re.findall(
        rf"{re.escape(source)}:\d+: \[error\] B801 records from line (\d+) to line (\d+)", stderr
    ):
        if int(first) <= line <= int(last):
            return True
    return False


def _wait_for_temporary(directory: Path, process: subprocess.Popen[bytes], limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not _temporaries(directory):
        assert process.poll() is None, "the run ended before the signal could be sent"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.3)  # the workers are advising by now


@pytest.mark.skipif(usable_cores() < 2, reason="needs two cores for two workers")
@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGINT, ExitCode.INTERRUPTED), (signal.SIGTERM, ExitCode.TERMINATED)],
    ids=["ctrl-c", "sigterm"],
)
def test_interrupting_a_parallel_batch_leaves_nothing_behind(tmp_path: Path, signum: int, code: int) -> None:
    """Ctrl-C reaches the whole process group, SIGTERM only the parent: either way one message, no trace."""
    source = _jsonl(tmp_path / "in.jsonl", 8000)
    out = tmp_path / "out.jsonl"
    out.write_bytes(PREVIOUS)
    process = subprocess.Popen(
        _command("batch", str(source), "-j", "2", "-o", str(out), "--force"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(),
        start_new_session=True,
    )
    try:
        _wait_for_temporary(tmp_path, process)
        if signum == signal.SIGINT:
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    stderr = err.decode("utf-8", "replace")
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert out.read_bytes() == PREVIOUS
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["advise", str(GOOD_PROFILE)], id="advise"),
        pytest.param(["batch", "IN"], id="batch"),
        pytest.param(["rules", "graph"], id="rules-graph"),
    ],
)
@pytest.mark.parametrize("fault", ["dev-full", "closed", "broken-pipe"])
def test_standard_output_that_fails_is_an_output_error(tmp_path: Path, args: list[str], fault: str) -> None:
    """/dev/full, a closed descriptor, a reader that went away: exit 6 and a message, no traceback."""
    argv = [str(_jsonl(tmp_path / "in.jsonl", 300)) if a == "IN" else a for a in args]
    if fault == "dev-full":
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full")
        with open("/dev/full", "wb") as full:
            result = subprocess.run(_command(*argv), stdout=full, stderr=subprocess.PIPE, env=_env(), timeout=120)
        code, stderr = result.returncode, result.stderr
    elif fault == "closed":
        result = subprocess.run(
            _command(*argv),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=_env(),
            timeout=120,
            preexec_fn=lambda: os.close(1),
        )
        code, stderr = result.returncode, result.stderr
    else:
        process = subprocess.Popen(_command(*argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env())
        assert process.stdout is not None
        process.stdout.close()  # as `| head -0` does
        _, stderr = process.communicate(timeout=120)
        code = process.returncode
    text = stderr.decode("utf-8", "replace")
    assert code == ExitCode.OUTPUT, text
    assert "Traceback" not in text and "Exception ignored" not in text
    assert "standard output" in text


@pytest.mark.parametrize("args", [["advise", "-"], ["batch", "-"], ["extract", "-"], ["whatif", "-", "--set", "x=1"]])
def test_closed_standard_input_is_an_input_error(args: list[str]) -> None:
    """Reading '-' with descriptor 0 closed: exit 3 and a message."""
    result = subprocess.run(
        _command(*args),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=_env(),
        timeout=60,
        preexec_fn=lambda: os.close(0),
    )
    text = result.stderr.decode("utf-8", "replace")
    assert result.returncode == ExitCode.INPUT, text
    assert "Traceback" not in text and "standard input" in text


def test_jobs_far_above_the_cores_and_records_is_capped(tmp_path: Path) -> None:
    """-j 100000 on three records neither forks 100000 processes nor fails."""
    source = _jsonl(tmp_path / "in.jsonl", 3)
    started = time.monotonic()
    result = subprocess.run(
        _command("batch", str(source), "-j", "100000"), capture_output=True, env=_env(), timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert time.monotonic() - started < 60


def test_jobs_are_capped_by_cores_and_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool never gets more workers than usable cores, nor than chunks to hand out."""
    import asn_advisor.batch.pool as batch

    asked: list[int] = []
    real = batch.ProcessPoolExecutor

    def spy(max_workers: int, **kwargs: object) -> object:
        asked.append(max_workers)
        return real(max_workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "ProcessPoolExecutor", spy)
    monkeypatch.setattr(batch, "usable_cores", lambda: 2)
    pack = load_rules(SHIPPED_PACK)
    line = _profile_line(0)
    few = [Record(i, "<t>", i + 1, "json", line) for i in range(5)]
    assert len(list(run_records(iter(few), pack, jobs=64, chunk_size=8))) == 5
    assert asked == []  # one chunk: advised in this process
    many = [Record(i, "<t>", i + 1, "json", line) for i in range(40)]
    assert len(list(run_records(iter(many), pack, jobs=64, chunk_size=8))) == 40
    assert asked == [2]
