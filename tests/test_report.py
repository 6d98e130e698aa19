"""Reports people read: HTML and Markdown, golden files, a real browser."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from asn_advisor import Advice, RulePack, advise, load_profile
from asn_advisor.cli import main
from asn_advisor.errors import ExitCode
from asn_advisor.i18n import number
from asn_advisor.model.comparison import bands_from_pack
from asn_advisor.render import render_report
from asn_advisor.render.report import render_chart_svg

from . import browser
from .conftest import EXAMPLES, ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden" / "report"
ARTIFACTS = ROOT / "tests" / "artifacts"
COMPLETE = EXAMPLES / "contoh-lengkap.yaml"


def _advice(pack: RulePack, name: str | Path, lang: str = "id") -> Advice:
    path = EXAMPLES / f"{name}.yaml" if isinstance(name, str) else name
    return advise(load_profile(path, rules=pack), pack, lang=lang)


def _report(pack: RulePack, advice: Advice, fmt: str) -> str:
    return render_report(advice, bands_from_pack(pack, advice.lang), fmt)


class _TagChecker(HTMLParser):
    """Fails on unbalanced tags and collects every URL-bearing attribute."""

    VOID: ClassVar[set[str]] = {"meta", "br", "hr", "img", "link", "input", "rect", "line", "path", "circle"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href", "action")]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href", "action")]

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>, open: {self.stack[-3:]}"
        self.stack.pop()


@pytest.mark.parametrize("seed", SEEDS)
def test_markdown_report_matches_golden(pack: RulePack, seed: str) -> None:
    """The Markdown report of each seed is pinned; UPDATE_GOLDEN=1 rewrites the files."""
    text = _report(pack, _advice(pack, seed), "markdown")
    golden = GOLDEN / f"{seed}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing {golden}; run UPDATE_GOLDEN=1 pytest tests/test_report.py"
    assert text == golden.read_text(encoding="utf-8")


def test_english_markdown_report_matches_golden(pack: RulePack) -> None:
    """An English report with every section filled (the complete synthetic example)."""
    text = _report(pack, _advice(pack, COMPLETE, "en"), "markdown")
    golden = GOLDEN / "contoh-lengkap.en.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert text.index("## Summary") < text.index("## Findings") < text.index("## Recommendations")
    assert "**71.3 / 100** Medium" in text and text.index("## Appendix") > text.index("## Data gaps")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_html_is_self_contained_balanced_and_deterministic(pack: RulePack, lang: str) -> None:
    """No script, no network asset, balanced tags, an A4 print rule, same bytes twice."""
    advice = _advice(pack, COMPLETE, lang)
    page = _report(pack, advice, "html")
    assert page == _report(pack, _advice(pack, COMPLETE, lang), "html")
    checker = _TagChecker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    assert "script" not in checker.tags
    assert all(url.startswith("#") for url in checker.urls), checker.urls
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)", page)
    assert "@page { size: A4" in page and "@media print" in page
    assert f'<html lang="{lang}">' in page
    for rec in advice.recommendations:
        assert f'data-recommendation="{rec.id}"' in page


def test_chart_is_accessible_svg_with_band_zones(pack: RulePack) -> None:
    """The chart is valid SVG with role=img, a title, a description naming every value, and a zone per band."""
    advice = _advice(pack, COMPLETE, "en")
    bands = bands_from_pack(pack, "en")
    svg = render_chart_svg(advice, bands)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title") is not None
    desc = root.find(f"{ns}desc")
    assert desc is not None and desc.text
    for dim in advice.score.dimensions:
        assert f"{dim.label}: {dim.score:.1f}" in desc.text
    zones = [r for r in root.iter(f"{ns}rect") if r.get("class") == "zone"]
    assert sorted(z.get("data-band") for z in zones) == sorted(b.id for b in bands)
    texts = " ".join("".join(el.itertext()) for el in root.iter(f"{ns}text"))
    assert "71.3" in texts and "Very high" in texts


def test_chart_without_scores_says_no_data(pack: RulePack) -> None:
    """A seed without indicators has no bars: every dimension says 'no data', none reads 0."""
    advice = _advice(pack, "binjai", "en")
    svg = render_chart_svg(advice, bands_from_pack(pack, "en"))
    ET.fromstring(svg)
    assert 'class="bar"' not in svg
    assert svg.count(">no data<") == len(advice.score.dimensions)


def test_untrusted_text_is_escaped(pack: RulePack, tmp_path: Path) -> None:
    """A profile's text cannot inject markup into the HTML or the Markdown."""
    source = COMPLETE.read_text(encoding="utf-8")
    hostile = '<script>alert(1)</script> & "x" | *y*'
    source = re.sub(r"(?m)^  name: .*$", "  name: " + json.dumps(hostile), source, count=1)
    path = tmp_path / "hostile.yaml"
    path.write_text(source, encoding="utf-8")
    advice = _advice(pack, path)
    page = _report(pack, advice, "html")
    # Jinja2's autoescaping writes a double quote as &#34;
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in page
    markdown = _report(pack, advice, "markdown")
    assert "<script>" not in markdown and "\\| \\*y\\*" in markdown


def test_roadmap_and_phases_are_shown(pack: RulePack) -> None:
    """The report shows the plan's phases, every step in them, and each step's phase."""
    advice = _advice(pack, COMPLETE)
    assert advice.roadmap
    for fmt in ("markdown", "html"):
        text = _report(pack, advice, fmt)
        assert "Peta jalan" in text and "Fase 1" in text
        for phase in advice.roadmap:
            for rid in phase:
                assert rid in text
    assert "Fase 1 ·" in _report(pack, advice, "markdown")


def test_cli_report_writes_html_and_markdown_by_extension(runner: CliRunner, tmp_path: Path) -> None:
    """-o FILE.html writes HTML, -o FILE.md writes Markdown; the file is not overwritten without --force."""
    html_file, md_file = tmp_path / "laporan.html", tmp_path / "laporan.md"
    result = runner.invoke(main, ["report", str(COMPLETE), "-o", str(html_file)])
    assert result.exit_code == 0, result.output
    assert html_file.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(main, ["report", str(COMPLETE), "-o", str(md_file), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert md_file.read_text(encoding="utf-8").startswith("# Program evaluation and improvement report")
    again = runner.invoke(main, ["report", str(COMPLETE), "-o", str(html_file)])
    assert again.exit_code == ExitCode.OUTPUT and "--force" in again.output
    assert runner.invoke(main, ["report", str(COMPLETE), "-o", str(html_file), "--force"]).exit_code == 0
    # Written atomically but readable by others, as a file saved by any program (not mkstemp's 0600).
    umask = os.umask(0)
    os.umask(umask)
    assert html_file.stat().st_mode & 0o777 == 0o666 & ~umask
    bad = runner.invoke(main, ["report", str(COMPLETE), "-o", str(tmp_path / "laporan.doc")])
    assert bad.exit_code == ExitCode.OUTPUT and "Traceback" not in bad.output


def test_cli_report_reads_a_narrative_report(runner: CliRunner, tmp_path: Path) -> None:
    """'report REPORT.txt' reads the report as 'advise REPORT.txt' does."""
    text = (
        "Evaluasi pelatihan di Kabupaten Contoh menunjukkan partisipasi ASN rendah. "
        "Waktu pelatihan berbenturan dengan tugas sehari-hari.\n"
    )
    report = tmp_path / "laporan.txt"
    report.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["report", str(report), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    advised = runner.invoke(main, ["advise", str(report), "--format", "json"])
    for rec in json.loads(advised.stdout)["recommendations"]:
        assert f'data-recommendation="{rec["id"]}"' in page


def test_cli_report_pdf_without_chromium_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no Chromium is installed, '-o x.pdf' is a clear output error, and nothing is written."""
    monkeypatch.setenv("ASN_ADVISOR_CHROMIUM", "no-such-browser")
    target = tmp_path / "laporan.pdf"
    result = runner.invoke(main, ["report", str(COMPLETE), "-o", str(target)])
    assert result.exit_code == ExitCode.OUTPUT and "Chromium tidak terpasang" in result.output
    assert not target.exists()
    to_stdout = runner.invoke(main, ["report", str(COMPLETE), "--format", "pdf"])
    assert to_stdout.exit_code == ExitCode.OUTPUT and "-o laporan.pdf" in to_stdout.output


def test_html_report_opens_with_a_summary_page(pack: RulePack) -> None:
    """Page 1 holds the score, three steps, what works and what to collect; the arithmetic is in the appendix."""
    advice = _advice(pack, "pupr-2021")
    page = _report(pack, advice, "html")
    summary = page[page.index('<section class="summary"') : page.index("<main>")]
    assert "77,6" in summary and advice.score.band_label in summary
    steps = re.findall(r'data-step="([^"]+)"', summary)
    assert steps == [r.id for r in advice.recommendations[:3]]
    assert 'id="strengths"' in summary and 'id="collect"' in summary
    assert "Langkah pertama" in summary and "Mengapa" in summary
    for needle in ("rules/", "has(", "priority_breakdown", "× faktor"):
        assert needle not in summary
    detail = page[page.index("<main>") : page.index('<section class="appendix"')]
    assert "rules/" not in detail and "has(" not in detail
    appendix = page[page.index('<section class="appendix"') :]
    assert "rules/aturan-rekomendasi.yaml" in appendix and "100 × " in appendix


def test_cli_report_reads_a_saved_advice(runner: CliRunner, tmp_path: Path) -> None:
    """An advice saved as JSON gives the same report as the profile; another language is refused."""
    saved = tmp_path / "saran.json"
    assert runner.invoke(main, ["advise", str(COMPLETE), "--format", "json", "-o", str(saved)]).exit_code == 0
    from_json = runner.invoke(main, ["report", str(saved)])
    from_profile = runner.invoke(main, ["report", str(COMPLETE)])
    assert from_json.exit_code == 0, from_json.output
    assert from_json.output == from_profile.output
    other_pack = json.loads(saved.read_text(encoding="utf-8"))
    other_pack["pack"]["version"] = "1999.1"
    (tmp_path / "lain.json").write_text(json.dumps(other_pack), encoding="utf-8")
    warned = runner.invoke(main, ["report", str(tmp_path / "lain.json")])
    assert warned.exit_code == 0 and "peringatan: saran ini dibuat dengan paket nasional 1999.1" in warned.output
    mismatch = runner.invoke(main, ["report", str(saved), "--lang", "en"])
    assert mismatch.exit_code == ExitCode.ERROR and "Traceback" not in mismatch.output
    broken = tmp_path / "rusak.json"
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["score"]["coverage"] = "banyak"
    broken.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(main, ["report", str(broken)])
    assert result.exit_code == ExitCode.ERROR and "E103" in result.output and "Traceback" not in result.output


# ---------------------------------------------------------------------------
# A real browser: the page as people see it, and as it prints.


@pytest.fixture(scope="module")
def chromium() -> Any:
    if not browser.available():
        pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)")
    session = browser.Browser()
    yield session
    session.close()


_PAGE_STATE = """
const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
const chart = document.querySelector('svg.chart');
const box = chart ? chart.getBoundingClientRect() : null;
return {
  text: document.body.innerText,
  overall: document.getElementById('overall-score').innerText,
  chart: chart ? {role: chart.getAttribute('role'), width: box.width, height: box.height,
                  rows: chart.querySelectorAll('g.dimension').length,
                  zones: chart.querySelectorAll('rect.zone').length} : null,
  recommendations: Array.from(document.querySelectorAll('[data-recommendation]'))
      .map(el => ({id: el.dataset.recommendation, visible: visible(el), text: el.innerText})),
};
"""


@pytest.mark.parametrize("name", [*SEEDS, "contoh-lengkap"])
def test_report_displays_in_chromium(chromium: Any, pack: RulePack, tmp_path: Path, name: str) -> None:
    """Chromium shows the score, the chart and every recommendation; the page prints on A4."""
    advice = _advice(pack, name)
    page = tmp_path / f"{name}.html"
    page.write_text(_report(pack, advice, "html"), encoding="utf-8")
    chromium.open(page)
    state = chromium.script(_PAGE_STATE)
    if advice.score.overall is None:
        assert state["overall"] == "belum dapat dihitung (data kurang)"
    else:
        assert state["overall"] == number(advice.score.overall, "id")
        assert advice.score.band_label in state["text"]
    chart = state["chart"]
    assert chart is not None and chart["role"] == "img"
    assert chart["width"] > 300 and chart["height"] > 150
    assert chart["rows"] == len(advice.score.dimensions) and chart["zones"] == len(pack.scoring.bands)
    shown = {r["id"]: r for r in state["recommendations"]}
    assert list(shown) == [r.id for r in advice.recommendations]
    for rec in advice.recommendations:
        assert shown[rec.id]["visible"], rec.id
        assert rec.title in shown[rec.id]["text"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chromium.screenshot(ARTIFACTS / f"report-{name}.png")
    pdf = chromium.print_pdf()
    assert pdf.startswith(b"%PDF")
    # A4 is 595.92 x 841.92 points; Chromium writes the MediaBox of every page.
    sizes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert sizes and all(abs(float(w) - 595.92) < 1 and abs(float(h) - 841.92) < 1 for w, h in sizes)
    (ARTIFACTS / f"report-{name}.pdf").write_bytes(pdf)


# The report of the complete example prints on at most this many A4 pages.
MAX_PAGES = 8


def test_complete_report_prints_on_at_most_eight_pages(chromium: Any, pack: RulePack, tmp_path: Path) -> None:
    """contoh-lengkap.yaml, printed to PDF by headless Chromium, fits 8 A4 pages; the summary is page 1."""
    advice = _advice(pack, "contoh-lengkap")
    page = tmp_path / "contoh-lengkap.html"
    page.write_text(_report(pack, advice, "html"), encoding="utf-8")
    chromium.open(page)
    pdf = chromium.print_pdf()
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 2 <= pages <= MAX_PAGES, pages


def test_cli_report_writes_pdf_with_chromium(chromium: Any, runner: CliRunner, tmp_path: Path) -> None:
    """'-o x.pdf' prints the HTML report with the installed Chromium: an A4 PDF of at most 8 pages."""
    target = tmp_path / "laporan.pdf"
    result = runner.invoke(main, ["report", str(COMPLETE), "-o", str(target)])
    assert result.exit_code == 0, result.output
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF")
    assert 2 <= len(re.findall(rb"/Type\s*/Page\b", pdf)) <= MAX_PAGES


# ---------------------------------------------------------------------------
# Many programs on one page: asn-advisor compare -o comparison.html


def _compare_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir(parents=True)
    for name in (*SEEDS, "contoh-lengkap", "pupr-2021"):
        (folder / f"{name}.yaml").write_text((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    hostile = {
        "program": {"id": "p-<script>alert(1)</script>", "name": 'Diklat "A&B" <b>'},
        "indicators": {"participation_rate": 45, "satisfaction": {"value": 3.1, "scale": "1-4"}},
        "findings": [{"id": "time_conflict"}],
    }
    (folder / "hostile.json").write_text(json.dumps(hostile), encoding="utf-8")
    return folder


def _compare_html(runner: CliRunner, tmp_path: Path, lang: str = "en") -> tuple[str, dict[str, Any]]:
    folder = _compare_folder(tmp_path)
    page = tmp_path / "comparison.html"
    result = runner.invoke(main, ["compare", str(folder), "-o", str(page), "--lang", lang])
    assert result.exit_code == 0, result.output
    data = runner.invoke(main, ["compare", str(folder), "--format", "json", "--lang", lang])
    assert data.exit_code == 0, data.output
    return page.read_text(encoding="utf-8"), json.loads(data.stdout)


def test_compare_html_is_chosen_by_extension_and_shows_every_program(runner: CliRunner, tmp_path: Path) -> None:
    """'-o x.html' writes the page: ranking in the comparison's order, band counts adding up, text escaped."""
    text, data = _compare_html(runner, tmp_path)
    assert text.startswith("<!DOCTYPE html>") and "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "Diklat &#34;A&amp;B&#34; &lt;b&gt;" in text
    ranking = text[
        text.index('<table class="ranking">') : text.index("</table>", text.index('<table class="ranking">'))
    ]
    rows = re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]*)', ranking)
    assert [int(rank) for rank, _ in rows] == list(range(1, len(data["programs"]) + 1))
    assert [re.sub("&[a-z]+;", "", ident) for _, ident in rows] == [
        re.sub("[<>\"&']", "", p["id"]) for p in data["programs"]
    ]
    counts = [int(c) for c in re.findall(r'class="band-count" data-count="(\d+)"', text)]
    assert sum(counts) == len(data["programs"]) and counts[-1] == sum(p["overall"] is None for p in data["programs"])
    for item in data["findings"]:
        assert f'data-id="{item["id"]}"' in text
    # Every dimension of every program side by side, with its number.
    cells = re.findall(r'<td class="num" data-dimension="([a-z_]+)"', ranking)
    assert len(cells) == len(data["programs"]) * len(data["dimensions"])
    # The SVG is well-formed XML (it is also used outside HTML).
    svg = text[text.index("<svg") : text.index("</svg>") + len("</svg>")]
    assert ET.fromstring(svg).get("role") == "img"


def test_compare_html_is_deterministic_and_translated(runner: CliRunner, tmp_path: Path) -> None:
    first, _ = _compare_html(runner, tmp_path / "a", lang="id")
    second, _ = _compare_html(runner, tmp_path / "b", lang="id")
    assert first == second
    assert "Jumlah program per kategori" in first and "Peringkat program" in first
    english, _ = _compare_html(runner, tmp_path / "c", lang="en")
    assert "Programs per band" in english and "Jumlah program" not in english


_COMPARE_STATE = """
const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
const chart = document.querySelector('svg.chart');
const rows = Array.from(document.querySelectorAll('table.ranking tbody tr'));
return {
  chart: chart ? {width: chart.getBoundingClientRect().width, \
bars: chart.querySelectorAll('g.band-count').length} : null,
  rows: rows.map(r => ({visible: visible(r), text: r.innerText})),
  shared: document.querySelectorAll('table.shared tbody tr').length,
};
"""


def test_compare_html_displays_in_chromium(chromium: Any, runner: CliRunner, tmp_path: Path, pack: RulePack) -> None:
    """Chromium shows the chart, every ranked program and the shared problems; the page prints on A4."""
    text, data = _compare_html(runner, tmp_path)
    page = tmp_path / "comparison.html"
    chromium.open(page)
    state = chromium.script(_COMPARE_STATE)
    assert state["chart"] is not None and state["chart"]["width"] > 300
    assert state["chart"]["bars"] == len(pack.scoring.bands) + 1
    assert len(state["rows"]) == len(data["programs"]) and all(r["visible"] for r in state["rows"])
    for row, program in zip(state["rows"], data["programs"], strict=True):
        assert program["id"] in row["text"]
        if program["overall"] is not None:
            assert f"{program['overall']:.1f}" in row["text"]
    assert state["shared"] == len(data["findings"]) + len(data["recommendations"])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    chromium.screenshot(ARTIFACTS / "compare.png")
    pdf = chromium.print_pdf()
    sizes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert sizes and all(abs(float(w) - 595.92) < 1 and abs(float(h) - 841.92) < 1 for w, h in sizes)


def test_compare_html_fits_1200_pixels_with_many_programs(chromium: Any, runner: CliRunner, tmp_path: Path) -> None:
    """Sixty programs: the page needs no horizontal scrolling at 1200 px, and long lists are summarized."""
    folder = tmp_path / "banyak"
    folder.mkdir()
    sources = sorted(EXAMPLES.glob("*.yaml"))
    for index in range(60):
        source = sources[index % len(sources)].read_text(encoding="utf-8")
        text = re.sub(r"(?m)^  id: (.*)$", rf"  id: program-kabupaten-contoh-{index:03d}", source, count=1)
        (folder / f"p{index:03d}.yaml").write_text(text, encoding="utf-8")
    page = tmp_path / "perbandingan.html"
    assert runner.invoke(main, ["compare", str(folder), "-o", str(page)]).exit_code == 0
    html_text = page.read_text(encoding="utf-8")
    assert "(+" in html_text  # a finding shared by 60 programs lists the first ones and counts the rest
    chromium.open(page)
    chromium.cdp(
        "Emulation.setDeviceMetricsOverride", {"width": 1200, "height": 900, "deviceScaleFactor": 1, "mobile": False}
    )
    width = chromium.script("return document.documentElement.scrollWidth;")
    chromium.cdp("Emulation.clearDeviceMetricsOverride")
    assert width <= 1200, width
