"""What the engine derives from a pack once and then reads for every profile.

Each kind of derived value (the relations index, the prepared texts, the
scoring plan, the priority terms, the recommendation rules by finding) has
one :class:`PackCache`.  Entries are keyed by the pack's digest, since equal
digests mean equal files, and by the extra arguments of the build (the
language of prepared texts).  An entry is kept only while the parts of the
pack it was built from are the same objects: ``what_if`` works on a copy of
the pack that keeps fewer derivation rules under the same digest.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from asn_advisor.pack import RulePack

__all__ = ["PackCache"]

T = TypeVar("T")

#: Packs a process keeps derived values for; a batch uses one, tests a few dozen.
_SIZE = 32


def _no_parts(pack: RulePack) -> tuple[object, ...]:
    return ()


class PackCache(Generic[T]):
    """Values built from a pack by ``build(pack, *args)``, kept per digest and arguments.

    ``parts(pack)`` names the pack's parts the value is built from; a pack
    whose parts are other objects under the same digest gets a value of its own.
    """

    def __init__(
        self,
        build: Callable[..., T],
        parts: Callable[[RulePack], tuple[object, ...]] = _no_parts,
    ) -> None:
        self._build = build
        self._parts = parts
        self._entries: dict[tuple[Hashable, ...], tuple[tuple[object, ...], T]] = {}

    def get(self, pack: RulePack, *args: Hashable) -> T:
        key = (pack.digest, *args)
        parts = self._parts(pack)
        entry = self._entries.get(key)
        if entry is None or any(kept is not part for kept, part in zip(entry[0], parts, strict=True)):
            if len(self._entries) >= _SIZE:
                self._entries.clear()
            entry = self._entries[key] = (parts, self._build(pack, *args))
        return entry[1]
