"""Advice quality: evidence-specific ranking, remedies in place, program types, actions, strengths, honest scores."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asn_advisor import RulePack, advise, load_profile
from asn_advisor.model import Advice
from asn_advisor.model.profile import profile_from_mapping

from .conftest import EXAMPLES
from .strategies import INDICATOR_STRATEGIES, indicator_values

TRAINING_ONLY = {
    "practical_methods",
    "instructor_development",
    "participant_grouping",
    "extend_duration",
    "digital_skills",
    "community_involvement",
    "improve_facilities",
}


def advice_of(pack: RulePack, data: dict[str, Any], lang: str = "id") -> Advice:
    data = {"program": {"id": "uji"}, **data}
    return advise(profile_from_mapping(data), pack, lang=lang)


def test_a_remedy_in_place_is_not_recommended_as_new(pack: RulePack) -> None:
    """PUPR 2021 trains 100% online: flexible scheduling is in place but not working, never rank 1 as new."""
    advice = advise(load_profile(EXAMPLES / "pupr-2021.yaml", rules=pack), pack)
    assert "flexible_scheduling" not in {r.id for r in advice.recommendations}
    [placed] = [p for p in advice.in_place if p.id == "flexible_scheduling"]
    assert placed.values == {"online_share": 100.0}
    assert not placed.working and {"low_participation", "time_conflict"} <= set(placed.findings)


def test_a_remedy_in_place_and_working(pack: RulePack) -> None:
    """An alumni forum that exists, with no finding it would answer, is listed as working."""
    advice = advice_of(pack, {"indicators": {"knowledge_sharing_platform": True}})
    assert [(p.id, p.working) for p in advice.in_place] == [("follow_up_platform", True)]


def test_report_proposals_are_evidence_with_their_own_term(pack: RulePack) -> None:
    """A proposal adds the pack's report_proposal points, marked; unsupported ones are listed with why."""
    data = {
        "indicators": {"online_share": 90},
        "findings": [{"id": "limited_budget"}],
        "proposals": [{"id": "increase_budget"}, {"id": "flexible_scheduling"}, {"id": "no_such_remedy"}],
    }
    without = advice_of(pack, {k: v for k, v in data.items() if k != "proposals"})
    advice = advice_of(pack, data)
    points = pack.scoring.priority.report_proposal
    assert points > 0
    before = {r.id: r.priority for r in without.recommendations}
    rec = {r.id: r for r in advice.recommendations}["increase_budget"]
    assert rec.proposed_by_report and rec.priority == pytest.approx(before["increase_budget"] + points, abs=1e-3)
    [term] = [t for t in rec.priority_breakdown if t.kind == "report_proposal"]
    assert term.contribution == points
    assert not {r.id: r for r in advice.recommendations}["partnerships"].proposed_by_report
    reasons = {u.id: u.reason for u in advice.unsupported_proposals}
    assert reasons == {"flexible_scheduling": "in_place", "no_such_remedy": "unknown"}
    assert all(u.why for u in advice.unsupported_proposals)


def test_a_proposal_the_program_type_excludes_is_unsupported(pack: RulePack) -> None:
    data = {"program": {"id": "k", "type": "pengembangan_karier"}, "proposals": [{"id": "practical_methods"}]}
    advice = advise(profile_from_mapping(data), pack, lang="en")
    assert [(u.id, u.reason) for u in advice.unsupported_proposals] == [("practical_methods", "program_type")]
    assert "pengembangan karier" in advice.unsupported_proposals[0].why


def test_a_budget_only_report_gets_no_default_advice(pack: RulePack) -> None:
    """A text whose only finding is the budget, with no figures: budget remedies only, no evaluation by default."""
    advice = advice_of(pack, {"findings": [{"id": "limited_budget"}]})
    assert {r.id for r in advice.recommendations} == {"partnerships", "increase_budget"}


def test_a_career_program_gets_career_remedies(pack: RulePack) -> None:
    findings = [{"id": f} for f in ("limited_variety", "low_motivation", "low_transfer", "weak_supervisor_support")]
    career = advise(
        profile_from_mapping({"program": {"id": "k", "type": "pengembangan_karier"}, "findings": findings}), pack
    )
    training = advise(profile_from_mapping({"program": {"id": "p", "type": "pelatihan"}, "findings": findings}), pack)
    career_ids = {r.id for r in career.recommendations}
    assert {"talent_management", "job_rotation", "supervisor_coaching"} <= career_ids
    assert not career_ids & TRAINING_ONLY
    assert not {"talent_management", "job_rotation", "supervisor_coaching"} & {r.id for r in training.recommendations}


def test_every_shipped_remedy_says_what_acting_on_it_takes(pack: RulePack) -> None:
    for rec_id, spec in pack.recommendations.items():
        assert 2 <= len(spec.first_steps) <= 4, rec_id
        assert spec.actors and spec.cost and spec.first_result and spec.basis, rec_id
        for text in [*spec.first_steps, spec.first_result, spec.basis]:
            assert not text.missing(), rec_id


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_advice_carries_the_actions_in_its_language(pack: RulePack, lang: str) -> None:
    advice = advise(load_profile(EXAMPLES / "bungo.yaml", rules=pack), pack, lang=lang)
    for rec in advice.recommendations:
        spec = pack.recommendations[rec.id]
        assert rec.first_steps == [s.get(lang) for s in spec.first_steps]
        assert rec.actors == list(spec.actors) and len(rec.actor_labels) == len(rec.actors)
        assert rec.cost == spec.cost and rec.basis == spec.basis.get(lang)  # type: ignore[union-attr]


def test_strengths_from_targets_and_from_the_report(pack: RulePack) -> None:
    advice = advice_of(
        pack,
        {
            "indicators": {"graduation_rate": 90, "participation_rate": 50},
            "strengths": [{"text": "Peserta sangat antusias.", "source": "survey"}],
        },
    )
    kinds = [(s.kind, s.indicator) for s in advice.strengths]
    assert kinds == [("indicator", "graduation_rate"), ("stated", None)]
    assert advice.strengths[0].target == pack.indicators["graduation_rate"].target


def test_unknown_follow_up_is_not_rewarded(pack: RulePack) -> None:
    """An unknown follow-up may score higher as a point, but its interval reaches below the documented one."""
    base = {"participation_rate": 90, "satisfaction": 85, "application_rate": 70, "follow_up_conducted": True}
    unknown = advice_of(pack, {"indicators": base})
    documented = advice_of(pack, {"indicators": {**base, "follow_up_months_after": 1}})
    assert unknown.score.interval is not None and documented.score.overall is not None
    assert unknown.score.interval.low <= documented.score.overall
    assert unknown.score.interval.low <= documented.score.interval.low  # type: ignore[union-attr]


def test_the_band_is_certain_only_inside_one_band(pack: RulePack) -> None:
    complete = advise(load_profile(EXAMPLES / "contoh-lengkap.yaml", rules=pack), pack)
    assert complete.score.band_certain is True and complete.score.band_settled_by == []
    partial = advise(load_profile(EXAMPLES / "pupr-2021.yaml", rules=pack), pack)
    assert partial.score.band_certain is False
    assert "application_rate" in partial.score.band_settled_by
    interval = partial.score.interval
    assert interval is not None and interval.low <= partial.score.overall <= interval.high  # type: ignore[operator]


@given(indicator_values, st.data())
def test_learning_an_unknown_value_never_leaves_the_interval(
    pack: RulePack, known: dict[str, Any], data: st.DataObject
) -> None:
    """Property: the score after learning one more indicator lies in the interval it had before."""
    unknown = sorted(set(INDICATOR_STRATEGIES) - set(known))
    if not unknown:
        return
    name = data.draw(st.sampled_from(unknown))
    value = data.draw(INDICATOR_STRATEGIES[name])
    before = advice_of(pack, {"indicators": known})
    after = advice_of(pack, {"indicators": {**known, name: value}})
    interval = before.score.interval
    if before.score.overall is None:
        assert interval is None
        return
    assert interval is not None and after.score.overall is not None and after.score.interval is not None
    assert interval.low - 0.011 <= after.score.overall <= interval.high + 0.011
    assert interval.low - 0.011 <= after.score.interval.low and after.score.interval.high <= interval.high + 0.011


def test_compare_never_ranks_a_program_higher_for_measuring_less(pack: RulePack) -> None:
    """Access left unmeasured vs fully measured: the point score favours the former; the ranking does not."""
    from asn_advisor.batch.compare import compare
    from asn_advisor.model import Summary

    full = load_profile(EXAMPLES / "contoh-lengkap.yaml", rules=pack)
    data = full.model_dump(exclude_none=True)
    data["program"]["id"] = "setengah"
    weak_metrics = ("participation_rate", "nominee_attendance_rate", "share_meeting_20jp", "avg_jp_per_employee")
    data["indicators"] = {k: v for k, v in data["indicators"].items() if k not in weak_metrics}
    half = profile_from_mapping(data)
    advices = [advise(full, pack), advise(half, pack)]
    assert advices[1].score.overall > advices[0].score.overall  # type: ignore[operator]
    comparison = compare([Summary.from_advice(a) for a in advices], pack)
    assert [row.id for row in comparison.programs] == [full.program.id, "setengah"]
    assert comparison.programs[1].score_low is not None and comparison.programs[1].coverage <= 1
