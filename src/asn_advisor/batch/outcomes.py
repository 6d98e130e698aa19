"""The worker: one record becomes one outcome.

:func:`process_record` turns one record into one :class:`Outcome`: the
advice as JSON (``Advice.model_dump_json()`` of the one engine) and a small
:class:`Summary`, or a :class:`BatchError` with its location -- never both,
never none.  :func:`advise_block` does so for a block of records.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from asn_advisor._base import Document
from asn_advisor.batch.records import Record, csv_row_to_profile
from asn_advisor.engine import advise_loaded, check_arguments
from asn_advisor.errors import AdvisorError, InputError, Location, Problem, ProfileError
from asn_advisor.i18n import Message
from asn_advisor.model import Advice, Profile, Summary, load_profile, profile_from_data
from asn_advisor.pack import RulePack

__all__ = [
    "FIELDS",
    "BatchError",
    "Fields",
    "Outcome",
    "Summary",
    "advise_block",
    "process_record",
    "summary_json",
]

#: What a record's output holds: the full explained advice, or the lean summary.
Fields = Literal["full", "summary"]
FIELDS: tuple[Fields, ...] = ("full", "summary")


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
    """The result of one record: ``payload`` (and ``json``) and ``summary``, or ``error``.

    ``payload`` is the advice's JSON, or with ``fields="summary"`` the lean
    record of :func:`summary_json` (then :meth:`advice` is not available).
    """

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
            raise ValueError(Message("this record failed; see .error"))
        return Advice.model_validate_json(self.payload)


# ---------------------------------------------------------------- the worker


def _reject_constant(name: str) -> Any:
    raise ValueError(Message("{name} is not a number JSON allows", name=name))


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(items)
    if len(result) != len(items):
        seen: set[str] = set()
        for key, _ in items:
            if key in seen:
                raise ValueError(Message("key {key} is defined twice in one object", key=repr(key)))
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


def summary_json(summary: Summary) -> bytes:
    """The JSON Lines record of ``batch --fields summary``: the lean output (docs/batch.md).

    ``program``, ``score`` (the overall score), ``score_low`` and
    ``score_high`` (the interval it can still take), ``band``, ``coverage``
    and the ranked ``recommendations`` with their priorities: the values of
    the full advice's fields of the same names.
    """
    record = {
        "program": summary.program,
        "score": summary.overall,
        "score_low": summary.score_low,
        "score_high": summary.score_high,
        "band": summary.band,
        "coverage": summary.coverage,
        "recommendations": [{"id": rid, "priority": priority} for rid, priority in summary.recommendations],
    }
    return _ENCODE(record).encode("utf-8")


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def process_record(
    record: Record, rules: RulePack, lang: str = "id", fields: Fields = "full", *, summaries: bool = True
) -> Outcome:
    """Advise one record; every failure becomes an :class:`Outcome` with an error.

    Never raises for a bad record: a record that cannot be read, parsed or
    validated gives an error outcome located at its file and line (and CSV
    column where one is known).  The advice is :func:`~asn_advisor.engine.advise`'s,
    the one engine every command uses; with ``fields="summary"`` the engine
    stops once the recommendations are ranked (:func:`~asn_advisor.engine.summarize`)
    and the payload is :func:`summary_json`.  ``summaries=False`` leaves
    ``outcome.summary`` empty: a caller that writes only the payload (JSON
    Lines) spares the worker building it and the processes passing it.
    """
    program_id: str | None = None
    try:
        profile = _to_profile(record, rules)
        program_id = profile.program.id
        if record.kind == "profile":
            # A caller's Profile object may have been changed after loading: checked in full.
            check_arguments(profile, rules, lang)
        if fields == "summary":
            summary = advise_loaded(profile, rules, lang, summary=True)
            kept = summary if summaries else None
            return Outcome(record.index, record.source, record.line, payload=summary_json(summary), summary=kept)
        advice = advise_loaded(profile, rules, lang, summary=False)
        payload = advice.model_dump_json().encode("utf-8")
        kept = Summary.from_advice(advice) if summaries else None
        return Outcome(record.index, record.source, record.line, payload=payload, summary=kept)
    except AdvisorError as error:
        return _error_outcome(record, error, program_id)
    except Exception as error:
        return _error_outcome(record, _internal(error), program_id)


def _internal(error: Exception) -> AdvisorError:
    """An unexpected failure on one record, reported like any other record error."""
    return AdvisorError(
        Message("internal error on this record: {kind}: {error}", kind=type(error).__name__, error=error),
        hint=Message("please report it with the record"),
    )


def _parse_json(record: Record) -> Any:
    try:
        return json.loads(record.payload, object_pairs_hook=_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            Message("JSON syntax error: {reason} (column {column})", reason=exc.msg, column=exc.colno),
            location=Location(record.source, record.line, exc.colno),
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(
            _said(exc) or Message("the line is nested too deeply"), location=Location(record.source, record.line)
        ) from None


def _said(exc: BaseException) -> str:
    """What an exception says: its message when it carries one, else its text."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], Message) else str(exc)


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


def advise_block(
    records: list[Record], rules: RulePack, lang: str = "id", fields: Fields = "full", *, summaries: bool = True
) -> list[Outcome]:
    """Advise a block of records, one outcome per record, in order (``fields``, ``summaries``: see
    :func:`process_record`)."""
    # The cyclic garbage collector is paused for the block: advising allocates
    # many small objects and frees them by reference counting (it creates no
    # cycles worth collecting), yet each allocation burst triggers collections
    # that traverse everything alive.  Collection resumes between blocks.
    paused = gc.isenabled()
    gc.disable()
    try:
        return [process_record(record, rules, lang, fields, summaries=summaries) for record in records]
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
            Message("the line is longer than the limit of {limit} characters", limit=record.payload),
            location=Location(record.source, record.line),
            hint=Message("raise ASN_ADVISOR_MAX_BYTES if the profile is genuine"),
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
