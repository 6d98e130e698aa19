"""Reading input within the limits: files, standard input and streams, as UTF-8 text only."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from asn_advisor._base.limits import Limits, limit_hint
from asn_advisor.errors import ArgumentError, InputError, Location
from asn_advisor.i18n import Message

__all__ = ["decode_text", "read_text", "stdin_bytes"]


def stdin_bytes() -> IO[bytes]:
    """Standard input as bytes; an :class:`InputError` when its descriptor was closed."""
    if sys.stdin is None:
        raise InputError(
            Message("standard input is closed"),
            location=Location("<stdin>"),
            hint=Message("give a file, or pipe the input into the command"),
        )
    return sys.stdin.buffer


def read_text(
    source: str | Path | IO[bytes], *, limits: Limits | None = None, name: str | None = None
) -> tuple[str, str]:
    """Read a UTF-8 text file (or ``-`` for standard input) within the limits.

    Returns ``(text, display_name)``.  Raises :class:`InputError` for a missing,
    oversized, binary or non-UTF-8 file.
    """
    limits = limits or Limits.current()
    if not isinstance(source, (str, Path)) and not hasattr(source, "read"):
        raise ArgumentError(
            Message("expected a path, '-' or a binary stream, got {kind}", kind=type(source).__name__),
            hint=Message("give the file name of the profile or pack"),
        )
    if isinstance(source, (str, Path)) and str(source) == "-":
        stream: IO[bytes] = stdin_bytes()
        display = name or "<stdin>"
        raw = stream.read(limits.max_bytes + 1)
    elif isinstance(source, (str, Path)):
        path = Path(source)
        display = name or str(source)
        try:
            if path.is_dir():
                raise InputError(
                    Message("is a directory, not a file"),
                    location=Location(display),
                    hint=Message("give a file"),
                    code="Y001",
                )
            size = path.stat().st_size
            if size > limits.max_bytes:
                raise InputError(
                    Message("file is {size} bytes, over the limit of {limit}", size=size, limit=limits.max_bytes),
                    code="Y002",
                    location=Location(display),
                    hint=limit_hint("bytes"),
                )
            with path.open("rb") as handle:
                raw = handle.read(limits.max_bytes + 1)
        except FileNotFoundError:
            raise InputError(
                Message("file not found"), location=Location(display), hint=Message("check the path"), code="Y003"
            ) from None
        except PermissionError:
            raise InputError(Message("permission denied"), location=Location(display), code="Y004") from None
        except IsADirectoryError:
            raise InputError(Message("is a directory, not a file"), location=Location(display), code="Y001") from None
        except OSError as exc:
            raise InputError(
                Message("cannot read: {reason}", reason=exc.strerror), location=Location(display), code="Y005"
            ) from None
    else:
        display = name or str(getattr(source, "name", "<stream>"))
        raw = source.read(limits.max_bytes + 1)
    if len(raw) > limits.max_bytes:
        raise InputError(
            Message("input is over the limit of {limit} bytes", limit=limits.max_bytes),
            location=Location(display),
            code="Y002",
            hint=limit_hint("bytes"),
        )
    return decode_text(raw, display), display


def decode_text(raw: bytes, display: str) -> str:
    """Decode UTF-8 (with or without BOM), refusing binary data."""
    if b"\x00" in raw[:8192]:
        raise InputError(
            Message("looks like a binary file (it contains NUL bytes)"),
            code="Y006",
            location=Location(display),
            hint=Message("give a UTF-8 text file"),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            Message("not valid UTF-8 (byte 0x{byte})", byte=format(raw[exc.start], "02x")),
            code="Y007",
            location=Location(display, line, column),
            hint=Message("save the file as UTF-8"),
        ) from None
    return text
