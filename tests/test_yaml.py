"""Safe, bounded reading of YAML and JSON files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_advisor._base.limits import Limits
from asn_advisor._base.reading import read_text
from asn_advisor._base.safe_yaml import load_document
from asn_advisor.errors import AdvisorError, InputError


def test_positions_are_one_based_for_keys_and_values() -> None:
    """Every value and key keeps its 1-based line and column."""
    doc = load_document("a: 1\nb:\n  - x: 'p < 3'\n", "f.yaml")
    assert doc.data == {"a": 1, "b": [{"x": "p < 3"}]}
    assert doc.value_marks[("b", 0, "x")] == (3, 8)
    assert doc.key_marks[("b", 0, "x")] == (3, 5)
    assert str(doc.expression_location(("b", 0, "x"), 2)) == "f.yaml:3:11"


def test_duplicate_keys_are_reported_not_silently_dropped() -> None:
    """PyYAML keeps the last of two equal keys; we report the second one."""
    doc = load_document("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert doc.data["a"] == 1
    [problem] = doc.problems
    assert (problem.location.line, problem.location.column) == (3, 1)
    assert "defined twice" in problem.message and "line 1" in problem.message


def test_alias_bomb_is_refused_quickly() -> None:
    """A billion-laughs document fails on the node budget, not on memory."""
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(InputError, match="alias"):
        load_document("\n".join(lines), "bomb.yaml")


@pytest.mark.parametrize("depth", [100, 999, 1000, 1001, 100_000])
def test_deep_nesting_is_refused_with_our_code(depth: int) -> None:
    """Deep nesting is our Y021, whichever limit (ours or the parser's) stops it first."""
    for name, json_mode in (("deep.yaml", False), ("deep.json", True)):
        with pytest.raises(InputError) as info:
            load_document("[" * depth + "]" * depth, name, json_mode=json_mode)
        assert info.value.code == "Y021"
        assert info.value.location is not None and info.value.location.file == name


def test_deep_nesting_past_the_parsers_own_limit_names_our_limit() -> None:
    """A depth limit raised past the parser's own still reports our code and the limit that stopped it."""
    with pytest.raises(InputError) as info:
        load_document("[" * 5000 + "]" * 5000, "deep.yaml", limits=Limits(max_depth=3000))
    # libyaml 0.2.5 and later stop at 1000 levels; an older libyaml (or the
    # pure-Python parser) lets our own limit of 3000 fire.
    assert info.value.code == "Y021" and ("1000" in info.value.message or "3000" in info.value.message)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: !!python/object:os.system x", "Y012"),
        ("a: !custom 3", "Y012"),
        ("a: b: c", "Y032"),
        ("a: 1\n---\nb: 2\n", "Y016"),
        ("<<: {a: 1}", "Y013"),
        ("? [a]\n: 1", "Y010"),
        ("program:\n\tid: x\n", "Y031"),
        ('program: {id: "x}\n', "Y034"),
        ("a: [1, 2\nb: 3", "Y035"),
        ("program: [[[[", "Y035"),
        ("a:\n  b: 1\n c: 2", "Y036"),
        ("a: @x", "Y037"),
        ("a: \x07", "Y038"),
        ('a: "x\\q"', "Y039"),
        ("a: *", "Y042"),
        ("a: &", "Y042"),
    ],
)
def test_unsafe_or_broken_yaml_is_an_input_error(text: str, code: str) -> None:
    """Tags, merge keys, several documents and each kind of syntax error get our own code and a location."""
    with pytest.raises(InputError) as info:
        load_document(text, "f.yaml")
    assert info.value.code == code
    assert info.value.location is not None and info.value.location.line >= 1
    assert info.value.hint


def test_json_rejects_nan_and_reports_duplicates() -> None:
    """JSON NaN/Infinity are refused; duplicate keys reported."""
    with pytest.raises(InputError, match="NaN"):
        load_document('{"a": NaN}', "f.json", json_mode=True)
    doc = load_document('{"a": 1, "a": 2}', "f.json", json_mode=True)
    assert doc.data == {"a": 1} and doc.problems


def test_read_text_refuses_binary_non_utf8_and_oversized(tmp_path: Path) -> None:
    """Binary, non-UTF-8 and oversized files are input errors with a location."""
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\x00\x01\x02abc")
    with pytest.raises(InputError, match="binary"):
        read_text(binary)
    latin = tmp_path / "l.yaml"
    latin.write_bytes("a: caf\u00e9\n".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8") as info:
        read_text(latin)
    assert info.value.location is not None and (info.value.location.line, info.value.location.column) == (1, 7)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * 2000)
    with pytest.raises(InputError, match="limit"):
        read_text(big, limits=Limits(max_bytes=1000))
    with pytest.raises(InputError, match="not found"):
        read_text(tmp_path / "missing.yaml")


def test_bom_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark (common from Windows editors) is fine."""
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffa: 1\n".encode())
    text, _ = read_text(path)
    assert load_document(text, "bom.yaml").data == {"a": 1}


@given(st.text(max_size=200))
def test_any_text_loads_or_raises_our_error(text: str) -> None:
    """Whatever the text, loading gives a document or an AdvisorError."""
    try:
        load_document(text, "fuzz.yaml")
    except AdvisorError:
        pass


@given(st.text(alphabet="{}[]:,-&*!|>'\"#\n ab1.~?", max_size=120))
def test_yaml_like_text_loads_or_raises_our_error(text: str) -> None:
    """YAML punctuation soup never escapes as a foreign exception."""
    try:
        load_document(text, "fuzz.yaml")
    except AdvisorError:
        pass
