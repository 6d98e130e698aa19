"""The driver: records to worker processes, outcomes back in input order.

:func:`run_records` (and :func:`advise_many` over profiles) feeds chunks of
records to ``jobs`` processes with a bounded window of chunks in flight, and
yields the outcomes in input order, so memory stays bounded whatever the
input size and ``--jobs N`` gives the same output as one process.  A lost
worker fails the run with :class:`WorkerLostError`.

See docs/batch.md for the CSV column convention and the Dask recipe.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from asn_advisor.batch.outcomes import Fields, Outcome, advise_block
from asn_advisor.batch.records import Record
from asn_advisor.errors import MAX_PROBLEMS, ArgumentError, Location, Problem, WorkerLostError
from asn_advisor.i18n import Message
from asn_advisor.model import Profile
from asn_advisor.pack import RulePack, load_rules

__all__ = [
    "TEST_KILL_ENV",
    "WorkerLostError",
    "advise_many",
    "run_records",
    "usable_cores",
]


DEFAULT_CHUNK = 256

# ---------------------------------------------------------------- the driver

_WORKER: dict[str, Any] = {}

#: Test hook: the worker that is handed the record of this index kills itself
#: with SIGKILL, as the out-of-memory killer would.  Unset in real runs.
TEST_KILL_ENV = "ASN_ADVISOR_TEST_KILL_WORKER_AT"


def _worker_init(pack_root: str | None, display: str | None, lang: str, fields: Fields, summaries: bool) -> None:
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
    _WORKER["fields"] = fields
    _WORKER["summaries"] = summaries


def _worker_chunk(records: list[Record]) -> list[Outcome]:
    doomed = os.environ.get(TEST_KILL_ENV)
    if doomed and any(str(record.index) == doomed for record in records):
        os.kill(os.getpid(), signal.SIGKILL)
    return advise_block(records, _WORKER["rules"], _WORKER["lang"], _WORKER["fields"], summaries=_WORKER["summaries"])


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
            message = Message(
                "records from line {first} to line {last} were not advised: a worker process was lost",
                first=first.line,
                last=last.line,
            )
        else:
            message = Message("the record was not advised: a worker process was lost")
        problems.append(Problem(Location(first.source, first.line), message, code="B801"))
    return WorkerLostError(
        Message(
            "a worker process stopped unexpectedly (killed, or out of memory); {count} record(s) in progress failed",
            count=len(records),
        ),
        hint=Message("nothing was written; run again, with fewer --jobs if memory is short"),
        problems=problems,
    )


def run_records(
    records: Iterable[Record],
    rules: RulePack,
    *,
    jobs: int = 1,
    lang: str = "id",
    chunk_size: int = DEFAULT_CHUNK,
    fields: Fields = "full",
    summaries: bool = True,
) -> Iterator[Outcome]:
    """Advise a stream of records with ``jobs`` processes; outcomes in input order.

    ``fields="summary"`` gives each outcome the lean summary instead of the
    full advice; ``summaries=False`` leaves ``outcome.summary`` empty for a
    caller that writes the payload only (see
    :func:`~asn_advisor.batch.outcomes.process_record`).

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
        raise ValueError(Message("jobs must be at least 1"))
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
            yield from advise_block(chunk, rules, lang, fields, summaries=summaries)
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
            jobs, mp_context=context, initializer=_worker_init, initargs=(root, display, lang, fields, summaries)
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
    fields: Fields = "full",
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
        fields: ``"full"``, or ``"summary"`` for the lean output: the engine
            stops once the recommendations are ranked, ``outcome.summary``
            is the same, and ``outcome.json`` is the lean record
            (:func:`~asn_advisor.batch.outcomes.summary_json`).

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
        raise ArgumentError(Message("lang must be 'id' or 'en'"))
    if profiles is None or not hasattr(profiles, "__iter__"):
        raise ArgumentError(
            Message("advise_many() needs an iterable of profiles, got {kind}", kind=type(profiles).__name__),
            hint=Message("a list of Profile objects or profile mappings"),
        )
    if not isinstance(rules, RulePack):
        raise ArgumentError(
            Message("advise_many() needs a RulePack, got {kind}", kind=type(rules).__name__),
            hint=Message("load one with load_rules()"),
        )

    def records() -> Iterator[Record]:
        for index, item in enumerate(profiles):
            if isinstance(item, Record):
                yield item
            elif isinstance(item, Profile):
                yield Record(index, f"<profile {index + 1}>", index + 1, "profile", item)
            else:
                yield Record(index, f"<profile {index + 1}>", index + 1, "mapping", item)

    return run_records(records(), rules, jobs=jobs, lang=lang, chunk_size=chunk_size, fields=fields)
