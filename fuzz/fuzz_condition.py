"""Fuzz the condition language: parse, check and compile any text; evaluate what compiles.

Oracle: only ConditionError may escape ``Condition.compile``, and a compiled
condition must evaluate without error to True, False or None, identically by
the compiled closures and by walking the tree.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import instrumented, main, text_of

with instrumented(__name__ == "__main__"):
    from asn_advisor import load_rules
    from asn_advisor.condition import Condition, ConditionError

_PACK = load_rules()
_VOCABULARY = _PACK.vocabulary
# Value sets that exercise known, unknown, boundary and extreme inputs.
_VALUES: tuple[dict[str, Any], ...] = (
    {},
    {name: 0.0 for name, info in _VOCABULARY.names.items() if info.kind == "number"},
    {name: 100.0 for name, info in _VOCABULARY.names.items() if info.kind == "number"},
    {name: 1e308 for name, info in _VOCABULARY.names.items() if info.kind == "number"},
    {name: True for name, info in _VOCABULARY.names.items() if info.kind == "bool"},
    {name: tuple(info.values or ()) for name, info in _VOCABULARY.names.items() if info.kind == "list"},
)
_FINDINGS: tuple[dict[str, int], ...] = ({}, {finding: 3 for finding in _VOCABULARY.findings})


def test_one_input(data: bytes) -> None:
    text = text_of(data)
    for expect in ("bool", "number", None):
        try:
            condition = Condition.compile(text, _VOCABULARY, expect=expect)
        except ConditionError:
            continue
        for values in _VALUES:
            for findings in _FINDINGS:
                compiled = condition.evaluator(values, findings)
                walked = condition.interpret(values, findings)
                if condition.kind == "bool":
                    assert compiled in (True, False, None), (text, compiled)
                assert compiled == walked or (compiled != compiled and walked != walked), (
                    text,
                    values,
                    compiled,
                    walked,
                )


if __name__ == "__main__":
    main(test_one_input)
