"""Errors and problem reports.

Every error asn-advisor raises on purpose derives from :class:`AdvisorError`::

    AdvisorError                    exit code 1 unless stated
      InputError                    a file cannot be read safely (size, encoding, YAML limits)   exit 3
      RulePackError                 a rule pack is wrong; holds every Problem found             exit 4
      ProfileError                  a profile is wrong; holds every Problem found              exit 5
      ConditionError                a condition does not parse or does not type-check
      OutputError                   an output file cannot be written (exists, is an input)    exit 6
      ArgumentError                 the Python API was given None, a wrong type or an invalid model
      HistoryError                  the history store cannot be opened, read or written
      WorkerLostError               a batch worker process died while it held records            exit 8

Problems are values (:class:`Problem`) carrying a 1-based :class:`Location`, so
that a loader can gather all of them before it fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from asn_advisor.i18n import localize, t

__all__ = [
    "AdvisorError",
    "ArgumentError",
    "HistoryError",
    "WorkerLostError",
    "ConditionError",
    "ExitCode",
    "InputError",
    "Location",
    "MAX_PROBLEMS",
    "OutputError",
    "Problem",
    "ProfileError",
    "RulePackError",
]


MAX_PROBLEMS = 200
"""Loaders stop gathering problems after this many errors.

Each problem may carry a did-you-mean search over a catalog; a file with tens
of thousands of broken entries would otherwise take minutes to report, and
nobody reads past the first screens anyway.
"""


class ExitCode(IntEnum):
    """Exit codes of the ``asn-advisor`` command (documented in docs/cli.md)."""

    OK = 0
    ERROR = 1  # any other AdvisorError
    USAGE = 2  # click's usage errors
    INPUT = 3  # unreadable or unsafe input file
    RULES = 4  # invalid rule pack
    PROFILE = 5  # invalid profile
    OUTPUT = 6  # output cannot be written
    TEST_FAILED = 7  # a rule test case failed (rules test)
    PARTIAL = 8  # batch finished but some records failed, or a worker process was lost
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    TERMINATED = 143  # SIGTERM (128 + SIGTERM)


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based position in a file."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        if self.column <= 0:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One problem found in a rule pack or a profile."""

    location: Location
    message: str
    code: str = "E000"
    severity: str = "error"  # "error" | "warning"
    hint: str | None = field(default=None)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)

    def __str__(self) -> str:
        text = f"{self.location}: [{self.severity}] {self.code} {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def render(self, lang: str) -> str:
        """``location: [severity] CODE message (hint)`` with every word in ``lang``."""
        severity = t("error", lang) if self.severity == "error" else t("warning", lang)
        text = f"{self.location}: [{severity}] {self.code} {localize(self.message, lang)}"
        if self.hint:
            text += f" ({localize(self.hint, lang)})"
        return text


class AdvisorError(Exception):
    """Base class for every error asn-advisor raises on purpose."""

    exit_code: int = ExitCode.ERROR

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        hint: str | None = None,
        problems: list[Problem] | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint
        self.code = code
        self.problems: list[Problem] = sorted(problems or [], key=Problem.sort_key)

    def __str__(self) -> str:
        text = f"{self.code} {self.message}" if self.code else self.message
        if self.location:
            text = f"{self.location}: {text}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(AdvisorError):
    """A file cannot be read safely: too large, not UTF-8, not YAML, over a limit."""

    exit_code = ExitCode.INPUT


class RulePackError(AdvisorError):
    """A rule pack has errors; ``problems`` lists every one of them."""

    exit_code = ExitCode.RULES


class ProfileError(AdvisorError):
    """A profile has errors; ``problems`` lists every one of them."""

    exit_code = ExitCode.PROFILE


class ConditionError(AdvisorError):
    """A condition does not parse or does not type-check.

    ``offset`` is the 0-based character offset inside the condition text; the
    pack loader turns it into a file column.
    """

    def __init__(self, message: str, *, offset: int = 0, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.offset = offset


class OutputError(AdvisorError):
    """An output file cannot be written."""

    exit_code = ExitCode.OUTPUT


class ArgumentError(AdvisorError, ValueError):
    """A function of the Python API was given ``None``, the wrong type, or a model changed into an invalid state.

    Also a :class:`ValueError`, which such calls raised before.
    """


class HistoryError(AdvisorError):
    """The history store cannot be opened, read or written (exit code 1)."""


class WorkerLostError(AdvisorError):
    """A worker process died (killed, out of memory) while it held records: the run fails.

    ``problems`` name the records that were in flight and got no outcome.
    """

    exit_code = ExitCode.PARTIAL
