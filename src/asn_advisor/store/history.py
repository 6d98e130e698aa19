"""Evaluations over time: a history store, trends, and whether recommendations worked.

An office evaluates its programs every year.  The history store keeps each
evaluation (the profile, its advice, the rule pack's id, version and digest,
the period), what the office did about each recommendation, and answers
three questions:

* :meth:`HistoryStore.show`: how did one program's score, bands and findings
  change from period to period?
* :meth:`HistoryStore.set_status`: what did the office do about a
  recommendation (planned, in progress, done, dropped)?
* :meth:`HistoryStore.effect`: across programs, did the findings and the
  dimension scores a recommendation targets change more where it was carried
  out than where it was not?  Each figure says how many programs it rests on,
  and none is given from fewer than :data:`MIN_PROGRAMS` programs.

>>> from asn_advisor import load_rules, load_profile, advise
>>> #X HistoryStore
>>> rules = load_rules()
>>> profile = load_profile("examples/profiles/binjai.yaml", rules=rules)   # doctest: +SKIP
>>> with HistoryStore.open("history.db") as store:                          # doctest: +SKIP
...     store.record(profile, advise(profile, rules), period="2025")
...     print(store.show(profile.program.id).periods[-1].overall)

The store is SQLite by default (a file in the user's data directory) or a
PostgreSQL database given as a ``postgresql://`` URL.  Every write is one
transaction; concurrent writers wait for each other and lose nothing.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from asn_advisor._base import suggest
from asn_advisor._version import __version__
from asn_advisor.errors import Location
from asn_advisor.i18n import Message
from asn_advisor.model import Advice, PackInfo, Profile
from asn_advisor.store.effect import MIN_PROGRAMS, compute_effect
from asn_advisor.store.models import (
    STATUSES,
    EffectReport,
    EvaluationRecord,
    PeriodSummary,
    ProgramHistory,
    StatusEntry,
    StoredEvaluation,
)
from asn_advisor.store.snapshots import Snapshot, number, period_key, rounded, snapshot
from asn_advisor.store.sql import SCHEMA_VERSION, Database, HistoryError, Transaction, connect, is_url
from asn_advisor.store.trend import period_summary

__all__ = ["SCHEMA_VERSION", "HistoryError", "HistoryStore", "default_store_path", "resolve_store"]


_PERIOD_RE = re.compile(r"^[^\s/\\][^\n\r\t]{0,39}$")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def default_store_path() -> Path:
    """``$XDG_DATA_HOME/asn-advisor/history.db`` (``~/.local/share`` when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "asn-advisor" / "history.db"


_EVALUATION_COLUMNS = (
    "id, program_id, program_name, period, recorded_at, pack_id, pack_version, pack_digest,"
    " tool_version, source, overall, band, coverage"
)


def _record_from_row(row: tuple[Any, ...]) -> EvaluationRecord:
    return EvaluationRecord(
        id=int(row[0]),
        program_id=row[1],
        program_name=row[2],
        period=row[3],
        recorded_at=row[4],
        pack=PackInfo(id=row[5], version=row[6], digest=row[7]),
        tool_version=row[8] or "",
        source=row[9],
        overall=number(row[10]),
        band=row[11],
        coverage=number(row[12]),
    )


class HistoryStore:
    """A history of evaluations, in SQLite or PostgreSQL.

    Open it with :meth:`open`; use it as a context manager or call
    :meth:`close`.  One store object serves one thread; several processes
    (or several analysts) may write to the same store at once.
    """

    def __init__(self, database: Database) -> None:
        self._db = database

    # -- opening ----------------------------------------------------------------

    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str] | None = None,
        *,
        clock: Callable[[], str] | None = None,
        create: bool = True,
    ) -> HistoryStore:
        """Open the store at ``target``, creating and migrating it as needed.

        Args:
            target: a SQLite file path, a ``postgresql://user:password@host/db``
                URL, or ``None`` for :func:`default_store_path`.
            clock: returns the current UTC time as ISO 8601 text (for tests).
            create: create a SQLite store that does not exist yet (else: error).

        Raises:
            HistoryError: the store cannot be opened, or has a newer schema.
        """
        where = str(target) if target is not None else str(default_store_path())
        return cls(connect(where, clock or _now, create=create))

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @property
    def location(self) -> str:
        """The file path, or the URL with its password masked."""
        return self._db.location

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._db.dialect

    @property
    def schema_version(self) -> int:
        return self._db.schema_version

    @property
    def migrated_from(self) -> int | None:
        """The schema version the store had before this open migrated it, if it did."""
        return self._db.migrated_from

    # -- writing ----------------------------------------------------------------

    def record(
        self, profile: Profile, advice: Advice, *, period: str | None = None, source: str | None = None
    ) -> EvaluationRecord:
        """Store one evaluation: the profile, its advice and the rule pack that produced it.

        ``period`` overrides ``profile.program.period``; one of them is needed.
        Recording the same program and period again keeps both records; the
        latest is the one trends use.

        Raises:
            HistoryError: no period, or the profile and advice do not match.
        """
        if advice.program.id != profile.program.id:
            raise HistoryError(
                Message(
                    "the advice is for program {advice}, the profile for {profile}",
                    advice=repr(advice.program.id),
                    profile=repr(profile.program.id),
                ),
                hint=Message("advise the same profile you record"),
            )
        chosen = (period if period is not None else profile.program.period or advice.program.period or "").strip()
        if not chosen:
            raise HistoryError(
                Message("program {id} has no period", id=repr(profile.program.id)),
                location=Location(source) if source else None,
                hint=Message("give --period (e.g. --period 2025) or write program.period in the profile"),
            )
        if not _PERIOD_RE.match(chosen):
            raise HistoryError(
                Message("period {period} is not usable", period=repr(chosen)),
                location=Location(source) if source else None,
                hint=Message("a period is one line of at most 40 characters, e.g. 2025 or 2025-S1"),
            )
        profile_data = profile.model_dump(mode="json")
        profile_data["program"]["period"] = chosen
        advice_data = advice.model_dump(mode="json")
        advice_data["program"]["period"] = chosen
        recorded_at = self._db.clock()
        values = (
            profile.program.id,
            profile.program.name,
            chosen,
            recorded_at,
            advice.pack.id,
            advice.pack.version,
            advice.pack.digest,
            __version__,
            source,
            advice.score.overall,
            advice.score.band,
            advice.score.coverage,
            json.dumps(profile_data, ensure_ascii=False, sort_keys=True),
            json.dumps(advice_data, ensure_ascii=False),
        )

        def write(tx: Transaction) -> int:
            return tx.insert(
                "INSERT INTO evaluations (program_id, program_name, period, recorded_at,"
                " pack_id, pack_version, pack_digest,"
                " tool_version, source, overall, band, coverage, profile_json, advice_json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )

        new_id = self._db.write(write)
        return EvaluationRecord(
            id=new_id,
            program_id=profile.program.id,
            program_name=profile.program.name,
            period=chosen,
            recorded_at=recorded_at,
            pack=advice.pack,
            tool_version=__version__,
            source=source,
            overall=advice.score.overall,
            band=advice.score.band,
            coverage=advice.score.coverage,
        )

    def set_status(
        self,
        program_id: str,
        recommendation: str,
        status: str,
        *,
        note: str | None = None,
        period: str | None = None,
    ) -> StatusEntry:
        """Record what the office did about a recommendation made to a program.

        The status belongs to the evaluation that made the recommendation:
        ``period`` if given, else the latest period whose evaluation
        recommended it.  Every change is also kept in a log.

        Raises:
            HistoryError: unknown status, program, period, or a recommendation
                that none of the program's evaluations made.
        """
        clean_note = _checked_status(status, note)

        def write(tx: Transaction) -> StatusEntry:
            snapshots = self._program_snapshots(tx, program_id)
            chosen = _status_period(snapshots, program_id, recommendation, period)
            entry = StatusEntry(
                program_id=program_id,
                period=chosen,
                recommendation=recommendation,
                status=status,
                note=clean_note,
                updated_at=self._db.clock(),
            )
            _save_status(tx, entry)
            return entry

        return self._db.write(write)

    @staticmethod
    def _recommended_hint(snapshots: list[Snapshot], recommendation: str) -> str:
        latest = snapshots[-1]
        ids = [r[0] for r in latest.recommendations]
        close = suggest(recommendation, {r[0] for s in snapshots for r in s.recommendations})
        shown = ", ".join(ids) if ids else Message("none")
        if close:
            return Message(
                "did you mean {suggestion}? recommended in {period}: {ids}",
                suggestion=repr(close),
                period=latest.record.period,
                ids=shown,
            )
        return Message("recommended in {period}: {ids}", period=latest.record.period, ids=shown)

    # -- reading ----------------------------------------------------------------

    def programs(self) -> list[str]:
        """Ids of the programs with at least one evaluation, sorted."""
        rows = self._db.read(lambda tx: tx.execute("SELECT DISTINCT program_id FROM evaluations ORDER BY program_id"))
        return [row[0] for row in rows]

    def count(self) -> int:
        """Number of evaluations recorded."""
        rows = self._db.read(lambda tx: tx.execute("SELECT COUNT(*) FROM evaluations"))
        return int(rows[0][0])

    def evaluations(self, program_id: str | None = None) -> list[EvaluationRecord]:
        """Every recorded evaluation (of one program), oldest first."""

        def read(tx: Transaction) -> list[tuple[Any, ...]]:
            if program_id is None:
                return tx.execute(f"SELECT {_EVALUATION_COLUMNS} FROM evaluations ORDER BY id")
            return tx.execute(
                f"SELECT {_EVALUATION_COLUMNS} FROM evaluations WHERE program_id = ? ORDER BY id", (program_id,)
            )

        return [_record_from_row(row) for row in self._db.read(read)]

    def evaluation(self, evaluation_id: int) -> StoredEvaluation:
        """One evaluation with its stored profile and advice."""

        def read(tx: Transaction) -> list[tuple[Any, ...]]:
            return tx.execute(
                f"SELECT {_EVALUATION_COLUMNS}, profile_json, advice_json FROM evaluations WHERE id = ?",
                (evaluation_id,),
            )

        rows = self._db.read(read)
        if not rows:
            raise HistoryError(
                Message("no evaluation with id {id}", id=evaluation_id), location=Location(self.location)
            )
        row = rows[0]
        return StoredEvaluation(
            record=_record_from_row(row[:13]), profile=json.loads(row[13]), advice=json.loads(row[14])
        )

    def statuses(self, program_id: str | None = None) -> list[StatusEntry]:
        """The current status of each recommendation acted on (of one program)."""

        def read(tx: Transaction) -> list[tuple[Any, ...]]:
            sql = "SELECT program_id, period, recommendation, status, note, updated_at FROM recommendation_status"
            if program_id is None:
                return tx.execute(sql)
            return tx.execute(sql + " WHERE program_id = ?", (program_id,))

        entries = [
            StatusEntry(program_id=r[0], period=r[1], recommendation=r[2], status=r[3], note=r[4], updated_at=r[5])
            for r in self._db.read(read)
        ]
        return sorted(entries, key=lambda e: (e.program_id, period_key(e.period), e.period, e.recommendation))

    def show(self, program_id: str) -> ProgramHistory:
        """A program's evaluations over time: score, bands, findings and recommendations per period.

        Raises:
            HistoryError: the program has no evaluation in the store.
        """

        def read(tx: Transaction) -> tuple[list[Snapshot], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
            # One snapshot: evaluations and statuses as they were at one moment.
            snapshots = self._program_snapshots(tx, program_id)
            log = tx.execute(
                "SELECT program_id, period, recommendation, status, note, recorded_at FROM recommendation_status_log"
                " WHERE program_id = ? ORDER BY id",
                (program_id,),
            )
            current = tx.execute(
                "SELECT program_id, period, recommendation, status, note, updated_at"
                " FROM recommendation_status WHERE program_id = ?",
                (program_id,),
            )
            return snapshots, log, current

        snapshots, log, current = self._db.read(read)
        statuses = {
            (r[1], r[2]): StatusEntry(
                program_id=r[0], period=r[1], recommendation=r[2], status=r[3], note=r[4], updated_at=r[5]
            )
            for r in current
        }
        periods: list[PeriodSummary] = []
        previous: Snapshot | None = None
        for snap in snapshots:
            periods.append(period_summary(snap, previous, statuses))
            previous = snap
        known = [p.overall for p in periods if p.overall is not None]
        latest_name = next((s.record.program_name for s in reversed(snapshots) if s.record.program_name), None)
        return ProgramHistory(
            program_id=program_id,
            program_name=latest_name,
            periods=periods,
            overall_change=rounded(known[-1] - known[0]) if len(known) >= 2 else None,
            status_log=[
                StatusEntry(program_id=r[0], period=r[1], recommendation=r[2], status=r[3], note=r[4], updated_at=r[5])
                for r in log
            ],
        )

    def effect(self, *, min_programs: int = MIN_PROGRAMS, recommendations: Iterable[str] | None = None) -> EffectReport:
        """For each recommendation: the change that followed it where it was carried out and where not.

        For every program and every pair of consecutive recorded periods
        (A, B) in which A's evaluation made the recommendation, the pair goes
        to *done* when the office recorded ``done`` for it in A, and to
        *not done* otherwise (planned, in progress, dropped, or nothing
        recorded).  Measured between A and B: the share of the findings it
        addressed in A that are gone in B, and the mean change of the scores
        of those findings' dimensions.  A program counts once per group (its
        pairs averaged); a figure resting on fewer than ``min_programs``
        programs is withheld (``null``).

        Raises:
            HistoryError: ``min_programs`` below :data:`MIN_PROGRAMS`.
        """
        if min_programs < MIN_PROGRAMS:
            raise HistoryError(
                Message("--min-programs must be at least {count}", count=MIN_PROGRAMS),
                hint=Message("fewer programs are anecdotes, not evidence"),
            )

        def read(tx: Transaction) -> tuple[dict[str, list[Snapshot]], list[tuple[Any, ...]]]:
            # Evaluations and statuses from one snapshot, so a concurrent write cannot split them.
            ids = [row[0] for row in tx.execute("SELECT DISTINCT program_id FROM evaluations ORDER BY program_id")]
            rows = tx.execute("SELECT program_id, period, recommendation, status FROM recommendation_status")
            return {pid: self._program_snapshots(tx, pid) for pid in ids}, rows

        series, status_rows = self._db.read(read)
        if recommendations is not None:
            seen = {r[0] for snaps in series.values() for snap in snaps for r in snap.recommendations}
            for rec_id in sorted(set(recommendations) - seen):
                close = suggest(rec_id, seen)
                raise HistoryError(
                    Message("no recorded evaluation recommended {recommendation}", recommendation=repr(rec_id)),
                    location=Location(self.location),
                    hint=Message("did you mean {suggestion}?", suggestion=repr(close))
                    if close
                    else Message("'asn-advisor history effect' without --recommendation lists every one"),
                )
        statuses = {(r[0], r[1], r[2]): str(r[3]) for r in status_rows}
        wanted = set(recommendations) if recommendations is not None else None
        return compute_effect(series, statuses, min_programs=min_programs, only=wanted)

    # -- helpers ----------------------------------------------------------------

    def _program_snapshots(self, tx: Transaction, program_id: str) -> list[Snapshot]:
        rows = tx.execute(
            f"SELECT {_EVALUATION_COLUMNS}, advice_json FROM evaluations WHERE program_id = ? ORDER BY id",
            (program_id,),
        )
        if not rows:
            known = [row[0] for row in tx.execute("SELECT DISTINCT program_id FROM evaluations")]
            close = suggest(program_id, known)
            if close:
                hint = Message("did you mean {suggestion}?", suggestion=repr(close))
            elif known:
                hint = Message(
                    "{count} program(s) recorded; 'asn-advisor history show' without a program lists them",
                    count=len(known),
                )
            else:
                hint = Message("the store is empty; record an evaluation with 'asn-advisor history record PROFILE'")
            raise HistoryError(
                Message("no evaluation of program {id} in the history store", id=repr(program_id)),
                location=Location(self.location),
                hint=hint,
            )
        latest: dict[str, tuple[tuple[Any, ...], int]] = {}
        for row in rows:
            count = latest[row[3]][1] + 1 if row[3] in latest else 1
            latest[row[3]] = (row, count)  # rows come in id order: the last one wins
        ordered = sorted(latest.values(), key=lambda item: (period_key(item[0][3]), item[0][3]))
        return [snapshot(_record_from_row(row[:13]), json.loads(row[13]), count) for row, count in ordered]


def resolve_store(db: str | None) -> str:
    """The store to open: ``db`` if given, else :func:`default_store_path`."""
    if db:
        # Any URL is kept as written: a path would fold "mysql://x" into a file name.
        return db if is_url(db) or "://" in db else str(Path(db).expanduser())
    return str(default_store_path())


def _checked_status(status: str, note: str | None) -> str | None:
    """The note to keep (``None`` when blank), after checking the status and the note's length."""
    if status not in STATUSES:
        close = suggest(status, STATUSES)
        raise HistoryError(
            Message("unknown status {status}", status=repr(status)),
            hint=Message(
                "did you mean {suggestion}? statuses: {statuses}",
                suggestion=repr(close),
                statuses=", ".join(STATUSES),
            )
            if close
            else Message("statuses: {statuses}", statuses=", ".join(STATUSES)),
        )
    clean_note = note.strip() if note and note.strip() else None
    if clean_note is not None and len(clean_note) > 2000:
        raise HistoryError(
            Message("the note is longer than 2000 characters"),
            hint=Message("keep the note short; link to a document instead"),
        )
    return clean_note


def _status_period(snapshots: list[Snapshot], program_id: str, recommendation: str, period: str | None) -> str:
    """The period whose evaluation a status belongs to: ``period`` if given, else the latest that recommended it.

    Checked inside the write transaction, so that the evaluations it is
    checked against are the ones the status is stored next to.
    """
    recommended = [s.record.period for s in snapshots if any(r[0] == recommendation for r in s.recommendations)]
    if period is None:
        if not recommended:
            raise HistoryError(
                Message(
                    "no evaluation of {id} recommended {recommendation}",
                    id=repr(program_id),
                    recommendation=repr(recommendation),
                ),
                hint=HistoryStore._recommended_hint(snapshots, recommendation),
            )
        return recommended[-1]
    periods = [s.record.period for s in snapshots]
    if period not in periods:
        raise HistoryError(
            Message(
                "program {id} has no evaluation for period {period}",
                id=repr(program_id),
                period=repr(period),
            ),
            hint=Message("recorded periods: {periods}", periods=", ".join(periods)),
        )
    if period not in recommended:
        raise HistoryError(
            Message(
                "the evaluation of {id} for {period} did not recommend {recommendation}",
                id=repr(program_id),
                period=period,
                recommendation=repr(recommendation),
            ),
            hint=Message("it was recommended in: {periods}", periods=", ".join(recommended))
            if recommended
            else HistoryStore._recommended_hint(snapshots, recommendation),
        )
    return period


def _save_status(tx: Transaction, entry: StatusEntry) -> None:
    """Store the current status of a recommendation and append it to the log, which keeps every change."""
    values = (entry.program_id, entry.period, entry.recommendation, entry.status, entry.note, entry.updated_at)
    tx.execute(
        "INSERT INTO recommendation_status (program_id, period, recommendation, status, note, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (program_id, period, recommendation)"
        " DO UPDATE SET status = excluded.status, note = excluded.note,"
        " updated_at = excluded.updated_at",
        values,
    )
    tx.insert(
        "INSERT INTO recommendation_status_log (program_id, period, recommendation, status, note, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        values,
    )
