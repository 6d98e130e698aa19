"""The roadmap: planned steps in phases, quick wins first, then by priority or expected gain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from asn_advisor.i18n import Message
from asn_advisor.model import Advice

__all__ = ["ORDERS", "Order", "order_roadmap", "reorder"]

Order = Literal["priority", "gain"]
ORDERS: tuple[Order, ...] = ("priority", "gain")


class _Planned(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def priority(self) -> float: ...
    @property
    def phase(self) -> int | None: ...
    @property
    def quick_win(self) -> bool: ...
    @property
    def expected_gain(self) -> float | None: ...


def order_roadmap(recommendations: Sequence[_Planned], order: str = "priority") -> list[list[str]]:
    """The roadmap: phases of step ids, quick wins first, then by ``order``.

    Args:
        recommendations: planned steps with ``phase`` set (:class:`Recommendation`
            or the plan's own :class:`Step`).
        order: ``"priority"`` or ``"gain"`` (expected gain; unknown gains
            last), each with priority, then id, as tie-breakers.

    Returns:
        One list of ids per phase, phase 1 first.

    Raises:
        ValueError: an unknown order.
    """
    if order not in ORDERS:
        raise ValueError(
            Message("unknown order {order}; choose one of {orders}", order=repr(order), orders=", ".join(ORDERS))
        )
    by_gain = order == "gain"
    keyed = []
    for rec in recommendations:
        value = rec.priority
        if by_gain:
            value = rec.expected_gain if rec.expected_gain is not None else float("-inf")
        keyed.append((rec.phase or 1, not rec.quick_win, -value, -rec.priority, rec.id))
    keyed.sort()
    phases: dict[int, list[str]] = {}
    for key in keyed:
        phases.setdefault(key[0], []).append(key[4])
    return list(phases.values())


def reorder(advice: Advice, order: str) -> Advice:
    """A copy of ``advice`` whose roadmap is ordered by ``order``.

    Args:
        advice: an advice with its plan.
        order: ``"priority"`` or ``"gain"`` (see :func:`order_roadmap`).

    Returns:
        A deep copy with ``roadmap`` and ``plan_order`` set; ``advice`` is unchanged.

    Raises:
        ValueError: an unknown order.
    """
    copy = advice.model_copy(deep=True)
    copy.roadmap = order_roadmap(copy.recommendations, order)
    copy.plan_order = order  # type: ignore[assignment]
    return copy
