"""Gathering the problems of a pack, so that loading reports every one of them at once."""

from __future__ import annotations

from collections.abc import Iterable

from asn_advisor.errors import MAX_PROBLEMS, Location, Problem

__all__ = ["Collector", "TooManyProblems"]


class TooManyProblems(Exception):
    """Raised by :class:`Collector` once :data:`MAX_PROBLEMS` errors are gathered."""


class Collector:
    """Gathers the problems of a pack, up to :data:`MAX_PROBLEMS` errors.

    Each problem may cost a did-you-mean search over the catalog, so a pack
    with tens of thousands of broken entries would take minutes to report in
    full; past the cap loading stops and the first problems are shown.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.truncated = False
        self.error_count = 0

    def add(
        self, location: Location, message: str, code: str, hint: str | None = None, severity: str = "error"
    ) -> None:
        self.extend([Problem(location, message, code=code, severity=severity, hint=hint)])

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            if problem.severity == "error":
                if self.error_count >= MAX_PROBLEMS:
                    self.truncated = True
                    raise TooManyProblems
                self.error_count += 1
            self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]
