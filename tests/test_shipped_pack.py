"""Dogfooding: the shipped national pack and examples."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from asn_advisor import RulePack, advise, load_profile, load_rules
from asn_advisor.model.profile import profile_from_mapping

from .conftest import EXAMPLES, ROOT

VOCABULARY = ROOT.parent / "shared" / "vocabulary.yaml"


def _vocabulary() -> dict:
    if VOCABULARY.exists():
        return yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    return {}


def test_shipped_pack_loads_without_warnings(pack: RulePack) -> None:
    """The national pack has no errors and no warnings."""
    assert pack.id == "nasional"
    assert pack.warnings == []


def test_installed_default_pack_is_the_repository_pack(pack: RulePack) -> None:
    """load_rules() without a path finds the pack shipped with the package."""
    default = load_rules()
    assert default.digest == pack.digest


def test_pack_defines_every_vocabulary_id(pack: RulePack) -> None:
    """Every canonical id is defined with its exact spelling and both labels."""
    vocabulary = _vocabulary()
    for finding in vocabulary.get("findings", {}):
        assert finding in pack.findings, finding
    for rec in vocabulary.get("recommendations", {}):
        assert rec in pack.recommendations, rec
    for indicator in vocabulary.get("indicators", {}):
        assert indicator in pack.indicators, indicator
    for spec in [*pack.findings.values(), *pack.recommendations.values(), *pack.indicators.values()]:
        assert spec.label.id and spec.label.en


def test_every_finding_is_addressed_and_every_recommendation_reachable(pack: RulePack) -> None:
    """No finding is left without a remedy, no remedy without a rule."""
    addressed = {f for rule in pack.recommend_rules for f in rule.addresses}
    reachable = {r for rule in pack.recommend_rules for r in rule.rule.recommend}
    assert set(pack.findings) <= addressed
    assert set(pack.recommendations) <= reachable


def test_every_default_cites_a_source(pack: RulePack) -> None:
    """Thresholds and weights say where they come from."""
    for rule in pack.derive_rules:
        assert rule.rule.source, rule.id
    for rule in pack.recommend_rules:
        assert rule.rule.source, rule.id
    for dimension in pack.dimensions.values():
        assert dimension.spec.source, dimension.id


def test_every_example_profile_is_valid(pack: RulePack) -> None:
    """Each shipped example loads against the shipped pack."""
    files = sorted(Path(EXAMPLES).glob("*.yaml"))
    assert len(files) >= 6
    for path in files:
        load_profile(path, rules=pack)


@pytest.mark.parametrize(
    ("indicators", "findings", "severity", "rule"),
    [
        ({"quota_fill_rate": 40}, [], "high", "kuota-kurang-terpenuhi"),
        ({"quota_fill_rate": 65}, [], "medium", "kuota-kurang-terpenuhi"),
        ({"untrained_share": 33}, [], "low", "banyak-belum-terlatih"),
        ({"untrained_share": 90}, [], "high", "banyak-belum-terlatih"),
        # a stated low participation makes the empty places a demand problem
        ({"quota_fill_rate": 40}, [{"id": "low_participation", "severity": "medium"}], None, None),
        ({"untrained_share": 90}, [{"id": "low_motivation", "severity": "medium"}], None, None),
        ({"quota_fill_rate": 40, "participation_rate": 50}, [], None, None),
        ({"quota_fill_rate": 90, "untrained_share": 20}, [], None, None),
    ],
)
def test_coverage_indicators_derive_limited_coverage(
    pack: RulePack, indicators: dict, findings: list, severity: str | None, rule: str | None
) -> None:
    """Few places obtained or many staff not yet trained is a supply shortfall, unless staff stay away."""
    profile = profile_from_mapping({"program": {"id": "uji"}, "indicators": indicators, "findings": findings})
    derived = [f for f in advise(profile, pack).findings if f.id == "limited_coverage" and f.source == "derived"]
    if severity is None:
        assert derived == []
        return
    [finding] = derived
    assert finding.severity == severity
    assert [e.rule for e in finding.evidence] == [rule]
