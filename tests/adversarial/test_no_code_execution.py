"""No input can run code: the guarantees of SECURITY.md, checked on the source and at run time.

If code generation is ever added (see SECURITY.md, "Generated code"), these
tests must be changed together with that section, deliberately.
"""

from __future__ import annotations

import ast
import builtins
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from asn_advisor import advise, load_profile, load_rules
from asn_advisor.cli import main

from .cases import GOOD_PROFILE, ROOT, SHIPPED_PACK

SOURCE = ROOT / "src" / "asn_advisor"
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile", "input", "breakpoint"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "subprocess", "ctypes", "code", "codeop", "runpy"}
# The one module allowed a process: printing the report to PDF with the installed Chromium (SECURITY.md).
ALLOWED = {"render/pdf.py": {"subprocess"}}


def _modules() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SOURCE)))
def test_source_never_calls_eval_exec_or_compile(path: Path) -> None:
    """No module calls eval/exec/compile/__import__ or imports pickle, subprocess and the like."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    forbidden = FORBIDDEN_MODULES - ALLOWED.get(path.relative_to(SOURCE).as_posix(), set())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "builtins"
                else None
            )
            assert name not in FORBIDDEN_CALLS, f"{path}:{node.lineno} calls {name}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert alias.name.split(".")[0] not in forbidden, f"{path}:{node.lineno} imports {alias.name}"
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.module.split(".")[0] not in forbidden, f"{path}:{node.lineno} imports {node.module}"


def test_loading_and_advising_never_reach_eval_exec_or_compile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """With eval, exec and compile booby-trapped, the shipped pack loads, every example is advised, the CLI runs."""
    calls: list[str] = []

    def trap(name: str) -> Any:
        def trapped(*args: Any, **kwargs: Any) -> Any:
            calls.append(f"{name}{args[:1]!r}")
            raise AssertionError(f"{name} was called")

        return trapped

    def run(output: Path) -> Any:
        pack = load_rules(SHIPPED_PACK)
        for path in sorted((ROOT / "examples" / "profiles").glob("*.yaml")):
            advise(load_profile(path, rules=pack), pack, lang="en")
        return CliRunner().invoke(
            main, ["advise", str(GOOD_PROFILE), "--rules", str(SHIPPED_PACK), "--format", "json", "-o", str(output)]
        )

    # Once without traps: the first use of a codec or module imports it, and
    # Python's import system runs module code with exec; that is not ours.
    run(tmp_path / "warm.json")
    # A context, not the fixture's teardown: pytest's own reporting compiles
    # code right after the test body, so the traps must be gone by then.
    with monkeypatch.context() as patch:
        for name in ("eval", "exec", "compile"):
            patch.setattr(builtins, name, trap(name))
        result = run(tmp_path / "a.json")
    assert result.exit_code == 0, result.output
    assert calls == []
