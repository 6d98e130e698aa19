"""Many profiles at once: streaming input, the fast path, processes, ordered output.

Three layers, each usable on its own:

* **readers** (:func:`read_records`) turn an input -- a directory of profile
  files, a JSON Lines file, a CSV file, or standard input -- into a stream
  of :class:`Record`, each remembering its file and line (or row); nothing is
  parsed there, so parsing runs in the worker processes too;
* **the worker** (:func:`process_record`) turns one record into one
  :class:`Outcome`: the advice as JSON (through :class:`~asn_advisor.batch._fast.Kernel`,
  byte-identical to ``Advice.model_dump_json()``) and a small
  :class:`Summary`, or an error with its location -- never both, never none;
* **the driver** (:func:`advise_many`, :func:`run_records`) feeds chunks of
  records to ``jobs`` processes with a bounded window of chunks in flight, and
  yields the outcomes in input order, so memory stays bounded whatever the
  input size and ``--jobs N`` gives the same output as one process.

See docs/batch.md for the CSV column convention and the Dask recipe.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import math
import multiprocessing
import os
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from asn_advisor._base import Document, Limits
from asn_advisor.batch._fast import Kernel, Prepared, Summary
from asn_advisor.engine import advise
from asn_advisor.errors import AdvisorError, InputError, Location, Problem, ProfileError
from asn_advisor.model import Advice, Profile, check_findings, load_profile, normalize_indicators, profile_from_data
from asn_advisor.pack import RulePack, load_rules

__all__ = [
    "CSV_LIST_SEPARATOR",
    "BatchError",
    "Outcome",
    "Record",
    "Summary",
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
    source: str | os.PathLike[str], *, input_format: str | None = None, stdin: IO[str] | None = None
) -> Iterator[Record]:
    """Stream the records of an input: a directory, a ``.jsonl`` or ``.csv`` file, or ``-``.

    ``input_format`` (``dir``, ``jsonl``, ``csv``) overrides the guess from
    the path; standard input is JSON Lines unless ``csv`` is given.

    Raises:
        InputError: the input does not exist, or a CSV header is wrong (a
            whole-file problem, reported before any record is processed).
    """
    text = str(source)
    if text == "-":
        stream = (
            stdin
            if stdin is not None
            else io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="strict", newline="")
        )
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
        handle = path.open("r", encoding="utf-8", errors="strict", newline="")
    except OSError as exc:
        raise InputError(f"cannot read the input: {exc.strerror}", location=Location(text)) from None
    with handle:
        if kind == "csv":
            yield from _csv_records(handle, text)
        else:
            yield from _jsonl_records(handle, text)


def _jsonl_records(stream: IO[str], name: str) -> Iterator[Record]:
    # One line is one profile: it gets the size limit a profile file gets
    # (ASN_ADVISOR_MAX_BYTES), and an oversized line is skipped without
    # holding it in memory, as one error record.
    limit = Limits.from_env().max_bytes
    index = 0
    line_no = 0
    while True:
        try:
            line = stream.readline(limit + 1)
            if len(line) > limit and not line.endswith("\n"):
                while True:
                    rest = stream.readline(1 << 20)
                    if not rest or rest.endswith("\n"):
                        break
                line_no += 1
                yield Record(index, name, line_no, "oversize", limit)
                index += 1
                continue
        except UnicodeDecodeError:
            raise InputError(
                "the file is not UTF-8 text", location=Location(name, line_no + 1), hint="save it as UTF-8"
            ) from None
        if not line:
            return
        line_no += 1
        if not line.strip():
            continue  # blank lines separate nothing and are not records
        yield Record(index, name, line_no, "json", line)
        index += 1


def _csv_records(stream: IO[str], name: str) -> Iterator[Record]:
    first = stream.readline()
    if not first.strip():
        raise InputError(
            "the CSV file has no header row",
            location=Location(name, 1, 1),
            hint="the first row names the columns: id, indicators, findings",
        )
    # Spreadsheets set to Indonesian write ';' between cells (the decimal mark is ',').
    delimiter = ";" if first.count(";") > first.count(",") else ","
    header = next(csv.reader([first], delimiter=delimiter))
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
    reader = csv.reader(stream, delimiter=delimiter)
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
    except UnicodeDecodeError:
        raise InputError(
            "the file is not UTF-8 text", location=Location(name, line_no + 1), hint="save it as UTF-8"
        ) from None
    except csv.Error as exc:
        raise InputError(f"CSV syntax error: {exc}", location=Location(name, line_no + 1)) from None


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
            from asn_advisor._base import suggest

            close = suggest(base, [*rules.indicators, *CSV_PROGRAM_COLUMNS, CSV_FINDINGS_COLUMN])
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
    if problems:
        raise ProfileError(f"the row has {len(problems)} error(s)", problems=problems)
    return {"program": program, "indicators": indicators, "findings": findings}, columns


# ---------------------------------------------------------------- the worker

_KERNELS: dict[tuple[int, str], Kernel] = {}


def _kernel(rules: RulePack, lang: str) -> Kernel:
    """The kernel of (pack, language), built once; only the last few are kept
    (a kernel holds its pack and its memos, so a process that loads many
    packs, as a rule diff does, must not keep them all)."""
    key = (id(rules), lang)
    kernel = _KERNELS.get(key)
    if kernel is None or kernel.pack is not rules:
        while len(_KERNELS) >= 4:
            del _KERNELS[next(iter(_KERNELS))]
        kernel = _KERNELS[key] = Kernel(rules, lang)
    return kernel


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
    column where one is known).
    """
    data: Any = None
    try:
        profile = _to_profile(record, rules)
        data = profile.program.id
        kernel = _kernel(rules, lang)
        values = normalize_indicators(profile, rules)
        check_findings(profile, rules)
        if kernel.exact:
            text, summary = kernel.advise_parts(profile, values)
        else:  # the advice models gained fields the fast path does not write yet
            model = advise(profile, rules, lang=lang)
            text, summary = model.model_dump_json(), Summary.from_advice(model)
        return Outcome(record.index, record.source, record.line, payload=text.encode("utf-8"), summary=summary)
    except AdvisorError as error:
        return _error_outcome(record, error, data if isinstance(data, str) else None)
    except Exception as error:
        return _error_outcome(record, _internal(error), data if isinstance(data, str) else None)


def _internal(error: Exception) -> AdvisorError:
    """An unexpected failure on one record, reported like any other record error."""
    return AdvisorError(
        f"internal error on this record: {type(error).__name__}: {error}", hint="please report it with the record"
    )


#: Below this many profiles a block is decided rule by rule (closures); NumPy's
#: per-call overhead only pays off over a block.
COLUMNAR_MIN = 16


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
    """Advise a block of records: the fast path where it applies, columnar rules, the reference elsewhere.

    Each plainly valid mapping goes through :meth:`Kernel.prepare`; anything
    else (a file, a :class:`Profile`, an unusual or invalid mapping) through
    the reference validation, which also gives the located errors.  The rules
    of the whole block are then decided at once (:meth:`Kernel.decide`) and
    each advice written by :meth:`Kernel.finish`.
    """
    # The cyclic garbage collector is paused for the block: a block allocates
    # hundreds of thousands of small containers and frees them by reference
    # counting (it creates no cycles worth collecting), yet each allocation
    # burst triggered collections that traversed the kernel's memos -- about
    # 40% of the time.  Collection resumes between blocks.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _advise_block(records, rules, lang)
    finally:
        if paused:
            gc.enable()


def _advise_block(records: list[Record], rules: RulePack, lang: str) -> list[Outcome]:
    kernel = _kernel(rules, lang)
    if not kernel.exact:
        return [process_record(record, rules, lang) for record in records]
    outcomes: list[Outcome | None] = [None] * len(records)
    ready: list[tuple[int, Prepared]] = []
    for position, record in enumerate(records):
        program_id: str | None = None
        try:
            prepared = None
            if record.kind in ("json", "mapping"):
                data = _parse_json(record) if record.kind == "json" else record.payload
                program_id = _program_id(data)
                prepared = kernel.prepare(data)
                if prepared is None:
                    record = Record(record.index, record.source, record.line, "mapping", data)
            if prepared is None:
                profile = _to_profile(record, rules)
                program = profile.program
                program_id = program.id
                values = normalize_indicators(profile, rules)
                check_findings(profile, rules)
                stated = [(f.id, f.severity, f.source, tuple(f.evidence)) for f in profile.findings]
                prepared = Prepared(
                    program.model_dump_json(), (program.id, program.name, program.region), values, stated
                )
            ready.append((position, prepared))
        except AdvisorError as error:
            outcomes[position] = _error_outcome(record, error, program_id)
        except Exception as error:
            outcomes[position] = _error_outcome(record, _internal(error), program_id)
    scored = [kernel.score(p.values) for _, p in ready]
    states = [kernel.state(p.stated) for _, p in ready]
    if len(ready) >= COLUMNAR_MIN:
        derive_codes, recommend_codes = kernel.decide(scored, states)
    else:
        derive_codes = recommend_codes = [None] * len(ready)  # type: ignore[list-item]
    for (position, prepared), score, state, dc, rc in zip(
        ready, scored, states, derive_codes, recommend_codes, strict=True
    ):
        record = records[position]
        text, summary = kernel.finish(prepared.program_json, score, state, prepared.program, dc, rc)
        outcomes[position] = Outcome(
            record.index, record.source, record.line, payload=text.encode("utf-8"), summary=summary
        )
    return [o for o in outcomes if o is not None]


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


def _worker_init(pack_root: str | None, display: str | None, lang: str) -> None:
    # With 'fork' the parent's pack is inherited (set just before the pool
    # starts); with 'spawn' it is loaded again from its directory.
    if "rules" not in _WORKER:
        _WORKER["rules"] = load_rules(pack_root, display=display) if pack_root else load_rules()
    _WORKER["lang"] = lang


def _worker_chunk(records: list[Record]) -> list[Outcome]:
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


def run_records(
    records: Iterable[Record], rules: RulePack, *, jobs: int = 1, lang: str = "id", chunk_size: int = DEFAULT_CHUNK
) -> Iterator[Outcome]:
    """Advise a stream of records with ``jobs`` processes; outcomes in input order.

    Records are taken ``chunk_size`` at a time (see :func:`advise_block`);
    at most ``2 x jobs`` chunks are in flight, so memory is bounded by
    ``chunk_size`` and ``jobs``, not by the input.  ``jobs=1`` runs in this
    process.  Closing the iterator early stops the workers.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if jobs == 1:
        for chunk in _chunks(records, chunk_size):
            yield from advise_block(chunk, rules, lang)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _WORKER.clear()
    if context.get_start_method() == "fork":
        _WORKER["rules"] = rules  # inherited by the forked workers
    root = str(rules.root) if rules.root else None
    display = rules.files[0].rsplit("/", 1)[0] if rules.files and "/" in rules.files[0] else None
    pool = context.Pool(jobs, initializer=_worker_init, initargs=(root, display, lang))
    try:
        window: deque[Any] = deque()
        for chunk in _chunks(records, chunk_size):
            window.append(pool.apply_async(_worker_chunk, (chunk,)))
            while len(window) >= 2 * jobs:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()
    finally:
        pool.terminate()
        pool.join()
        _WORKER.clear()


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
        raise ValueError("lang must be 'id' or 'en'")

    def records() -> Iterator[Record]:
        for index, item in enumerate(profiles):
            if isinstance(item, Record):
                yield item
            elif isinstance(item, Profile):
                yield Record(index, f"<profile {index + 1}>", index + 1, "profile", item)
            else:
                yield Record(index, f"<profile {index + 1}>", index + 1, "mapping", item)

    return run_records(records(), rules, jobs=jobs, lang=lang, chunk_size=chunk_size)
