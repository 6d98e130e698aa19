"""Small defects, each with a clear message and the documented exit code.

Out-of-range limits, the exit code ``extract -h`` states, ``rules init`` on an
existing file, escaping of names in HTML, SVG and Markdown, and the Python
API's answer to ``None`` and invalid models.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from asn_advisor._base.limits import LIMIT_MAXIMA, Limits
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


# ---------------------------------------------------------------- the Python API


def _profile() -> Any:
    from asn_advisor import load_profile, load_rules

    return load_profile(GOOD_PROFILE, rules=load_rules())


def _mutations() -> dict[str, Callable[[Any], Any]]:
    from asn_advisor import StatedFinding

    def setattr_(name: str, value: Any) -> Callable[[Any], None]:
        return lambda p: setattr(p, name, value)

    return {
        "program-none": setattr_("program", None),
        "program-id-none": lambda p: setattr(p.program, "id", None),
        "program-a-string": setattr_("program", "x"),
        "findings-none": setattr_("findings", None),
        "findings-with-none": lambda p: p.findings.append(None),
        "finding-id-none": lambda p: (
            p.findings.append(StatedFinding(id="low_participation")),
            setattr(p.findings[-1], "id", None),
        ),
        "indicators-none": setattr_("indicators", None),
        "indicators-a-list": setattr_("indicators", [1, 2]),
        "indicator-a-word": lambda p: p.indicators.__setitem__("participation_rate", "lima"),
        "indicator-unknown": lambda p: p.indicators.__setitem__("tidak_ada", 5),
        "indicator-nan": lambda p: p.indicators.__setitem__("participation_rate", float("nan")),
    }


@pytest.mark.parametrize("mutation", sorted(_mutations()))
def test_advise_refuses_a_profile_mutated_into_an_invalid_state(mutation: str) -> None:
    from asn_advisor import AdvisorError, advise, load_rules

    profile = _profile()
    _mutations()[mutation](profile)
    with pytest.raises(AdvisorError):
        advise(profile, load_rules())


@pytest.mark.parametrize("profile", [None, "examples/profiles/pupr-2021.yaml", {"program": {"id": "x"}}, 5])
def test_advise_refuses_what_is_not_a_profile(profile: Any) -> None:
    from asn_advisor import AdvisorError, advise, load_rules

    with pytest.raises(AdvisorError):
        advise(profile, load_rules())


def test_none_is_refused_everywhere_in_the_api() -> None:
    from asn_advisor import AdvisorError, advise, load_profile, load_rules
    from asn_advisor.batch.pool import advise_many
    from asn_advisor.render import render

    rules = load_rules()
    profile = _profile()
    calls: list[Callable[[], Any]] = [
        lambda: advise(profile, None),  # type: ignore[arg-type]
        lambda: advise(profile, rules, lang=None),  # type: ignore[arg-type]
        lambda: load_profile(None),  # type: ignore[arg-type]
        lambda: render(None, "text"),  # type: ignore[arg-type]
        lambda: render(advise(profile, rules), None),  # type: ignore[arg-type]
        lambda: list(advise_many(None, rules)),  # type: ignore[arg-type]
        lambda: list(advise_many([profile], None)),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(AdvisorError):
            call()


def test_render_refuses_an_advice_mutated_into_an_invalid_state() -> None:
    from asn_advisor import AdvisorError, advise, load_rules
    from asn_advisor.render import render

    advice = advise(_profile(), load_rules())
    advice.score = None  # type: ignore[assignment]
    for fmt in ("text", "markdown"):
        with pytest.raises(AdvisorError):
            render(advice, fmt)


def test_argument_errors_are_still_value_errors() -> None:
    """Callers that caught ValueError for a wrong lang keep working."""
    from asn_advisor import advise, load_rules

    with pytest.raises(ValueError):
        advise(_profile(), load_rules(), lang="fr")
