"""Run (command, case) pairs of the adversarial tables in this process, under a memory limit.

Usage: ``python -m tests.adversarial.driver KIND SCRATCH_DIR`` with KIND
``profile`` or ``pack``; prints one JSON object per pair, then a summary line.
The test module starts this in a subprocess so that ``RLIMIT_AS`` and the
peak resident size apply to asn-advisor alone, not to pytest.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from .cases import ADDRESS_SPACE_LIMIT, ALL_CASES, COMMANDS, OUTPUTS, SHIPPED_PACK, TIME_LIMIT_S, applies, arguments

HANG_LIMIT_S = 4 * TIME_LIMIT_S


class Hang(BaseException):
    """Raised by the alarm: a BaseException so the CLI's own error handling cannot swallow it."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


def _peak_rss() -> int:
    """Peak resident set size of this process in bytes (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def _supported(needs: str | None) -> bool:
    if needs == "symlink":
        return hasattr(os, "symlink") and os.name != "nt"
    if needs == "fifo":
        return hasattr(os, "mkfifo")
    return True


def main(kind: str, scratch: Path) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))
    signal.signal(signal.SIGALRM, _alarm)

    import asn_advisor.cli.advise as advise_commands
    import asn_advisor.cli.batch as batch_commands
    import asn_advisor.cli.history as history_commands
    from asn_advisor import load_rules
    from asn_advisor.cli import main as cli_main

    # Profile cases all use the shipped pack; loading it once keeps the run
    # short, and the pack is not what these cases test.
    shipped = load_rules(SHIPPED_PACK)
    original = advise_commands.load_pack
    for commands in (advise_commands, batch_commands, history_commands):
        commands.load_pack = lambda rules_dir: shipped if rules_dir == str(SHIPPED_PACK) else original(rules_dir)

    runner = CliRunner()
    for index, case in enumerate(c for c in ALL_CASES if c.kind == kind):
        for command in COMMANDS:
            if not applies(command, case):
                continue
            record: dict[str, Any] = {"case": case.id, "kind": case.kind, "command": command.name}
            if not _supported(case.needs):
                record["skipped"] = f"needs {case.needs}"
                print(json.dumps(record), flush=True)
                continue
            tmp = scratch / f"{index}-{command.name}"
            tmp.mkdir(parents=True)
            os.chdir(tmp)  # a payload that escaped would create files here
            built = case.build(tmp)
            argv = arguments(command, case, built, tmp)
            signal.setitimer(signal.ITIMER_REAL, HANG_LIMIT_S)
            start = time.perf_counter()
            try:
                result = runner.invoke(cli_main, argv, catch_exceptions=True)
                record["exit_code"] = result.exit_code
                record["stderr"] = result.stderr
                record["stdout"] = result.stdout[:200_000]
                if result.exception is not None and not isinstance(result.exception, SystemExit):
                    record["exception"] = "".join(traceback.format_exception(result.exception))
            except Hang:
                record["exit_code"] = None
                record["hang"] = True
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            record["elapsed"] = time.perf_counter() - start
            record["peak_rss"] = _peak_rss()
            record["leftovers"] = sorted(p.name for p in tmp.iterdir() if p.name in OUTPUTS)
            print(json.dumps(record), flush=True)
    print(json.dumps({"summary": True, "peak_rss": _peak_rss()}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
