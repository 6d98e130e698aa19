"""Spreadsheets: ``batch -o x.xlsx`` and ``compare -o x.xlsx`` for offices that work in Excel."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from asn_advisor.cli import main
from asn_advisor.errors import ExitCode
from asn_advisor.render import Sheet, workbook_bytes

from .conftest import EXAMPLES


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "profil"
    target.mkdir()
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, target / path.name)
    return target


def test_compare_xlsx_has_indonesian_headers_and_numbers(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    """Three sheets; scores are numbers with one decimal, shares are percentages, headers are Indonesian."""
    out = tmp_path / "perbandingan.xlsx"
    result = runner.invoke(main, ["compare", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Peringkat", "Temuan bersama", "Rekomendasi bersama"]
    ranking = book["Peringkat"]
    headers = [c.value for c in ranking[1]]
    assert headers[:6] == ["#", "Id program", "Nama program", "Wilayah", "Skor", "Kategori"]
    assert "Pembelajaran" in headers and "Cakupan data" in headers
    first = ranking[2]
    assert isinstance(first[4].value, float) and first[4].number_format == "0.0"
    assert ranking.freeze_panes == "A2"
    shared = book["Temuan bersama"]
    assert [c.value for c in shared[1]] == ["Temuan", "Jumlah program", "Persentase", "Program yang mengalaminya"]
    assert shared[2][2].number_format == "0%" and isinstance(shared[2][2].value, float)


def test_batch_xlsx_names_findings_and_refuses_stdout(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    """batch writes one row per program with labels; a spreadsheet is never printed to the terminal."""
    out = tmp_path / "hasil.xlsx"
    result = runner.invoke(main, ["batch", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Hasil"]
    assert [c.value for c in sheet[1]][:3] == ["Berkas sumber", "Baris", "Id program"]
    assert sheet.max_row == 1 + len(list(folder.glob("*.yaml")))
    findings = " ".join(str(row[8].value) for row in sheet.iter_rows(min_row=2))
    assert "Data evaluasi tidak lengkap" in findings and "data_gap" not in findings
    refused = runner.invoke(main, ["batch", str(folder), "--format", "xlsx"])
    assert refused.exit_code == ExitCode.OUTPUT and "-o hasil.xlsx" in refused.output


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """A program name starting with '=' is stored as text, never as a formula."""
    data = workbook_bytes([Sheet("x", ["nama", "skor"], [['=HYPERLINK("http://x")', 1.5]], formats={1: "score"})])
    path = tmp_path / "x.xlsx"
    path.write_bytes(data)
    cell = openpyxl.load_workbook(path)["x"]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=")
    assert workbook_bytes([Sheet("x", ["a"], [["b"]])]) == workbook_bytes([Sheet("x", ["a"], [["b"]])])


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_compare_reads_what_batch_wrote(runner: CliRunner, folder: Path, tmp_path: Path, suffix: str) -> None:
    """compare accepts batch's JSON Lines and CSV: the same ranking as from the profiles themselves."""
    saved = tmp_path / f"hasil.{suffix}"
    assert runner.invoke(main, ["batch", str(folder), "-o", str(saved)]).exit_code == 0
    from_profiles = runner.invoke(main, ["compare", str(folder), "--format", "json"])
    from_saved = runner.invoke(main, ["compare", str(saved), "--format", "json"])
    assert from_saved.exit_code == 0, from_saved.output
    ranking = [(p["id"], p["overall"]) for p in json.loads(from_profiles.stdout)["programs"]]
    assert [(p["id"], p["overall"]) for p in json.loads(from_saved.stdout)["programs"]] == ranking
