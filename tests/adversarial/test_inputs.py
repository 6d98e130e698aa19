"""Every command against every bad input: a clear message, a documented exit code, bounded time and memory.

The pairs come from the tables in cases.py; they run in two subprocesses
(profiles and packs, concurrently) under ``RLIMIT_AS`` so that memory is
bounded and measured for asn-advisor alone (see driver.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .cases import ALL_CASES, COMMANDS, PEAK_RSS_LIMIT, ROOT, TIME_LIMIT_S, Case, Command, applies

Results = dict[tuple[str, str, str], dict[str, Any]]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Results:
    """Run the driver for profile and pack cases side by side; index the records."""
    scratch = tmp_path_factory.mktemp("adversarial")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    env.pop("ASN_ADVISOR_DEBUG", None)
    # The cases match the English wording; the CLI's default language is Indonesian.
    env["ASN_ADVISOR_LANG"] = "en"
    runs = {
        kind: subprocess.Popen(
            [sys.executable, "-m", "tests.adversarial.driver", kind, str(scratch / kind)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for kind in ("profile", "pack")
    }
    records: Results = {}
    for kind, process in runs.items():
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, f"driver for {kind} cases failed:\n{err[-4000:]}"
        for line in out.splitlines():
            record = json.loads(line)
            key = (
                ("summary", kind, "") if record.get("summary") else (record["kind"], record["case"], record["command"])
            )
            records[key] = record
    return records


PAIRS = [
    pytest.param(command, case, id=f"{command.name}-{case.kind}-{case.id}")
    for case in ALL_CASES
    for command in COMMANDS
    if applies(command, case)
]


@pytest.mark.parametrize(("command", "case"), PAIRS)
def test_bad_input_fails_clearly_within_bounds(results: Results, command: Command, case: Case) -> None:
    """Exit code as documented, the expected message, no traceback, < 5 s, bounded memory, nothing written."""
    record = results[(case.kind, case.id, command.name)]
    if "skipped" in record:
        pytest.skip(record["skipped"])
    assert not record.get("hang"), f"no answer within the hang limit: {record}"
    assert "exception" not in record, record["exception"]
    stderr = record["stderr"]
    # `rules check` is a linter: the problems it finds are its output (stdout).
    said = stderr + record["stdout"]
    assert record["exit_code"] == case.exit_code, said
    assert re.search(case.message, said, re.S), said
    assert "Traceback" not in said
    assert "internal" not in said, said  # the "internal error" backstop must not be what answered
    if command.name != "rules-check":
        assert stderr.rstrip().splitlines()[-1].startswith("asn-advisor: "), stderr
    assert record["elapsed"] < TIME_LIMIT_S, record["elapsed"]
    assert record["peak_rss"] < PEAK_RSS_LIMIT, record["peak_rss"]
    assert record["leftovers"] == [], "a payload ran or an output was written despite the error"


def test_every_case_ran(results: Results) -> None:
    """The drivers covered every applicable pair and stayed within memory overall."""
    missing = [
        (case.kind, case.id, command.name)
        for case in ALL_CASES
        for command in COMMANDS
        if applies(command, case) and (case.kind, case.id, command.name) not in results
    ]
    assert not missing
    for kind in ("profile", "pack"):
        assert results[("summary", kind, "")]["peak_rss"] < PEAK_RSS_LIMIT


def test_huge_standard_input_is_refused_after_max_bytes(tmp_path: Path) -> None:
    """100 MB on standard input: refused in seconds, reading no more than the limit (real process, real pipe)."""
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    with huge.open("rb") as stdin:
        completed = subprocess.run(
            [sys.executable, "-c", _STDIN_PROBE],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
    assert completed.returncode == 3, completed.stderr
    assert "over the limit" in completed.stderr and "Traceback" not in completed.stderr
    probe = json.loads(completed.stdout.strip().splitlines()[-1])
    # The limit plus one byte, rounded up by the standard input's read buffer.
    assert probe["read"] <= 10 * 1024 * 1024 + 64 * 1024, probe
    assert probe["elapsed"] < TIME_LIMIT_S
    assert probe["peak_rss"] < PEAK_RSS_LIMIT


# Runs asn-advisor on its standard input and reports how far into that input
# it read (the file offset of fd 0), how long it took and its peak memory.
_STDIN_PROBE = """
import json, os, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from asn_advisor.cli import main
start = time.perf_counter()
try:
    main(["advise", "-"], standalone_mode=True)
except SystemExit as exit:
    code = exit.code
elapsed = time.perf_counter() - start
read = os.lseek(0, 0, os.SEEK_CUR)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"read": read, "elapsed": elapsed, "peak_rss": peak}))
sys.exit(code)
"""
