"""Authoring tools: rules check/lint, rules test, schemas, regional packs, init, diff."""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from asn_advisor import RulePackError, advise, load_rules
from asn_advisor.authoring.cases import run_tests
from asn_advisor.authoring.schema import SCHEMAS, schema_text
from asn_advisor.cli import main
from asn_advisor.errors import ExitCode
from asn_advisor.model.profile import profile_from_mapping
from asn_advisor.pack.lint import CHECKS, lint, reference_markdown

from .conftest import EXAMPLES, ROOT


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


REGIONAL = {
    "pack.yaml": """
        pack: {id: jabar, version: "1"}
        extends: nasional
        include: [aturan.yaml]
        tests: [uji/*.yaml]
    """,
    "aturan.yaml": """
        override:
          rules:
            partisipasi-rendah: {when: participation_rate < 75}
            partisipasi-jadwal-fleksibel: {weight: 2}
          dimensions:
            access: {weight: 30}
          findings:
            low_participation: {label: {id: Partisipasi rendah sekali}}
        disable: [ikm-rendah]
    """,
    "uji/kasus.yaml": """
        cases:
          - name: ambang-daerah
            indicators: {participation_rate: 72}
            expect:
              findings: {low_participation: medium}
              fires: [partisipasi-rendah]
    """,
}


def lint_codes(tmp_path: Path, rules: str) -> list[tuple[str, int]]:
    files = dict(REGIONAL)
    files["aturan.yaml"] = rules
    files["uji/kasus.yaml"] = "cases: []\n"
    pack = load_rules(write(tmp_path / "p", files), display="p")
    return [(p.code, p.location.line) for p in lint(pack, lang="en")]


# ---------------------------------------------------------------- regional packs


def test_regional_pack_overrides_and_disables(tmp_path: Path) -> None:
    """extends: nasional inherits everything; override and disable change it by id."""
    pack = load_rules(write(tmp_path / "p", REGIONAL), display="p")
    national = load_rules()
    derive = {r.id: r for r in pack.derive_rules}
    assert derive["partisipasi-rendah"].rule.when == "participation_rate < 75"
    assert "ikm-rendah" not in derive and "ikm-rendah" in {r.id for r in national.derive_rules}
    assert {r.id: r for r in pack.recommend_rules}["partisipasi-jadwal-fleksibel"].rule.weight == 2
    assert pack.dimensions["access"].spec.weight == 30
    label = pack.findings["low_participation"].label
    assert label.id == "Partisipasi rendah sekali" and label.en == national.findings["low_participation"].label.en
    assert pack.own_rules == {"partisipasi-rendah", "partisipasi-jadwal-fleksibel"}
    assert run_tests(pack).failed == 0


def test_override_errors_point_at_the_override(tmp_path: Path) -> None:
    """A bad override condition, unknown id or misplaced field is located in the regional file."""
    files = dict(REGIONAL)
    files["aturan.yaml"] = """
        override:
          rules:
            partisipasi-rendah: {when: participation_rat < 75}
            kurang-20jp: {weight: 2}
            tidak-ada: {weight: 1}
        disable: [ikm-rendahh]
        derive:
          - {id: partisipasi-rendah, finding: low_participation, when: participation_rate < 1}
    """
    with pytest.raises(RulePackError) as info:
        load_rules(write(tmp_path / "p", files), display="p")
    text = [str(p) for p in info.value.problems]
    assert any(p.startswith("p/aturan.yaml:3:32: [error] E301 unknown name 'participation_rat'") for p in text), text
    assert any("E117 'weight' applies only to recommend rules" in p for p in text), text
    assert any("override of unknown rule 'tidak-ada'" in p for p in text), text
    assert any("cannot disable unknown rule 'ikm-rendahh'" in p and "ikm-rendah" in p for p in text), text
    assert any("E114" in p and "override:" in p for p in text), text


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("extends", "../luar", "leaves the pack directory"),
        ("extends", "/etc", "absolute path"),
        ("include", "[../luar/a.yaml]", "leaves the pack directory"),
        ("include", "[/etc/passwd]", "absolute path"),
        ("tests", "[../luar/*.yaml]", "leaves the pack directory"),
    ],
)
def test_includes_and_extends_stay_inside_the_pack(tmp_path: Path, key: str, value: str, message: str) -> None:
    """'..' and absolute paths are refused for extends, include and tests."""
    write(tmp_path / "luar", {"pack.yaml": "pack: {id: luar, version: '1'}\n", "a.yaml": "findings: {}\n"})
    root = write(
        tmp_path / "p",
        {
            "pack.yaml": f"pack: {{id: p, version: '1'}}\nextends: nasional\n{key}: {value}\n"
            if key != "extends"
            else f"pack: {{id: p, version: '1'}}\nextends: {value}\n"
        },
    )
    with pytest.raises(RulePackError) as info:
        load_rules(root)
    assert any(message in p.message and p.code == "E202" for p in info.value.problems), info.value.problems


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlinks_out_of_the_pack_are_refused(tmp_path: Path) -> None:
    """A link inside the pack that points outside it cannot be included or extended."""
    outside = write(
        tmp_path / "luar",
        {"pack.yaml": "pack: {id: luar, version: '1'}\nextends: nasional\n", "a.yaml": "findings: {}\n"},
    )
    root = write(tmp_path / "p", {"pack.yaml": "pack: {id: p, version: '1'}\nextends: dasar\ninclude: [a.yaml]\n"})
    os.symlink(outside, root / "dasar")
    os.symlink(outside / "a.yaml", root / "a.yaml")
    with pytest.raises(RulePackError) as info:
        load_rules(root)
    messages = [p.message for p in info.value.problems]
    assert any("extends 'dasar' resolves outside the pack" in m for m in messages), messages
    assert any("include 'a.yaml' resolves outside the pack" in m for m in messages), messages


def test_extends_a_sub_directory(tmp_path: Path) -> None:
    """A pack may extend a pack kept inside its own directory; cycles are refused."""
    base = {"dasar/pack.yaml": "pack: {id: dasar, version: '1'}\nextends: nasional\n"}
    root = write(tmp_path / "p", {**base, "pack.yaml": "pack: {id: p, version: '1'}\nextends: dasar\n"})
    assert load_rules(root).id == "p"
    loop = write(tmp_path / "q", {"pack.yaml": "pack: {id: q, version: '1'}\nextends: .\n"})
    with pytest.raises(RulePackError) as info:
        load_rules(loop)
    assert any(p.code == "E205" for p in info.value.problems)


# ---------------------------------------------------------------- rules check / lint


def test_shipped_pack_is_lint_clean(pack) -> None:  # type: ignore[no-untyped-def]
    """The national pack has no lint warning."""
    assert lint(pack) == []


def test_never_true_and_out_of_range_compare_ranges(tmp_path: Path) -> None:
    """Contradictions and thresholds out of range are found on value ranges, not text."""
    codes = lint_codes(
        tmp_path,
        """
        findings:
          baru: {label: {id: Baru, en: New}, dimension: access}
        derive:
          - {id: a, finding: baru, when: participation_rate < 10 and participation_rate > 20}
          - {id: b, finding: baru, when: not (participation_rate >= 10) and 20 < participation_rate}
          - {id: c, finding: baru, when: missing(online_share) and online_share < 30}
          - {id: d, finding: baru, when: participation_rate < 150}
          - {id: e, finding: baru, when: absence_reasons.unreachable + absence_reasons.no_confirmation > 250}
          - {id: f, finding: baru, when: participation_rate < 10 or participation_rate > 20}
        recommend:
          - {id: r, when: has(baru), recommend: [incentives]}
        """,
    )
    assert ("W401", 4) in codes and ("W401", 5) in codes and ("W401", 6) in codes
    assert ("W402", 7) in codes and ("W402", 8) in codes
    assert ("W401", 9) not in codes and ("W402", 9) not in codes


def test_dimension_caps_are_linted(tmp_path: Path) -> None:
    """A cap whose condition never holds, or compares out of range, is flagged at the cap."""
    codes = lint_codes(
        tmp_path,
        """
        dimensions:
          ekstra:
            label: {id: Ekstra, en: Extra}
            weight: 5
            source: uji
            metrics: [{indicator: online_share, primary: true}]
            caps:
              - {when: online_share > 120, max: 50}
        """,
    )
    assert ("W401", 8) in codes and ("W402", 8) in codes


def test_shadowed_duplicate_unaddressed_unreachable_translation_escalation(tmp_path: Path) -> None:
    """Each remaining check reports its case at the right line."""
    codes = lint_codes(
        tmp_path,
        """
        findings:
          baru: {label: Baru, dimension: access}
          lain: {label: {id: Lain, en: Other}, dimension: access}
        recommendations:
          saran: {label: {id: Saran, en: Advice}}
        derive:
          - id: naik
            finding: lain
            when: participation_rate < 70
            escalate:
              - {when: participation_rate < 60, severity: medium}
              - {when: participation_rate < 50, severity: high}
              - {when: participation_rate > 80, severity: high}
        recommend:
          - {id: a, when: has(time_conflict), recommend: [flexible_scheduling], weight: 3}
          - {id: b, when: has(time_conflict) and online_share < 30, recommend: [flexible_scheduling], weight: 1}
          - {id: c, when: has(lain), recommend: [incentives]}
          - {id: d, when: ada(lain), recommend: [incentives]}
        """,
    )
    assert ("W406", 2) in codes  # label without en
    assert ("W404", 2) in codes  # baru addressed by nothing
    assert ("W405", 5) in codes  # saran reachable by nothing
    assert ("W407", 12) in codes and ("W407", 13) in codes  # shadowed and impossible escalations
    assert ("W403", 16) in codes  # b shadowed by a
    assert ("W403", 17) in codes and ("W403", 18) not in codes  # c and d duplicate: reported once


def test_rules_check_output_format_and_exit_codes(runner: CliRunner, tmp_path: Path) -> None:
    """Problems print as file:line:col: [severity] CODE message (hint), sorted.

    Exit code 4 on errors; --strict fails on warnings.
    """
    files = dict(REGIONAL)
    files["aturan.yaml"] = "derive:\n  - {id: a, finding: low_participation, when: participation_rate < 150}\n"
    root = write(tmp_path / "p", files)
    result = runner.invoke(main, ["rules", "check", str(root), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"{root}/aturan.yaml:2:68: [warning] W402 threshold 150" in result.output
    assert runner.invoke(main, ["rules", "check", str(root), "--strict"]).exit_code == ExitCode.RULES
    assert runner.invoke(main, ["rules", "check", str(root), "--strict", "--ignore", "out-of-range"]).exit_code == 0
    data = json.loads(runner.invoke(main, ["rules", "check", str(root), "--format", "json"]).output)
    assert data["warnings"] == 1 and data["problems"][0]["code"] == "W402"


def test_rules_check_reports_duplicate_keys(runner: CliRunner, tmp_path: Path) -> None:
    """A key written twice in one mapping is an error (E101) shown by rules check, sorted with the rest."""
    files = dict(REGIONAL)
    files["aturan.yaml"] = (
        "override:\n  rules:\n    partisipasi-rendah: {when: participation_rate < 75, when: participation_rate < 80}\n"
    )
    root = write(tmp_path / "p", files)
    result = runner.invoke(main, ["rules", "check", str(root), "--lang", "en"])
    assert result.exit_code == ExitCode.RULES
    assert f"{root}/aturan.yaml:3:57: [error] E101 key 'when' is defined twice" in result.output
    in_indonesian = runner.invoke(main, ["rules", "check", str(root)])
    assert f"{root}/aturan.yaml:3:57: [galat] E101 kunci 'when'" in in_indonesian.output
    assert "Traceback" not in result.output


def test_every_check_documents_pass_and_fail() -> None:
    """Each registered check has a code, a kebab-case name and PASS/FAIL examples, and the guide lists it."""
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    for code, check in CHECKS.items():
        assert check.code == code and "PASS::" in check.doc and "FAIL::" in check.doc, code
        assert re.fullmatch(r"W4\d\d", code) and re.fullmatch(r"[a-z]+(-[a-z]+)*", check.name), code
    assert guide.endswith(reference_markdown()), (
        "regenerate the lint reference at the end of docs/authoring.md from lint.reference_markdown()"
    )


def test_rating_scale_threshold(tmp_path: Path) -> None:
    """A rating compared with a 1-4/1-5 scale value is flagged with the 0..100 equivalents."""
    files = dict(REGIONAL)
    files["aturan.yaml"] = "derive:\n  - {id: a, finding: low_satisfaction, when: satisfaction < 3.06}\n"
    files["uji/kasus.yaml"] = "cases: []\n"
    problems = lint(load_rules(write(tmp_path / "p", files), display="p"), lang="en")
    scale = [p for p in problems if p.code == "W408"]
    assert [(p.location.line, p.location.column) for p in scale] == [(2, 61)]
    assert "76.5" in (scale[0].hint or "")
    assert any(p.code == "W403" and "kepuasan-rendah" in p.message for p in problems)  # and the national rule covers it


# ---------------------------------------------------------------- rules test


def test_shipped_cases_pass_and_fire_every_rule(pack) -> None:  # type: ignore[no-untyped-def]
    """The national pack's cases pass and fire every derive and recommend rule."""
    report = run_tests(pack)
    assert report.failed == 0, [str(p) for r in report.results for p in r.failures] + [str(p) for p in report.problems]
    assert report.uncovered == [] and report.total_rules == len(pack.derive_rules) + len(pack.recommend_rules)


def test_failures_name_the_line_of_the_expectation(runner: CliRunner, tmp_path: Path) -> None:
    """A failing expectation is reported at its own line, and the command exits 7."""
    files = dict(REGIONAL)
    files["uji/kasus.yaml"] = """
        cases:
          - name: salah
            findings: [time_conflict]
            expect:
              ranks: {flexible_scheduling: 3}
              not_recommendations: [flexible_scheduling]
              recommendations: [incentivs]
    """
    root = write(tmp_path / "p", files)
    result = runner.invoke(main, ["rules", "test", str(root), "--lang", "en"])
    assert result.exit_code == ExitCode.TEST_FAILED
    assert (
        f"{root}/uji/kasus.yaml:5:36: [fail] T701 recommendation 'flexible_scheduling' was expected at rank 3, got 1"
        in result.output
    )
    assert f"{root}/uji/kasus.yaml:6:29: [fail] T701" in result.output
    assert "T702 unknown recommendation 'incentivs' (did you mean 'incentives'?)" in result.output
    assert "T710" in result.output  # the regional rules are not covered by this case


def test_require_coverage(runner: CliRunner, tmp_path: Path) -> None:
    """--require-coverage fails when a rule of the pack is fired by no case."""
    root = write(tmp_path / "p", REGIONAL)
    assert runner.invoke(main, ["rules", "test", str(root), "--require-coverage"]).exit_code == 0
    (root / "uji" / "kasus.yaml").write_text("cases: []\n", encoding="utf-8")
    assert runner.invoke(main, ["rules", "test", str(root)]).exit_code == 0
    assert runner.invoke(main, ["rules", "test", str(root), "--require-coverage"]).exit_code == ExitCode.TEST_FAILED


# ---------------------------------------------------------------- init, diff


def test_init_scaffold_passes_check_and_test(runner: CliRunner, tmp_path: Path) -> None:
    """rules init writes a regional pack that passes check --strict and test --require-coverage."""
    target = tmp_path / "jabar"
    assert runner.invoke(main, ["rules", "init", "jabar", "--dir", str(target)]).exit_code == 0
    assert "Paket aturan daerah" in (target / "pack.yaml").read_text(encoding="utf-8")
    assert runner.invoke(main, ["rules", "check", str(target), "--strict"]).exit_code == 0
    result = runner.invoke(main, ["rules", "test", str(target), "--require-coverage"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["rules", "init", "jabar", "--dir", str(target)]).exit_code == ExitCode.OUTPUT


def test_diff_shows_rank_and_finding_changes(runner: CliRunner, tmp_path: Path) -> None:
    """rules diff lists, per profile, the findings, scores and ranks a regional change moves."""
    files = dict(REGIONAL)
    files["aturan.yaml"] = REGIONAL["aturan.yaml"].replace(
        "partisipasi-jadwal-fleksibel: {weight: 2}",
        "partisipasi-jadwal-fleksibel: {weight: 2}\n            kepuasan-rendah: {when: satisfaction < 80}",
    )
    root = write(tmp_path / "p", files)
    result = runner.invoke(
        main, ["rules", "diff", str(ROOT / "rules"), str(root), "--profiles", str(EXAMPLES), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    full = next(p for p in json.loads(result.output)["profiles"] if p["profile"] == "contoh-lengkap.yaml")
    assert {"id": "low_satisfaction", "old": None, "new": "medium"} in full[
        "findings"
    ]  # 77.5 is now under the regional 80
    assert full["score"]["overall"][0] != full["score"]["overall"][1]  # access weighs 30 instead of 20
    flexible = next(r for r in full["recommendations"] if r["id"] == "flexible_scheduling")
    assert (flexible["old_rank"], flexible["new_rank"]) == (2, 1)
    text = runner.invoke(
        main, ["rules", "diff", str(ROOT / "rules"), str(root), "--profiles", str(EXAMPLES), "--lang", "en"]
    ).output
    assert "low_satisfaction: added (- -> medium)" in text and "rank 2 -> 1" in text
    same = runner.invoke(
        main,
        [
            "rules",
            "diff",
            str(ROOT / "rules"),
            str(ROOT / "rules"),
            "--profiles",
            str(EXAMPLES),
            "--format",
            "markdown",
        ],
    ).output
    assert same.startswith("# Perubahan saran antarpaket") and "0 dari 7 profil berubah." in same


def test_diff_reads_narrative_reports_from_several_directories(runner: CliRunner, tmp_path: Path) -> None:
    """rules diff takes report texts beside profiles, from several --profiles; non-evaluations are skipped."""
    reports = tmp_path / "laporan"
    reports.mkdir()
    text = (
        "Evaluasi program pelatihan ASN menunjukkan anggaran pelatihan terbatas. "
        "Oleh karena itu disarankan peningkatan anggaran pelatihan.\n"
    )
    (reports / "laporan.txt").write_text(text, encoding="utf-8")
    (reports / "resep.txt").write_text("Resep rendang: daging sapi, santan dan cabai.\n", encoding="utf-8")
    root = write(tmp_path / "p", dict(REGIONAL))
    result = runner.invoke(
        main,
        ["rules", "diff", str(ROOT / "rules"), str(root), "--profiles", str(EXAMPLES), "--profiles", str(reports)]
        + ["--format", "json"],
    )
    assert result.exit_code == 0, result.output
    names = [p["profile"] for p in json.loads(result.output)["profiles"]]
    assert "profiles/pupr-2021.yaml" in names and "laporan/laporan.txt" in names
    assert "laporan/resep.txt" not in names


def test_diff_reports_profiles_a_pack_cannot_advise(runner: CliRunner, write_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A profile the new pack rejects is reported with the first problem, not a traceback.

    'nasional' names the installed pack.
    """
    from .conftest import MINIMAL_PACK

    small = write_pack(dict(MINIMAL_PACK))
    result = runner.invoke(main, ["rules", "diff", "nasional", str(small), "--profiles", str(EXAMPLES), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "cannot be advised with the new pack: " in result.output and "P201 unknown indicator" in result.output
    assert "Traceback" not in result.output


def test_case_profiles_by_path_stay_inside_the_pack(runner: CliRunner, tmp_path: Path) -> None:
    """A case may load a profile file inside the pack; one outside is refused.

    rules check reports bad case files.
    """
    files = dict(REGIONAL)
    files["uji/profil/pupr.yaml"] = (EXAMPLES / "pupr-2021.yaml").read_text(encoding="utf-8")
    files["uji/kasus.yaml"] = """
        cases:
          - name: pupr
            profile: profil/pupr.yaml
            expect:
              findings: {low_participation: high}
              ranks: {leadership_support: 1}
              not_recommendations: [flexible_scheduling]
          - name: luar
            profile: ../../luar.yaml
            expect: {}
    """
    root = write(tmp_path / "p", files)
    result = runner.invoke(main, ["rules", "test", str(root), "--lang", "en"])
    assert "PASS pupr" in result.output and "FAIL luar" in result.output, result.output
    assert "the profile must be inside the pack directory" in result.output
    (root / "uji" / "kasus.yaml").write_text("cases:\n  - name: x\n    expct: {}\n", encoding="utf-8")
    checked = runner.invoke(main, ["rules", "check", str(root), "--lang", "en"])
    assert checked.exit_code == ExitCode.RULES
    assert f"{root}/uji/kasus.yaml:3:5: [error] E102 unknown key 'expct'" in checked.output


def test_pre_commit_hooks_run_check_and_test() -> None:
    """.pre-commit-hooks.yaml exports the two hooks with commands the CLI has."""
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"asn-advisor-check", "asn-advisor-test"}
    assert hooks["asn-advisor-check"]["entry"].startswith("asn-advisor rules check")
    assert hooks["asn-advisor-test"]["entry"].startswith("asn-advisor rules test")
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False


# ---------------------------------------------------------------- schemas


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schemas_are_up_to_date(name: str) -> None:
    """schemas/NAME.schema.json equals what the models generate (run: asn-advisor schema --write schemas)."""
    committed = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), "regenerate with: asn-advisor schema --write schemas"


def test_shipped_files_validate_against_their_schema() -> None:
    """Every shipped rule, test-case and example file is valid under its schema, and says which one it uses."""
    jsonschema = pytest.importorskip("jsonschema")
    groups = {
        "rules": sorted((ROOT / "rules").glob("*.yaml")),
        "tests": sorted((ROOT / "rules" / "uji").glob("*.yaml")),
        "profile": sorted(EXAMPLES.glob("*.yaml")),
    }
    for name, files in groups.items():
        validator = jsonschema.Draft202012Validator(
            json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        )
        assert files
        for path in files:
            text = path.read_text(encoding="utf-8")
            assert (
                text.startswith("# yaml-language-server: $schema=")
                and f"schemas/{name}.schema.json" in text.splitlines()[0]
            ), path
            errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(yaml.safe_load(text))]
            assert not errors, (path, errors[:3])


def test_schema_command(runner: CliRunner) -> None:
    """asn-advisor schema prints valid JSON Schema for each name."""
    for name in SCHEMAS:
        data = json.loads(runner.invoke(main, ["schema", name]).output)
        assert data["$schema"].endswith("2020-12/schema") and "properties" in data


def test_advice_points_at_the_override_of_an_overridden_rule(tmp_path: Path) -> None:
    """For a rule a regional pack overrides, the advice names the regional file and line; others stay national."""
    pack = load_rules(write(tmp_path / "p", REGIONAL), display="p")
    profile = profile_from_mapping({"program": {"id": "x"}, "indicators": {"participation_rate": 60}})
    advice = advise(profile, pack, lang="en")
    evidence = {e.rule: e for f in advice.findings for e in f.evidence if e.rule}
    overridden = evidence["partisipasi-rendah"]
    lines = (tmp_path / "p" / "aturan.yaml").read_text(encoding="utf-8").splitlines()
    assert overridden.file == "p/aturan.yaml"
    assert lines[overridden.line - 1].strip().startswith("partisipasi-rendah:")
    because = {r.rule: r for rec in advice.recommendations for r in rec.because}
    weighted = because["partisipasi-jadwal-fleksibel"]
    assert weighted.file == "p/aturan.yaml" and lines[weighted.line - 1].strip().startswith(
        "partisipasi-jadwal-fleksibel:"
    )
    national = load_rules()
    others = [e for e in evidence.values() if e.rule not in pack.own_rules]
    for e in others:
        origin = national.rule_location(e.rule)
        assert (
            e.file is not None
            and e.file.startswith("<nasional>/")
            and e.file.endswith("/" + origin.file.rsplit("/", 1)[-1])
        )
        assert e.line == origin.line
