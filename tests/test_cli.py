"""The command line: formats, standard input, exit codes, safe output."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from asn_advisor.cli import main
from asn_advisor.errors import ExitCode

from .conftest import EXAMPLES

PUPR = str(EXAMPLES / "pupr-2021.yaml")


def test_advise_text_is_indonesian_by_default(runner: CliRunner) -> None:
    """The default output is Indonesian text with the score and the main steps; --rinci gives the detail."""
    result = runner.invoke(main, ["advise", PUPR])
    assert result.exit_code == 0, result.output
    assert "Skor 77,6 dari 100" in result.output and "Langkah utama" in result.output
    detail = runner.invoke(main, ["advise", PUPR, "--rinci"])
    assert "Skor keseluruhan" in detail.output and "Rekomendasi" in detail.output


def test_advise_english_and_env_language(runner: CliRunner) -> None:
    """--lang en and ASN_ADVISOR_LANG=en give English."""
    assert "Main steps" in runner.invoke(main, ["advise", PUPR, "--lang", "en"]).output
    assert "Main steps" in runner.invoke(main, ["advise", PUPR], env={"ASN_ADVISOR_LANG": "en"}).output


def test_advise_json_follows_the_contract(runner: CliRunner) -> None:
    """The JSON has the documented keys and ranks from 1."""
    result = runner.invoke(main, ["advise", PUPR, "--format", "json", "--lang", "en"])
    data = json.loads(result.output)
    assert set(data) >= {"program", "score", "findings", "recommendations", "data_gaps"}
    assert set(data["score"]) >= {"overall", "band", "coverage", "dimensions"}
    assert all(set(d) >= {"id", "score", "band", "weight"} for d in data["score"]["dimensions"])
    assert all(set(f) >= {"id", "severity", "source", "evidence"} for f in data["findings"])
    recs = data["recommendations"]
    assert [r["rank"] for r in recs] == list(range(1, len(recs) + 1))
    for rec in recs:
        assert set(rec) >= {"rank", "id", "title", "priority", "addresses", "because"}
        assert all(set(b) >= {"rule", "file", "line"} for b in rec["because"])


def test_advise_markdown_and_stdin(runner: CliRunner) -> None:
    """'-' reads standard input; Markdown has headings."""
    text = Path(PUPR).read_text(encoding="utf-8")
    result = runner.invoke(main, ["advise", "-", "--format", "markdown"], input=text)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# Saran perbaikan program")


def test_score_prints_only_the_score(runner: CliRunner) -> None:
    """score --format json has the program id and the score block only."""
    result = runner.invoke(main, ["score", PUPR, "--format", "json"])
    data = json.loads(result.output)
    assert set(data) == {"program", "score"}


def test_explain_shows_priority_arithmetic(runner: CliRunner) -> None:
    """explain shows each term of the priority and the rules behind it."""
    result = runner.invoke(main, ["explain", PUPR, "leadership_support", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Priority breakdown" in result.output and "when:" in result.output


def test_explain_says_when_a_remedy_is_already_in_place(runner: CliRunner) -> None:
    """PUPR trains fully online: explain says flexible scheduling is in place but not working."""
    result = runner.invoke(main, ["explain", PUPR, "flexible_scheduling", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "In place but not working" in result.output and "Low participation" in result.output


def test_bad_profile_exits_with_profile_code_and_location(runner: CliRunner, tmp_path: Path) -> None:
    """An invalid profile gives file:line:col messages and exit code 5, no traceback."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "program: {id: x}\n"
        "indicators:\n  participation_rte: 50\n  satisfaction: 3.2\n"
        "findings:\n  - id: low_participaton\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["advise", str(bad)])
    assert result.exit_code == ExitCode.PROFILE
    assert f"{bad}:3:3" in result.output and "participation_rate" in result.output
    assert "scale" in result.output
    assert "Traceback" not in result.output


def test_unreadable_input_exit_code(runner: CliRunner, tmp_path: Path) -> None:
    """A missing or binary file exits with the input code."""
    assert runner.invoke(main, ["advise", str(tmp_path / "nope.yaml")]).exit_code == ExitCode.INPUT
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\x00\xff\x00")
    assert runner.invoke(main, ["advise", str(binary)]).exit_code == ExitCode.INPUT


def test_bad_pack_exit_code(runner: CliRunner, tmp_path: Path) -> None:
    """A directory that is not a pack exits with the rules code."""
    result = runner.invoke(main, ["advise", PUPR, "--rules", str(tmp_path)])
    assert result.exit_code == ExitCode.RULES


def test_output_is_atomic_and_needs_force(runner: CliRunner, tmp_path: Path) -> None:
    """-o writes a file; an existing file needs --force; an input is never overwritten."""
    out = tmp_path / "advice.json"
    assert runner.invoke(main, ["advise", PUPR, "--format", "json", "-o", str(out)]).exit_code == 0
    first = out.read_text(encoding="utf-8")
    again = runner.invoke(main, ["advise", PUPR, "--format", "json", "-o", str(out)])
    assert again.exit_code == ExitCode.OUTPUT and out.read_text(encoding="utf-8") == first
    assert runner.invoke(main, ["advise", PUPR, "--format", "json", "-o", str(out), "--force"]).exit_code == 0
    copy = tmp_path / "p.yaml"
    copy.write_text(Path(PUPR).read_text(encoding="utf-8"), encoding="utf-8")
    clash = runner.invoke(main, ["advise", str(copy), "-o", str(copy), "--force"])
    assert clash.exit_code == ExitCode.OUTPUT and copy.read_text(encoding="utf-8") == Path(PUPR).read_text(
        encoding="utf-8"
    )
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_rules_check_shipped_pack(runner: CliRunner) -> None:
    """rules check on the shipped pack reports no errors."""
    result = runner.invoke(main, ["rules", "check"])
    assert result.exit_code == 0 and "nasional" in result.output
