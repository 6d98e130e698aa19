"""Find user-facing texts of the library's source that bypass the catalogs.

Used by ``tests/test_i18n.py``, and runnable to print them::

    .venv/bin/python -m tests.i18n_scan

Messages are made where an error or a :class:`~asn_advisor.errors.Problem` is
built, where a collector's ``add`` or a parser's ``error`` is called, where
``message``, ``hint`` or ``found`` is assigned, and in what ``*_hint`` and
``_kind_name`` helpers return.  At those places a text must be a
``Message("template", name=value)`` (whose template ``scripts/catalogs.py``
extracts into the catalogs), never a bare string or f-string: a bare text
would be printed in English whatever the language.

The module also reads the catalogs for the tests (:func:`keyed`).
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "asn_advisor"

MESSAGE_CALLS = {
    "Problem",
    "AdvisorError",
    "InputError",
    "RulePackError",
    "ProfileError",
    "ConditionError",
    "OutputError",
    "ArgumentError",
    "HistoryError",
    "WorkerLostError",
    "UsageError",
    "BadParameter",
    "ClickException",
    "ValueError",
    "add",
    "bad",
    "error",
}
MESSAGE_NAMES = {"message", "hint", "found", "what", "unit", "wanted"}
MESSAGE_FUNCTION = re.compile(r"(_hint|_kind_name)$")
# Positional arguments that are codes or severities, not messages.
NOT_MESSAGE = re.compile(r"^([EPWYTB]\d{3}|error|warning)$")
# Identifiers (participation_rate, participation_rate=80) are not words to translate.
IDENTIFIER = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+(?:=\S*)?")


def _has_words(literal: str) -> bool:
    """Whether a text has words a reader would want translated (not only punctuation, values and ids)."""
    return re.search(r"[A-Za-z]{2,}", IDENTIFIER.sub("", literal)) is not None


def _bare_texts(node: ast.AST) -> Iterator[ast.AST]:
    """The string literals and f-strings a message expression can produce without a ``Message``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if _has_words(node.value) and not NOT_MESSAGE.match(node.value):
            yield node
    elif isinstance(node, ast.JoinedStr):
        literal = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        if _has_words(literal):
            yield node
    elif isinstance(node, ast.IfExp):
        yield from _bare_texts(node.body)
        yield from _bare_texts(node.orelse)
    elif isinstance(node, (ast.BoolOp, ast.Dict)):
        for value in node.values:
            yield from _bare_texts(value)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        yield from _bare_texts(node.left)
        yield from _bare_texts(node.right)


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _message_expressions(tree: ast.Module) -> Iterator[ast.AST]:
    for node in ast.walk(tree):
        # set.add(x) has one argument; a collector's add(location, message, code) has more.
        if (
            isinstance(node, ast.Call)
            and _call_name(node) in MESSAGE_CALLS
            and not (_call_name(node) == "add" and len(node.args) < 2)
        ):
            yield from node.args
            yield from (kw.value for kw in node.keywords if kw.arg in ("hint", "message"))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in MESSAGE_NAMES for t in targets) and node.value is not None:
                yield node.value
        elif isinstance(node, ast.FunctionDef) and MESSAGE_FUNCTION.search(node.name):
            yield from (n.value for n in ast.walk(node) if isinstance(n, ast.Return) and n.value is not None)


def scan_file(path: Path) -> Iterator[tuple[str, int]]:
    """Each bare text at a message site of ``path``, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for expression in _message_expressions(tree):
        for node in _bare_texts(expression):
            yield ast.unparse(node), getattr(node, "lineno", 0)


def scan(root: Path = SRC) -> dict[str, str]:
    """Every bare text at a message site, with the first place it appears."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        for text, line in scan_file(path):
            out.setdefault(text, f"{path.relative_to(root.parent.parent)}:{line}")
    return out


@lru_cache(maxsize=1)
def catalogs_script() -> ModuleType:
    """``scripts/catalogs.py`` as a module."""
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=1)
def keyed() -> dict[str, dict[str, str]]:
    """Every keyed text of the catalogs (labels, messages, ``help:`` texts): key -> {"id": ..., "en": ...}."""
    script = catalogs_script()
    english = {m.id: str(m.string) for m in script.read_catalog("en") if m.id}
    indonesian = {m.id: str(m.string) for m in script.read_catalog("id") if m.id in english}
    return {key: {"en": text, "id": indonesian.get(key, "")} for key, text in english.items()}


if __name__ == "__main__":  # pragma: no cover - a maintenance helper
    bare = scan()
    for text, where in sorted(bare.items(), key=lambda kv: kv[1]):
        print(f"{where}: write Message(...) instead of {text}")
    sys.exit(1 if bare else 0)
