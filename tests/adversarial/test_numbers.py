"""Numbers read as a person means them, or refused with a hint; never silently converted.

YAML 1.1 reads ``075`` as octal 61, ``1:10`` as 70 and ``0x32`` as 50; an
integer of more than 4,300 digits is beyond what Python converts.  The
profile and pack cases are in ``cases.py``; here are ``whatif --set``,
``rules diff --profiles`` and the loader itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from asn_advisor._base.safe_yaml import load_document
from asn_advisor.cli import main
from asn_advisor.errors import ExitCode, InputError

from .cases import GOOD_PROFILE

REFUSED = ["075", "-012", "00", "0x32", "0b101", "1:10", "1:30.5", "190:20:30", "1_000", "1_0.5", "9" * 5000]
DECIMAL = {
    "75": 75,
    "0": 0,
    "-0": 0,
    "+12": 12,
    "7.5": 7.5,
    "07.5": 7.5,
    "-3": -3,
    "1.5e+3": 1500.0,
    "9" * 600: int("9" * 600),
}


@pytest.mark.parametrize("text", REFUSED, ids=lambda t: t[:12])
def test_refused_number_forms(text: str) -> None:
    with pytest.raises(InputError) as caught:
        load_document(f"value: {text}\n", "x.yaml")
    assert caught.value.hint and caught.value.location is not None and caught.value.location.line == 1


@pytest.mark.parametrize(("text", "value"), sorted(DECIMAL.items()), ids=lambda t: str(t)[:12])
def test_decimal_numbers_are_read_as_written(text: str, value: object) -> None:
    assert load_document(f"value: {text}\n", "x.yaml").data == {"value": value}


@pytest.mark.parametrize("text", ["'075'", '"1:10"', "'0x32'"])
def test_quoted_forms_stay_text(text: str) -> None:
    assert load_document(f"value: {text}\n", "x.yaml").data == {"value": text[1:-1]}


@pytest.mark.parametrize("text", REFUSED, ids=lambda t: t[:12])
def test_whatif_set_refuses_them_as_usage_errors(runner: CliRunner, text: str) -> None:
    result = runner.invoke(main, ["whatif", str(GOOD_PROFILE), "--set", f"participation_rate={text}"])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "Traceback" not in result.output and "internal" not in result.output.lower()


def test_rules_diff_goes_on_past_a_profile_with_a_huge_integer(runner: CliRunner, tmp_path: Path) -> None:
    """One bad profile is reported in the diff; the others are still compared."""
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    shutil.copyfile(GOOD_PROFILE, profiles / "a-good.yaml")
    (profiles / "b-huge.yaml").write_text(
        "program: {id: besar}\nindicators:\n  participation_rate: " + "9" * 5000 + "\n", encoding="utf-8"
    )
    (profiles / "c-octal.yaml").write_text("program: {id: oktal}\nindicators:\n  participation_rate: 075\n")
    result = runner.invoke(main, ["rules", "diff", "nasional", "nasional", "--profiles", str(profiles)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "b-huge.yaml" in result.output and "c-octal.yaml" in result.output
