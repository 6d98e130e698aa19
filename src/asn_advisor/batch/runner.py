"""Many profiles at once: streaming input, processes, ordered output.

Three layers, each usable on its own:

* **readers** (:func:`read_records`) turn an input -- a directory of profile
  files, a JSON Lines file, a CSV file, or standard input -- into a stream
  of :class:`Record`, each remembering its file and line (or row); nothing is
  parsed there, so parsing runs in the worker processes too;
* **the worker** (:func:`process_record`) turns one record into one
  :class:`Outcome`: the advice as JSON (``Advice.model_dump_json()`` of the
  one engine) and a small :class:`Summary`, or an error with its location --
  never both, never none;
* **the driver** (:func:`advise_many`, :func:`run_records`) feeds chunks of
  records to ``jobs`` processes with a bounded window of chunks in flight, and
  yields the outcomes in input order, so memory stays bounded whatever the
  input size and ``--jobs N`` gives the same output as one process.

See docs/batch.md for the CSV column convention and the Dask recipe.
"""

from __future__ import annotations

import csv
import functools
import gc
import io
import itertools
import json
import math
import multiprocessing
import os
import re
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from asn_advisor._base import Document, Limits, stdin_bytes, suggest
from asn_advisor.engine import advise
from asn_advisor.errors import (
    MAX_PROBLEMS,
    AdvisorError,
    ArgumentError,
    InputError,
    Location,
    Problem,
    ProfileError,
    WorkerLostError,
)
from asn_advisor.model import Advice, Profile, Summary, load_profile, profile_from_data
from asn_advisor.pack import RulePack, load_rules

__all__ = [
    "CSV_LIST_SEPARATOR",
    "BatchError",
    "Outcome",
    "Record",
    "Summary",
    "WorkerLostError",
    "advise_block",
    "advise_many",
    "csv_row_to_profile",
    "process_record",
    "read_records",
    "run_records",
]

PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
CSV_LIST_SEPARATOR = ";"
CSV_PROGRAM_COLUMNS = ("id", "name", "region", "type", "period")
CSV_FINDINGS_COLUMN = "findings"
DEFAULT_CHUNK = 256

RecordKind = Literal["file", "json", "csv", "mapping", "profile", "oversize"]


# ---------------------------------------------------------------- records and outcomes


@dataclass(frozen=True)
class Record:
    """One input record, not yet parsed.

    ``kind`` says what ``payload`` holds: ``file`` a path to a YAML/JSON
    profile, ``json`` one line of JSON text, ``csv`` a row (column -> cell),
    ``mapping`` an already-parsed profile mapping, ``profile`` a
    :class:`Profile`.  ``line`` is the 1-based line (JSON Lines) or row line
    (CSV), 0 for a whole file.
    """

    index: int
    source: str
    line: int
    kind: RecordKind
    payload: Any


@dataclass(frozen=True)
class BatchError:
    """Why one record gave no advice, with its location."""

    source: str
    line: int
    message: str
    exit_code: int
    problems: tuple[str, ...] = ()
    program: str | None = None
    #: The same problems as values, for printing them in the user's language (the JSON keeps ``problems``).
    details: tuple[Problem, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The error record written to a JSON Lines output."""
        return {
            "error": {
                "file": self.source,
                "line": self.line,
                "program": self.program,
                "message": self.message,
                "exit_code": self.exit_code,
                "problems": list(self.problems),
            }
        }

    def lines(self) -> list[str]:
        """The error as printed on standard error: the problems, then the message."""
        where = f"{self.source}:{self.line}" if self.line else self.source
        return [*self.problems, f"{where}: {self.message}"] if self.problems else [f"{where}: {self.message}"]


@dataclass(frozen=True)
class Outcome:
    """The result of one record: ``payload`` (and ``json``) and ``summary``, or ``error``."""

    index: int
    source: str
    line: int
    #: The advice's JSON as UTF-8 bytes: what travels between processes and
    #: is written, so the parent process never decodes and re-encodes it.
    payload: bytes | None = None
    summary: Summary | None = None
    error: BatchError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def json(self) -> str | None:
        """The advice's JSON, identical to ``advise(...).model_dump_json()``."""
        return None if self.payload is None else self.payload.decode("utf-8")

    def advice(self) -> Advice:
        """The full, validated :class:`Advice` (built from the JSON on demand)."""
        if self.payload is None:
            raise ValueError("this record failed; see .error")
        return Advice.model_validate_json(self.payload)


# ---------------------------------------------------------------- readers


def read_records(
    source: str | os.PathLike[str], *, input_format: str | None = None, stdin: IO[str] | IO[bytes] | None = None
) -> Iterator[Record]:
    """Stream the records of an input: a directory, a ``.jsonl`` or ``.csv`` file, or ``-``.

    ``input_format`` (``dir``, ``jsonl``, ``csv``) overrides the guess from
    the path; standard input is JSON Lines unless ``csv`` is given.  Lines
    are decoded one by one, so a byte that is not UTF-8 is reported on its
    own line; a UTF-8 byte order mark at the start is skipped.

    Raises:
        InputError: the input does not exist, a CSV header is wrong, a CSV
            quote is never closed, a byte is not UTF-8, or a CSV line is
            longer than the size limit (whole-file problems).
    """
    text = str(source)
    if text == "-":
        stream = stdin if stdin is not None else stdin_bytes()
        if input_format == "csv":
            yield from _csv_records(stream, "<stdin>")
        else:
            yield from _jsonl_records(stream, "<stdin>")
        return
    path = Path(text)
    if not path.exists():
        raise InputError(
            "input not found", location=Location(text), hint="give a directory of profiles, a .jsonl or a .csv file"
        )
    kind = input_format or ("dir" if path.is_dir() else "csv" if path.suffix.lower() == ".csv" else "jsonl")
    if kind == "dir":
        if not path.is_dir():
            raise InputError("not a directory", location=Location(text))
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PROFILE_SUFFIXES)
        for index, file in enumerate(files):
            yield Record(index, str(file), 0, "file", str(file))
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read the input: {exc.strerror}", location=Location(text)) from None
    with handle:
        if kind == "csv":
            yield from _csv_records(handle, text)
        else:
            yield from _jsonl_records(handle, text)


def _numbered_lines(stream: IO[str] | IO[bytes], name: str, limit: int) -> Iterator[tuple[int, str | None]]:
    """``(line number, text)`` of each line, checked as UTF-8 one line at a time.

    Lines end as the csv module counts them (``\\n``, ``\\r\\n`` or ``\\r``); a
    byte order mark at the start is skipped.  A line longer than ``limit``
    characters is read no further than the limit: its rest is skipped without
    being held, and its text is ``None``.

    Raises:
        InputError: a byte is not UTF-8, located at its line and column.
    """
    if isinstance(stream, io.TextIOBase) or not hasattr(stream, "readinto"):
        text: IO[str] = stream  # type: ignore[assignment]
        wrapper = None
    else:
        # Undecodable bytes become lone surrogates, found per line below, so
        # the error names the line and column of the byte, not of a buffer.
        wrapper = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")  # type: ignore[type-var]
        text = wrapper
    try:
        line_no = 0
        while True:
            line = text.readline(limit + 1)
            if not line:
                return
            line_no += 1
            if len(line) > limit and not line.endswith(("\n", "\r")):
                while True:
                    rest = text.readline(1 << 20)
                    if not rest or rest.endswith(("\n", "\r")):
                        break
                yield line_no, None
                continue
            if line_no == 1:
                line = line.lstrip("\ufeff")
            bad = _UNDECODED.search(line)
            if bad is not None:
                raise InputError(
                    f"not valid UTF-8 (byte 0x{ord(bad.group()) - 0xDC00:02x})",
                    location=Location(name, line_no, bad.start() + 1),
                    hint="save the file as UTF-8",
                )
            yield line_no, line
    finally:
        if wrapper is not None:
            try:
                wrapper.detach()
            except ValueError:
                pass


#: What ``surrogateescape`` makes of a byte that is not UTF-8.
_UNDECODED = re.compile("[\udc80-\udcff]")


def _jsonl_records(stream: IO[str] | IO[bytes], name: str) -> Iterator[Record]:
    # One line is one profile: it gets the size limit a profile file gets
    # (ASN_ADVISOR_MAX_BYTES), and an oversized line is skipped without
    # holding it in memory, as one error record.
    limit = Limits.current().max_bytes
    index = 0
    for line_no, line in _numbered_lines(stream, name, limit):
        if line is None:
            yield Record(index, name, line_no, "oversize", limit)
            index += 1
            continue
        if not line.strip():
            continue  # blank lines separate nothing and are not records
        yield Record(index, name, line_no, "json", line)
        index += 1


def _csv_lines(stream: IO[str] | IO[bytes], name: str, limit: int) -> Iterator[str]:
    for line_no, line in _numbered_lines(stream, name, limit):
        if line is None:
            raise InputError(
                f"line {line_no} is longer than the limit of {limit} bytes",
                location=Location(name, line_no),
                hint="check for a quote that is never closed, or raise ASN_ADVISOR_MAX_BYTES",
            )
        yield line


def _csv_records(stream: IO[str] | IO[bytes], name: str) -> Iterator[Record]:
    lines = _csv_lines(stream, name, Limits.current().max_bytes)
    first = next(lines, "")
    if not first.strip():
        raise InputError(
            "the CSV file has no header row",
            location=Location(name, 1, 1),
            hint="the first row names the columns: id, indicators, findings",
        )
    # Spreadsheets set to Indonesian write ';' between cells (the decimal mark is ',').
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        header = next(csv.reader([first], delimiter=delimiter, strict=True))
    except (csv.Error, StopIteration) as exc:
        raise InputError(f"CSV syntax error: {exc}", location=Location(name, 1)) from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    if "id" not in header:
        raise InputError(
            "the CSV header has no 'id' column", location=Location(name, 1, 1), hint="name the program id column 'id'"
        )
    seen: set[str] = set()
    for position, column in enumerate(header, start=1):
        if column in seen:
            raise InputError(f"column {column!r} appears twice", location=Location(name, 1, position))
        seen.add(column)
    # strict: a quote that is never closed, or text after a closing quote,
    # is an error rather than rows silently merged into one cell.
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    index = 0
    line_no = 1
    try:
        for row in reader:
            start = line_no + 1
            line_no = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            yield Record(index, name, start, "csv", (tuple(header), tuple(row)))
            index += 1
    except csv.Error as exc:
        raise InputError(
            f"CSV syntax error: {exc}",
            location=Location(name, line_no + 1),
            hint="a quote opened on this row is never closed, or text follows a closing quote",
        ) from None


# ---------------------------------------------------------------- CSV convention

_TRUE = {"true", "ya", "yes", "benar", "1", "y"}
_FALSE = {"false", "tidak", "no", "salah", "0", "n"}
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


def _csv_number(cell: str) -> Any:
    text = cell.strip().replace("\u00a0", "")
    if _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")  # 53,5 -> 53.5 (Indonesian decimal comma)
    try:
        number = float(text)
    except ValueError:
        return cell.strip()  # left as text: the profile check reports it with a hint
    if not math.isfinite(number):
        return cell.strip()
    return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number


@functools.lru_cache(maxsize=4096)
def _suggest_column(name: str, indicators: tuple[str, ...]) -> str | None:
    """The column meant by an unknown one; asked once per header, not once per row."""
    return suggest(name, [*indicators, *CSV_PROGRAM_COLUMNS, CSV_FINDINGS_COLUMN])


def csv_row_to_profile(
    header: tuple[str, ...], row: tuple[str, ...], rules: RulePack
) -> tuple[dict[str, Any], dict[tuple[Any, ...], int]]:
    """Turn one CSV row into a profile mapping (see docs/batch.md for the convention).

    Returns the mapping and, for locating problems, the 1-based column of each
    profile path that came from a cell.

    Raises:
        ProfileError: a column the convention does not know, or a row with
            more cells than the header.
    """
    columns: dict[tuple[Any, ...], int] = {}
    program: dict[str, Any] = {}
    indicators: dict[str, Any] = {}
    findings: list[dict[str, Any]] = []
    problems: list[Problem] = []
    truncated = False
    if len(row) > len(header):
        problems.append(
            Problem(
                Location("", 0, len(header) + 1),
                f"the row has {len(row)} cells but the header names {len(header)} columns",
                code="P203",
            )
        )
    for position, (column, raw) in enumerate(zip(header, row, strict=False), start=1):
        cell = raw.strip()
        if column in CSV_PROGRAM_COLUMNS or column.startswith("program."):
            key = column.split(".", 1)[1] if column.startswith("program.") else column
            if cell:
                program[key] = cell
            columns[("program", key)] = position
            continue
        if column == CSV_FINDINGS_COLUMN:
            columns[("findings",)] = position
            for number, item in enumerate(x.strip() for x in cell.split(CSV_LIST_SEPARATOR) if x.strip()):
                fid, _, severity = item.partition(":")
                entry: dict[str, Any] = {"id": fid.strip()}
                if severity.strip():
                    entry["severity"] = severity.strip()
                findings.append(entry)
                columns[("findings", number)] = position
                columns[("findings", number, "id")] = position
            continue
        base, _, key = column.partition(".")
        spec = rules.indicators.get(base)
        if spec is None:
            if len(problems) >= MAX_PROBLEMS:
                truncated = True
                break
            close = _suggest_column(base, tuple(rules.indicators))
            problems.append(
                Problem(
                    Location("", 0, position),
                    f"unknown column {column!r}",
                    code="P201",
                    hint=f"did you mean {close!r}?"
                    if close
                    else "columns: id, name, region, type, period, program.X, findings, and indicator ids",
                )
            )
            continue
        columns[("indicators", base)] = position
        if not cell:
            continue
        if spec.type == "map" and key:
            columns[("indicators", base, key)] = position
            indicators.setdefault(base, {})[key] = _csv_number(cell)
        elif spec.type == "rating" and key == "scale":
            value = indicators.get(base)
            indicators[base] = {"value": value if not isinstance(value, dict) else value.get("value"), "scale": cell}
        elif key:
            problems.append(
                Problem(
                    Location("", 0, position),
                    f"column {column!r}: {base} has no part {key!r}",
                    code="P201",
                    hint="only map indicators (keys) and ratings (.scale) take a part after the dot",
                )
            )
        elif spec.type == "bool":
            lowered = cell.lower()
            indicators[base] = True if lowered in _TRUE else False if lowered in _FALSE else cell
        elif spec.type == "list":
            indicators[base] = [x.strip() for x in cell.split(CSV_LIST_SEPARATOR) if x.strip()]
        elif spec.type == "rating" and isinstance(indicators.get(base), dict):
            indicators[base]["value"] = _csv_number(cell)
        else:
            indicators[base] = _csv_number(cell)
    if truncated:
        raise ProfileError(
            f"the row has more than {MAX_PROBLEMS} errors; checking stopped after the first {MAX_PROBLEMS}",
            problems=problems,
        )
    if problems:
        raise ProfileError(f"the row has {len(problems)} error(s)", problems=problems)
    return {"program": program, "indicators": indicators, "findings": findings}, columns


# ---------------------------------------------------------------- the worker


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(items)
    if len(result) != len(items):
        seen: set[str] = set()
        for key, _ in items:
            if key in seen:
                raise ValueError(f"key {key!r} is defined twice in one object")
            seen.add(key)
    return result


def _relocate(problems: list[Problem], source: str, line: int) -> tuple[Problem, ...]:
    """Problems located in a record (file "") get its file, line and column."""
    out = []
    for problem in problems:
        if problem.location.file == "":
            problem = Problem(
                Location(source, line, problem.location.column),
                problem.message,
                problem.code,
                problem.severity,
                problem.hint,
            )
        out.append(problem)
    return tuple(out)


def _program_id(data: Any) -> str | None:
    if isinstance(data, Mapping):
        program = data.get("program")
        if isinstance(program, Mapping):
            value = program.get("id")
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                return str(value)
    return None


def process_record(record: Record, rules: RulePack, lang: str = "id") -> Outcome:
    """Advise one record; every failure becomes an :class:`Outcome` with an error.

    Never raises for a bad record: a record that cannot be read, parsed or
    validated gives an error outcome located at its file and line (and CSV
    column where one is known).  The advice is :func:`~asn_advisor.engine.advise`'s,
    the one engine every command uses.
    """
    program_id: str | None = None
    try:
        profile = _to_profile(record, rules)
        program_id = profile.program.id
        advice = advise(profile, rules, lang=lang)
        payload = advice.model_dump_json().encode("utf-8")
        return Outcome(record.index, record.source, record.line, payload=payload, summary=Summary.from_advice(advice))
    except AdvisorError as error:
        return _error_outcome(record, error, program_id)
    except Exception as error:
        return _error_outcome(record, _internal(error), program_id)


def _internal(error: Exception) -> AdvisorError:
    """An unexpected failure on one record, reported like any other record error."""
    return AdvisorError(
        f"internal error on this record: {type(error).__name__}: {error}", hint="please report it with the record"
    )


def _parse_json(record: Record) -> Any:
    try:
        return json.loads(record.payload, object_pairs_hook=_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"JSON syntax error: {exc.msg} (column {exc.colno})",
            location=Location(record.source, record.line, exc.colno),
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(
            str(exc) or "the line is nested too deeply", location=Location(record.source, record.line)
        ) from None


def _error_outcome(record: Record, error: AdvisorError, program: str | None) -> Outcome:
    problems = _relocate(error.problems, record.source, record.line)
    program = program if program is not None else getattr(error, "program_id", None)
    return Outcome(
        record.index,
        record.source,
        record.line,
        error=BatchError(
            record.source,
            record.line,
            error.message,
            int(error.exit_code),
            tuple(str(problem) for problem in problems),
            program,
            problems,
        ),
    )


def advise_block(records: list[Record], rules: RulePack, lang: str = "id") -> list[Outcome]:
    """Advise a block of records, one outcome per record, in order."""
    # The cyclic garbage collector is paused for the block: advising allocates
    # many small objects and frees them by reference counting (it creates no
    # cycles worth collecting), yet each allocation burst triggers collections
    # that traverse everything alive.  Collection resumes between blocks.
    paused = gc.isenabled()
    gc.disable()
    try:
        return [process_record(record, rules, lang) for record in records]
    finally:
        if paused:
            gc.enable()


def _to_profile(record: Record, rules: RulePack) -> Profile:
    if record.kind == "profile":
        profile: Profile = record.payload
        return profile
    if record.kind == "file":
        return load_profile(record.payload, rules=rules)
    if record.kind == "json":
        return _validated(_parse_json(record), record, None)
    if record.kind == "oversize":
        raise InputError(
            f"the line is longer than the limit of {record.payload} characters",
            location=Location(record.source, record.line),
            hint="raise ASN_ADVISOR_MAX_BYTES if the profile is genuine",
        )
    if record.kind == "csv":
        header, row = record.payload
        try:
            data, columns = csv_row_to_profile(header, row, rules)
        except ProfileError as error:
            error.problems = [
                Problem(Location("", 0, p.location.column), p.message, p.code, p.severity, p.hint)
                for p in error.problems
            ]
            raise
        return _validated(data, record, columns)
    return _validated(record.payload, record, None)


def _validated(data: Any, record: Record, columns: Mapping[tuple[Any, ...], int] | None) -> Profile:
    # The document has no positions: problems are located by the record
    # (file and line) and, for CSV, by the column the value came from.
    doc = _ColumnDocument(data=data, file="", columns=columns or {})
    try:
        return profile_from_data(data, doc)
    except ProfileError as error:
        error.program_id = _program_id(data)  # type: ignore[attr-defined]
        raise


@dataclass
class _ColumnDocument(Document):
    """A document without positions whose locations are CSV columns (or nothing)."""

    columns: Mapping[tuple[Any, ...], int] = field(default_factory=dict)

    def locate(self, path: tuple[Any, ...], *, key: bool = False) -> Location:
        probe = tuple(path)
        while probe:
            if probe in self.columns:
                return Location("", 0, self.columns[probe])
            probe = probe[:-1]
        return Location("", 0, 0)


# ---------------------------------------------------------------- the driver

_WORKER: dict[str, Any] = {}

#: Test hook: the worker that is handed the record of this index kills itself
#: with SIGKILL, as the out-of-memory killer would.  Unset in real runs.
TEST_KILL_ENV = "ASN_ADVISOR_TEST_KILL_WORKER_AT"


def _worker_init(pack_root: str | None, display: str | None, lang: str) -> None:
    # Ctrl-C reaches the whole process group: the parent stops the run and
    # the workers with it, so a worker ignores it (no traceback per worker).
    # SIGTERM gets its default back, should the parent have set a handler.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    # With 'fork' the parent's pack is inherited (set just before the pool
    # starts); with 'spawn' it is loaded again from its directory.
    if "rules" not in _WORKER:
        _WORKER["rules"] = load_rules(pack_root, display=display) if pack_root else load_rules()
    _WORKER["lang"] = lang


def _worker_chunk(records: list[Record]) -> list[Outcome]:
    doomed = os.environ.get(TEST_KILL_ENV)
    if doomed and any(str(record.index) == doomed for record in records):
        os.kill(os.getpid(), signal.SIGKILL)
    return advise_block(records, _WORKER["rules"], _WORKER["lang"])


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _lost(chunks: Iterable[list[Record]]) -> WorkerLostError:
    """The error for a dead worker, naming the records that got no outcome, as runs of lines per file."""
    records = [record for chunk in chunks for record in chunk]
    runs: list[list[Record]] = []
    for record in records:
        if runs and runs[-1][-1].source == record.source and record.line > 0:
            runs[-1].append(record)
        else:
            runs.append([record])
    problems = []
    for run in runs[:MAX_PROBLEMS]:
        first, last = run[0], run[-1]
        if first.line > 0:
            message = f"records from line {first.line} to line {last.line} were not advised: a worker process was lost"
        else:
            message = "the record was not advised: a worker process was lost"
        problems.append(Problem(Location(first.source, first.line), message, code="B801"))
    return WorkerLostError(
        f"a worker process stopped unexpectedly (killed, or out of memory); "
        f"{len(records)} record(s) in progress failed",
        hint="nothing was written; run again, with fewer --jobs if memory is short",
        problems=problems,
    )


def run_records(
    records: Iterable[Record], rules: RulePack, *, jobs: int = 1, lang: str = "id", chunk_size: int = DEFAULT_CHUNK
) -> Iterator[Outcome]:
    """Advise a stream of records with ``jobs`` processes; outcomes in input order.

    Records are taken ``chunk_size`` at a time (see :func:`advise_block`);
    at most ``2 x jobs`` chunks are in flight, so memory is bounded by
    ``chunk_size`` and ``jobs``, not by the input.  ``jobs`` is capped by the
    usable cores and by the number of chunks; ``jobs=1`` runs in this
    process.  Closing the iterator early stops the workers.

    Raises:
        WorkerLostError: a worker process died (exit code 8); the records
            still in flight are named, and the other workers are stopped.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    chunks = _chunks(records, chunk_size)
    jobs = min(jobs, usable_cores())
    first: list[list[Record]] = []
    if jobs > 1:
        for chunk in chunks:
            first.append(chunk)
            if len(first) >= jobs:
                break
        jobs = max(1, min(jobs, len(first)))
    if jobs == 1:
        for chunk in itertools.chain(first, chunks):
            yield from advise_block(chunk, rules, lang)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _WORKER.clear()
    if context.get_start_method() == "fork":
        _WORKER["rules"] = rules  # inherited by the forked workers
    root = str(rules.root) if rules.root else None
    display = rules.files[0].rsplit("/", 1)[0] if rules.files and "/" in rules.files[0] else None
    # ProcessPoolExecutor, not multiprocessing.Pool: when a worker is killed
    # (the OOM killer, kill -9) the executor notices and fails every pending
    # call, where a Pool silently replaces the worker, never answers its
    # chunk, and can hang in terminate() on a queue lock the dead worker held.
    # The workers start with Ctrl-C blocked; each worker ignores it, then
    # unblocks it (see _worker_init).
    masked = hasattr(signal, "pthread_sigmask")
    executor: ProcessPoolExecutor | None = None
    window: deque[tuple[list[Record], Future[list[Outcome]]]] = deque()
    try:
        executor = ProcessPoolExecutor(
            jobs, mp_context=context, initializer=_worker_init, initargs=(root, display, lang)
        )
        for chunk in itertools.chain(first, chunks):
            if masked and not window:
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                window.append((chunk, executor.submit(_worker_chunk, chunk)))
            except BrokenProcessPool:
                raise _lost([*(held for held, pending in window if not _answered(pending)), chunk]) from None
            finally:
                if masked:
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            while len(window) >= 2 * jobs:
                yield from _collect(window)
        while window:
            yield from _collect(window)
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
        _WORKER.clear()


def _collect(window: deque[tuple[list[Record], Future[list[Outcome]]]]) -> Iterator[Outcome]:
    """The outcomes of the oldest chunk in flight; a lost worker fails every chunk still in flight."""
    try:
        outcomes = window[0][1].result()
    except BrokenProcessPool:
        raise _lost(held for held, pending in window if not _answered(pending)) from None
    window.popleft()
    return iter(outcomes)


def _answered(pending: Future[list[Outcome]]) -> bool:
    return pending.done() and not pending.cancelled() and pending.exception() is None


def advise_many(
    profiles: Iterable[Profile | Mapping[str, Any] | Record],
    rules: RulePack,
    *,
    jobs: int = 1,
    lang: str = "id",
    chunk_size: int = DEFAULT_CHUNK,
) -> Iterator[Outcome]:
    """Advise many profiles; one :class:`Outcome` per profile, in input order.

    Args:
        profiles: :class:`Profile` objects, profile mappings (as parsed from
            JSON or YAML), or :class:`Record` from :func:`read_records`; any
            iterable, consumed lazily.
        rules: a pack from :func:`~asn_advisor.load_rules`.
        jobs: processes to use; the output does not depend on it.
        lang: ``"id"`` or ``"en"``.
        chunk_size: profiles sent to a process at a time.

    Returns:
        An iterator of outcomes: ``outcome.json`` is the advice's JSON
        (identical to ``advise(...).model_dump_json()``), ``outcome.advice()``
        the validated model, ``outcome.summary`` the score, band, findings
        and ranked recommendation ids; a profile that fails has
        ``outcome.error`` instead, and the others go on.

    Example::

        for outcome in advise_many(profiles, load_rules(), jobs=2):
            if outcome.ok:
                print(outcome.summary.program, outcome.summary.overall)
    """
    if lang not in ("id", "en"):
        raise ArgumentError("lang must be 'id' or 'en'")
    if profiles is None or not hasattr(profiles, "__iter__"):
        raise ArgumentError(
            f"advise_many() needs an iterable of profiles, got {type(profiles).__name__}",
            hint="a list of Profile objects or profile mappings",
        )
    if not isinstance(rules, RulePack):
        raise ArgumentError(
            f"advise_many() needs a RulePack, got {type(rules).__name__}", hint="load one with load_rules()"
        )

    def records() -> Iterator[Record]:
        for index, item in enumerate(profiles):
            if isinstance(item, Record):
                yield item
            elif isinstance(item, Profile):
                yield Record(index, f"<profile {index + 1}>", index + 1, "profile", item)
            else:
                yield Record(index, f"<profile {index + 1}>", index + 1, "mapping", item)

    return run_records(records(), rules, jobs=jobs, lang=lang, chunk_size=chunk_size)
