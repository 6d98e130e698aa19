"""The columnar (NumPy) evaluator agrees with the reference interpreter, row by row."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from asn_advisor.condition import Condition
from asn_advisor.condition._vector import Columns, compile_vector

from .strategies import VOCABULARY, bool_exprs, findings, number_exprs, values


def _row(pair: tuple[Any, Any], size: int, index: int) -> Any:
    value, known = (np.broadcast_to(np.asarray(x), (size,)) for x in pair)
    if not known[index]:
        return None
    item = value[index].item()
    return item


@given(bool_exprs(), st.lists(st.tuples(values, findings), min_size=1, max_size=12))
def test_vector_agrees_with_interpreter_on_conditions(
    text: str, rows: list[tuple[dict[str, Any], dict[str, int]]]
) -> None:
    """Three-valued results (true, false, unknown) are the same for every row."""
    condition = Condition.compile(text, VOCABULARY)
    columns = Columns.from_facts([r[0] for r in rows], VOCABULARY.names, [r[1] for r in rows])
    pair = compile_vector(condition.tree)(columns)
    for index, (facts, ranks) in enumerate(rows):
        assert _row(pair, len(rows), index) == condition.interpret(facts, ranks), (text, facts, ranks)


@given(number_exprs(), st.lists(values, min_size=1, max_size=8))
def test_vector_agrees_with_interpreter_on_numbers(text: str, rows: list[dict[str, Any]]) -> None:
    condition = Condition.compile(text, VOCABULARY, expect="number")
    columns = Columns.from_facts(rows, VOCABULARY.names)
    pair = compile_vector(condition.tree)(columns)
    for index, facts in enumerate(rows):
        expected = condition.interpret(facts, {})
        got = _row(pair, len(rows), index)
        assert (got is None) == (expected is None)
        if expected is not None:
            assert got == float(expected)


def test_vector_edge_cases() -> None:
    rows = [{"a": 1, "tags": ("x",)}, {"a": 0}, {}, {"tags": ()}]
    columns = Columns.from_facts(rows, VOCABULARY.names)
    for text in [
        "a / a > 0",
        '"x" in tags',
        '"y" not in tags',
        "len(tags) == 0",
        "1 in [1, 2] or a > 5",
        "missing(c) and known(a)",
        "not (a < 1)",
    ]:
        condition = Condition.compile(text, VOCABULARY)
        pair = compile_vector(condition.tree)(columns)
        assert [_row(pair, 4, i) for i in range(4)] == [condition.interpret(r, {}) for r in rows], text
