"""Atomic output files that never overwrite an input or, without ``force``, an existing file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import Location, OutputError
from .i18n import t

__all__ = ["atomic_writer", "check_output", "write_atomic"]


def check_output(path: str | os.PathLike[str], *, inputs: Iterable[str | os.PathLike[str]] = (), force: bool = False, lang: str = "id") -> Path:
    """Refuse to write over an input file, or over an existing file unless ``force``."""
    target = Path(path)
    for item in inputs:
        if str(item) == "-":
            continue
        try:
            if target.exists() and Path(item).exists() and os.path.samefile(target, item):
                raise OutputError(t("output.is_input", lang), location=Location(str(path)), hint=t("output.is_input.hint", lang))
        except OSError:
            continue
        if target.resolve() == Path(item).resolve():
            raise OutputError(t("output.is_input", lang), location=Location(str(path)), hint=t("output.is_input.hint", lang))
    if target.exists() and not force:
        raise OutputError(t("output.exists", lang), location=Location(str(path)), hint=t("output.exists.hint", lang))
    if target.exists() and target.is_dir():
        raise OutputError("is a directory", location=Location(str(path)))
    return target


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.exists():
        raise OutputError("the output directory does not exist", location=Location(str(path)))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


@contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Stream into a temporary file beside ``path``; rename it over ``path`` only on success.

    An exception inside the block removes the temporary file, so a failed
    batch never leaves a half-written output (nor replaces an older one).
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.exists():
        raise OutputError("the output directory does not exist", location=Location(str(path)))
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
