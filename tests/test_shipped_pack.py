"""Dogfooding: the shipped national pack and examples."""

from __future__ import annotations

from pathlib import Path

import yaml

from asn_advisor import RulePack, load_profile, load_rules

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
