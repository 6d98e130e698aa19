"""Shared plumbing of the atheris harnesses (see README.md).

Each harness module defines ``test_one_input(data: bytes) -> None`` that
raises only when it finds a bug, and calls :func:`main` under
``if __name__ == "__main__"``.  The harness functions themselves need no
atheris, so the ordinary test suite replays the seed corpus through them
(tests/test_fuzz.py) and they cannot rot unnoticed.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"


def text_of(data: bytes) -> str:
    """Bytes to text the way a careless editor would: invalid UTF-8 becomes U+FFFD."""
    return data.decode("utf-8", errors="replace")


def instrumented(active: bool) -> AbstractContextManager[object]:
    """Coverage instrumentation for the asn_advisor imports inside the ``with`` block.

    Only asn_advisor is instrumented: instrumenting everything loaded
    (pydantic, networkx, click...) takes minutes and steers libFuzzer toward
    code that is not ours.  Inactive when the harness is imported by the
    test suite, or when atheris is missing.
    """
    if not active:
        return contextlib.nullcontext()
    try:
        import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:  # pragma: no cover - depends on the fuzz extra
        return contextlib.nullcontext()
    context: AbstractContextManager[object] = atheris.instrument_imports(include=["asn_advisor"])
    return context


def main(test_one_input: Callable[[bytes], None]) -> None:
    """Run ``test_one_input`` under atheris/libFuzzer with the command-line flags given."""
    try:
        import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:  # pragma: no cover - depends on the fuzz extra
        sys.exit("atheris is not installed: pip install -e '.[fuzz]' (see fuzz/README.md)")
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
