"""Storage of the history store: SQLite or PostgreSQL, transactions, schema migrations.

Private to :mod:`asn_advisor.store.history`.  Two backends share one small
interface (:class:`Database`): ``write(fn)`` runs ``fn(tx)`` in one
transaction and retries it when another writer holds the lock; ``read(fn)``
runs it on a consistent snapshot.  SQL is written once with ``?``
placeholders; the PostgreSQL backend turns them into ``%s``.

Schema versions are listed in :data:`MIGRATIONS` and applied in order inside
one transaction, under a lock, so that two processes opening a new store at
once cannot both migrate it.  A store written by an older version is
migrated when opened; a store written by a newer version is refused (this
version would not know what its tables mean).
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import unquote, urlsplit

from asn_advisor.errors import HistoryError, Location
from asn_advisor.i18n import Message

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Database",
    "HistoryError",
    "Transaction",
    "connect",
    "mask_url",
]

Dialect = Literal["sqlite", "postgresql"]
T = TypeVar("T")

# How long a writer waits for another writer before it gives up.  Recording an
# evaluation takes milliseconds; half a minute covers a busy shared office store.
LOCK_TIMEOUT_SECONDS = 30.0

# Key of the PostgreSQL advisory lock that serializes migrations ("asnadv" in ASCII).
_PG_MIGRATION_LOCK = 0x61736E616476


class Transaction:
    """The cursor handed to a function run by :meth:`Database.write` or :meth:`Database.read`."""

    def __init__(self, database: Database, cursor: Any) -> None:
        self._database = database
        self._cursor = cursor

    @property
    def dialect(self) -> Dialect:
        return self._database.dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement and return its rows (an empty list when it has none)."""
        self._cursor.execute(self._database.prepare(sql), tuple(params))
        if self._cursor.description is None:
            return []
        return [tuple(row) for row in self._cursor.fetchall()]

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an INSERT into a table with an ``id`` column and return the new id."""
        if self.dialect == "postgresql":
            rows = self.execute(sql + " RETURNING id", params)
            return int(rows[0][0])
        self._cursor.execute(sql, tuple(params))
        return int(self._cursor.lastrowid)


@dataclass(frozen=True)
class Migration:
    """One schema version: statements per dialect, then an optional data step."""

    version: int
    name: str
    sqlite: tuple[str, ...]
    postgresql: tuple[str, ...]
    data: Callable[[Transaction], None] | None = None

    def statements(self, dialect: Dialect) -> tuple[str, ...]:
        return self.sqlite if dialect == "sqlite" else self.postgresql


def _backfill_coverage(tx: Transaction) -> None:
    """Version 2 stores the data coverage in a column; read it from the stored advice."""
    for row_id, advice_json in tx.execute("SELECT id, advice_json FROM evaluations WHERE coverage IS NULL ORDER BY id"):
        try:
            coverage = json.loads(advice_json).get("score", {}).get("coverage")
        except (ValueError, AttributeError):
            coverage = None
        if isinstance(coverage, (int, float)) and not isinstance(coverage, bool):
            tx.execute("UPDATE evaluations SET coverage = ? WHERE id = ?", (float(coverage), row_id))


# Never edit a released migration: add a new one.  Version 1 is the first
# released schema (evaluations only); tests/test_history.py builds a version-1
# store by hand with exactly these statements and opens it with the newest code.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "evaluations",
        sqlite=(
            """CREATE TABLE evaluations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                program_id TEXT NOT NULL,
                period TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                pack_id TEXT NOT NULL,
                pack_version TEXT NOT NULL,
                pack_digest TEXT NOT NULL,
                overall REAL,
                band TEXT,
                profile_json TEXT NOT NULL,
                advice_json TEXT NOT NULL
            )""",
            "CREATE INDEX evaluations_program_period ON evaluations (program_id, period)",
        ),
        postgresql=(
            """CREATE TABLE evaluations (
                id BIGSERIAL PRIMARY KEY,
                program_id TEXT NOT NULL,
                period TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                pack_id TEXT NOT NULL,
                pack_version TEXT NOT NULL,
                pack_digest TEXT NOT NULL,
                overall DOUBLE PRECISION,
                band TEXT,
                profile_json TEXT NOT NULL,
                advice_json TEXT NOT NULL
            )""",
            "CREATE INDEX evaluations_program_period ON evaluations (program_id, period)",
        ),
    ),
    Migration(
        2,
        "recommendation status, coverage, tool version, source",
        sqlite=(
            "ALTER TABLE evaluations ADD COLUMN coverage REAL",
            "ALTER TABLE evaluations ADD COLUMN program_name TEXT",
            "ALTER TABLE evaluations ADD COLUMN tool_version TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE evaluations ADD COLUMN source TEXT",
            """CREATE TABLE recommendation_status (
                program_id TEXT NOT NULL,
                period TEXT NOT NULL,
                recommendation TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
                note TEXT,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (program_id, period, recommendation)
            )""",
            """CREATE TABLE recommendation_status_log (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                program_id TEXT NOT NULL,
                period TEXT NOT NULL,
                recommendation TEXT NOT NULL,
                status TEXT NOT NULL,
                note TEXT,
                recorded_at TEXT NOT NULL
            )""",
        ),
        postgresql=(
            "ALTER TABLE evaluations ADD COLUMN coverage DOUBLE PRECISION",
            "ALTER TABLE evaluations ADD COLUMN program_name TEXT",
            "ALTER TABLE evaluations ADD COLUMN tool_version TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE evaluations ADD COLUMN source TEXT",
            """CREATE TABLE recommendation_status (
                program_id TEXT NOT NULL,
                period TEXT NOT NULL,
                recommendation TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
                note TEXT,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (program_id, period, recommendation)
            )""",
            """CREATE TABLE recommendation_status_log (
                id BIGSERIAL PRIMARY KEY,
                program_id TEXT NOT NULL,
                period TEXT NOT NULL,
                recommendation TEXT NOT NULL,
                status TEXT NOT NULL,
                note TEXT,
                recorded_at TEXT NOT NULL
            )""",
        ),
        data=_backfill_coverage,
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version

_CREATE_MIGRATIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_migrations"
    " (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)

_MIGRATIONS_TABLE = {
    "sqlite": _CREATE_MIGRATIONS_TABLE,
    "postgresql": _CREATE_MIGRATIONS_TABLE,
}


def mask_url(url: str) -> str:
    """``url`` with its password replaced by ``***``, for messages.

    Read from the raw text rather than a URL parser, so that a password
    holding ``@``, ``/``, ``#`` or ``:``, or a URL that does not parse, still
    shows none of it: everything between the user name and the last ``@``
    is the password.  A ``password=`` parameter is masked too.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    if "@" in rest:
        userinfo, _, host = rest.rpartition("@")
        if ":" in userinfo:
            rest = f"{userinfo.split(':', 1)[0]}:***@{host}"
    rest = _PASSWORD_PARAMETER.sub(r"\1***", rest)
    return f"{scheme}://{rest}"


_PASSWORD_PARAMETER = re.compile(r"(?i)((?:^|[?&\s])password=)[^&#\s]*")


def _secrets(url: str) -> list[str]:
    """The password of ``url`` as written and decoded, longest first: what must not appear in a message."""
    found: list[str] = []
    rest = url.partition("://")[2]
    userinfo = rest.rpartition("@")[0]
    if ":" in userinfo:
        found.append(userinfo.split(":", 1)[1])
    found += [match.group(0).split("=", 1)[1] for match in _PASSWORD_PARAMETER.finditer(rest)]
    found += [unquote(secret) for secret in found]
    # A parser may have cut the password at one of these; its pieces are secret too.
    found += [piece for secret in found for piece in re.split(r"[#/?:@]", secret) if len(piece) >= 4]
    return sorted({secret for secret in found if secret}, key=len, reverse=True)


def redact(text: str, url: str) -> str:
    """``text`` with every occurrence of ``url`` and of its password masked."""
    text = text.replace(url, mask_url(url))
    for secret in _secrets(url):
        text = text.replace(secret, "***")
    return text


#: Seconds to wait for a PostgreSQL server; ASN_ADVISOR_PG_CONNECT_TIMEOUT (1..300) changes it.
PG_CONNECT_TIMEOUT_S = 5
PG_CONNECT_TIMEOUT_MAX_S = 300


def pg_connect_timeout() -> int:
    """The connection timeout: the environment's if it is a whole number of seconds in 1..300, else 5."""
    raw = os.environ.get("ASN_ADVISOR_PG_CONNECT_TIMEOUT", "").strip()
    try:
        value = int(raw)
    except ValueError:
        return PG_CONNECT_TIMEOUT_S
    return value if 1 <= value <= PG_CONNECT_TIMEOUT_MAX_S else PG_CONNECT_TIMEOUT_S


def check_pg_url(url: str) -> None:
    """Refuse a PostgreSQL URL that cannot be right, before any driver sees it (and perhaps echoes it)."""
    shown = mask_url(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError:
        # The parser's own message may quote part of the password.
        raise HistoryError(
            Message("malformed PostgreSQL URL: its host or port cannot be read"),
            location=Location(shown),
            hint=Message(
                "write postgresql://USER:PASSWORD@HOST:PORT/DATABASE, with special characters of the password %-encoded"
            ),
        ) from None
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise HistoryError(
            Message("malformed PostgreSQL URL: it contains spaces or control characters"),
            location=Location(shown),
            hint=Message(
                "write postgresql://USER:PASSWORD@HOST:PORT/DATABASE, with special characters of the password %-encoded"
            ),
        )


@dataclass
class Database:
    """An open store: its dialect, where it is, and its connection."""

    dialect: Dialect
    location: str
    connection: Any
    clock: Callable[[], str]
    schema_version: int = 0
    migrated_from: int | None = None
    _closed: bool = field(default=False, repr=False)

    def prepare(self, sql: str) -> str:
        # Our SQL has no literal '?', so a plain replacement is exact.
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    # -- transactions -----------------------------------------------------------

    def write(self, fn: Callable[[Transaction], T]) -> T:
        """Run ``fn`` in one write transaction, retried while another writer holds the lock."""
        return self._sqlite_tx(fn, "BEGIN IMMEDIATE") if self.dialect == "sqlite" else self._pg_tx(fn)

    def read(self, fn: Callable[[Transaction], T]) -> T:
        """Run ``fn`` on one consistent snapshot."""
        return self._sqlite_tx(fn, "BEGIN") if self.dialect == "sqlite" else self._pg_tx(fn)

    def _sqlite_tx(self, fn: Callable[[Transaction], T], begin: str) -> T:
        conn: sqlite3.Connection = self.connection
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        delay = 0.005
        while True:
            try:
                # BEGIN IMMEDIATE takes the write lock up front, so a transaction
                # never fails half-way because another writer committed first.
                conn.execute(begin)
            except sqlite3.OperationalError as error:
                if _sqlite_busy(error) and time.monotonic() < deadline:
                    time.sleep(delay * (1 + random.random()))  # jitter: writers do not retry in lockstep
                    delay = min(delay * 2, 0.25)
                    continue
                raise self._error(error) from error
            try:
                result = fn(Transaction(self, conn.cursor()))
                conn.execute("COMMIT")
                return result
            except BaseException as error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(error, sqlite3.OperationalError) and _sqlite_busy(error) and time.monotonic() < deadline:
                    time.sleep(delay * (1 + random.random()))
                    delay = min(delay * 2, 0.25)
                    continue
                if isinstance(error, sqlite3.Error):
                    raise self._error(error) from error
                raise

    def _pg_tx(self, fn: Callable[[Transaction], T]) -> T:
        import psycopg

        conn = self.connection
        attempts = 0
        while True:
            attempts += 1
            try:
                with conn.transaction(), conn.cursor() as cursor:
                    return fn(Transaction(self, cursor))
            except (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected) as error:
                # Both mean "try again": the transaction was rolled back whole.
                if attempts < 10:
                    time.sleep(0.01 * attempts * (1 + random.random()))
                    continue
                raise self._error(error) from error
            except psycopg.Error as error:
                raise self._error(error) from error

    def _error(self, error: Exception) -> HistoryError:
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        hint = None
        if isinstance(error, sqlite3.OperationalError) and _sqlite_busy(error):
            hint = Message(
                "another program kept the store locked for more than {seconds} s; try again",
                seconds=format(LOCK_TIMEOUT_SECONDS, "g"),
            )
        return HistoryError(
            Message("history store error: {message}", message=message), location=Location(self.location), hint=hint
        )

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.connection.close()

    # -- migrations -------------------------------------------------------------

    def migrate(self) -> None:
        """Bring the schema to :data:`SCHEMA_VERSION`, in one transaction under a lock."""

        def run(tx: Transaction) -> tuple[int, int]:
            if self.dialect == "postgresql":
                tx.execute("SELECT pg_advisory_xact_lock(?)", (_PG_MIGRATION_LOCK,))
            tx.execute(_MIGRATIONS_TABLE[self.dialect])
            rows = tx.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            current = int(rows[0][0] or 0)
            if current == 0 and self._has_table(tx, "evaluations"):
                # A table without a migrations record is not ours: refuse rather than guess.
                raise HistoryError(
                    Message("this database has an 'evaluations' table but no schema_migrations record"),
                    location=Location(self.location),
                    hint=Message("it was not written by asn-advisor; use another --db"),
                )
            if current > SCHEMA_VERSION:
                raise HistoryError(
                    Message(
                        "this history store has schema version {current}, "
                        "newer than {known} that this asn-advisor knows",
                        current=current,
                        known=SCHEMA_VERSION,
                    ),
                    location=Location(self.location),
                    hint=Message("upgrade asn-advisor to open it"),
                )
            for migration in MIGRATIONS:
                if migration.version <= current:
                    continue
                for statement in migration.statements(self.dialect):
                    tx.execute(statement)
                if migration.data is not None:
                    migration.data(tx)
                tx.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, self.clock()),
                )
            return current, SCHEMA_VERSION

        before, after = self.write(run)
        self.schema_version = after
        self.migrated_from = before if 0 < before < after else None

    def _has_table(self, tx: Transaction, name: str) -> bool:
        if self.dialect == "sqlite":
            return bool(tx.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))
        return bool(
            tx.execute(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
                (name,),
            )
        )


def _sqlite_busy(error: sqlite3.Error) -> bool:
    """Whether another connection holds the lock (SQLite's own result code, not its wording)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def is_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def connect(target: str, clock: Callable[[], str], *, create: bool = True) -> Database:
    """Open the store at ``target``: a file path or a ``postgresql://`` URL.

    With ``create=False`` a SQLite file that does not exist is an error rather
    than a new empty store (a mistyped --db should not leave files behind).
    """
    if is_url(target):
        database = _connect_postgres(target, clock)
    elif "://" in target:
        scheme = target.split("://", 1)[0]
        raise HistoryError(
            Message("unsupported history store URL scheme {scheme}", scheme=repr(scheme)),
            location=Location(mask_url(target)),
            hint=Message("give a file path for SQLite or a postgresql:// URL"),
        )
    else:
        if not create and not Path(target).exists():
            raise HistoryError(
                Message("there is no history store here"),
                location=Location(target),
                hint=Message(
                    "record an evaluation first with 'asn-advisor history record PROFILE --period P', or check --db"
                ),
            )
        database = _connect_sqlite(Path(target), clock)
    try:
        database.migrate()
    except BaseException:
        database.close()
        raise
    return database


def _connect_sqlite(path: Path, clock: Callable[[], str]) -> Database:
    shown = str(path)
    if path.exists() and path.is_dir():
        raise HistoryError(
            Message("the history store path is a directory"),
            location=Location(shown),
            hint=Message("give a file path, e.g. --db history.db"),
        )
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryError(
                Message("cannot create the directory of the history store: {reason}", reason=error.strerror),
                location=Location(shown),
            ) from error
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so that every
        # write takes the lock at its start (BEGIN IMMEDIATE).
        conn = sqlite3.connect(str(path), timeout=LOCK_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise HistoryError(
            Message("cannot open the history store: {reason}", reason=error), location=Location(shown)
        ) from error
    database = Database("sqlite", shown, conn, clock)
    deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    while True:
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(LOCK_TIMEOUT_SECONDS * 1000)}")
            # WAL lets readers work while one writer writes; synchronous=FULL
            # makes a committed record survive a power cut.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            break
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and _sqlite_busy(error) and time.monotonic() < deadline:
                time.sleep(0.01 + random.random() * 0.02)
                continue
            conn.close()
            hint = (
                Message("it is not an asn-advisor history store; use another --db")
                if getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB
                else None
            )
            raise HistoryError(
                Message("cannot open the history store: {reason}", reason=error), location=Location(shown), hint=hint
            ) from error
    return database


def _connect_postgres(url: str, clock: Callable[[], str]) -> Database:
    shown = mask_url(url)
    check_pg_url(url)
    try:
        import psycopg
    except ImportError as error:
        raise HistoryError(
            Message("a PostgreSQL history store needs the psycopg driver"),
            location=Location(shown),
            hint=Message("install it with: pip install 'asn-advisor[postgres]'"),
        ) from error
    try:
        # autocommit: transactions are opened explicitly by Database.write/read.
        conn = psycopg.connect(url, autocommit=True, connect_timeout=pg_connect_timeout())
    except Exception as error:  # the driver's message may quote the URL, password included
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise HistoryError(
            Message("cannot connect to the PostgreSQL history store: {reason}", reason=redact(first, url)),
            location=Location(shown),
            hint=Message(
                "check the host, port, database, user and password in the URL, and that the server is running"
            ),
        ) from None
    return Database("postgresql", shown, conn, clock)
