"""Names from profiles placed in documents: control and right-to-left characters are written out in HTML
and SVG (the trend SVG stays valid XML), and Markdown from every command escapes markup as the report does.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from asn_advisor._base.text import markdown_code, markdown_escape, visible
from asn_advisor.cli import main

from .cases import GOOD_PROFILE

# A bell, an escape, a C1 control, a right-to-left override and isolate, and markup of each kind.
HOSTILE_NAME = (
    "Diklat \x07\x1b[31m\x85 \u202eevil\u2066 <script>alert(1)</script> *tebal* [tautan](http://x) | sel # h _m_ `k`"
)
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    text = GOOD_PROFILE.read_text(encoding="utf-8")
    name = json.dumps(HOSTILE_NAME)  # a YAML double-quoted scalar
    text = re.sub(r"(?m)^  name: .*$", lambda _: f"  name: {name}", text, count=1)
    text = re.sub(r"(?m)^  region: .*$", lambda _: f"  region: {name}", text, count=1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _program_id(runner: CliRunner, profile: Path, db: Path) -> str:
    recorded = runner.invoke(main, ["history", "record", str(profile), "--db", str(db), "--format", "json"])
    assert recorded.exit_code == 0, recorded.output
    return str(json.loads(recorded.stdout)["program_id"])


def test_html_report_writes_out_control_and_bidi_characters(runner: CliRunner, hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "laporan.html"
    result = runner.invoke(main, ["report", str(hostile), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert not INVISIBLE.search(page)
    assert "<script>alert" not in page
    assert "\\u202e" in page and "\\x07" in page
    HTMLParser().feed(page)


def test_compare_html_writes_them_out_too(runner: CliRunner, hostile: Path, tmp_path: Path) -> None:
    folder = tmp_path / "dir"
    folder.mkdir()
    shutil.copyfile(hostile, folder / "a.yaml")
    shutil.copyfile(GOOD_PROFILE, folder / "b.yaml")
    out = tmp_path / "banding.html"
    result = runner.invoke(main, ["compare", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert not INVISIBLE.search(page) and "<script>alert" not in page


def test_trend_svg_stays_valid_xml(runner: CliRunner, hostile: Path, tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    program = _program_id(runner, hostile, db)
    svg = tmp_path / "tren.svg"
    result = runner.invoke(main, ["history", "show", program, "--db", str(db), "--svg", str(svg)])
    assert result.exit_code == 0, result.output
    text = svg.read_text(encoding="utf-8")
    ElementTree.fromstring(text)  # raises on a control character
    assert not INVISIBLE.search(text)


def _markdown_outputs(runner: CliRunner, hostile: Path, tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "dir"
    folder.mkdir()
    shutil.copyfile(hostile, folder / "a.yaml")
    db = tmp_path / "h.db"
    program = _program_id(runner, hostile, db)
    commands = {
        "advise": ["advise", str(hostile), "--format", "markdown"],
        "plan": ["plan", str(hostile), "--format", "markdown"],
        "compare": ["compare", str(folder), "--format", "markdown"],
        "history-show": ["history", "show", program, "--db", str(db), "--format", "markdown"],
        "report": ["report", str(hostile), "--format", "markdown"],
    }
    outputs = {}
    for name, argv in commands.items():
        result = runner.invoke(main, argv)
        assert result.exit_code == 0, (name, result.output)
        outputs[name] = result.stdout
    return outputs


def test_markdown_of_every_command_escapes_markup(runner: CliRunner, hostile: Path, tmp_path: Path) -> None:
    for name, text in _markdown_outputs(runner, hostile, tmp_path).items():
        assert not INVISIBLE.search(text), name
        for raw in (
            "<script>",
            "*tebalQ",
            "tebalQ*",
            "[tautanQ",
            "tautanQ]",
            "| selQ",
            "# hQ",
            "_mQ",
            "mQ_",
            "`kQ",
            "kQ`",
        ):
            # every markup character of the name is preceded by a backslash
            assert not re.search(r"(?<!\\)" + re.escape(raw), text), (name, raw)
        assert markdown_escape(HOSTILE_NAME) in text, name


def test_helpers() -> None:
    assert visible("a\tb\nc") == "a\tb\nc"
    assert visible("\u202e") == "\\u202e" and visible("\x00") == "\\x00"
    assert markdown_escape("a|b") == "a\\|b"
    assert markdown_code("a`b") == "`` a`b ``"
