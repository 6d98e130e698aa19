"""Fuzzing in the ordinary suite: any input either loads or raises the project's own error.

Hypothesis generates raw bytes and documents with a familiar shape (real keys,
odd values: NaN, huge integers, look-alike ids, wrong types) for the profile
loader and the pack loader; the seed corpus of the atheris harnesses under
fuzz/ is replayed through them so they keep working.  Longer runs: see
fuzz/README.md (HYPOTHESIS_PROFILE=fuzz, or atheris).
"""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asn_advisor import Advice, AdvisorError, RulePack, advise, load_profile, load_rules
from asn_advisor._base.limits import Limits

from .conftest import ROOT
from .strategies import PROFILE_WORDS, shaped_documents

FUZZ = ROOT / "fuzz"
# Small limits: the point here is the variety of inputs, not their size.
LIMITS = Limits(max_bytes=64 * 1024, max_depth=24, max_nodes=4_000)
NO_FIXTURE_CHECK = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _check_profile(data: bytes, name: str, pack: RulePack) -> None:
    """Load; if accepted, advising must work and the advice must round-trip through JSON."""
    try:
        profile = load_profile(io.BytesIO(data), rules=pack, limits=LIMITS, name=name)
    except AdvisorError:
        return
    advice = advise(profile, pack, lang="en")
    assert Advice.model_validate_json(advice.model_dump_json()) == advice


@given(st.binary(max_size=400))
def test_any_bytes_as_a_profile_load_or_raise_our_error(pack: RulePack, data: bytes) -> None:
    """Raw bytes, as YAML and as JSON."""
    _check_profile(data, "fuzz.yaml", pack)
    _check_profile(data, "fuzz.json", pack)


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "program": shaped_documents(PROFILE_WORDS),
            "indicators": shaped_documents(PROFILE_WORDS),
            "findings": shaped_documents(PROFILE_WORDS),
        },
    )
    | shaped_documents(PROFILE_WORDS)
)
def test_profile_shaped_documents_load_or_raise_our_error(pack: RulePack, document: object) -> None:
    """Real keys with odd values (NaN, 10**30, look-alike ids, wrong types), written as YAML and as JSON."""
    try:
        as_yaml = yaml.safe_dump(document, allow_unicode=True).encode("utf-8")
    except yaml.YAMLError:
        as_yaml = b""
    _check_profile(as_yaml, "fuzz.yaml", pack)
    _check_profile(json.dumps(document, allow_nan=True).encode("utf-8"), "fuzz.json", pack)


PACK_WORDS = (
    "recommend",
    "derive",
    "findings",
    "recommendations",
    "indicators",
    "dimensions",
    "scoring",
    "id",
    "when",
    "weight",
    "finding",
    "severity",
    "escalate",
    "addresses",
    "label",
    "dimension",
    "type",
    "percent",
    "rating",
    "metrics",
    "indicator",
    "primary",
    "points",
    "caps",
    "max",
    "min",
    "bands",
    "scales",
    "factor",
    "en",
    "high",
    "low",
    "has(low_participation)",
    "participation_rate < 60",
    "flexible_scheduling",
    "low_participation",
    "access",
)


@pytest.fixture(scope="module")
def fuzz_pack_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the shipped pack whose recommendation-rule file each example replaces."""
    root = tmp_path_factory.mktemp("fuzz-pack") / "pack"
    shutil.copytree(ROOT / "rules", root)
    yield root


def _check_pack_file(root: Path, data: bytes) -> None:
    (root / "aturan-rekomendasi.yaml").write_bytes(data)
    try:
        pack = load_rules(root, limits=LIMITS)
    except AdvisorError:
        return
    profile = load_profile(ROOT / "examples" / "profiles" / "pupr-2021.yaml", rules=pack)
    advise(profile, pack)


@NO_FIXTURE_CHECK
@given(
    st.one_of(
        st.binary(max_size=300),
        st.text(alphabet="recommend:-_ idwhn()<>=.0123456789[]{},\n\t'\"&*!|", max_size=300).map(str.encode),
    )
)
def test_any_text_as_a_pack_file_loads_or_raises_our_error(fuzz_pack_dir: Path, data: bytes) -> None:
    """Raw bytes and YAML punctuation soup in place of a pack file."""
    _check_pack_file(fuzz_pack_dir, data)


@NO_FIXTURE_CHECK
@given(
    st.fixed_dictionaries(
        {},
        optional={
            "recommend": shaped_documents(PACK_WORDS),
            "derive": shaped_documents(PACK_WORDS),
            "findings": shaped_documents(PACK_WORDS),
        },
    )
)
def test_pack_shaped_documents_load_or_raise_our_error(fuzz_pack_dir: Path, document: dict[str, object]) -> None:
    """Sections with real field names and odd values, in place of a pack file."""
    _check_pack_file(fuzz_pack_dir, yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


@NO_FIXTURE_CHECK
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
                "when": st.sampled_from(
                    [
                        "has(low_participation)",
                        "has(time_conflict) and participation_rate < 60",
                        "participation_rate < 1e308",
                        "missing(satisfaction)",
                        "not has(low_transfer)",
                        "coverage < 50",
                    ]
                ),
                "recommend": st.lists(
                    st.sampled_from(["flexible_scheduling", "promote_benefits", "flexible_schedulin"]),
                    min_size=1,
                    max_size=2,
                ),
            },
            optional={
                "weight": st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-3, 5)),
                "addresses": st.lists(st.sampled_from(["low_participation", "time_conflict"]), max_size=2),
            },
        ),
        max_size=6,
    )
)
def test_generated_rules_load_or_raise_our_error(fuzz_pack_dir: Path, rules: list[dict[str, object]]) -> None:
    """Plausible recommendation rules with odd weights and near-miss ids; an accepted pack must advise."""
    _check_pack_file(fuzz_pack_dir, yaml.safe_dump({"recommend": rules}, allow_unicode=True).encode("utf-8"))


# ---------------------------------------------------------------- atheris harnesses, replayed


def _harness(name: str) -> ModuleType:
    sys.path.insert(0, str(FUZZ))
    try:
        spec = importlib.util.spec_from_file_location(f"fuzz_{name}", FUZZ / f"fuzz_{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(FUZZ))


@pytest.mark.parametrize("name", ["condition", "profile", "pack", "extract", "batch"])
def test_fuzz_harness_accepts_its_seed_corpus(name: str) -> None:
    """Every seed of fuzz/corpus/NAME goes through the harness without finding a bug."""
    harness = _harness(name)
    seeds = sorted((FUZZ / "corpus" / name).iterdir())
    assert seeds
    for seed in seeds:
        harness.test_one_input(seed.read_bytes())
    harness.test_one_input(b"")
    harness.test_one_input(b"\xff\xfe\x00")


def test_nan_and_huge_numbers_are_refused_everywhere_in_a_profile(pack: RulePack) -> None:
    """Spot checks of the values the shaped fuzzing found or guards against."""
    for text in (
        "program: {id: x, extra: [1, {a: .nan}]}\n",
        "program: {id: x}\nindicators: {participation_rate: 1" + "0" * 400 + "}\n",
        '{"progra[": {"id": "x"}}',
    ):
        with pytest.raises(AdvisorError):
            load_profile(io.BytesIO(text.encode()), rules=pack, name="x.json" if text.startswith("{") else "x.yaml")


_CSV_PIECES = st.sampled_from(
    [
        "id",
        "participation_rate",
        "satisfaction.scale",
        "findings",
        "name",
        ",",
        ";",
        '"',
        "\n",
        "\r\n",
        "\r",
        "53",
        "3,2",
        "1-4",
        "=1+1",
        "@x",
        "time_conflict",
        "\ufeff",
        "\x00",
        "low_participation:high",
    ]
)


@settings(deadline=None)
@given(st.one_of(st.binary(max_size=200), st.lists(_CSV_PIECES, max_size=40).map(lambda p: "".join(p).encode())))
def test_batch_harness_holds_on_generated_input(data: bytes) -> None:
    """CSV- and JSON Lines-shaped soup through the batch harness (both formats, by the first byte)."""
    harness = _harness("batch")
    harness.test_one_input(data)
    harness.test_one_input(b"i" + data)  # as CSV
    harness.test_one_input(b"{" + data)  # as JSON Lines
