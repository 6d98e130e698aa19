"""Bounds on what one input file may cost to read, and how they are set for a command or a process."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from asn_advisor.i18n import Message

__all__ = ["LIMIT_MAXIMA", "Limits", "limit_hint", "use_limits"]


def limit_hint(limit: str) -> str:
    """How to raise a limit, for the hint of the error it caused."""
    return Message(
        "raise it with --max-{limit} or ASN_ADVISOR_MAX_{env} if the file is genuine", limit=limit, env=limit.upper()
    )


#: The largest value each limit may be given (an option beyond it is a usage
#: error; an environment value beyond it is ignored): far above any real file,
#: and within what the readers can index.
LIMIT_MAXIMA = {"max_bytes": 1 << 30, "max_depth": 1_000_000_000, "max_nodes": 1_000_000_000}


def _env_int(name: str, default: int, maximum: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip()) if len(raw) <= 32 else 0
    except ValueError:
        return default
    return value if 0 < value <= maximum else default


@dataclass(frozen=True)
class Limits:
    """Bounds on what one input file may cost to read.

    The defaults fit the largest real files with a wide margin (the biggest
    file of the national pack holds about 1,600 values and 40 KB) while
    keeping the worst file within the limits to about a second and a couple
    of hundred MB.  They can be changed for a process with the environment
    variables ``ASN_ADVISOR_MAX_BYTES``, ``ASN_ADVISOR_MAX_DEPTH`` and
    ``ASN_ADVISOR_MAX_NODES``, for one command with the ``asn-advisor``
    options ``--max-bytes``, ``--max-depth`` and ``--max-nodes``, and in
    Python with :func:`use_limits` or the ``limits=`` argument of the
    loaders.  See SECURITY.md.
    """

    max_bytes: int = 10 * 1024 * 1024
    max_depth: int = 64
    max_nodes: int = 100_000

    @classmethod
    def from_env(cls) -> Limits:
        """The defaults, overridden by the ``ASN_ADVISOR_MAX_*`` environment variables."""
        return cls(
            max_bytes=_env_int("ASN_ADVISOR_MAX_BYTES", cls.max_bytes, LIMIT_MAXIMA["max_bytes"]),
            max_depth=_env_int("ASN_ADVISOR_MAX_DEPTH", cls.max_depth, LIMIT_MAXIMA["max_depth"]),
            max_nodes=_env_int("ASN_ADVISOR_MAX_NODES", cls.max_nodes, LIMIT_MAXIMA["max_nodes"]),
        )

    @classmethod
    def current(cls) -> Limits:
        """The limits in force: those set by :func:`use_limits`, else :meth:`from_env`."""
        chosen = _CURRENT_LIMITS.get()
        return chosen if chosen is not None else cls.from_env()


# A context variable rather than a module global, so that limits set for one
# command (or one thread, or one asyncio task) never leak into another.
_CURRENT_LIMITS: ContextVar[Limits | None] = ContextVar("asn_advisor_limits", default=None)


@contextmanager
def use_limits(limits: Limits) -> Iterator[Limits]:
    """Make ``limits`` the default of every loader inside the ``with`` block."""
    token = _CURRENT_LIMITS.set(limits)
    try:
        yield limits
    finally:
        _CURRENT_LIMITS.reset(token)
