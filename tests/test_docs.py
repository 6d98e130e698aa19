"""The documentation builds from the repository and its generated pages are current."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import ROOT


def _gen_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_reference_pages_are_current() -> None:
    """docs/reference/ matches the click commands and the docstrings (run scripts/gen_docs.py if not).

    A CLI page drawn by another click release than the installed one is
    compared without click's own usage lines, so that a click release that
    only redraws them does not fail the suite.
    """
    gen = _gen_docs()
    for path, text in gen.pages().items():
        assert path.exists(), f"missing {path}: run python scripts/gen_docs.py"
        committed = path.read_text(encoding="utf-8")
        if gen.CLICK_MARK in text and text.split(gen.CLICK_MARK)[1] != committed.split(gen.CLICK_MARK)[-1]:
            text, committed = _without_usage(text), _without_usage(committed)
        assert committed == text, f"{path.name} is out of date: run python scripts/gen_docs.py"


_CLICK_DRAWN = ("Usage: ", "Penggunaan: ", "Arguments: ", "Argumen: ")


def _without_usage(page: str) -> str:
    """The page less the lines click draws: usage and argument lines, and the release mark."""
    return "\n".join(
        line for line in page.splitlines() if not line.startswith(_CLICK_DRAWN) and "drawn by click" not in line
    )


def test_cli_reference_covers_every_command_in_both_languages() -> None:
    from asn_advisor.cli import main
    from asn_advisor.cli.help import walk

    english = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    indonesian = (ROOT / "docs" / "reference" / "cli.id.md").read_text(encoding="utf-8")
    for path, _ in walk(main):
        heading = f"## `{('asn-advisor ' + path).strip()}`"
        assert heading in english and heading in indonesian, path
    assert "Menilai PROFILE" in indonesian and "Score PROFILE" in english


def test_every_page_in_the_navigation_exists_and_pages_for_policy_staff_are_bilingual() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in (
        "panduan.md",
        "guide.md",
        "konsep.md",
        "concepts.md",
        "rule-authoring.md",
        "rule-pack-format.md",
        "architecture.md",
        "reference/cli.md",
        "reference/cli.id.md",
        "reference/api.md",
    ):
        assert page in nav, page
        assert (ROOT / "docs" / page).exists(), page
    for path in sorted((ROOT / "docs").rglob("*.md")):
        page = path.relative_to(ROOT / "docs").as_posix()
        assert f": {page}" in nav, f"docs/{page} is not in the site's navigation (mkdocs.yml)"
    concepts = (ROOT / "docs" / "concepts.md").read_text(encoding="utf-8")
    for anchor in ("Kirkpatrick", "Phillips", "CIPP", "Brinkerhoff", "20 JP", "IP ASN", "IKM", "EPP"):
        assert anchor in concepts, anchor


def test_site_builds_strictly(tmp_path: Path) -> None:
    """mkdocs build --strict (broken links and anchors fail); offline; skipped without the docs extra."""
    pytest.importorskip("mkdocs", reason="install the docs extra: pip install -e '.[docs]'")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "panduan" / "index.html").exists()
    # The site loads nothing from the internet (links to other sites are fine).
    for page in (tmp_path / "site").rglob("*.html"):
        assert 'src="http' not in page.read_text(encoding="utf-8"), page
    assert (tmp_path / "site" / "reference" / "cli.id" / "index.html").exists()
