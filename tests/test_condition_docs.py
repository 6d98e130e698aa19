"""The documentation keeps step with the implementation."""

from __future__ import annotations

import re

from asn_advisor.condition import FUNCTIONS
from asn_advisor.condition._parser import _KEYWORDS
from asn_advisor.condition.functions import ALIASES

from .conftest import ROOT

DOC = (ROOT / "docs" / "condition-language.md").read_text(encoding="utf-8")
OPERATORS = ("<", "<=", ">", ">=", "==", "!=", "in", "not in", "+", "-", "*", "/")


def _code_spans() -> set[str]:
    return set(re.findall(r"`([^`]+)`", DOC))


def test_every_function_and_alias_is_documented() -> None:
    """Each function of FUNCTIONS and each Indonesian alias appears in the reference."""
    spans = _code_spans()
    for name in [*FUNCTIONS, *ALIASES]:
        assert any(s == name or s.startswith(name + "(") for s in spans), name


def test_every_operator_and_keyword_is_documented() -> None:
    """Each operator and keyword of the parser appears in the reference."""
    spans = _code_spans()
    for word in [*OPERATORS, *_KEYWORDS]:
        assert word in spans or any(word in s.split() for s in spans), word


def test_documented_functions_exist() -> None:
    """Every function listed in the reference table exists."""
    section = DOC.split("## Fungsi / Functions", 1)[1].split("##", 1)[0]
    for name in re.findall(r"^\| `(\w+)\(", section, flags=re.M):
        assert name in FUNCTIONS, name
    for alias in re.findall(r"\| `(\w+)` \|", section):
        assert alias in ALIASES or alias in FUNCTIONS, alias


def test_documented_examples_parse() -> None:
    """Every example of the reference parses."""
    from asn_advisor.condition import parse

    block = DOC.split("## Contoh / Examples", 1)[1].split("```")[1]
    for line in block.strip().splitlines():
        parse(line)
