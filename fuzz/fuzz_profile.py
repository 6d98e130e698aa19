"""Fuzz the profile loader: any bytes as a YAML or JSON profile, checked against the shipped pack.

Oracle: only AdvisorError may escape ``load_profile``; a profile it accepts
must be advised without any error, in both languages, and the advice must
serialize to JSON and load back unchanged.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import instrumented, main

with instrumented(__name__ == "__main__"):
    from asn_advisor import Advice, AdvisorError, advise, load_profile, load_rules
    from asn_advisor._base.limits import Limits

_PACK = load_rules()
# Small limits keep each run fast; the limits themselves are tested elsewhere.
_LIMITS = Limits(max_bytes=64 * 1024, max_depth=32, max_nodes=5_000)


def test_one_input(data: bytes) -> None:
    # The first byte picks the format so both loaders get fuzzed.
    name = "fuzz.json" if data[:1] == b"{" or (data[:1] and data[0] % 4 == 0) else "fuzz.yaml"
    try:
        profile = load_profile(io.BytesIO(data), rules=_PACK, limits=_LIMITS, name=name)
    except AdvisorError:
        return
    for lang in ("id", "en"):
        advice = advise(profile, _PACK, lang=lang)
        assert Advice.model_validate_json(advice.model_dump_json()) == advice


if __name__ == "__main__":
    main(test_one_input)
