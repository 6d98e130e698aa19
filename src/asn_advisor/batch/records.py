"""Readers: an input becomes a stream of records.

:func:`read_records` turns a directory of profile files, a JSON Lines file,
a CSV file, or standard input into a stream of :class:`Record`, each
remembering its file and line (or row); nothing is parsed there, so parsing
runs in the worker processes too.  :func:`csv_row_to_profile` is the CSV
column convention (docs/batch.md).
"""

from __future__ import annotations

import csv
import functools
import io
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from asn_advisor._base import Limits, stdin_bytes, suggest
from asn_advisor.errors import MAX_PROBLEMS, InputError, Location, Problem, ProfileError
from asn_advisor.i18n import Message
from asn_advisor.pack import RulePack

__all__ = [
    "CSV_LIST_SEPARATOR",
    "Record",
    "csv_row_to_profile",
    "read_records",
]


PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
CSV_LIST_SEPARATOR = ";"
CSV_PROGRAM_COLUMNS = ("id", "name", "region", "type", "period")
CSV_FINDINGS_COLUMN = "findings"

RecordKind = Literal["file", "json", "csv", "mapping", "profile", "oversize"]


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
            Message("input not found"),
            location=Location(text),
            hint=Message("give a directory of profiles, a .jsonl or a .csv file"),
        )
    kind = input_format or ("dir" if path.is_dir() else "csv" if path.suffix.lower() == ".csv" else "jsonl")
    if kind == "dir":
        if not path.is_dir():
            raise InputError(Message("not a directory"), location=Location(text))
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PROFILE_SUFFIXES)
        for index, file in enumerate(files):
            yield Record(index, str(file), 0, "file", str(file))
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(
            Message("cannot read the input: {reason}", reason=exc.strerror), location=Location(text)
        ) from None
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
                    Message("not valid UTF-8 (byte 0x{byte})", byte=format(ord(bad.group()) - 0xDC00, "02x")),
                    location=Location(name, line_no, bad.start() + 1),
                    hint=Message("save the file as UTF-8"),
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
                Message("line {line} is longer than the limit of {limit} bytes", line=line_no, limit=limit),
                location=Location(name, line_no),
                hint=Message("check for a quote that is never closed, or raise ASN_ADVISOR_MAX_BYTES"),
            )
        yield line


def _csv_records(stream: IO[str] | IO[bytes], name: str) -> Iterator[Record]:
    lines = _csv_lines(stream, name, Limits.current().max_bytes)
    first = next(lines, "")
    if not first.strip():
        raise InputError(
            Message("the CSV file has no header row"),
            location=Location(name, 1, 1),
            hint=Message("the first row names the columns: id, indicators, findings"),
        )
    # Spreadsheets set to Indonesian write ';' between cells (the decimal mark is ',').
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        header = next(csv.reader([first], delimiter=delimiter, strict=True))
    except (csv.Error, StopIteration) as exc:
        raise InputError(Message("CSV syntax error: {reason}", reason=exc), location=Location(name, 1)) from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    if "id" not in header:
        raise InputError(
            Message("the CSV header has no 'id' column"),
            location=Location(name, 1, 1),
            hint=Message("name the program id column 'id'"),
        )
    seen: set[str] = set()
    for position, column in enumerate(header, start=1):
        if column in seen:
            raise InputError(
                Message("column {column} appears twice", column=repr(column)), location=Location(name, 1, position)
            )
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
            Message("CSV syntax error: {reason}", reason=exc),
            location=Location(name, line_no + 1),
            hint=Message("a quote opened on this row is never closed, or text follows a closing quote"),
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


class _CsvProfile:
    """A profile mapping built cell by cell from one CSV row, with the column of each path for locating problems."""

    def __init__(self, rules: RulePack) -> None:
        self.rules = rules
        self.columns: dict[tuple[Any, ...], int] = {}
        self.program: dict[str, Any] = {}
        self.indicators: dict[str, Any] = {}
        self.findings: list[dict[str, Any]] = []
        self.problems: list[Problem] = []

    def problem(self, position: int, message: Message, hint: Message | None = None, code: str = "P201") -> None:
        self.problems.append(Problem(Location("", 0, position), message, code=code, hint=hint))

    def program_cell(self, column: str, position: int, cell: str) -> None:
        key = column.split(".", 1)[1] if column.startswith("program.") else column
        if cell:
            self.program[key] = cell
        self.columns[("program", key)] = position

    def findings_cell(self, position: int, cell: str) -> None:
        """``id`` or ``id:severity`` items, separated as lists are in every cell."""
        self.columns[("findings",)] = position
        for number, item in enumerate(x.strip() for x in cell.split(CSV_LIST_SEPARATOR) if x.strip()):
            fid, _, severity = item.partition(":")
            entry: dict[str, Any] = {"id": fid.strip()}
            if severity.strip():
                entry["severity"] = severity.strip()
            self.findings.append(entry)
            self.columns[("findings", number)] = position
            self.columns[("findings", number, "id")] = position

    def unknown_column(self, column: str, position: int) -> None:
        close = _suggest_column(column.partition(".")[0], tuple(self.rules.indicators))
        hint = (
            Message("did you mean {suggestion}?", suggestion=repr(close))
            if close
            else Message("columns: id, name, region, type, period, program.X, findings, and indicator ids")
        )
        self.problem(position, Message("unknown column {column}", column=repr(column)), hint)

    def indicator_cell(self, column: str, position: int, cell: str, spec: Any) -> None:
        """One indicator, or one part of it (``name.key`` of a map, ``name.scale`` of a rating)."""
        base, _, key = column.partition(".")
        indicators = self.indicators
        self.columns[("indicators", base)] = position
        if not cell:
            return
        if spec.type == "map" and key:
            self.columns[("indicators", base, key)] = position
            indicators.setdefault(base, {})[key] = _csv_number(cell)
        elif spec.type == "rating" and key == "scale":
            value = indicators.get(base)
            indicators[base] = {"value": value if not isinstance(value, dict) else value.get("value"), "scale": cell}
        elif key:
            message = Message(
                "column {column}: {name} has no part {part}", column=repr(column), name=base, part=repr(key)
            )
            self.problem(
                position, message, Message("only map indicators (keys) and ratings (.scale) take a part after the dot")
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

    def mapping(self) -> dict[str, Any]:
        return {"program": self.program, "indicators": self.indicators, "findings": self.findings}


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
    built = _CsvProfile(rules)
    truncated = False
    if len(row) > len(header):
        message = Message(
            "the row has {cells} cells but the header names {columns} columns", cells=len(row), columns=len(header)
        )
        built.problem(len(header) + 1, message, code="P203")
    for position, (column, raw) in enumerate(zip(header, row, strict=False), start=1):
        cell = raw.strip()
        if column in CSV_PROGRAM_COLUMNS or column.startswith("program."):
            built.program_cell(column, position, cell)
        elif column == CSV_FINDINGS_COLUMN:
            built.findings_cell(position, cell)
        elif (spec := rules.indicators.get(column.partition(".")[0])) is not None:
            built.indicator_cell(column, position, cell, spec)
        elif len(built.problems) >= MAX_PROBLEMS:
            truncated = True
            break
        else:
            built.unknown_column(column, position)
    if truncated:
        message = Message(
            "the row has more than {limit} errors; checking stopped after the first {count}",
            limit=MAX_PROBLEMS,
            count=MAX_PROBLEMS,
        )
        raise ProfileError(message, problems=built.problems)
    if built.problems:
        raise ProfileError(Message("the row has {count} error(s)", count=len(built.problems)), problems=built.problems)
    return built.mapping(), built.columns
