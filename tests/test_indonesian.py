"""Indonesian output reads as Indonesian: no snake_case id and no English word of the catalog.

Every reader-facing command runs on every shipped example and every seed
report; its Indonesian output is scanned against the message catalog: a word
that the English side of the catalog uses and the Indonesian side does not
(``because``, ``priority``, ``quick``, ``document``...) is English that leaked,
and a ``snake_case`` token is an id that should have been a label.

Left out of the scan, on purpose: quoted evidence (the report's own words),
inline code, the report's appendix (rule ids and conditions, for analysts), and
the views made for analysts, which show ids by design (``advise --rinci``,
``explain``, ``--format json``, ``advise --format markdown``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from asn_advisor.cli import main

from .conftest import EXAMPLES
from .extract_scoring import shared_dir
from .i18n_scan import keyed

SHARED = shared_dir()
INPUTS = [*sorted(EXAMPLES.glob("*.yaml")), *(sorted((SHARED / "seeds").glob("*.txt")) if SHARED else [])]

# Words both languages write the same way (loanwords standard in Indonesian).
SHARED_WORDS = frozenset({"target", "data", "program", "online", "blended", "modular", "coaching", "mentoring"})

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")
_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
# A number written the English way (77.5) where Indonesian writes 77,5.
_DECIMAL_POINT = re.compile(r"(?<![\d.])\d{1,3}\.\d{1,2}(?![\d.])")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(re.sub(r"\{[^}]*\}", " ", text))}


def _english_words() -> set[str]:
    catalogs = list(keyed().values())
    english = set().union(*(_words(entry["en"]) for entry in catalogs))
    indonesian = set().union(*(_words(entry["id"]) for entry in catalogs))
    return {w for w in english - indonesian - SHARED_WORDS if len(w) >= 3}


ENGLISH = _english_words()


def _readable(text: str) -> str:
    """The prose of an output: without quoted evidence, code, markup, file paths and the command line to type."""
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
    text = re.sub(r'<section class="appendix".*?<footer>', " ", text, flags=re.S)
    text = re.sub(r"^## Lampiran.*?^---$", " ", text, flags=re.S | re.M)  # the Markdown report's appendix
    text = re.sub(r"<code>.*?</code>|`[^`]*`", " ", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\u201c[^\u201d]*\u201d", " ", text)
    text = re.sub(r"\S*/\S*/\S*", " ", text)  # file paths
    return "\n".join(line for line in text.splitlines() if "asn-advisor " not in line)


def _outputs(runner: CliRunner, path: Path, tmp_path: Path) -> Iterator[tuple[str, str]]:
    for args in (["advise"], ["score"], ["plan"], ["plan", "--format", "markdown"]):
        result = runner.invoke(main, [args[0], str(path), *args[1:]])
        assert result.exit_code == 0, result.output
        yield " ".join(args), result.stdout
    advice = json.loads(runner.invoke(main, ["advise", str(path), "--format", "json"]).stdout)
    if advice["findings"] and path.suffix == ".yaml":  # whatif reads profiles only
        resolve = advice["findings"][0]["id"]
        result = runner.invoke(main, ["whatif", str(path), "--resolve", resolve])
        assert result.exit_code == 0, result.output
        # The finding the user typed is named back by its label, not echoed as an id.
        yield "whatif", result.stdout
    for suffix in ("html", "md"):
        target = tmp_path / f"laporan.{suffix}"
        result = runner.invoke(main, ["report", str(path), "-o", str(target), "--force"])
        assert result.exit_code == 0, result.output
        yield f"report .{suffix}", target.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_indonesian_output_has_no_ids_and_no_english(runner: CliRunner, path: Path, tmp_path: Path) -> None:
    """advise, score, plan and report speak Indonesian: labels, not ids; no English word of the catalog."""
    for command, output in _outputs(runner, path, tmp_path):
        prose = _readable(output)
        ids = sorted(set(_ID.findall(prose)))
        english = sorted(_words(prose) & ENGLISH)
        assert not ids, (command, ids)
        assert not english, (command, english)
        assert not _DECIMAL_POINT.findall(prose), (command, _DECIMAL_POINT.findall(prose))


def test_the_scan_finds_what_it_looks_for() -> None:
    """The scan flags an id and an English word, and leaves quotes and code alone."""
    prose = _readable("Menjawab low_participation because <code>has(x_y)</code> \u201cfollow_up ok\u201d")
    assert _ID.findall(prose) == ["low_participation"]
    assert "because" in _words(prose) & ENGLISH and "follow" not in _words(prose)
    assert _DECIMAL_POINT.findall("skor 77.5 dari 100, versi 2026.11, 77,5") == ["77.5"]


def test_compare_speaks_indonesian(runner: CliRunner, tmp_path: Path) -> None:
    """compare (text, Markdown and HTML) of the shipped examples: labels, Indonesian numbers, no English."""
    for path in EXAMPLES.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    outputs = {"text": runner.invoke(main, ["compare", str(tmp_path)]).stdout}
    for suffix in ("html", "md"):
        target = tmp_path.parent / f"perbandingan-{tmp_path.name}.{suffix}"
        assert runner.invoke(main, ["compare", str(tmp_path), "-o", str(target)]).exit_code == 0
        outputs[suffix] = target.read_text(encoding="utf-8")
    for name, output in outputs.items():
        prose = _readable(output)
        assert not _ID.findall(prose), (name, _ID.findall(prose))
        assert not _words(prose) & ENGLISH, (name, _words(prose) & ENGLISH)
    assert "77,6" in outputs["text"] and "Pembelajaran" in outputs["text"]


# Words the glossary (docs/glosarium.md) replaced, and the term to use instead.
REPLACED = {
    "rekaman": "entri",
    "quick win": "hasil cepat",
    "cepat terasa": "hasil cepat",
    "follow-up": "tindak lanjut",
    "mendaftar rekomendasi": "menampilkan langkah",
}


def test_the_catalog_uses_the_glossary_terms() -> None:
    """No Indonesian message or help text uses a term the glossary replaced; the glossary names each new term."""
    # plan.quick_win is a sentence of the advice's JSON (a contract), never shown by a renderer.
    catalog = {key: entry for key, entry in keyed().items() if key != "plan.quick_win"}
    texts = [entry["id"].lower() for entry in catalog.values()]
    for old, new in REPLACED.items():
        assert not [text for text in texts if old in text], f"use {new!r}, not {old!r} (docs/glosarium.md)"
    glossary = (Path(__file__).parent.parent / "docs" / "glosarium.md").read_text(encoding="utf-8")
    for term in set(REPLACED.values()) - {"menampilkan langkah"}:
        assert term in glossary, term


def test_batch_and_compare_report_failed_records_in_indonesian(runner: CliRunner, tmp_path: Path) -> None:
    """A failed record is explained in Indonesian on standard error; its JSON error record keeps its words."""
    source = tmp_path / "program.csv"
    source.write_text("id,participation_rate\nx,abc\n", encoding="utf-8")
    for command in ("batch", "compare"):
        result = runner.invoke(main, [command, str(source)])
        assert "participation_rate harus angka" in result.stderr and "must be a number" not in result.stderr
        assert "profil memiliki 1 galat" in result.stderr
    record = json.loads(runner.invoke(main, ["batch", str(source)]).stdout)
    assert record["error"]["message"] == "the profile has 1 error(s)"


@pytest.mark.parametrize("path", [p for p in INPUTS if p.suffix == ".txt"], ids=lambda p: p.name)
def test_extract_speaks_indonesian_around_its_codes(runner: CliRunner, path: Path) -> None:
    """extract shows pattern and finding ids for rule authors, in brackets; everything around them is Indonesian."""
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    prose = re.sub(r"\[[^\]]*\]|\u00ab[^\u00bb]*\u00bb|pola \S+:", " ", _readable(result.stdout))
    assert not _ID.findall(prose), _ID.findall(prose)
    assert not _words(prose) & ENGLISH, _words(prose) & ENGLISH
