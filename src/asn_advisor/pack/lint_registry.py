"""The linter's registry of checks, and the context every check reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from asn_advisor.condition import Interval, Node, Ranges, restrict, true_ranges
from asn_advisor.condition import ranges as _ranges
from asn_advisor.errors import Location, Problem
from asn_advisor.pack.compiled import CompiledDerive, CompiledRecommend, RulePack

__all__ = ["CHECKS", "Check", "CheckFunction", "Context", "register", "warn"]


@dataclass
class Context:
    """What checks read: the pack, the output language, and cached range analyses."""

    pack: RulePack
    lang: str
    _ranges: dict[str, Ranges | None] = field(default_factory=dict)

    @cached_property
    def bounds(self) -> dict[str, Interval]:
        bounds: dict[str, Interval] = {}
        for name, info in self.pack.vocabulary.names.items():
            if info.kind == "number":
                low = -_ranges.INF if info.minimum is None else info.minimum
                high = _ranges.INF if info.maximum is None else info.maximum
                bounds[name] = Interval(low, high)
            elif info.kind == "bool":
                bounds[name] = Interval(0.0, 1.0)
        for finding in self.pack.findings:
            bounds["has:" + finding] = Interval(0.0, 3.0)
        return bounds

    def ranges(self, key: str, tree: Node) -> Ranges | None:
        """The restricted true-ranges of a condition, computed once per key."""
        if key not in self._ranges:
            raw = true_ranges(tree)
            self._ranges[key] = None if raw is None else restrict(raw, self.bounds)
        return self._ranges[key]

    def locate(self, kind: str, key: str, *sub: Any, offset: int | None = None, as_key: bool = False) -> Location:
        origin = self.pack.origins.get((kind, key))
        if origin is None:
            return self.pack.locations.get(key, Location(self.pack.root.as_posix()))
        doc, path = origin
        if offset is not None:
            return doc.expression_location((*path, *sub), offset)
        return doc.locate((*path, *sub), key=as_key)

    def rules(self) -> Iterator[CompiledDerive | CompiledRecommend]:
        yield from self.pack.derive_rules
        yield from self.pack.recommend_rules


CheckFunction = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True)
class Check:
    """A registered check."""

    code: str
    name: str
    function: CheckFunction

    @property
    def doc(self) -> str:
        return (self.function.__doc__ or "").strip()


CHECKS: dict[str, Check] = {}


def register(code: str, name: str) -> Callable[[CheckFunction], CheckFunction]:
    def wrap(function: CheckFunction) -> CheckFunction:
        CHECKS[code] = Check(code, name, function)
        return function

    return wrap


def warn(location: Location, code: str, message: str, hint: str | None = None) -> Problem:
    return Problem(location, message, code=code, severity="warning", hint=hint)
