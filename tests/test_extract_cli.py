"""The ``extract`` command, ``advise REPORT.txt`` and ``rules test``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from asn_advisor import load_profile, load_rules
from asn_advisor.cli import main

from .conftest import ROOT

SEED = """\
Tantangan yang Dihadapi
Salah satu tantangan utama adalah kurangnya anggaran untuk pelatihan. Tingkat partisipasi hanya 53% dari target.
Beberapa pegawai merasa pelatihan mengganggu tugas sehari-hari mereka.
Misalnya, jika materi terlalu teoritis, maka perlu penyesuaian.
Rekomendasi
Pertama, perlu ada kolaborasi dengan pihak swasta atau perguruan tinggi. Kedua, pelatihan perlu dibuat fleksibel.
"""


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "Laporan Evaluasi Kab X.txt"
    path.write_text(SEED, encoding="utf-8")
    return path


def test_extract_text_writes_figures_with_labels_and_indonesian_numbers(runner, tmp_path):
    """A figure reads as its label, its id and its value the way the reader writes numbers."""
    path = tmp_path / "anggaran.txt"
    path.write_text(
        "Evaluasi pelatihan ASN Kabupaten X menunjukkan partisipasi rendah. "
        "Anggaran pelatihan tahun ini hanya Rp1,5 miliar untuk 1.200 pegawai. "
        "Kepuasan peserta mencapai 76,61 persen.\n",
        encoding="utf-8",
    )
    indonesian = runner.invoke(main, ["extract", str(path)]).output
    english = runner.invoke(main, ["extract", str(path), "--lang", "en"]).output
    assert "Anggaran pelatihan [training_budget_idr] = Rp1.500.000.000 (" in indonesian
    assert "Training budget [training_budget_idr] = IDR 1,500,000,000 (" in english
    assert "[satisfaction] = 76,61% (" in indonesian and "[satisfaction] = 76.61% (" in english


def test_extract_text_shows_quotes_offsets_and_patterns(runner, report):
    """Each finding is shown with its sentence, offsets and the pattern that matched."""
    result = runner.invoke(main, ["extract", str(report)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "[limited_budget; tinggi]" in out
    assert "pola kurang-anggaran: «kurangnya anggaran»" in out
    assert "“Salah satu tantangan utama adalah kurangnya anggaran untuk pelatihan.”" in out
    assert "Tingkat partisipasi (realisasi terhadap target peserta) [participation_rate] = 53% (" in out
    assert "theoretical_curriculum" not in out  # a hypothetical
    assert "[partnerships]" in out and "[flexible_scheduling]" in out


def test_extract_json_and_stdin(runner, report):
    """--format json prints the Extraction; '-' reads standard input."""
    result = runner.invoke(main, ["extract", "-", "--format", "json"], input=report.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"] == "<stdin>" and data["is_evaluation_report"] is True
    text = report.read_text(encoding="utf-8")
    for item in data["findings"] + data["recommendations"] + data["indicators"]:
        assert text[item["start"] : item["end"]] == item["quote"]
    assert {f["id"] for f in data["findings"]} == {"limited_budget", "time_conflict"}


def test_extract_writes_a_profile_that_advise_accepts(runner, report, tmp_path, pack):
    """-o writes a profile (YAML) that loads against the pack and can be advised."""
    target = tmp_path / "profil.yaml"
    result = runner.invoke(main, ["extract", str(report), "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    # the program section also holds what the text names (here: a training program)
    assert data["program"] == {"id": "laporan-evaluasi-kab-x", "type": "pelatihan"}
    assert data["indicators"] == {"participation_rate": 53}
    assert {f["id"] for f in data["findings"]} == {"limited_budget", "time_conflict"}
    assert all(f["source"] == "document" and f["evidence"] for f in data["findings"])
    assert {p["id"] for p in data["proposals"]} == {"partnerships", "flexible_scheduling"}
    assert all(p["source"] == "document" and p["text"] for p in data["proposals"])
    load_profile(target, rules=pack)
    advised = runner.invoke(main, ["advise", str(target), "--format", "json"])
    assert advised.exit_code == 0, advised.output
    again = runner.invoke(main, ["extract", str(report), "-o", str(target)])
    assert again.exit_code == 6  # no silent overwrite without --force


def test_extract_refuses_non_reports(runner, tmp_path):
    """English text: a clear reason, exit 1, and no profile written."""
    path = tmp_path / "abstract.txt"
    path.write_text(
        "The results of the research found that the training was effective and that the participants "
        "were satisfied with the facilities and the teaching staff of the agency.",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["extract", str(path), "--lang", "en"])
    assert result.exit_code == 3
    assert "Not an evaluation report: The text is in English" in result.output
    target = tmp_path / "p.yaml"
    result = runner.invoke(main, ["extract", str(path), "-o", str(target)])
    assert result.exit_code == 3 and not target.exists()
    assert "bukan laporan evaluasi" in result.output


def test_extract_binary_file_is_an_input_error(runner, tmp_path):
    """A binary file is refused before any reading (exit code 3)."""
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x7fELF\x02\x01\x00\x00binary")
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code == 3
    assert "binary" in result.output


def test_advise_report_sets_proposals_beside_the_advice(runner, report):
    """advise REPORT.txt extracts first; report_proposals say which the advisor shares."""
    result = runner.invoke(main, ["advise", str(report), "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    advice = json.loads(result.output)
    assert advice["report"]["file"].endswith("Laporan Evaluasi Kab X.txt")
    assert {f["id"] for f in advice["findings"] if f["source"] == "stated"} == {"limited_budget", "time_conflict"}
    proposals = {p["id"]: p for p in advice["report_proposals"]}
    assert set(proposals) == {"partnerships", "flexible_scheduling"}
    ranks = {r["id"]: r["rank"] for r in advice["recommendations"]}
    for pid, prop in proposals.items():
        assert prop["advised"] == (pid in ranks)
        assert prop["rank"] == ranks.get(pid)
    text = runner.invoke(main, ["advise", str(report), "--lang", "en", "--detail"]).output
    assert "The report's own proposals (beside the recommendations above):" in text


def test_advise_report_from_stdin_needs_the_flag(runner, report):
    """'-' is a profile unless --report says it is a narrative report."""
    result = runner.invoke(
        main, ["advise", "-", "--report", "--format", "json"], input=report.read_text(encoding="utf-8")
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["report"]["file"] == "<stdin>"


def test_advise_empty_report_is_a_clear_error(runner, tmp_path):
    """An empty .txt gives a message, not an empty advice."""
    path = tmp_path / "kosong.txt"
    path.write_text("", encoding="utf-8")
    result = runner.invoke(main, ["advise", str(path)])
    assert result.exit_code == 3
    assert "Teks kosong" in result.output


def test_rules_test_runs_pattern_examples(runner, tmp_path):
    """rules test passes on the shipped pack and exits 7 when an example fails."""
    ok = runner.invoke(main, ["rules", "test"])
    assert ok.exit_code == 0, ok.output
    copy = tmp_path / "pack"
    shutil.copytree(ROOT / "rules", copy)
    path = copy / "ekstraksi.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace(
        "- Tidak ada kendala anggaran dalam pelaksanaan diklat tahun ini.",
        "- Kurangnya anggaran pelatihan tahun ini.",
        1,
    )
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    load_rules(copy)  # still a valid pack
    result = runner.invoke(main, ["rules", "test", str(copy)])
    assert result.exit_code == 7
    assert "should not match: 'Kurangnya anggaran pelatihan tahun ini.'" in result.output


def test_pack_without_extract_section(runner, write_pack, report):
    """A pack without extract: says so instead of failing obscurely."""
    from .conftest import MINIMAL_PACK

    root = write_pack(MINIMAL_PACK)
    result = runner.invoke(main, ["extract", str(report), "--rules", str(root)])
    assert result.exit_code == 1
    assert "extract:" in result.output


def test_the_strengths_a_report_states_reach_the_profile_and_the_advice(runner, tmp_path):
    """What went well is written to the profile and shown in the advice, on its one screen too."""
    path = tmp_path / "laporan.txt"
    path.write_text(
        "Evaluasi Pelatihan ASN Kabupaten X\n"
        "Salah satu tantangan utama adalah kurangnya anggaran untuk pelatihan.\n"
        "Seluruh peserta Latsar CPNS angkatan III dinyatakan lulus.\n"
        "Peserta sangat antusias mengikuti setiap sesi pelatihan.\n",
        encoding="utf-8",
    )
    target = tmp_path / "profil.yaml"
    assert runner.invoke(main, ["extract", str(path), "-o", str(target)]).exit_code == 0
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    # "Seluruh peserta ... lulus" is a graduation rate of 100%: the advice judges it against its
    # target, so the profile does not state it a second time.
    assert data["indicators"] == {"graduation_rate": 100}
    assert [s["text"] for s in data["strengths"]] == ["Peserta sangat antusias mengikuti setiap sesi pelatihan."]
    advice = json.loads(runner.invoke(main, ["advise", str(path), "--format", "json"]).output)
    assert [s["kind"] for s in advice["strengths"]] == ["indicator", "stated"]
    screen = runner.invoke(main, ["advise", str(path)]).output
    assert "Sudah berjalan baik: Tingkat kelulusan peserta: 100%, mencapai target 85%; dan 1 hal lain" in screen


@pytest.mark.parametrize(
    "text",
    [
        "BKPSDM Gelar Diklat Teknis\n\nSebanyak 40 pegawai mengikuti diklat teknis pengelolaan keuangan. "
        "Kepala BKPSDM mengakui anggaran pelatihan tahun ini terbatas.\n",
        "Partisipasi ASN dalam pelatihan daring masih rendah karena jadwal bertabrakan dengan tugas kantor.\n",
    ],
    ids=["headline-and-lead", "one-sentence"],
)
def test_a_short_news_item_on_topic_is_read(runner, tmp_path, text):
    """Telegraphic news, with few function words or one sentence, is read, not refused."""
    path = tmp_path / "berita.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["findings"]


@pytest.mark.parametrize(
    "text",
    [
        "Resep rendang padang: daging sapi, santan kelapa, cabai merah, bawang merah, serai dan lengkuas.\n",
        "Kkrt zvbn qwpl mnxr tyui plok wqer tyuio asdf ghjk lzxc vbnm.\n",
    ],
    ids=["recipe", "gibberish"],
)
def test_a_short_text_off_topic_is_still_refused(runner, tmp_path, text):
    path = tmp_path / "lain.txt"
    path.write_text(text, encoding="utf-8")
    assert runner.invoke(main, ["extract", str(path)]).exit_code == 3
