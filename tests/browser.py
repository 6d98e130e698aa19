"""A minimal WebDriver client for Debian's headless Chromium (tests only).

Speaks the W3C WebDriver protocol to ``/usr/bin/chromedriver`` over loopback
with the standard library, so that no browser or client library is
downloaded.  One browser serves every page of a test module.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("ASN_ADVISOR_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("ASN_ADVISOR_CHROMEDRIVER", "/usr/bin/chromedriver")

# The flags this machine needs: as root no sandbox, and no background
# networking (connections out are refused here and slow the start down).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=900,1200",
]


def available() -> bool:
    """Both Chromium and ChromeDriver are installed."""
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Browser:
    """One chromedriver process and one browser session."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.profile = tempfile.mkdtemp(prefix="asn-advisor-chromium-")
        self.driver = subprocess.Popen(
            [CHROMEDRIVER, f"--port={self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 15
        while True:
            try:
                self._call("GET", "/status")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError("chromedriver did not start") from None
                time.sleep(0.1)
        capabilities = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": CHROMIUM,
                        "args": [*CHROMIUM_ARGS, f"--user-data-dir={self.profile}"],
                    },
                }
            }
        }
        self.session = self._call("POST", "/session", capabilities)["sessionId"]

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(
            self.base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())["value"]

    def _session(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        return self._call(method, f"/session/{self.session}{path}", payload)

    def open(self, path: Path) -> None:
        self._session("POST", "/url", {"url": path.resolve().as_uri()})

    def script(self, source: str) -> Any:
        return self._session("POST", "/execute/sync", {"script": source, "args": []})

    def cdp(self, command: str, params: dict[str, Any] | None = None) -> Any:
        return self._session("POST", "/goog/cdp/execute", {"cmd": command, "params": params or {}})

    def screenshot(self, target: Path) -> None:
        """A PNG of the whole page, not only the window."""
        shot = self.cdp("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        target.write_bytes(base64.b64decode(shot["data"]))

    def print_pdf(self) -> bytes:
        """The page printed with its own @page size (A4 in the report)."""
        pdf = self.cdp("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
        return base64.b64decode(pdf["data"])

    def close(self) -> None:
        try:
            if getattr(self, "session", None):
                self._session("DELETE", "")
        except (urllib.error.URLError, ConnectionError):
            pass
        finally:
            self.driver.terminate()
            try:
                self.driver.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.driver.kill()
            shutil.rmtree(self.profile, ignore_errors=True)
