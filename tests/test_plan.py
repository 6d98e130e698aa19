"""The plan: root causes, prerequisites, conflicts, phases, expected gain, what-if."""

from __future__ import annotations

import json
import os
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_advisor import Advice, RulePack, RulePackError, advise, load_profile, load_rules
from asn_advisor.cli import main
from asn_advisor.engine import what_if
from asn_advisor.engine.gain import expected_gain
from asn_advisor.engine.roadmap import order_roadmap, reorder
from asn_advisor.engine.scoring import compute_scores
from asn_advisor.model.profile import normalize_indicators, profile_from_mapping
from asn_advisor.render import render_plan

from .conftest import EXAMPLES, ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden" / "plan"
PUPR = str(EXAMPLES / "pupr-2021.yaml")


def _profile(findings: list[dict[str, str]], indicators: dict[str, object] | None = None) -> object:
    return profile_from_mapping({"program": {"id": "uji"}, "indicators": indicators or {}, "findings": findings})


# ---------------------------------------------------------------- generated packs

N_FINDINGS = 4
# Each example writes and loads a pack; a third of the profile's examples keeps
# these two properties within a few seconds (the fuzz profile still scales them).
FEWER = settings(max_examples=max(20, settings.default.max_examples // 3))


def _pack_text(
    n: int,
    requires: dict[int, list[int]],
    conflicts: list[tuple[int, int]],
    addresses: dict[int, list[int]],
    causes: list[tuple[int, int]],
    effort: list[int],
) -> str:
    efforts = ("low", "medium", "high")
    lines = [
        "indicators:",
        "  participation_rate: {type: percent, label: {id: P, en: P}}",
        "  satisfaction: {type: percent, label: {id: S, en: S}}",
        "scoring:",
        "  bands:",
        "    - {id: tinggi, min: 71, label: {id: T, en: H}}",
        "    - {id: rendah, min: 0, label: {id: R, en: L}}",
        "dimensions:",
        "  access: {label: {id: A, en: A}, weight: 60, metrics: [{indicator: participation_rate, primary: true}]}",
        "  reaction: {label: {id: R, en: R}, weight: 40, metrics: [{indicator: satisfaction, primary: true}]}",
        "findings:",
    ]
    for f in range(N_FINDINGS):
        caused = [f"g{b}" for a, b in causes if a == f]
        lines.append(
            f"  g{f}: {{label: {{id: G{f}, en: G{f}}}, "
            f"dimension: {'access' if f % 2 == 0 else 'reaction'}, causes: [{', '.join(caused)}]}}"
        )
    lines.append("recommendations:")
    for r in range(n):
        req = ", ".join(f"{{id: r{p}, source: test}}" for p in requires.get(r, []))
        con = ", ".join(f"r{b}" for a, b in conflicts if a == r)
        lines.append(
            f"  r{r}: {{label: {{id: R{r}, en: R{r}}}, effort: {efforts[effort[r]]}, time_to_impact: short, "
            f"requires: [{req}], conflicts_with: [{con}]}}"
        )
    lines.append("recommend:")
    for r in range(n):
        for i, f in enumerate(addresses.get(r, [])):
            lines.append(
                f"  - {{id: r{r}-g{f}-{i}, when: has(g{f}), recommend: [r{r}], weight: {1 + (r + f) % 3 * 0.5}}}"
            )
    return "\n".join(lines) + "\n"


@st.composite
def generated(draw: st.DrawFn) -> dict[str, object]:
    n = draw(st.integers(2, 6))
    # Edges only from a higher index to a lower one: the requires relation is acyclic.
    requires = {r: draw(st.lists(st.integers(0, r - 1), unique=True, max_size=2)) for r in range(1, n)}
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    conflicts = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2)) if pairs else []
    addresses = {r: draw(st.lists(st.integers(0, N_FINDINGS - 1), unique=True, max_size=2)) for r in range(n)}
    causes = draw(
        st.lists(
            st.tuples(st.integers(0, N_FINDINGS - 1), st.integers(0, N_FINDINGS - 1)).filter(lambda t: t[0] < t[1]),
            unique=True,
            max_size=3,
        )
    )
    effort = [draw(st.integers(0, 2)) for _ in range(n)]
    present = draw(
        st.lists(
            st.tuples(st.integers(0, N_FINDINGS - 1), st.sampled_from(["low", "medium", "high"])),
            unique_by=lambda t: t[0],
            min_size=1,
        )
    )
    indicators = draw(
        st.fixed_dictionaries(
            {}, optional={"participation_rate": st.integers(0, 100), "satisfaction": st.integers(0, 100)}
        )
    )
    return {
        "n": n,
        "requires": requires,
        "conflicts": conflicts,
        "addresses": addresses,
        "causes": causes,
        "effort": effort,
        "present": present,
        "indicators": indicators,
    }


def _load(case: dict[str, object], causes: list[tuple[int, int]] | None = None) -> RulePack | None:
    text = _pack_text(
        case["n"],
        case["requires"],
        case["conflicts"],
        case["addresses"],
        causes if causes is not None else case["causes"],
        case["effort"],
    )  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pack.yaml").write_text("pack: {id: uji, version: '1'}\ninclude: [p.yaml]\n", encoding="utf-8")
        (root / "p.yaml").write_text(text, encoding="utf-8")
        try:
            return load_rules(root)
        except RulePackError as error:
            # Only the relation checks may reject a generated pack (conflicting prerequisites).
            assert {p.code for p in error.problems} <= {"E123", "E124"}, [str(p) for p in error.problems]
            return None


def _advise(pack: RulePack, case: dict[str, object]) -> Advice:
    findings = [{"id": f"g{f}", "severity": s} for f, s in case["present"]]  # type: ignore[attr-defined]
    return advise(_profile(findings, case["indicators"]), pack)  # type: ignore[arg-type]


@FEWER
@given(generated())
def test_prerequisites_come_in_earlier_phases_and_conflicts_never_meet(case: dict[str, object]) -> None:
    """Every requires edge goes to an earlier phase; no plan holds both ends of a conflict."""
    pack = _load(case)
    if pack is None:
        return
    advice = _advise(pack, case)
    steps = {r.id: r for r in advice.recommendations}
    for rec in advice.recommendations:
        assert rec.phase is not None
        for prerequisite in pack.recommendations[rec.id].related("requires"):
            assert prerequisite in steps, (rec.id, prerequisite)
            assert steps[prerequisite].phase < rec.phase  # type: ignore[operator]
    for a in steps:
        for b in pack.recommendations[a].related("conflicts_with"):
            assert b not in steps, (a, b)
    # A dropped recommendation names the stronger planned step and the reason.
    assert {d.id for d in advice.dropped}.isdisjoint(steps)
    assert all(d.reason and d.kept in steps for d in advice.dropped)
    assert sorted(rid for phase in advice.roadmap for rid in phase) == sorted(steps)
    assert [len(phase) > 0 for phase in advice.roadmap] == [True] * len(advice.roadmap)
    assert [r.rank for r in advice.recommendations] == list(range(1, len(steps) + 1))


@FEWER
@given(generated(), st.integers(0, N_FINDINGS - 1), st.integers(0, N_FINDINGS - 1))
def test_adding_a_cause_never_lowers_a_priority(case: dict[str, object], a: int, b: int) -> None:
    """A new causes edge never lowers the priority of any recommendation."""
    if a >= b or (a, b) in case["causes"]:  # type: ignore[operator]
        return
    before_pack = _load(case)
    after_pack = _load(case, causes=[*case["causes"], (a, b)])  # type: ignore[misc]
    if before_pack is None or after_pack is None:
        return
    before, after = _advise(before_pack, case), _advise(after_pack, case)

    def priorities(advice: Advice) -> dict[str, float]:
        found = {r.id: r.priority for r in advice.recommendations if not r.added_as_prerequisite}
        found.update({d.id: d.priority for d in advice.dropped})
        return found

    old, new = priorities(before), priorities(after)
    assert set(old) == set(new)
    for rid, priority in old.items():
        assert new[rid] >= priority - 1e-9, (rid, priority, new[rid])


# ---------------------------------------------------------------- the shipped pack


def test_root_cause_term_and_explanation(pack: RulePack) -> None:
    """Addressing a present cause of a present finding adds a root_cause term and says so."""
    profile = _profile([{"id": "weak_supervisor_support"}, {"id": "low_transfer"}])
    advice = advise(profile, pack, lang="en")
    [rec] = [r for r in advice.recommendations if r.id == "learning_culture"]
    [term] = [t for t in rec.priority_breakdown if t.kind == "root_cause"]
    assert term.finding == "low_transfer" and term.via == ["weak_supervisor_support"]
    assert term.rule_weight == pack.scoring.priority.root_cause_weight
    assert rec.root_cause_of == ["low_transfer"]
    assert any("root cause of low_transfer" in sentence for sentence in rec.explanation)
    assert rec.priority == pytest.approx(sum(t.contribution for t in rec.priority_breakdown), abs=1e-3)
    # Without the effect, no bonus.
    alone = advise(_profile([{"id": "weak_supervisor_support"}]), pack)
    [plain] = [r for r in alone.recommendations if r.id == "learning_culture"]
    assert all(t.kind == "finding" for t in plain.priority_breakdown) and plain.priority < rec.priority


def test_prerequisite_is_added_and_marked(pack: RulePack) -> None:
    """A prerequisite no rule recommended joins an earlier phase, marked as such."""
    advice = advise(_profile([{"id": "no_follow_up"}]), pack, lang="en")
    steps = {r.id: r for r in advice.recommendations}
    assert "follow_up_platform" in steps and "leadership_support" in steps
    prerequisite = steps["leadership_support"]
    assert prerequisite.added_as_prerequisite and prerequisite.priority == 0 and prerequisite.because == []
    assert {r.id for r in prerequisite.prerequisite_for} >= {"follow_up_platform"}
    reference = next(r for r in prerequisite.prerequisite_for if r.id == "follow_up_platform")
    assert reference.file == "rules/rekomendasi.yaml" and reference.line and reference.source
    assert prerequisite.phase == 1 and steps["follow_up_platform"].phase == 2
    assert any("prerequisite of" in s for s in prerequisite.explanation)
    assert advice.roadmap[0][0] == "leadership_support"


def test_conflict_keeps_the_stronger(write_pack: Callable[..., Path]) -> None:
    """Of two conflicting recommendations only the stronger stays; the other is listed with the reason."""
    from .conftest import MINIMAL_PACK

    text = textwrap.dedent(MINIMAL_PACK["base.yaml"]).replace(
        "promote_benefits: {label: {id: Promosi manfaat, en: Promote benefits}}",
        "promote_benefits: {label: {id: Promosi manfaat, en: Promote benefits}, "
        "conflicts_with: [{id: flexible_scheduling, source: test}]}",
    )
    pack = load_rules(write_pack({"base.yaml": text}))
    advice = advise(_profile([{"id": "time_conflict"}, {"id": "low_participation"}]), pack, lang="en")
    assert [r.id for r in advice.recommendations] == ["flexible_scheduling"]
    [dropped] = advice.dropped
    assert dropped.id == "promote_benefits" and dropped.kept == "flexible_scheduling"
    assert "conflicts with flexible_scheduling" in dropped.reason and dropped.conflicts_with.line


def test_expected_gain_formula(minimal_pack: RulePack) -> None:
    """Resolving findings recovers their severity share of the dimension's shortfall."""
    profile = _profile([{"id": "time_conflict", "severity": "high"}], {"participation_rate": 50, "satisfaction": 80})
    facts = normalize_indicators(profile, minimal_pack)  # type: ignore[arg-type]
    scores = compute_scores(minimal_pack, facts)
    rank = {"time_conflict": 3, "low_participation": 2}
    gain, unscored = expected_gain(minimal_pack, scores, rank, ["time_conflict"])
    # access 50 -> 50 + 50 x 1.5 / (1.5 + 1.0) = 80; overall 0.6 x 50 + 0.4 x 80 = 62 -> 0.6 x 80 + 0.4 x 80 = 80.
    assert gain == pytest.approx(18.0) and unscored == []
    no_score = compute_scores(minimal_pack, {})
    assert expected_gain(minimal_pack, no_score, rank, ["time_conflict"]) == (None, ["access"])


def test_quick_wins_first_then_order(pack: RulePack) -> None:
    """Within a phase quick wins come first; --order gain sorts by expected gain."""
    advice = advise(load_profile(PUPR, rules=pack), pack)
    steps = {r.id: r for r in advice.recommendations}
    for phase in advice.roadmap:
        flags = [steps[rid].quick_win for rid in phase]
        assert flags == sorted(flags, reverse=True)
    by_gain = reorder(advice, "gain")
    assert by_gain.plan_order == "gain"
    for phase in by_gain.roadmap:
        for quick in (True, False):
            gains = [steps[rid].expected_gain or 0 for rid in phase if steps[rid].quick_win is quick]
            assert gains == sorted(gains, reverse=True)
    with pytest.raises(ValueError):
        order_roadmap(advice.recommendations, "random")


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_plans_match_golden(pack: RulePack, seed: str) -> None:
    """The plans of the five seed profiles (regenerate with UPDATE_GOLDEN=1)."""
    advice = advise(load_profile(EXAMPLES / f"{seed}.yaml", rules=pack), pack, lang="en")
    outputs = {
        f"{seed}.json": render_plan(advice, "json"),
        f"{seed}.txt": render_plan(advise(load_profile(EXAMPLES / f"{seed}.yaml", rules=pack), pack), "text"),
    }
    for name, text in outputs.items():
        path = GOLDEN / name
        if os.environ.get("UPDATE_GOLDEN"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"missing {path}; run with UPDATE_GOLDEN=1"
        assert text == path.read_text(encoding="utf-8"), f"{name} changed; review and run with UPDATE_GOLDEN=1"
    data = json.loads(outputs[f"{seed}.json"])
    assert data["roadmap"] and all(
        step["phase"] == i for i, phase in enumerate(data["phases"], 1) for step in phase["steps"]
    )


def test_advice_json_keeps_the_contract_and_adds_the_plan(pack: RulePack) -> None:
    """advise JSON keeps every contract field and adds phase and roadmap."""
    data = json.loads(advise(load_profile(EXAMPLES / "bungo.yaml", rules=pack), pack).model_dump_json())
    assert {"program", "score", "findings", "recommendations", "data_gaps", "roadmap", "dropped"} <= set(data)
    for rec in data["recommendations"]:
        assert {"rank", "id", "title", "priority", "addresses", "because", "phase"} <= set(rec)
    assert sorted(r for phase in data["roadmap"] for r in phase) == sorted(r["id"] for r in data["recommendations"])


# ---------------------------------------------------------------- what if and the CLI


def test_what_if_library(pack: RulePack) -> None:
    """Setting indicators rescoring and resolving findings changes score, findings and plan."""
    profile = load_profile(PUPR, rules=pack)
    result = what_if(
        profile,
        pack,
        set_values={"participation_rate": 95, "nominee_attendance_rate": 95},
        resolve=["time_conflict"],
        lang="en",
    )
    assert result.score.before is not None and result.score.after is not None and result.score.expected is not None
    assert result.score.after > result.score.before and result.score.expected >= result.score.after
    assert "time_conflict" in result.findings_removed and "low_participation" in result.findings_removed
    assert "time_conflict" not in {f.id for f in result.after.findings}
    assert result.roadmap_after != result.roadmap_before or result.steps_removed


def test_plan_cli_formats_and_order(runner: CliRunner) -> None:
    """plan prints text, markdown and JSON, in both languages, in either order."""
    text = runner.invoke(main, ["plan", PUPR])
    assert text.exit_code == 0 and "Peta jalan" in text.output and "Fase 1" in text.output
    english = runner.invoke(main, ["plan", PUPR, "--lang", "en", "--format", "markdown", "--order", "gain"])
    assert english.exit_code == 0 and "## Roadmap" in english.output and "expected score gain" in english.output
    data = json.loads(runner.invoke(main, ["plan", PUPR, "--format", "json"]).output)
    assert data["order"] == "priority" and data["roadmap"] and data["phases"][0]["steps"][0]["phase"] == 1
    advise_text = runner.invoke(main, ["advise", str(EXAMPLES / "bungo.yaml"), "--lang", "en", "--detail"])
    assert "Roadmap" in advise_text.output and "Phase 2" in advise_text.output
    advise_md = runner.invoke(main, ["advise", str(EXAMPLES / "bungo.yaml"), "--format", "markdown"])
    assert "## Peta jalan" in advise_md.output and "### Fase 2" in advise_md.output
    explained = runner.invoke(main, ["explain", str(EXAMPLES / "bungo.yaml"), "learning_culture", "--lang", "en"])
    assert "root cause of low_transfer (through weak_supervisor_support)" in explained.output


def test_whatif_cli(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """whatif shows the change; bad input is a clear error, never a traceback."""
    monkeypatch.setenv("ASN_ADVISOR_LANG", "en")
    result = runner.invoke(
        main, ["whatif", PUPR, "--set", "participation_rate=85", "--resolve", "time_conflict", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "Overall score: 77.6 now" in result.output
        and "Findings gone: Training time conflicts with daily duties" in result.output
    )
    data = json.loads(runner.invoke(main, ["whatif", PUPR, "--resolve", "time_conflict", "--format", "json"]).output)
    assert data["resolve"] == ["time_conflict"] and "roadmap_after" in data
    assert (
        runner.invoke(
            main, ["whatif", PUPR, "--format", "markdown", "--set", "absence_reasons.work_conflict=10"]
        ).exit_code
        == 0
    )
    cases = [
        (["whatif", PUPR], 2, "--set"),
        (["whatif", PUPR, "--set", "participation_rate"], 2, "name=value"),
        (["whatif", PUPR, "--set", "participation_rat=3"], 1, "did you mean 'participation_rate'"),
        (["whatif", PUPR, "--resolve", "time_conflit"], 1, "did you mean 'time_conflict'"),
        (["whatif", PUPR, "--resolve", "limited_budget"], 1, "present findings:"),
        (["whatif", PUPR, "--set", "participation_rate=150"], 5, "between 0 and 100"),
        (["whatif", PUPR, "--set", "participation_rate=["], 2, "Y035"),
    ]
    for args, code, needle in cases:
        outcome = runner.invoke(main, args)
        assert outcome.exit_code == code, (args, outcome.output)
        assert needle in outcome.output and "Traceback" not in outcome.output, (args, outcome.output)


@FEWER
@given(
    st.integers(2, 5).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), unique=True, max_size=6)
        )
    )
)
def test_any_requires_cycle_is_a_load_error_naming_its_members(drawn: tuple[int, list[tuple[int, int]]]) -> None:
    """A pack loads iff requires is acyclic; otherwise each cycle's members are named (E122)."""
    import networkx as nx

    n, edges = drawn
    requires: dict[int, list[int]] = {}
    for a, b in edges:
        requires.setdefault(a, []).append(b)
    case = {"n": n, "requires": requires, "conflicts": [], "addresses": {}, "causes": [], "effort": [0] * n}
    graph: nx.DiGraph[int] = nx.DiGraph(edges)
    graph.add_nodes_from(range(n))
    expected = [
        sorted(f"r{i}" for i in c)
        for c in nx.strongly_connected_components(graph)
        if len(c) > 1 or graph.has_edge(*(next(iter(c)),) * 2)
    ]
    text = _pack_text(n, requires, [], {}, [], [0] * n)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pack.yaml").write_text("pack: {id: uji, version: '1'}\ninclude: [p.yaml]\n", encoding="utf-8")
        (root / "p.yaml").write_text(text, encoding="utf-8")
        try:
            load_rules(root)
        except RulePackError as error:
            problems = [p for p in error.problems if p.code == "E122"]
            assert expected and len(problems) == len(expected), [str(p) for p in error.problems]
            for members in expected:
                [problem] = [p for p in problems if all(f"{m} -> " in p.message for m in members)]
                assert problem.message.count("p.yaml:") == len(members)
            return
    assert not expected, case


def test_conflict_with_a_prerequisite_and_through_a_prerequisite(write_pack: Callable[..., Path]) -> None:
    """A weaker step that conflicts with a stronger step's prerequisite, or whose own prerequisite conflicts,
    is dropped."""
    from .conftest import MINIMAL_PACK

    text = textwrap.dedent(MINIMAL_PACK["base.yaml"])
    text = text.replace(
        "flexible_scheduling: {label: {id: Jadwal fleksibel, en: Flexible scheduling}, "
        "effort: low, time_to_impact: short}",
        "flexible_scheduling: {label: {id: Jadwal fleksibel, en: Flexible scheduling}, "
        "effort: low, time_to_impact: short, requires: [{id: improve_methods, source: t}]}",
    ).replace(
        "promote_benefits: {label: {id: Promosi manfaat, en: Promote benefits}}",
        "promote_benefits: {label: {id: Promosi manfaat, en: Promote benefits}, conflicts_with: [improve_methods]}",
    )
    pack = load_rules(write_pack({"base.yaml": text}))
    advice = advise(_profile([{"id": "time_conflict"}, {"id": "low_participation"}]), pack, lang="en")
    steps = {r.id: r for r in advice.recommendations}
    assert set(steps) == {"flexible_scheduling", "improve_methods"}
    assert (
        steps["improve_methods"].added_as_prerequisite
        and steps["improve_methods"].phase == 1
        and steps["flexible_scheduling"].phase == 2
    )
    [dropped] = advice.dropped
    assert dropped.id == "promote_benefits" and dropped.kept == "improve_methods" and dropped.through is None
    assert "improve_methods is a prerequisite of flexible_scheduling" in dropped.reason

    # The other way round: the weaker step's own prerequisite conflicts with the stronger step.
    text2 = (
        textwrap.dedent(MINIMAL_PACK["base.yaml"])
        .replace(
            "promote_benefits: {label: {id: Promosi manfaat, en: Promote benefits}}",
            "promote_benefits: {label: {id: Promosi manfaat, en: Promote benefits}, requires: [improve_methods]}",
        )
        .replace(
            "improve_methods: {label: {id: Perbaiki metode, en: Improve methods}}",
            "improve_methods: {label: {id: Perbaiki metode, en: Improve methods}, "
            "conflicts_with: [flexible_scheduling]}",
        )
    )
    pack2 = load_rules(write_pack({"base.yaml": text2}))
    advice2 = advise(_profile([{"id": "time_conflict"}, {"id": "low_participation"}]), pack2, lang="en")
    assert [r.id for r in advice2.recommendations] == ["flexible_scheduling"]
    [dropped2] = advice2.dropped
    assert (
        dropped2.id == "promote_benefits"
        and dropped2.through == "improve_methods"
        and dropped2.kept == "flexible_scheduling"
    )
    assert "its prerequisite improve_methods conflicts with flexible_scheduling" in dropped2.reason
    text_out = render_plan(advice2, "text")
    assert "Left out because of a conflict" in text_out and "Promote benefits" in text_out
