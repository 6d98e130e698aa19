"""Loading rule packs: every problem with file, line, column and a hint."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from asn_advisor import RulePackError, load_rules

from .conftest import MINIMAL_PACK


def problems_of(root: Path) -> list[str]:
    with pytest.raises(RulePackError) as info:
        load_rules(root, display="pack")
    return [str(p) for p in info.value.problems]


def test_minimal_pack_loads(write_pack: Callable[..., Path]) -> None:
    """A well-formed pack loads and orders its rules."""
    pack = load_rules(write_pack(dict(MINIMAL_PACK)))
    assert pack.id == "uji"
    assert [r.id for r in pack.derive_rules] == ["kepuasan-rendah", "partisipasi-rendah"]
    assert pack.findings["time_conflict"].severity == "medium"


def test_unknown_key_gets_location_and_suggestion(write_pack: Callable[..., Path]) -> None:
    """A misspelled key is named with its position and the key meant."""
    files = dict(MINIMAL_PACK)
    files["extra.yaml"] = """
        derive:
          - id: contoh
            finding: low_participation
            whne: participation_rate < 50
    """
    problems = problems_of(write_pack(files))
    assert any(
        p.startswith("pack/extra.yaml:4:5: [error] E102 unknown key 'whne'") and "did you mean 'when'?" in p
        for p in problems
    ), problems


def test_condition_error_column_is_inside_the_expression(write_pack: Callable[..., Path]) -> None:
    """A condition error points at the column of the problem in the file."""
    files = dict(MINIMAL_PACK)
    files["extra.yaml"] = """
        derive:
          - id: contoh
            finding: low_participation
            when: participation_rat < 50
          - id: contoh-dua
            finding: low_participation
            when: "participation_rate < '50'"
    """
    problems = problems_of(write_pack(files))
    assert any(
        p.startswith("pack/extra.yaml:4:11: [error] E301 unknown name 'participation_rat'")
        and "participation_rate" in p
        for p in problems
    ), problems
    assert any(p.startswith("pack/extra.yaml:7:33: [error] E301") for p in problems), problems


def test_every_problem_is_gathered(write_pack: Callable[..., Path]) -> None:
    """Loading reports all problems at once, sorted by place."""
    files = dict(MINIMAL_PACK)
    files["extra.yaml"] = """
        recommend:
          - id: satu
            when: has(low_participaton)
            recommend: [flexible_schedulin]
          - id: satu
            when: has(time_conflict)
            recommend: [promote_benefits]
            weight: 9
    """
    problems = problems_of(write_pack(files))
    joined = "\n".join(problems)
    assert "unknown finding 'low_participaton'" in joined and "did you mean 'low_participation'?" in joined
    assert "unknown recommendation 'flexible_schedulin'" in joined
    assert "less than or equal to 3" in joined
    assert problems == sorted(problems, key=lambda p: (p.split(":")[0], int(p.split(":")[1]), int(p.split(":")[2])))


def test_duplicate_ids_across_files(write_pack: Callable[..., Path]) -> None:
    """An id defined in two files names both places."""
    files = dict(MINIMAL_PACK)
    files["extra.yaml"] = """
        findings:
          time_conflict: {label: {id: Lagi, en: Again}, dimension: access}
    """
    problems = problems_of(write_pack(files))
    assert any("extra.yaml:2:3" in p and "defined twice" in p and "base.yaml" in p for p in problems), problems


def test_derivation_cycle_names_every_member(write_pack: Callable[..., Path]) -> None:
    """Rules that feed each other's findings in a loop are a load error naming each."""
    files = dict(MINIMAL_PACK)
    files["extra.yaml"] = """
        derive:
          - id: putaran-a
            finding: time_conflict
            when: has(low_satisfaction)
          - id: putaran-b
            finding: low_satisfaction
            when: has(time_conflict)
    """
    problems = problems_of(write_pack(files))
    cycle = [p for p in problems if "E116" in p]
    assert cycle and "putaran-a (pack/extra.yaml:2:5)" in cycle[0] and "putaran-b (pack/extra.yaml:5:5)" in cycle[0]


def test_reading_rules_run_after_producing_rules(write_pack: Callable[..., Path]) -> None:
    """A rule reading a derived finding is ordered after the rule producing it."""
    files = dict(MINIMAL_PACK)
    files["extra.yaml"] = """
        derive:
          - id: a-membaca
            finding: time_conflict
            when: has(low_participation, "high")
    """
    pack = load_rules(write_pack(files))
    order = [r.id for r in pack.derive_rules]
    assert order.index("partisipasi-rendah") < order.index("a-membaca")


@pytest.mark.parametrize("include", ["../outside.yaml", "/etc/passwd", "sub/../../outside.yaml"])
def test_includes_cannot_leave_the_pack(write_pack: Callable[..., Path], include: str) -> None:
    """Includes with .. or absolute paths are refused."""
    root = write_pack(dict(MINIMAL_PACK), include=["base.yaml", include])
    (root.parent / "outside.yaml").write_text("findings: {}\n")
    problems = problems_of(root)
    assert any("E202" in p for p in problems), problems


def test_symlinked_include_outside_the_pack_is_refused(write_pack: Callable[..., Path]) -> None:
    """A link inside the pack that points outside it is refused."""
    root = write_pack(dict(MINIMAL_PACK), include=["base.yaml", "link.yaml"])
    outside = root.parent / "secret.yaml"
    outside.write_text("findings: {}\n")
    os.symlink(outside, root / "link.yaml")
    problems = problems_of(root)
    assert any("E202" in p and "link" in p for p in problems), problems


def test_comma_in_flow_label_gets_a_quoting_hint(write_pack: Callable[..., Path]) -> None:
    """The commonest YAML trap for staff: commas in {id: ..., en: ...}."""
    files = dict(MINIMAL_PACK)
    files["extra.yaml"] = """
        recommendations:
          partnerships: {label: {id: Kerja sama kampus, swasta, en: Partnerships}}
    """
    problems = problems_of(write_pack(files))
    assert any("unknown key 'swasta'" in p and "put quotes" in p for p in problems), problems


def test_not_a_pack_directory(tmp_path: Path) -> None:
    """A directory without pack.yaml says so, with what to do."""
    with pytest.raises(RulePackError, match="no pack.yaml"):
        load_rules(tmp_path)


def test_a_map_key_label_names_a_key_of_the_map(write_pack: Callable[..., Path]) -> None:
    """Labels of a map's keys are read in the reader's language; a label for a key the map lacks is E111."""
    files = dict(MINIMAL_PACK)
    files["extra.yaml"] = """
        indicators:
          absence_reasons:
            type: map
            label: {id: Alasan tidak hadir, en: Why staff did not attend}
            keys: [work_conflict, unreachable]
            key_labels:
              work_conflict: {id: pekerjaan mendesak, en: urgent work}
    """
    pack = load_rules(write_pack(files))
    spec = pack.indicators["absence_reasons"]
    assert spec.key_label("work_conflict", "id") == "pekerjaan mendesak"
    assert spec.key_label("work_conflict", "en") == "urgent work"
    assert spec.key_label("unreachable", "id") == "unreachable"
    files["extra.yaml"] = files["extra.yaml"].replace("work_conflict: {id:", "work_conflit: {id:")
    problems = problems_of(write_pack(files))
    assert any("E111" in p and "'work_conflit'" in p and "did you mean 'work_conflict'?" in p for p in problems), (
        problems
    )
