"""Find every user-facing message template in the library's source.

Used by ``tests/test_i18n.py`` to fail when a message lacks a translation in
:mod:`asn_advisor.i18n.errors`, and runnable to print the missing ones (error
templates and CLI help entries) as catalog lines to fill in::

    .venv/bin/python -m tests.i18n_scan

A template is the text of a string literal or f-string, every ``{...}``
replaced by ``{}``.  Literals are taken where messages are made: the message
and ``hint`` of an error or a :class:`~asn_advisor.errors.Problem`, of a
collector's ``add``, of a parser's ``error``; values assigned to ``message``,
``hint`` or ``found``; what ``*_hint`` and ``_kind_name`` helpers return.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "asn_advisor"

MESSAGE_CALLS = {
    "Problem",
    "AdvisorError",
    "InputError",
    "RulePackError",
    "ProfileError",
    "ConditionError",
    "OutputError",
    "ArgumentError",
    "WorkerLostError",
    "add",
    "bad",
    "error",
}
MESSAGE_NAMES = {"message", "hint", "found", "what", "unit", "wanted"}
MESSAGE_FUNCTION = re.compile(r"(_hint|_kind_name)$")
# Positional arguments that are codes or severities, not messages.
NOT_MESSAGE = re.compile(r"^([EPW]\d{3}|error|warning)$")
# Modules whose strings are not messages to translate (the i18n catalogs themselves).
SKIP_MODULES = {"i18n.py", "i18n_errors.py", "cli_help.py"}


def _templates(node: ast.AST) -> Iterator[str]:
    """The template(s) a message expression can produce."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        # Braces in a plain literal are text, as in a format string's "{{".
        yield node.value.replace("{", "{{").replace("}", "}}")
    elif isinstance(node, ast.JoinedStr):
        parts: list[str] = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            else:
                parts.append("{}")
        yield "".join(parts)
    elif isinstance(node, ast.IfExp):
        yield from _templates(node.body)
        yield from _templates(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _templates(value)
    elif isinstance(node, ast.Subscript):
        yield from _templates(node.value)
    elif isinstance(node, ast.Dict):
        for value in node.values:
            yield from _templates(value)


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def normalize(template: str) -> str:
    """``{name!r}`` and ``{0}`` alike become ``{}``; ``{{`` stays literal."""
    return re.sub(r"(?<!\{)\{[^{}]*\}(?!\})", "{}", template)


def scan_file(path: Path) -> Iterator[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        found: list[ast.AST] = []
        # set.add(x) has one argument; a collector's add(location, message, code) has more.
        if (
            isinstance(node, ast.Call)
            and _call_name(node) in MESSAGE_CALLS
            and not (_call_name(node) == "add" and len(node.args) < 2)
        ):
            found += list(node.args)
            found += [kw.value for kw in node.keywords if kw.arg in ("hint", "message")]
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in MESSAGE_NAMES for t in targets) and node.value is not None:
                found.append(node.value)
        elif isinstance(node, ast.FunctionDef) and MESSAGE_FUNCTION.search(node.name):
            found += [n.value for n in ast.walk(node) if isinstance(n, ast.Return) and n.value is not None]
        for expr in found:
            for template in _templates(expr):
                if not template.strip() or NOT_MESSAGE.match(template):
                    continue
                yield normalize(template), getattr(expr, "lineno", 0)


def scan(root: Path = SRC) -> dict[str, str]:
    """Every message template, with the first place it appears."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        if path.name in SKIP_MODULES:
            continue
        for template, line in scan_file(path):
            out.setdefault(template, f"{path.relative_to(root.parent.parent)}:{line}")
    return out


def missing() -> dict[str, str]:
    """Templates without an entry in the error catalog."""
    from asn_advisor.i18n.errors import catalog_templates

    known = catalog_templates()
    return {template: where for template, where in scan().items() if template not in known}


def missing_help() -> dict[str, str]:
    """Commands and options of the CLI without an entry in cli_help.HELP: key -> English help."""
    import click

    from asn_advisor.cli import main
    from asn_advisor.cli.help import HELP, walk

    out: dict[str, str] = {}
    for path, command in walk(main):
        if path not in HELP:
            out[path] = (command.help or "").strip()
        for param in command.params:
            if isinstance(param, click.Option):
                longs = [n for n in param.opts if n.startswith("--")] or list(param.opts)
                key = f"{path} {longs[0]}".strip()
                if key not in HELP and longs[0] not in HELP:
                    out[key] = param.help or ""
    return out


if __name__ == "__main__":  # pragma: no cover - a maintenance helper
    # Prints what is missing in the shape of the catalogs; the Indonesian
    # side must then be written by a person.
    gaps = missing()
    for template, where in sorted(gaps.items(), key=lambda kv: kv[1]):
        print(f"    # {where}: add to asn_advisor.i18n.errors.ERRORS\n    {template!r}: '',")
    help_gaps = missing_help()
    for key, english in sorted(help_gaps.items()):
        print(f"    # add to asn_advisor.cli.help.HELP\n    {key!r}: {{'id': '', 'en': {english!r}}},")
    sys.exit(1 if gaps or help_gaps else 0)
