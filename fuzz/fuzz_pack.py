"""Fuzz the rule pack loader: any bytes as one included file of an otherwise valid pack.

Oracle: only AdvisorError may escape ``load_rules``; a pack it accepts must
advise the shipped example profiles without error.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import ROOT, instrumented, main

with instrumented(__name__ == "__main__"):
    from asn_advisor import AdvisorError, advise, load_profile, load_rules
    from asn_advisor._base.limits import Limits

_LIMITS = Limits(max_bytes=256 * 1024, max_depth=32, max_nodes=20_000)
_WORK = Path(tempfile.mkdtemp(prefix="asn-advisor-fuzz-pack-"))
_PACK_DIR = _WORK / "pack"
shutil.copytree(ROOT / "rules", _PACK_DIR)
# The fuzzed bytes replace the recommendation rules: the file with the most
# conditions, references and numbers.
_TARGET = _PACK_DIR / "aturan-rekomendasi.yaml"
_PROFILES = sorted((ROOT / "examples" / "profiles").glob("*.yaml"))


def test_one_input(data: bytes) -> None:
    _TARGET.write_bytes(data)
    try:
        pack = load_rules(_PACK_DIR, limits=_LIMITS)
    except AdvisorError:
        return
    for path in _PROFILES:
        try:
            profile = load_profile(path, rules=pack)
        except AdvisorError:
            continue  # a fuzzed pack may no longer know the example's ids
        advise(profile, pack)


if __name__ == "__main__":
    main(test_one_input)
