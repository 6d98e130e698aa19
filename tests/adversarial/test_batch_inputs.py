"""CSV and JSON Lines read strictly, CSV written safely.

An unterminated quote is an error, not rows merged into one cell; a byte that
is not UTF-8 is named at its own line and column; a BOM is skipped; a header
of ten thousand unknown columns costs little and reports at most
``MAX_PROBLEMS`` problems per record; an endless line stops at the size
limit; a cell that a spreadsheet would run as a formula is written as text.
"""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from asn_advisor._base.output import CSV_FORMULA_START, csv_safe
from asn_advisor.cli import main
from asn_advisor.errors import MAX_PROBLEMS, ExitCode

GOOD_ROW = "participation_rate\n"


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param('id,participation_rate\n"a,50\nb,60\nc,70\n', 2, id="quote-never-closed"),
        pytest.param('id,participation_rate\na,50\n"b,60\nc,70\n"d",80\n', 3, id="quote-closed-rows-later"),
        pytest.param('id,participation_rate\na,50\n"b"x,60\n', 3, id="text-after-closing-quote"),
    ],
)
def test_csv_quote_errors_are_input_errors(runner: CliRunner, tmp_path: Path, text: str, line: int) -> None:
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8")
    code, stdout, stderr = _run(runner, "batch", str(source))
    assert code == ExitCode.INPUT, stderr
    assert f"in.csv:{line}" in stderr
    assert stdout == ""


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
@pytest.mark.parametrize("bad_line", [2, 3000])
def test_a_byte_that_is_not_utf8_is_named_at_its_line(
    runner: CliRunner, tmp_path: Path, suffix: str, bad_line: int
) -> None:
    """A Windows-1252 'é' far into the file: exit 3, at its own line and column, not an internal error."""
    if suffix == "csv":
        rows = [b"id,participation_rate,name"] + [b"p%d,50,Budi" % i for i in range(1, 3001)]
        rows[bad_line - 1] = b"p,50,Caf\xe9"
        column = len("p,50,Caf") + 1
    else:
        rows = [b'{"program": {"id": "p%d"}, "indicators": {}}' % i for i in range(3001)]
        rows[bad_line - 1] = b'{"program": {"id": "Caf\xe9"}}'
        column = len('{"program": {"id": "Caf') + 1
    source = tmp_path / f"in.{suffix}"
    source.write_bytes(b"\n".join(rows) + b"\n")
    code, _, stderr = _run(runner, "batch", str(source))
    assert code == ExitCode.INPUT, stderr
    assert f"in.{suffix}:{bad_line}:{column}:" in stderr


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_a_byte_order_mark_is_skipped(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    source = tmp_path / f"in.{suffix}"
    if suffix == "csv":
        body = "id,participation_rate\na,50\nb,60\n"
    else:
        body = "".join(
            json.dumps({"program": {"id": p}, "indicators": {"participation_rate": 50}}) + "\n" for p in "ab"
        )
    source.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    code, stdout, stderr = _run(runner, "batch", str(source))
    assert code == 0, stderr
    assert len(stdout.splitlines()) == 2


def test_a_bom_inside_jsonl_names_its_line(runner: CliRunner, tmp_path: Path) -> None:
    """Two files joined: the second one's BOM is on line 3, and that line is the failed record."""
    line = json.dumps({"program": {"id": "a"}, "indicators": {"participation_rate": 50}})
    source = tmp_path / "in.jsonl"
    source.write_bytes(f"{line}\n{line}\n\ufeff{line}\n".encode())
    code, stdout, stderr = _run(runner, "batch", str(source))
    assert code == ExitCode.PARTIAL, stderr
    assert "in.jsonl:3" in stderr
    assert [("error" in json.loads(out)) for out in stdout.splitlines()] == [False, False, True]


def test_ten_thousand_unknown_columns_are_cheap_and_capped(runner: CliRunner, tmp_path: Path) -> None:
    columns = ["id", *(f"kolom_{i}" for i in range(10_000))]
    rows = [",".join([f"p{r}", *("1" for _ in range(10_000))]) for r in range(20)]
    source = tmp_path / "wide.csv"
    source.write_text(",".join(columns) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    started = time.monotonic()
    code, stdout, stderr = _run(runner, "batch", str(source))
    assert time.monotonic() - started < 15
    assert code == ExitCode.PARTIAL
    for record in map(json.loads, stdout.splitlines()):
        assert len(record["error"]["problems"]) <= MAX_PROBLEMS
    assert stderr.count("P201") <= 20 * MAX_PROBLEMS


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_an_endless_line_stops_at_the_limit(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    """A 5 MB line without a newline, under --max-bytes 100000: refused, not read whole."""
    source = tmp_path / f"in.{suffix}"
    head = b"id,participation_rate\n" if suffix == "csv" else b""
    source.write_bytes(head + b'{"program": {"id": "' + b"x" * 5_000_000)
    code, stdout, stderr = _run(runner, "--max-bytes", "100000", "batch", str(source))
    if suffix == "csv":
        assert code == ExitCode.INPUT, stderr
        assert "in.csv:2" in stderr
    else:
        assert code == ExitCode.PARTIAL, stderr
        assert "in.jsonl:1" in stderr and "100000" in stderr


def test_csv_output_cells_never_start_a_formula(runner: CliRunner, tmp_path: Path) -> None:
    """Names, regions, ids and error messages that start with = + - @ tab or CR are written as text."""
    hostile = ['=HYPERLINK("http://x","klik")', "+62-21", "-1+1", "@SUM(A1)", "\tsel", "\rsel"]
    source = tmp_path / "in.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["id", "name", "region", "participation_rate"])
    for number, text in enumerate(hostile):
        writer.writerow([f"p{number}", text, text, "50"])
    writer.writerow(["=1+1", "x", "y", "lima puluh"])  # a failed record: its id in the error row
    source.write_text(buffer.getvalue(), encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _, stderr = _run(runner, "batch", str(source), "-o", str(out))
    assert code == ExitCode.PARTIAL, stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline=""), strict=True))
    assert len(rows) == 1 + len(hostile) + 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(CSV_FORMULA_START), row
    # Cells are trimmed when read; what still starts like a formula is kept, as text.
    assert {row[3] for row in rows[1:-1]} >= {"'" + text for text in hostile[:4]}
    assert rows[-1][2] == "'=1+1"


def test_classic_mac_line_endings_are_rows(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"id,participation_rate\ra,50\rb,60\r")
    code, stdout, stderr = _run(runner, "batch", str(source))
    assert code == 0, stderr
    assert len(stdout.splitlines()) == 2


def test_csv_safe_leaves_numbers_and_plain_text() -> None:
    assert csv_safe(-3.5) == -3.5 and csv_safe(7) == 7 and csv_safe("Binjai") == "Binjai" and csv_safe("") == ""
    assert csv_safe("=1") == "'=1"
