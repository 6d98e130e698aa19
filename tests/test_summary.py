"""The one-screen advice: what ``advise`` prints by default, and ``--rinci`` for the detail."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from asn_advisor import RulePack, advise, load_profile
from asn_advisor.cli import main
from asn_advisor.model import profile_from_mapping
from asn_advisor.render import render, render_report
from asn_advisor.render.summary import MAX_LINES, WIDTH, _first_sentence, open_interval, render_summary, step_view

from .conftest import EXAMPLES
from .extract_scoring import shared_dir

GOLDEN = Path(__file__).parent / "golden" / "summary"
PROFILES = sorted(EXAMPLES.glob("*.yaml"))
SHARED = shared_dir()
SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if SHARED else []
INPUTS = [*PROFILES, *SEEDS]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_advise_fits_one_screen(runner: CliRunner, path: Path, lang: str) -> None:
    """Every example and seed fits in 40 lines of 100 columns, with three steps and the way to the detail."""
    result = runner.invoke(main, ["advise", str(path), "--lang", lang])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) <= MAX_LINES, (len(lines), result.stdout)
    assert max(len(line) for line in lines) <= WIDTH, result.stdout
    assert ("--rinci" if lang == "id" else "--detail") in lines[-1]
    text = result.stdout
    # No rule id, file path or condition on the first screen.
    assert "rules/" not in text and "has(" not in text and ".yaml:" not in text


def test_summary_states_reason_and_action(pack: RulePack) -> None:
    """Each of the top steps carries its plain reason and its first concrete action."""
    advice = advise(load_profile(EXAMPLES / "pupr-2021.yaml", rules=pack), pack)
    text = render_summary(advice)
    for rec in advice.recommendations[:3]:
        view = step_view(rec)
        assert view.reason and view.action
        assert rec.title in text
        assert " ".join(view.action.split()[:4]) in " ".join(text.split())
    assert "77,6 dari 100" in text and "Sedang" in text and "50%" in text
    assert f"Masih ada {len(advice.recommendations) - 3} langkah lain" in text


def test_first_sentence_keeps_abbreviations() -> None:
    """An abbreviation's full stop ("Kab. Tegal") does not end the first action."""
    text = 'Jadikan belajar kegiatan rutin unit kerja: forum (seperti "Kamis Belajar" Kab. Tegal), pimpinan. Lalu x.'
    assert _first_sentence(text).endswith("pimpinan.")


def test_detail_flag_shows_rules_and_roadmap(runner: CliRunner) -> None:
    """--rinci (or --detail) prints the rules, files, conditions and the roadmap."""
    path = str(EXAMPLES / "bungo.yaml")
    rinci = runner.invoke(main, ["advise", path, "--rinci"])
    assert rinci.exit_code == 0 and "rules/" in rinci.output and "Fase 2" in rinci.output
    detail = runner.invoke(main, ["advise", path, "--detail", "--lang", "en"])
    assert "Roadmap" in detail.output and "Because:" in detail.output


def test_detail_names_the_dimensions_a_missing_value_would_score_by_their_labels(runner: CliRunner) -> None:
    """A data gap says which dimension it would let the score cover as the score table names it."""
    rinci = runner.invoke(main, ["advise", str(EXAMPLES / "bungo.yaml"), "--rinci"]).output
    needed = [line for line in rinci.splitlines() if "diperlukan untuk menilai dimensi" in line]
    assert needed
    assert all(re.search(r"dimensi [A-Z]", line) for line in needed), needed


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_summary_golden(runner: CliRunner, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one-screen advice of each example is pinned; UPDATE_GOLDEN=1 rewrites the files."""
    monkeypatch.chdir(EXAMPLES.parent.parent)
    result = runner.invoke(main, ["advise", f"examples/profiles/{path.name}"])
    golden = GOLDEN / f"{path.stem}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run UPDATE_GOLDEN=1 pytest tests/test_summary.py"
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_the_interval_is_stated_only_where_missing_data_leave_it_open(pack: RulePack) -> None:
    """PUPR lacks data that could move its score: the interval is stated; the complete example's is not."""
    for name, expected in (("pupr-2021", True), ("contoh-lengkap", False)):
        advice = advise(load_profile(EXAMPLES / f"{name}.yaml", rules=pack), pack)
        assert (open_interval(advice) is not None) is expected, name
        for text in (render_summary(advice), render(advice, "text"), render_report(advice, [], "markdown")):
            assert ("antara" in text) is expected, name


def test_the_screen_names_the_data_to_collect_first_and_why_nothing_is_advised(pack: RulePack) -> None:
    """A profile with nothing known: no step, a plain reason, and the three data that decide the most."""
    empty = profile_from_mapping({"program": {"id": "kosong"}})
    text = render_summary(advise(empty, pack))
    assert "Belum ada langkah yang dapat disarankan" in text and "Tidak ada rekomendasi" not in text
    named = text.split("Data yang paling perlu dikumpulkan: ", 1)[1].split(".\n", 1)[0]
    assert len(" ".join(named.split()).split("; ")) == 3
    advised = render_summary(advise(load_profile(EXAMPLES / "pupr-2021.yaml", rules=pack), pack))
    assert "Belum ada langkah" not in advised and "Data yang paling perlu dikumpulkan: " in advised
