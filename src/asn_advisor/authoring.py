"""Authoring tools shared by the CLI: ``rules check`` reports and ``rules init`` scaffolds."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import Location, Problem, RulePackError
from .i18n import t
from .lint import lint
from .rulepack import RulePack, load_rules

__all__ = ["CheckReport", "check_pack"]


@dataclass
class CheckReport:
    """Every problem of a pack: load errors, load warnings and lint warnings, sorted."""

    pack: str
    problems: list[Problem] = field(default_factory=list)
    loaded: RulePack | None = None

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity != "error")

    def render(self, fmt: str, lang: str) -> str:
        """``text``: one ``file:line:column: [error|warning] CODE message (hint)`` per line and a summary; ``json``: a list."""
        if fmt == "json":
            items = [
                {
                    "file": p.location.file,
                    "line": p.location.line,
                    "column": p.location.column,
                    "severity": p.severity,
                    "code": p.code,
                    "message": p.message,
                    "hint": p.hint,
                }
                for p in self.problems
            ]
            return json.dumps({"pack": self.pack, "errors": self.errors, "warnings": self.warnings, "problems": items}, ensure_ascii=False, indent=2) + "\n"
        # The severity word stays English: editors and CI problem matchers parse it.
        lines = [str(p) for p in self.problems]
        lines.append(t("check.summary", lang, pack=self.pack, errors=self.errors, warnings=self.warnings))
        return "\n".join(lines) + "\n"


def check_pack(path: str | None, *, lang: str = "id", ignore: Iterable[str] = ()) -> CheckReport:
    """Load the pack at ``path`` (``None``: the shipped pack) and lint it if it loads.

    Load errors (including keys defined twice, E101) are gathered, not raised;
    an unreadable file still raises :class:`~asn_advisor.errors.InputError`.
    """
    try:
        pack = load_rules(path) if path else load_rules()
    except RulePackError as error:
        problems = list(error.problems) or [Problem(error.location or Location(path or "rules"), error.message, code="E100", hint=error.hint)]
        return CheckReport(path or "rules", sorted(problems, key=Problem.sort_key))
    problems = [*pack.warnings, *lint(pack, lang=lang, ignore=ignore)]
    name = f"{pack.id} {pack.version}"
    return CheckReport(name, sorted(problems, key=Problem.sort_key), pack)
