"""The advisor: findings, priorities, ranking, data gaps, determinism."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from asn_advisor import Profile, RulePack, advise, load_profile
from asn_advisor.model.profile import profile_from_mapping

from .conftest import EXAMPLES, ROOT, SEEDS
from .strategies import indicator_values
from .strategies import stated_findings as stated


def profile(indicators: dict | None = None, findings: list | None = None) -> Profile:
    return profile_from_mapping({"program": {"id": "uji"}, "indicators": indicators or {}, "findings": findings or []})


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_report_remedies_are_in_the_top_six(pack: RulePack, seed: str) -> None:
    """The remedies each seed report proposes rank among the top 6 for its profile."""
    expectations = yaml.safe_load((ROOT / "tests" / "data" / "seed_expectations.yaml").read_text(encoding="utf-8"))[
        seed
    ]
    required = {
        r["id"] for r in expectations["proposed_recommendations"] if not r.get("hypothetical") and not r.get("example")
    }
    assert required
    advice = advise(load_profile(EXAMPLES / f"{seed}.yaml", rules=pack), pack)
    top = [r.id for r in advice.recommendations[:6]]
    assert required <= set(top), (seed, required - set(top), top)
    stated = {f["id"] for f in expectations["stated_findings"]}
    assert stated <= {f.id for f in advice.findings if f.source == "stated"}


def test_findings_are_derived_with_severity_and_evidence(minimal_pack: RulePack) -> None:
    """Indicators become findings with the rule, its file and line, and the values."""
    advice = advise(profile({"participation_rate": 45}), minimal_pack)
    [finding] = [f for f in advice.findings if f.id == "low_participation"]
    assert finding.source == "derived" and finding.severity == "high"
    [evidence] = finding.evidence
    assert evidence.rule == "partisipasi-rendah" and evidence.values == {"participation_rate": 45.0}
    assert evidence.file and evidence.file.endswith("base.yaml")
    lines = Path(evidence.file).read_text(encoding="utf-8").splitlines()
    assert lines[evidence.line - 1].strip() == "- id: partisipasi-rendah"


def test_absence_is_never_zero(minimal_pack: RulePack) -> None:
    """A missing indicator decides nothing and is reported as a data gap."""
    advice = advise(profile(), minimal_pack)
    assert advice.findings == [] and advice.recommendations == []
    assert advice.score.overall is None and advice.score.coverage == 0
    gaps = {g.indicator: g for g in advice.data_gaps}
    assert gaps["participation_rate"].decides == ["partisipasi-rendah"]
    assert gaps["participation_rate"].dimensions == ["access"]


def test_recommendation_explains_rules_and_priority(minimal_pack: RulePack) -> None:
    """Each recommendation lists the rules that fired and the terms of its priority."""
    advice = advise(
        profile({"participation_rate": 65, "satisfaction": 90}, [{"id": "time_conflict", "severity": "high"}]),
        minimal_pack,
    )
    top = advice.recommendations[0]
    assert top.id == "flexible_scheduling" and top.rank == 1
    assert [b.rule for b in top.because] == ["fleksibel", "fleksibel-partisipasi"]
    assert top.addresses == ["low_participation", "time_conflict"]
    assert top.priority == pytest.approx(sum(t.contribution for t in top.priority_breakdown), abs=1e-3)
    term = {t.finding: t for t in top.priority_breakdown}["time_conflict"]
    # 100 x 1.5 (high) x 0.6 (access share) x (0.5 + 0.5 x 0.35) x 1.5 (rule weight)
    assert term.contribution == pytest.approx(100 * 1.5 * 0.6 * (0.5 + 0.5 * 0.35) * 1.5, abs=1e-3)


def test_rating_scales_are_normalized(minimal_pack: RulePack) -> None:
    """{value, scale} ratings become 0..100 with the pack's factors."""
    advice = advise(profile({"participation_rate": 80, "satisfaction": {"value": 3, "scale": "1-4"}}), minimal_pack)
    reaction = {d.id: d for d in advice.score.dimensions}["reaction"]
    assert reaction.score == 75.0
    assert advice.score.overall == pytest.approx(0.6 * 80 + 0.4 * 75)
    assert advice.score.band == "tinggi"


def test_stated_finding_severity_defaults_from_catalog(minimal_pack: RulePack) -> None:
    """A stated finding without severity takes the catalog's default."""
    advice = advise(profile(findings=[{"id": "time_conflict", "evidence": "Waktu berbenturan."}]), minimal_pack)
    [finding] = advice.findings
    assert finding.severity == "medium" and finding.source == "stated"
    assert finding.evidence[0].text == "Waktu berbenturan."


@given(indicator_values, stated, st.randoms(use_true_random=False))
def test_ranking_does_not_depend_on_the_order_of_findings(
    pack: RulePack, indicators: dict, findings: list, rnd: random.Random
) -> None:
    """Shuffling the profile's findings and indicators never changes the advice."""
    first = advise(profile(indicators, findings), pack).model_dump_json()
    shuffled_findings = list(findings)
    rnd.shuffle(shuffled_findings)
    items = list(indicators.items())
    rnd.shuffle(items)
    second = advise(profile(dict(items), shuffled_findings), pack).model_dump_json()
    assert first == second


@given(indicator_values, stated)
def test_score_stays_within_bounds(pack: RulePack, indicators: dict, findings: list) -> None:
    """Overall and dimension scores stay within 0..100; coverage within 0..1."""
    advice = advise(profile(indicators, findings), pack)
    assert advice.score.overall is None or 0 <= advice.score.overall <= 100
    assert 0 <= advice.score.coverage <= 1
    for dim in advice.score.dimensions:
        assert dim.score is None or 0 <= dim.score <= 100
    ranks = [r.rank for r in advice.recommendations]
    assert ranks == list(range(1, len(ranks) + 1))
    priorities = [r.priority for r in advice.recommendations]
    assert priorities == sorted(priorities, reverse=True)


def test_same_input_gives_byte_identical_output(pack: RulePack) -> None:
    """Advising twice gives the same bytes."""
    path = EXAMPLES / "contoh-lengkap.yaml"
    first = advise(load_profile(path, rules=pack), pack).model_dump_json()
    second = advise(load_profile(path, rules=pack), pack).model_dump_json()
    assert first == second
    json.loads(first)


def test_advice_round_trips_through_json(pack: RulePack) -> None:
    """Serializing and loading an advice gives it back unchanged."""
    from asn_advisor import Advice

    advice = advise(load_profile(EXAMPLES / "pupr-2021.yaml", rules=pack), pack, lang="en")
    again = Advice.model_validate_json(advice.model_dump_json())
    assert again == advice
