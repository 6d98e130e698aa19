"""``asn-advisor batch`` on N synthetic profiles, JSON Lines to JSON Lines.

    python benchmarks/batch_jsonl.py --n 100000 --jobs 1 2

Writes ``benchmarks/out/profiles-N.jsonl`` once (synthetic profiles from
``advise_profiles.synthetic_profiles``: every indicator type, a third
missing, zero to four stated findings), then runs the real command line,
``asn-advisor batch IN -o OUT --jobs J --fields F --force``, in a child process
per job count and output (``--fields full summary``: the explained advice and
the lean summary), and prints profiles per second (wall clock, start-up included) and the
peak resident memory of the command and its worker processes (from
``getrusage``, so independent of any tracing).  Run it with two sizes to see
that the peak does not grow with N.  The first output is checked to have one
line per profile; outputs of different job counts are compared byte for byte.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from advise_profiles import synthetic_profiles  # noqa: E402

OUT = HERE / "out"


def ensure_input(n: int) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"profiles-{n}.jsonl"
    if not path.exists():
        temp = path.with_suffix(".tmp")
        with temp.open("w", encoding="utf-8") as handle:
            # Generated in slices so that generating stays within bounded memory too.
            for start in range(0, n, 10_000):
                for i, item in enumerate(synthetic_profiles(min(10_000, n - start), seed=start + 7)):
                    item["program"]["id"] = f"prog-{start + i}"
                    handle.write(json.dumps(item, ensure_ascii=False) + "\n")
        temp.replace(path)
    return path


def _spin(_: int) -> int:
    total = 0
    for i in range(4_000_000):
        total += i * i
    return total


def advise_rate(source: Path, n: int) -> float:
    """``advise()`` + ``model_dump_json()`` on the first ``n`` profiles of ``source``, in this process."""
    from asn_advisor import advise, load_rules
    from asn_advisor.model.profile import profile_from_mapping

    pack = load_rules()
    with source.open(encoding="utf-8") as handle:
        data = [json.loads(line) for _, line in zip(range(n), handle, strict=False)]
    start = time.perf_counter()
    for item in data:
        advise(profile_from_mapping(item), pack).model_dump_json()
    return len(data) / (time.perf_counter() - start)


def calibrate() -> float:
    """Speed-up of a trivially parallel pure-Python loop on 2 processes, now.

    On a machine shared with other work the second core may not be free;
    this says how much of it was, so that the --jobs figures can be read.
    """
    import multiprocessing

    start = time.perf_counter()
    for i in range(4):
        _spin(i)
    one = time.perf_counter() - start
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_spin, range(4))
    return one / (time.perf_counter() - start)


def run(source: Path, jobs: int, n: int, fields: str = "full") -> tuple[float, float, Path]:
    target = OUT / f"advice-{n}-{fields}-jobs{jobs}.jsonl"
    command = [
        sys.executable,
        "-m",
        "asn_advisor",
        "batch",
        str(source),
        "-o",
        str(target),
        "--jobs",
        str(jobs),
        "--fields",
        fields,
        "--force",
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"batch failed ({result.returncode}):\n{result.stderr}")
    # ru_maxrss of children is the largest of any one child process so far (KiB on Linux).
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return elapsed, peak, target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--fields", nargs="+", choices=["full", "summary"], default=["full", "summary"])
    args = parser.parse_args()
    source = ensure_input(args.n)
    print(
        f"input: {source} ({source.stat().st_size / 1e6:.1f} MB, {args.n:,} profiles); "
        f"cores: {os.cpu_count()}; load: {os.getloadavg()[0]:.2f}"
    )
    print(f"calibration: a pure-Python loop runs {calibrate():.2f}x faster on 2 processes than on 1 right now")
    # Start-up (interpreter, imports, loading the pack, worker processes): the same command on one profile.
    startup = {jobs: run(ensure_input(1), jobs, 1, "summary")[0] for jobs in args.jobs}
    print("start-up: " + ", ".join(f"jobs {jobs} {seconds:.2f} s" for jobs, seconds in startup.items()))
    one_job: dict[str, float] = {}
    for fields in args.fields:
        rates: dict[int, float] = {}
        outputs: dict[int, Path] = {}
        for jobs in args.jobs:
            elapsed, peak, target = run(source, jobs, args.n, fields)
            rates[jobs] = args.n / elapsed
            outputs[jobs] = target
            net = args.n / max(elapsed - startup[jobs], 1e-9)
            if jobs == 1:
                one_job[fields] = net
            print(
                f"{fields} jobs {jobs}: {elapsed:.1f} s, {rates[jobs]:,.0f} profiles/s "
                f"({net:,.0f}/s net of start-up), "
                f"peak RSS of one process {peak:.0f} MB, output {target.stat().st_size / 1e6:.0f} MB"
            )
        first = outputs[args.jobs[0]]
        with first.open("rb") as handle:
            lines = sum(1 for _ in handle)
        assert lines == args.n, f"{lines} lines for {args.n} profiles"
        for jobs, path in outputs.items():
            assert filecmp.cmp(first, path, shallow=False), f"--jobs {jobs} output differs"
        if 1 in rates:
            for jobs, rate in rates.items():
                if jobs != 1:
                    print(f"{fields}: speed-up with --jobs {jobs}: {rate / rates[1]:.2f}x")
        print(f"{fields}: outputs identical across job counts: yes")
    if one_job:
        reference = advise_rate(source, min(args.n, 2000))
        print(f"advise() + model_dump_json() in one process, for reference: {reference:,.0f} profiles/s")
        for fields, rate in one_job.items():
            print(f"{fields} --jobs 1 (net of start-up) / advise(): {rate / reference:.2f}x")
        if {"full", "summary"} <= set(one_job):
            print(f"summary / full on one job (net of start-up): {one_job['summary'] / one_job['full']:.2f}x")
    print(f"calibration after the runs: {calibrate():.2f}x")


if __name__ == "__main__":
    main()
