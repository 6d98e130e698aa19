"""The HTML report printed to PDF by a headless Chromium, where one is installed.

The report is already laid out for A4 (``@page`` rules in its CSS); Chromium's
own print engine is what an office would use to print it, so the PDF matches
the printout page for page.  No Python PDF library is added for this: the ones
that render HTML need their own layout engine and fonts, and would paginate
differently from the browser the office prints with.

The page has no script and no network access (its Content-Security-Policy
forbids both), and Chromium runs in a fresh, temporary profile.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from asn_advisor.errors import OutputError
from asn_advisor.i18n import t

__all__ = ["BROWSERS", "find_browser", "html_to_pdf"]

#: Names of a Chromium-family browser on PATH, tried in order; ``ASN_ADVISOR_CHROMIUM`` names one explicitly.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

_TIMEOUT = 120


def find_browser() -> str | None:
    """The Chromium executable to print with, or ``None`` when none is installed."""
    chosen = os.environ.get("ASN_ADVISOR_CHROMIUM")
    if chosen:
        return shutil.which(chosen)
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def html_to_pdf(page: str, lang: str = "id") -> bytes:
    """Print the HTML ``page`` to PDF with headless Chromium (A4, as the page's CSS asks).

    Raises:
        OutputError: no Chromium is installed, or it failed to print.
    """
    browser = find_browser()
    if browser is None:
        raise OutputError(t("pdf.no_browser", lang), hint=t("pdf.no_browser.hint", lang))
    with tempfile.TemporaryDirectory(prefix="asn-advisor-pdf-") as tmp:
        source, target = Path(tmp) / "report.html", Path(tmp) / "report.pdf"
        source.write_text(page, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to start as root with its sandbox
        try:
            subprocess.run(command, capture_output=True, timeout=_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise OutputError(t("pdf.failed", lang, error=type(error).__name__)) from None
        if not target.is_file() or not target.read_bytes().startswith(b"%PDF"):
            raise OutputError(t("pdf.failed", lang, error=Path(browser).name))
        return target.read_bytes()
