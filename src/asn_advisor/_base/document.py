"""A loaded YAML or JSON document with the 1-based position of every key and value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from asn_advisor.errors import Location, Problem

__all__ = ["Document", "PathKey"]

PathKey = tuple[Any, ...]


@dataclass
class Document:
    """A loaded YAML or JSON document with the position of every value."""

    data: Any
    file: str
    value_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    scalar_styles: dict[PathKey, str | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: PathKey, *, key: bool = False) -> Location:
        """Return the location of the value (or its key) at ``path``.

        Falls back to the nearest ancestor that has a position.
        """
        marks = self.key_marks if key else self.value_marks
        probe = tuple(path)
        while True:
            if probe in marks:
                line, column = marks[probe]
                return Location(self.file, line, column)
            if key and probe in self.value_marks:
                line, column = self.value_marks[probe]
                return Location(self.file, line, column)
            if not probe:
                return Location(self.file, 1, 1)
            probe = probe[:-1]

    def expression_location(self, path: PathKey, offset: int) -> Location:
        """Location of character ``offset`` inside the scalar at ``path``.

        Exact for single-line plain and quoted scalars; for block and folded
        scalars the scalar's own start is returned (columns inside a folded
        text cannot be mapped back reliably).
        """
        base = self.locate(path)
        style = self.scalar_styles.get(tuple(path), "")
        if style in ("", None):
            return Location(base.file, base.line, base.column + offset)
        if style in ("'", '"'):
            return Location(base.file, base.line, base.column + 1 + offset)
        return base
