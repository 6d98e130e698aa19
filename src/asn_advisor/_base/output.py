"""Atomic output files that never overwrite an input or, without ``force``, an existing file."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from asn_advisor.errors import Location, OutputError
from asn_advisor.i18n import Message, t

__all__ = ["atomic_writer", "check_output", "csv_safe", "format_for_path", "write_atomic"]

#: Output formats an output file's extension asks for, across commands.
FORMAT_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".txt": "text",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
}


#: First characters that make a spreadsheet read a cell as a formula (or hide one).
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(cell: object) -> object:
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading ``'``.

    Numbers pass as they are; every CSV the tool writes goes through this.
    """
    if isinstance(cell, str) and cell.startswith(CSV_FORMULA_START):
        return "'" + cell
    return cell


def format_for_path(path: str | None, formats: Collection[str]) -> str | None:
    """The format among ``formats`` that ``path``'s extension asks for; ``None`` if none."""
    suffix = os.path.splitext(path or "")[1].lower()
    found = FORMAT_EXTENSIONS.get(suffix)
    return found if found in formats else None


def check_output(
    path: str | os.PathLike[str],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
    force: bool = False,
    lang: str = "id",
) -> Path:
    """Refuse an output that is not a regular file, that is one of ``inputs``, or that exists without ``force``.

    ``inputs`` are every file the command reads: files, directories (every
    file under one is an input), and ``-`` for standard input (an output that
    is the very file standard input was redirected from is refused).
    """
    target = Path(path)
    found = _target_stat(target)
    if found is not None:
        _refuse_not_regular(found, str(path))
        identity = (found.st_dev, found.st_ino)
        for item in inputs:
            if _is_input(target, identity, item):
                raise OutputError(
                    t("output.is_input", lang), location=Location(str(path)), hint=t("output.is_input.hint", lang)
                )
        if not force:
            raise OutputError(
                t("output.exists", lang), location=Location(str(path)), hint=t("output.exists.hint", lang)
            )
    return target


def _target_stat(target: Path) -> os.stat_result | None:
    """The status of what ``target`` names (through links); ``None`` if nothing is there."""
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise OutputError(Message("the output directory does not exist"), location=Location(str(target))) from None
    except OSError as exc:
        raise OutputError(
            Message("cannot write here: {reason}", reason=exc.strerror or exc), location=Location(str(target))
        ) from None


def _refuse_not_regular(found: os.stat_result, display: str) -> None:
    """An output is a regular file or absent: a device, a pipe or a socket is never replaced."""
    if stat.S_ISDIR(found.st_mode):
        raise OutputError(Message("is a directory"), location=Location(display))
    if not stat.S_ISREG(found.st_mode):
        raise OutputError(
            Message("the output is not a regular file (a device, a pipe or a socket)"),
            location=Location(display),
            hint=Message("name a regular file, or leave out -o to write to standard output"),
        )


def _is_input(target: Path, identity: tuple[int, int], item: str | os.PathLike[str]) -> bool:
    """Whether the existing file ``target`` (``identity``: device, inode) is the input ``item`` or inside it."""
    if str(item) == "-":
        try:
            found = os.fstat(0)
        except (OSError, ValueError):
            return False
        return stat.S_ISREG(found.st_mode) and (found.st_dev, found.st_ino) == identity
    source = Path(item)
    try:
        found = os.stat(source)
    except (OSError, ValueError):
        return False
    if (found.st_dev, found.st_ino) == identity:
        return True
    if not stat.S_ISDIR(found.st_mode):
        return False
    # Every file under an input directory is an input, whatever name (a
    # link, "./x", a hard link elsewhere) the output gives it.
    try:
        if target.resolve().is_relative_to(source.resolve()):
            return True
    except (OSError, RuntimeError):
        return True
    for root, _dirs, files in os.walk(source, followlinks=False):
        for name in files:
            try:
                inner = os.stat(os.path.join(root, name))
            except OSError:
                continue
            if (inner.st_dev, inner.st_ino) == identity:
                return True
    return False


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, overwrite: bool = True, lang: str = "id") -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    Readers see the old file or the new one, never a half-written one, and a
    failure (disk full, interruption) leaves the old file as it was.  With
    ``overwrite=False`` the file is created only if nothing exists at ``path``
    at the moment of the rename, so a file that appeared after
    :func:`check_output` looked is not clobbered either.

    Raises:
        OutputError: the directory is missing or not writable, the file
            exists (``overwrite=False``), or the write fails.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(Message("the output directory does not exist"), location=Location(str(path)))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    found = _target_stat(target)
    if found is not None:
        _refuse_not_regular(found, str(path))
    try:
        mode = _final_mode(target)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(
            Message("cannot write here: {reason}", reason=exc.strerror), location=Location(str(path))
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file readable by its owner only; give the
        # output the permissions an ordinary new file (or the file it
        # replaces) would have.
        os.chmod(temp, mode)
        if overwrite:
            os.replace(temp, target)
        else:
            _create_exclusively(temp, target)
        _sync_directory(directory)
    except FileExistsError:
        _discard(temp)
        raise OutputError(
            t("output.exists", lang), location=Location(str(path)), hint=t("output.exists.hint", lang)
        ) from None
    except OSError as exc:
        _discard(temp)
        raise OutputError(
            Message("cannot write the output: {reason}", reason=exc.strerror or exc), location=Location(str(path))
        ) from None
    except BaseException:
        _discard(temp)
        raise


def _final_mode(target: Path) -> int:
    """The permission bits for the output: those of the file replaced, else 0o666 minus the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        pass
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def _create_exclusively(temp: str, target: Path) -> None:
    """Move ``temp`` to ``target`` only if ``target`` does not exist, atomically.

    A hard link fails with FileExistsError if the name is taken, which a
    rename would silently replace.  Where links are unsupported (some network
    and FAT file systems) the existence check and rename are the fallback.
    """
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(temp, target)
        return
    os.unlink(temp)


def _sync_directory(directory: Path) -> None:
    """Flush the rename to disk where the platform allows it (best effort)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _discard(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass


@contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Stream into a temporary file beside ``path``; rename it over ``path`` only on success.

    An exception inside the block removes the temporary file, so a failed
    batch never leaves a half-written output (nor replaces an older one).
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.exists():
        raise OutputError(Message("the output directory does not exist"), location=Location(str(path)))
    found = _target_stat(target)
    if found is not None:
        _refuse_not_regular(found, str(path))
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _final_mode(target))
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
