"""A PostgreSQL password never reaches a message; the connection is bounded; a malformed URL is a clear error.

No server is needed: the driver is replaced by one that fails the way a real
one does, quoting what it was given.
"""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest
from click.testing import CliRunner

from asn_advisor.cli import main
from asn_advisor.errors import ExitCode
from asn_advisor.store.sql import HistoryError, check_pg_url, connect, mask_url, pg_connect_timeout, redact

SECRET = "S3kr1t"
URLS = [
    f"postgresql://budi:{SECRET}@db.example:5432/riwayat",
    f"postgres://budi:{SECRET}@db.example/riwayat",
    f"postgresql://budi:{SECRET}@with@at@db.example/riwayat",
    f"postgresql://budi:{SECRET}#hash@db.example/riwayat",
    f"postgresql://budi:{SECRET}/slash@db.example/riwayat",
    f"postgresql://budi:{SECRET}:colon@db.example/riwayat",
    f"postgresql://budi:{SECRET}%40enc@db.example/riwayat",
    f"postgresql://budi@db.example/riwayat?password={SECRET}&sslmode=require",
    f"postgresql://budi:{SECRET}@db.example:port/riwayat",
    f"postgresql://budi:{SECRET}@[::1/riwayat",
]


@pytest.mark.parametrize("url", URLS)
def test_mask_url_hides_every_part_of_the_password(url: str) -> None:
    masked = mask_url(url)
    assert SECRET not in masked and "***" in masked
    assert masked.startswith(url.split("://")[0] + "://budi")


def test_mask_url_leaves_urls_without_a_password() -> None:
    assert mask_url("postgresql://budi@db.example/riwayat") == "postgresql://budi@db.example/riwayat"
    assert mask_url("history.db") == "history.db"


@pytest.mark.parametrize("url", URLS)
def test_redact_removes_the_password_as_written_and_decoded(url: str) -> None:
    from urllib.parse import unquote

    rest = url.split("://", 1)[1]
    userinfo = rest.rpartition("@")[0]
    password = userinfo.split(":", 1)[1] if ":" in userinfo else SECRET
    text = f'could not parse "{url}": password {password}, decoded {unquote(password)}, cut {password[:6]}'
    assert SECRET not in redact(text, url)


@pytest.mark.parametrize(
    ("raw", "expected"), [(None, 5), ("3", 3), ("300", 300), ("0", 5), ("-2", 5), ("abc", 5), ("1e9", 5), ("999999", 5)]
)
def test_connect_timeout_is_bounded(monkeypatch: pytest.MonkeyPatch, raw: str | None, expected: int) -> None:
    if raw is None:
        monkeypatch.delenv("ASN_ADVISOR_PG_CONNECT_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("ASN_ADVISOR_PG_CONNECT_TIMEOUT", raw)
    assert pg_connect_timeout() == expected


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://budi:{SECRET}@db.example:port/riwayat",
        f"postgresql://budi:{SECRET}@db.example:99999999/riwayat",
        f"postgresql://budi:{SECRET}@db example/riwayat",
        f"postgresql://budi:{SECRET}@[::1/riwayat",
    ],
)
def test_malformed_url_is_a_clear_error_without_the_password(url: str) -> None:
    with pytest.raises(HistoryError) as caught:
        check_pg_url(url)
    assert SECRET not in str(caught.value) and "malformed" in caught.value.message


class _FakeError(Exception):
    pass


def _fake_driver(seen: dict[str, Any]) -> types.ModuleType:
    module = types.ModuleType("psycopg")

    def fake_connect(conninfo: str, **kwargs: Any) -> None:
        seen.update(kwargs)
        raise _FakeError(f'connection to "{conninfo}" failed: password authentication failed ({SECRET})')

    module.connect = fake_connect  # type: ignore[attr-defined]
    module.Error = _FakeError  # type: ignore[attr-defined]
    return module


def test_connection_error_never_shows_the_password(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setitem(sys.modules, "psycopg", _fake_driver(seen))
    monkeypatch.delenv("ASN_ADVISOR_PG_CONNECT_TIMEOUT", raising=False)
    with pytest.raises(HistoryError) as caught:
        connect(URLS[0], lambda: "2026-01-01T00:00:00Z")
    assert SECRET not in str(caught.value)
    assert 0 < seen["connect_timeout"] <= 5


@pytest.mark.parametrize("url", [URLS[0], URLS[3], URLS[8], f"mysql://budi:{SECRET}@db.example/riwayat"])
@pytest.mark.parametrize("command", [["history", "show"], ["history", "effect"], ["history", "record", "PROFILE"]])
def test_cli_messages_never_show_the_password(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, url: str, command: list[str]
) -> None:
    from .cases import GOOD_PROFILE

    monkeypatch.setitem(sys.modules, "psycopg", _fake_driver({}))
    argv = [str(GOOD_PROFILE) if part == "PROFILE" else part for part in command]
    result = runner.invoke(main, [*argv, "--db", url])
    assert result.exit_code == ExitCode.ERROR, result.output
    assert SECRET not in result.output
    assert "Traceback" not in result.output and "internal" not in result.output.lower()


def test_a_server_that_never_answers_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """A listener on loopback that accepts nothing: the connection gives up at the timeout, password masked."""
    pytest.importorskip("psycopg", reason="install the postgres extra")
    import socket
    import time

    monkeypatch.setenv("ASN_ADVISOR_PG_CONNECT_TIMEOUT", "1")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)
        port = listener.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(HistoryError) as caught:
            connect(f"postgresql://budi:{SECRET}@127.0.0.1:{port}/riwayat", lambda: "2026-01-01T00:00:00Z")
        assert time.monotonic() - started < 10
    assert SECRET not in str(caught.value)
