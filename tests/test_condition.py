"""The condition language: parsing, checking, three-valued evaluation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_advisor.condition import Condition, ConditionError, parse
from asn_advisor.errors import AdvisorError

from .strategies import VOCABULARY, bool_exprs, findings, values


@pytest.mark.parametrize(
    ("text", "vals", "found", "expected"),
    [
        ("a < 60", {"a": 50}, {}, True),
        ("a < 60", {"a": 60}, {}, False),
        ("a < 60", {}, {}, None),
        ("a < 60 and has(f1)", {}, {}, False),
        ("a < 60 and has(f1)", {}, {"f1": 2}, None),
        ("a < 60 or has(f1)", {}, {"f1": 1}, True),
        ("a < 60 atau has(f1)", {}, {}, None),
        ("not a < 60", {"a": 10}, {}, False),
        ("tidak (a < 60)", {}, {}, None),
        ('has(f1, "high")', {}, {"f1": 2}, False),
        ('has(f1, "medium")', {}, {"f1": 2}, True),
        ("ada(f2)", {}, {"f2": 1}, True),
        ("known(a)", {}, {}, False),
        ("missing(a)", {}, {}, True),
        ("diketahui(a)", {"a": 0}, {}, True),
        ("flag == false", {"flag": False}, {}, True),
        ('"x" in tags', {"tags": ("x",)}, {}, True),
        ('"y" not in tags', {"tags": ("x",)}, {}, True),
        ('count(tags, ["x", "z"]) >= 2', {"tags": ("x", "z")}, {}, True),
        ("len(tags) == 0", {}, {}, None),
        ("a / b > 1", {"a": 1, "b": 0}, {}, None),
        ("a - b >= 10", {"a": 30, "b": 10}, {}, True),
        ("-a < 0", {"a": 3}, {}, True),
        ("min(a, b) < 5", {"a": 3, "b": 10}, {}, True),
        ("max(a, b) < 5", {"a": 3}, {}, None),
        ("abs(a - b) <= 2", {"a": 3, "b": 4.5}, {}, True),
        ("a in [1, 2, 3]", {"a": 2}, {}, True),
        ("benar", {}, {}, True),
        ("(a < 10) == (b < 10)", {"a": 1, "b": 2}, {}, True),
    ],
)
def test_evaluation_table(text: str, vals: dict, found: dict, expected: object) -> None:
    """Each condition evaluates as documented, both compiled and interpreted."""
    condition = Condition.compile(text, VOCABULARY)
    assert condition.evaluate(vals, found) is expected
    assert condition.interpret(vals, found) is expected


@pytest.mark.parametrize(
    ("text", "offset", "message", "hint"),
    [
        ("aa < 60", 0, "unknown name 'aa'", "did you mean 'a'?"),
        ('a < "60"', 4, "compares numbers", "remove the quotes"),
        ("a < 60%", 6, "unexpected character '%'", "plain numbers"),
        ('has("f1")', 4, "without quotes", "has(f1)"),
        ("has(f11)", 4, "unknown finding 'f11'", "did you mean 'f1'?"),
        ('"w" in tags', 0, "not a value of tags", None),
        ("a <", 3, "expected a value", None),
        ("a < 0,34", 5, "unexpected ','", "use a dot for decimals"),
        ("1 < a < 2", 6, "unexpected '<'", "cannot be chained"),
        ("a", 0, "must give true or false", None),
        ("a and b", 0, "needs true/false", "compare the number"),
        ("flag < 3", 0, "compares numbers", None),
        ('a == "x"', 5, "compares a number with a text", None),
        ("hass(f1)", 0, "unknown function 'hass'", "did you mean 'has'?"),
        ("count(tags)", 0, "takes 2 argument", None),
        ("a = 3", 2, "unexpected character '='", "use =="),
        ("a < 10 && b > 2", 7, "unexpected character '&'", "'and'"),
        ("", 0, "empty", None),
        ("a < 1 b", 6, "unexpected 'b'", "join conditions"),
        ("pаrticipation < 3", 1, "unexpected character", "look-alike"),
    ],
)
def test_errors_point_at_the_problem(text: str, offset: int, message: str, hint: str | None) -> None:
    """Errors carry the offset of the problem and a hint where one helps."""
    with pytest.raises(ConditionError) as info:
        Condition.compile(text, VOCABULARY)
    assert info.value.offset == offset, str(info.value)
    assert message in info.value.message
    if hint is not None:
        assert info.value.hint is not None and hint in info.value.hint


def test_condition_nesting_and_length_are_bounded() -> None:
    """Deep nesting and huge conditions are refused, not crashed on."""
    with pytest.raises(ConditionError):
        parse("(" * 500 + "a < 1" + ")" * 500)
    with pytest.raises(ConditionError):
        parse("not " * 200 + "flag")
    with pytest.raises(ConditionError):
        parse("a < 1 and " * 1000 + "a < 1")


@given(st.text(max_size=80))
def test_any_text_parses_or_raises_our_error(text: str) -> None:
    """Whatever the text, the result is a condition or an AdvisorError."""
    try:
        Condition.compile(text, VOCABULARY)
    except AdvisorError:
        pass


@given(st.text(alphabet="ab<>=!()\"'[],.0123456789 +-*/andortihsk_fl", max_size=60))
def test_condition_like_text_parses_or_raises_our_error(text: str) -> None:
    """Near-miss conditions also either compile or raise ConditionError."""
    try:
        Condition.compile(text, VOCABULARY)
    except ConditionError:
        pass


@given(bool_exprs(), values, findings)
def test_compiled_matches_interpreted(text: str, vals: dict, found: dict) -> None:
    """The compiled closures and the reference interpreter always agree."""
    condition = Condition.compile(text, VOCABULARY)
    assert condition.evaluate(vals, found) == condition.interpret(vals, found)


@given(bool_exprs(), values, findings)
def test_unknown_is_never_read_as_false_by_a_known_result(text: str, vals: dict, found: dict) -> None:
    """Kleene logic: if the result is known with a value missing, filling it in cannot change it."""
    condition = Condition.compile(text, VOCABULARY)
    result = condition.evaluate(vals, found)
    if result is None or "known(" in text or "missing(" in text:
        return
    for name in ("a", "b", "c"):
        if vals.get(name) is None:
            for fill in (-5, 0, 50, 120):
                assert condition.evaluate({**vals, name: fill}, found) == result
