"""The properties that make the advice trustworthy, each a hypothesis test.

- the same input gives byte-identical output, across runs and PYTHONHASHSEED values;
- the ranking does not depend on the order of rules, of files in the pack
  (nor of findings in the profile: test_engine.py);
- worsening an indicator never raises the overall score, and never lowers
  the priority of a recommendation addressing a finding it triggers;
- a profile and an advice survive serializing and loading unchanged.
(The score stays in 0..100: test_engine.py, over every indicator of the pack.)
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from asn_advisor import Advice, Profile, RulePack, advise, load_profile, load_rules
from asn_advisor._base.safe_yaml import dump_yaml
from asn_advisor.engine import summarize
from asn_advisor.engine.scoring import metric_score
from asn_advisor.model import Summary
from asn_advisor.model.profile import profile_from_mapping

from .conftest import EXAMPLES, ROOT
from .strategies import profiles

# Expensive examples (subprocesses, pack reloads) run fewer times; the
# profile in conftest.py still sets the scale (CI runs fewer than dev).
FEW = settings(
    max_examples=max(2, settings().max_examples // 30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SOME = settings(
    max_examples=max(5, settings().max_examples // 6),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def _profile(data: dict[str, Any]) -> Profile:
    return profile_from_mapping(data)


# ---------------------------------------------------------------- determinism

# Runs the CLI in-process on every file named in argv, in every format and
# language, and prints everything it printed: the bytes to compare.
_RENDER_ALL = """
import sys
from click.testing import CliRunner
import asn_advisor.cli.advise as cli
from asn_advisor.cli import main
pack = cli.load_pack(None)
cli.load_pack = lambda rules_dir: pack  # load once: the pack is not what varies here
runner = CliRunner()
out = sys.stdout.buffer
for path in sys.argv[1:]:
    for args in (["advise", "--format", "json"], ["advise", "--format", "markdown", "--lang", "en"], ["advise"], \
["score", "--format", "json"], ["explain", "--lang", "en"]):
        result = runner.invoke(main, [args[0], path, *args[1:]])
        out.write(f"== {path} {args} exit={result.exit_code}\\n".encode())
        out.write(result.stdout_bytes)
"""


def _render_in_subprocesses(files: list[Path], seeds: list[str]) -> dict[str, bytes]:
    runs = {}
    for seed in seeds:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        env.pop("ASN_ADVISOR_LANG", None)
        runs[seed] = subprocess.Popen(
            [sys.executable, "-c", _RENDER_ALL, *map(str, files)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
    outputs = {}
    for seed, process in runs.items():
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode(errors="replace")[-3000:]
        outputs[seed] = out
    return outputs


@FEW
@given(st.lists(profiles, min_size=1, max_size=4))
def test_output_is_byte_identical_across_runs_and_hash_seeds(
    tmp_path_factory: pytest.TempPathFactory, generated: list[dict[str, Any]]
) -> None:
    """Every command, format and language prints the same bytes in three runs with different hash seeds."""
    directory = tmp_path_factory.mktemp("determinism")
    files = list(EXAMPLE_FILES)
    for index, data in enumerate(generated):
        path = directory / f"generated-{index}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        files.append(path)
    # Two fixed seeds and a random one, in three separate runs.
    outputs = _render_in_subprocesses(files, ["0", "1", "random"])
    assert outputs["0"] == outputs["1"] == outputs["random"]
    assert b"exit=0" in outputs["0"]


# ---------------------------------------------------------------- order of rules and files


def _without_locations(advice: Advice) -> dict[str, Any]:
    """The advice minus what legitimately changes when rules move: every file and line, the pack digest."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("file", "line")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    data = advice.model_dump(mode="json")
    data.pop("pack")
    return dict(strip(data))


def _shuffled_pack(source: Path, target: Path, rnd: random.Random) -> None:
    """Copy a pack with every list of rules, every catalog and the include list in a random order,
    and some rules moved into a new file."""
    shutil.copytree(source, target)
    manifest = yaml.safe_load((target / "pack.yaml").read_text(encoding="utf-8"))
    moved: dict[str, list[Any]] = {"derive": [], "recommend": []}
    for name in manifest["include"]:
        path = target / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, value in list(data.items()):
            if isinstance(value, list) and key in moved:
                rnd.shuffle(value)
                keep = [rule for rule in value if rnd.random() < 0.7]
                moved[key].extend(rule for rule in value if rule not in keep)
                data[key] = keep
            elif isinstance(value, dict) and key != "scoring":
                items = list(value.items())
                rnd.shuffle(items)
                data[key] = dict(items)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rnd.shuffle(moved["derive"])
    rnd.shuffle(moved["recommend"])
    (target / "dipindah.yaml").write_text(
        yaml.safe_dump({k: v for k, v in moved.items() if v}, allow_unicode=True, sort_keys=False) or "{}\n",
        encoding="utf-8",
    )
    includes = [*manifest["include"], "dipindah.yaml"]
    rnd.shuffle(includes)
    manifest["include"] = includes
    (target / "pack.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")


@SOME
@given(st.integers(0, 2**32 - 1), profiles)
def test_ranking_does_not_depend_on_the_order_of_rules_or_files(
    pack: RulePack, tmp_path_factory: pytest.TempPathFactory, seed: int, generated: dict[str, Any]
) -> None:
    """Shuffling rules within files, moving rules between files and reordering includes changes no advice."""
    # A seeded generator rather than st.randoms(): its draws do not depend on
    # how far the test gets, so a failure replays exactly.
    rnd = random.Random(seed)
    shuffled_root = tmp_path_factory.mktemp("shuffled") / "pack"
    _shuffled_pack(ROOT / "rules", shuffled_root, rnd)
    shuffled = load_rules(shuffled_root)
    for path in EXAMPLE_FILES:
        original = advise(load_profile(path, rules=pack), pack, lang="en")
        again = advise(load_profile(path, rules=shuffled), shuffled, lang="en")
        assert _without_locations(again) == _without_locations(original), path.name
    profile = _profile(generated)
    assert _without_locations(advise(profile, shuffled)) == _without_locations(advise(profile, pack))


# ---------------------------------------------------------------- monotonicity


def _single_metrics(pack: RulePack) -> dict[str, tuple[Any, str]]:
    """Indicators scored by a metric of their own, with the dimension they belong to."""
    found: dict[str, tuple[Any, str]] = {}
    for dim_id, dimension in pack.dimensions.items():
        for metric in dimension.metrics:
            if metric.spec.indicator is not None and pack.indicators[metric.spec.indicator].type in (
                "percent",
                "number",
                "rating",
            ):
                found[metric.spec.indicator] = (metric, dim_id)
    return found


def _worse(pack: RulePack, name: str, raw: Any, fraction: float) -> Any:
    """Move ``raw`` a ``fraction`` of the way toward the value its metric scores lowest; None if it cannot get worse."""
    metric, _ = _single_metrics(pack)[name]
    spec = pack.indicators[name]
    if isinstance(raw, dict):  # {value, scale}: worsen on the scale (ratings score higher when higher)
        scale = pack.scoring.scales[raw["scale"]]
        value = raw["value"] - fraction * (raw["value"] - scale.min)
        return {"value": round(value, 3), "scale": raw["scale"]}
    low, high = spec.bounds()
    low = 0.0 if low is None else low
    high = max(float(raw), 100.0) if high is None else high
    better_when_higher = (metric_score(metric, high) or 0) >= (metric_score(metric, low) or 0)
    target = low if better_when_higher else high
    value = raw + fraction * (target - raw)
    if isinstance(raw, int):
        value = int(value) if better_when_higher else -int(-value)
    if spec.type == "rating" and 0 < value <= 5:
        value = 0  # a bare 1..5 rating is refused as ambiguous; 0 is worse still
    return value


def _comparisons(node: Any, name: str) -> list[str]:
    """How a condition compares indicator ``name`` with a constant: "low" (name < c) or "high" (name > c)."""
    from asn_advisor.condition import ast

    found: list[str] = []
    if isinstance(node, ast.Compare) and node.op in ("<", "<=", ">", ">="):
        left, right = node.left, node.right
        if isinstance(left, ast.Name) and left.name == name and isinstance(right, ast.Literal):
            found.append("low" if node.op in ("<", "<=") else "high")
        elif isinstance(right, ast.Name) and right.name == name and isinstance(left, ast.Literal):
            found.append("high" if node.op in ("<", "<=") else "low")
    for child in getattr(node, "operands", ()) or ():
        found += _comparisons(child, name)
    for attr in ("operand", "left", "right"):
        child = getattr(node, attr, None)
        if child is not None and not isinstance(node, ast.Compare):
            found += _comparisons(child, name)
    return found


def _triggered_by(pack: RulePack, name: str) -> set[str]:
    """Findings derived by a rule that fires when indicator ``name`` is bad, and only then.

    A rule that reads the indicator in its good direction as well (for
    example "coverage is low although participation is high") describes
    another situation, and worsening the indicator may rightly end it.
    """
    metric, _ = _single_metrics(pack)[name]
    low, high = pack.indicators[name].bounds()
    low = 0.0 if low is None else low
    high = 100.0 if high is None else high
    bad = "low" if (metric_score(metric, high) or 0) >= (metric_score(metric, low) or 0) else "high"
    triggered = set()
    for rule in pack.derive_rules:
        directions = _comparisons(rule.condition.tree, name)
        if directions and all(d == bad for d in directions):
            triggered.add(rule.rule.finding)
    return triggered


@given(profiles, st.data(), st.floats(0.05, 1.0))
def test_worsening_an_indicator_never_raises_the_score_nor_lowers_its_remedies(
    pack: RulePack, generated: dict[str, Any], data: st.DataObject, fraction: float
) -> None:
    """Score: never up.

    A recommendation addressing a finding the indicator triggers: still there, priority never down.
    """
    candidates = sorted(set(generated["indicators"]) & set(_single_metrics(pack)))
    assume(candidates)
    name = data.draw(st.sampled_from(candidates))
    worse_value = _worse(pack, name, generated["indicators"][name], fraction)
    worse = {**generated, "indicators": {**generated["indicators"], name: worse_value}}
    before = advise(_profile(generated), pack)
    after = advise(_profile(worse), pack)
    if before.score.overall is not None and after.score.overall is not None:
        assert after.score.overall <= before.score.overall + 1e-9
    triggered = _triggered_by(pack, name)
    after_recs = {rec.id: rec for rec in after.recommendations}
    derived_before = {f.id for f in before.findings if f.source == "derived"}
    for rec in before.recommendations:
        if set(rec.addresses) & triggered & derived_before:
            assert rec.id in after_recs, (name, rec.id)
            assert after_recs[rec.id].priority >= rec.priority - 1e-6, (
                name,
                rec.id,
                rec.priority,
                after_recs[rec.id].priority,
            )


# ---------------------------------------------------------------- round trips


@given(profiles)
def test_profile_survives_serializing_and_loading(pack: RulePack, generated: dict[str, Any]) -> None:
    """A profile dumped to JSON or YAML loads back equal, and advises the same."""
    original = _profile(generated)
    dumped = original.model_dump(mode="json", exclude_none=True)
    for name, text in (("p.json", json.dumps(dumped)), ("p.yaml", dump_yaml(dumped))):
        loaded = load_profile(io.BytesIO(text.encode("utf-8")), rules=pack, name=name)
        assert loaded.model_dump() == original.model_dump()
        assert advise(loaded, pack) == advise(original, pack)


@given(profiles, st.sampled_from(["id", "en"]))
def test_advice_survives_serializing_and_loading(pack: RulePack, generated: dict[str, Any], lang: str) -> None:
    """Advice JSON loads back into an equal Advice, and dumps to the same bytes."""
    advice = advise(_profile(generated), pack, lang=lang)
    text = advice.model_dump_json()
    again = Advice.model_validate_json(text)
    assert again == advice
    assert again.model_dump_json() == text
    # The engine builds its models without validating them again (engine/construct.py):
    # every one holds exactly its declared fields, in their declared order.
    for model in _models(advice):
        assert list(model.__dict__) == list(type(model).model_fields), type(model).__name__
        assert model.__pydantic_extra__ is None and model.__pydantic_private__ is None


def _models(node: Any) -> list[BaseModel]:
    if isinstance(node, BaseModel):
        if type(node).model_config.get("extra") == "allow":  # Program: the profile's own, kept as given
            return []
        return [node, *(m for value in node.__dict__.values() for m in _models(value))]
    if isinstance(node, list):
        return [m for item in node for m in _models(item)]
    if isinstance(node, dict):
        return [m for item in node.values() for m in _models(item)]
    return []


@given(profiles, st.sampled_from(["id", "en"]))
def test_the_lean_summary_is_the_summary_of_the_full_advice(
    pack: RulePack, generated: dict[str, Any], lang: str
) -> None:
    """summarize() -- the engine stopping once recommendations are ranked -- equals the full advice's fields."""
    profile = _profile(generated)
    assert summarize(profile, pack, lang=lang) == Summary.from_advice(advise(profile, pack, lang=lang))


@SOME
@given(profiles, st.data(), st.sampled_from(["id", "en"]))
def test_the_lean_summary_equals_the_full_advice_with_proposals_types_and_strengths(
    pack: RulePack, generated: dict[str, Any], data: st.DataObject, lang: str
) -> None:
    """Proposals (supported, unknown, of another program type, in place), program types and stated
    strengths take every branch of the engine; the summary still equals the full advice's fields, and
    the full advice still loads back from its JSON as it was."""
    recs = sorted(pack.recommendations)
    generated = dict(generated)
    generated["proposals"] = [
        {"id": rid} for rid in data.draw(st.lists(st.sampled_from([*recs, "no_such_remedy"]), max_size=4))
    ]
    generated["strengths"] = [
        {"text": text} for text in data.draw(st.lists(st.text(min_size=1, max_size=8), max_size=2))
    ]
    kind = data.draw(st.sampled_from([None, "pelatihan", "pembinaan", "seminar", "Bimbingan Teknis"]))
    if kind is not None:
        generated["program"] = {**generated["program"], "type": kind}
    profile = _profile(generated)
    advice = advise(profile, pack, lang=lang)
    assert summarize(profile, pack, lang=lang) == Summary.from_advice(advice)
    assert Advice.model_validate_json(advice.model_dump_json()) == advice
