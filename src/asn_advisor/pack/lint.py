"""The rule linter: warnings about a pack that loads but is probably wrong.

Checks are registered in :data:`CHECKS`, one function each with a fixed
shape (as yamllint's rules): a code, a kebab-case name, and a docstring whose
first paragraph says what the check finds and whose ``PASS``/``FAIL``
examples become the reference in docs/authoring.md (a test keeps the two in
step).  A check yields :class:`~asn_advisor.errors.Problem` values; the
linter stamps the severity and sorts them.

The checks about conditions compare *value ranges* on the syntax tree
(:mod:`asn_advisor.condition.ranges`), never the condition text: ``x < 10 and x > 20``
and ``not (x >= 10) and 20 < x`` are the same contradiction.

The checks live in :mod:`~asn_advisor.pack.lint_conditions` (conditions) and
:mod:`~asn_advisor.pack.lint_catalog` (the catalog); importing them here
registers them in :data:`CHECKS` (:mod:`~asn_advisor.pack.lint_registry`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from asn_advisor.errors import Problem
from asn_advisor.pack.compiled import RulePack
from asn_advisor.pack.lint_catalog import (
    incomplete_action,
    missing_translation,
    unaddressed_finding,
    unreachable_recommendation,
)
from asn_advisor.pack.lint_conditions import never_true, out_of_range, rating_scale, shadowed_rule, unused_escalation
from asn_advisor.pack.lint_registry import CHECKS, Check, Context

__all__ = [
    "CHECKS",
    "Check",
    "lint",
    "reference_markdown",
    "incomplete_action",
    "missing_translation",
    "never_true",
    "out_of_range",
    "rating_scale",
    "shadowed_rule",
    "unaddressed_finding",
    "unreachable_recommendation",
    "unused_escalation",
]


def reference_markdown() -> str:
    """The lint reference of docs/authoring.md, generated from the checks' docstrings."""
    parts: list[str] = []
    for code in sorted(CHECKS):
        check = CHECKS[code]
        summary, _, body = check.doc.partition("\n")
        text = textwrap.dedent(body).strip("\n")
        blocks: list[str] = []
        for chunk in text.split("\n\n"):
            stripped = chunk.strip("\n")
            if stripped.startswith("    "):
                blocks.append("```yaml\n" + textwrap.dedent(stripped) + "\n```")
            else:
                blocks.append(stripped.replace("::", ":"))
        parts.append(f"### {code} `{check.name}`\n\n{summary.strip()}\n\n" + "\n\n".join(blocks) + "\n")
    return "\n".join(parts)


def lint(pack: RulePack, *, lang: str = "id", ignore: Iterable[str] = ()) -> list[Problem]:
    """Run every registered check on a loaded pack.

    Args:
        pack: a pack from :func:`~asn_advisor.load_rules` (so it has no errors).
        lang: language of the messages, ``"id"`` or ``"en"``.
        ignore: check codes (``W403``) or names (``shadowed-rule``) to skip.

    Returns:
        The warnings, sorted by file, line, column and code.
    """
    skip = set(ignore)
    ctx = Context(pack, lang)
    problems: list[Problem] = []
    for code in sorted(CHECKS):
        check = CHECKS[code]
        if code in skip or check.name in skip:
            continue
        problems.extend(check.function(ctx))
    unique = {(p.location, p.code, p.message): p for p in problems}
    return sorted(unique.values(), key=Problem.sort_key)
