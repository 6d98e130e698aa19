"""Small defects, each with a clear message and the documented exit code.

Out-of-range limits, the exit code ``extract -h`` states, ``rules init`` on an
existing file, escaping of names in HTML, SVG and Markdown, and the Python
API's answer to ``None`` and invalid models.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from asn_advisor._yaml import LIMIT_MAXIMA, Limits
from asn_advisor.cli import main
from asn_advisor.errors import ExitCode

from .cases import GOOD_PROFILE


@pytest.mark.parametrize("option", ["--max-bytes", "--max-depth", "--max-nodes"])
@pytest.mark.parametrize("value", ["0", "-1", "99999999999999999999999", "1e3", "lima"])
def test_out_of_range_limit_options_are_usage_errors(runner: CliRunner, option: str, value: str) -> None:
    result = runner.invoke(main, [option, value, "advise", str(GOOD_PROFILE)])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "Traceback" not in result.output and "internal" not in result.output.lower()


@pytest.mark.parametrize("variable", ["ASN_ADVISOR_MAX_BYTES", "ASN_ADVISOR_MAX_DEPTH", "ASN_ADVISOR_MAX_NODES"])
@pytest.mark.parametrize("value", ["0", "-5", "99999999999999999999999", "1" * 5000, "1e3", "", " 7 x"])
def test_out_of_range_environment_limits_are_ignored(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    assert Limits.from_env() == Limits()
    result = runner.invoke(main, ["advise", str(GOOD_PROFILE)])
    assert result.exit_code == 0, result.output


def test_limits_at_their_maxima_work(runner: CliRunner) -> None:
    argv = [f"--{name.replace('_', '-')}" for name in LIMIT_MAXIMA]
    values = [str(v) for v in LIMIT_MAXIMA.values()]
    result = runner.invoke(
        main, [*(x for pair in zip(argv, values, strict=True) for x in pair), "advise", str(GOOD_PROFILE)]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("lang", ["en", "id"])
def test_extract_help_states_the_exit_code_it_gives(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str
) -> None:
    monkeypatch.setenv("ASN_ADVISOR_LANG", lang)
    recipe = tmp_path / "resep.txt"
    recipe.write_text("Boil the water. Add two eggs and salt. Serve warm with bread.\n", encoding="utf-8")
    code = runner.invoke(main, ["extract", str(recipe)]).exit_code
    assert code == ExitCode.INPUT
    shown = " ".join(runner.invoke(main, ["extract", "-h"]).stdout.split())
    stated = re.findall(r"(?:Exit code|Kode keluar) (\d+)", shown)
    assert stated == [str(code)]


def test_rules_init_on_an_existing_file_says_so(runner: CliRunner, tmp_path: Path) -> None:
    existing = tmp_path / "jabar"
    existing.write_text("mine\n", encoding="utf-8")
    result = runner.invoke(main, ["rules", "init", "jabar", "--dir", str(existing)])
    assert result.exit_code == ExitCode.OUTPUT
    assert "file" in result.stderr and "not empty" not in result.stderr
    assert existing.read_text(encoding="utf-8") == "mine\n"
