"""Atomic output files that never overwrite an input or, without ``force``, an existing file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import Location, OutputError
from .i18n import t

__all__ = ["check_output", "write_atomic"]


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


def _output_mode(target: Path) -> int:
    """The permission bits for a new output file: the old file's, else 0666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.exists():
        raise OutputError("the output directory does not exist", location=Location(str(path)))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        # mkstemp creates the file private (0600); a report is written to be
        # shared, so give it the mode a plain open() would (or keep the mode
        # of the file it replaces).
        os.chmod(temp, _output_mode(target))
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
