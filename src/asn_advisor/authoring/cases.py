"""Rule tests: YAML cases next to the rules, run by ``asn-advisor rules test``.

A pack lists its case files in pack.yaml (``tests: [uji/*.yaml]``).  A case
gives a profile (inline, by a path inside the pack, or just a few
``indicators`` and ``findings``) and what the advice must hold::

    cases:
      - name: partisipasi-rendah-jadwal
        indicators: {participation_rate: 53}
        findings: [time_conflict]                 # or {id: time_conflict, severity: high}
        expect:
          findings: {low_participation: high, time_conflict: any}
          not_findings: [limited_budget]
          recommendations: [flexible_scheduling]  # must appear ...
          top: 3                                  # ... within the first 3
          ranks: {flexible_scheduling: 1}
          not_recommendations: [incentives]
          fires: [partisipasi-rendah]
          score: {min: 40, max: 70}
          band: sedang

Every failure is reported at the line of the expectation that failed; the
coverage report lists the pack's own rules that no case fires.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from asn_advisor._base import Document, TextField, load_file, suggest, validation_problems
from asn_advisor.engine import advise
from asn_advisor.errors import Location, Problem, ProfileError, RulePackError
from asn_advisor.i18n import Message, t
from asn_advisor.model import Advice, check_findings, load_profile, normalize_indicators, profile_from_data
from asn_advisor.pack import RulePack

__all__ = ["CaseFile", "CaseResult", "TestReport", "load_cases", "run_tests"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScoreRange(_Model):
    min: float | None = Field(default=None, ge=0, le=100)
    max: float | None = Field(default=None, ge=0, le=100)


class Expect(_Model):
    """What the advice for a case must (and must not) hold."""

    findings: dict[str, Literal["low", "medium", "high", "any"]] = Field(
        default_factory=dict, description="finding id -> severity it must have ('any': only present)"
    )
    not_findings: list[str] = Field(default_factory=list)
    recommendations: list[str] = Field(default_factory=list, description="recommendations that must appear")
    top: int | None = Field(
        default=None, ge=1, description="the listed recommendations must all rank within the first `top`"
    )
    ranks: dict[str, int] = Field(default_factory=dict, description="recommendation id -> exact rank")
    not_recommendations: list[str] = Field(default_factory=list)
    fires: list[str] = Field(default_factory=list, description="rule ids that must fire")
    not_fires: list[str] = Field(default_factory=list, description="rule ids that must not fire")
    score: ScoreRange | None = None
    band: str | None = None


class Case(_Model):
    """One test case."""

    name: str = Field(min_length=1)
    description: TextField | None = None
    profile: str | dict[str, Any] | None = Field(
        default=None, description="a profile (mapping) or the path of one inside the pack, relative to this file"
    )
    indicators: dict[str, Any] | None = None
    findings: list[str | dict[str, Any]] | None = None
    expect: Expect


class CaseFile(_Model):
    """A file of test cases."""

    cases: list[Case]


@dataclass
class CaseResult:
    name: str
    location: Location
    failures: list[Problem] = field(default_factory=list)
    fired: set[str] = field(default_factory=set)

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass
class TestReport:
    """Results of every case and the coverage of the pack's own rules."""

    pack: str
    results: list[CaseResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # case files that cannot be read
    uncovered: list[tuple[str, Location]] = field(default_factory=list)
    total_rules: int = 0

    @property
    def failed(self) -> int:
        return sum(1 for r in self.results if not r.passed) + len(self.problems)

    def render(self, fmt: str, lang: str) -> str:
        if fmt == "json":
            data = {
                "pack": self.pack,
                "cases": [
                    {
                        "name": r.name,
                        "file": r.location.file,
                        "line": r.location.line,
                        "passed": r.passed,
                        "failures": [_problem_json(p) for p in r.failures],
                        "fired": sorted(r.fired),
                    }
                    for r in self.results
                ],
                "problems": [_problem_json(p) for p in self.problems],
                "coverage": {
                    "rules": self.total_rules,
                    "uncovered": [{"rule": rid, "file": loc.file, "line": loc.line} for rid, loc in self.uncovered],
                },
            }
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        lines = [str(p) for p in self.problems]
        for result in self.results:
            mark = t("test.ok", lang) if result.passed else t("test.fail", lang)
            lines.append(f"{mark} {result.name} ({result.location})")
            lines.extend(f"  {p}" for p in result.failures)
        covered = self.total_rules - len(self.uncovered)
        lines.append(t("test.coverage", lang, covered=covered, total=self.total_rules))
        for rule_id, location in self.uncovered:
            lines.append(f"  {location}: [coverage] T710 " + t("test.uncovered", lang, rule=rule_id))
        passed = sum(1 for r in self.results if r.passed)
        lines.append(t("test.summary", lang, pack=self.pack, passed=passed, failed=self.failed))
        return "\n".join(lines) + "\n"


def _problem_json(p: Problem) -> dict[str, Any]:
    return {
        "file": p.location.file,
        "line": p.location.line,
        "column": p.location.column,
        "code": p.code,
        "message": p.message,
        "hint": p.hint,
    }


def _subdocument(doc: Document, prefix: tuple[Any, ...], data: Any) -> Document:
    """A view of the part of ``doc`` under ``prefix``, so that its problems keep their real lines."""
    size = len(prefix)
    sub = Document(data=data, file=doc.file)
    for marks, target in ((doc.value_marks, sub.value_marks), (doc.key_marks, sub.key_marks)):
        for path, mark in marks.items():
            if path[:size] == prefix:
                target[path[size:]] = mark
    for path, style in doc.scalar_styles.items():
        if path[:size] == prefix:
            sub.scalar_styles[path[size:]] = style
    if () not in sub.value_marks:
        sub.value_marks[()] = doc.value_marks.get(prefix, (1, 1))
    return sub


def _inside(root: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


class _Runner:
    def __init__(self, pack: RulePack, lang: str) -> None:
        self.pack = pack
        self.lang = lang
        self.rule_ids = {r.id for r in pack.derive_rules} | {r.id for r in pack.recommend_rules}
        self.bands = {b.id for b in pack.scoring.bands}

    def fail(
        self, result: CaseResult, doc: Document, path: tuple[Any, ...], key: str, hint: str | None = None, **values: Any
    ) -> None:
        result.failures.append(
            Problem(doc.locate(path), t(key, self.lang, **values), code="T701", severity="fail", hint=hint)
        )

    def unknown(
        self,
        result: CaseResult,
        doc: Document,
        path: tuple[Any, ...],
        kind: str,
        value: str,
        pool: set[str] | dict[str, Any],
    ) -> bool:
        if value in pool:
            return False
        close = suggest(value, pool)
        result.failures.append(
            Problem(
                doc.locate(path),
                t("test.unknown", self.lang, kind=kind, id=value),
                code="T702",
                severity="fail",
                hint=Message("did you mean {suggestion}?", suggestion=repr(close)) if close else None,
            )
        )
        return True

    def profile(self, case: Case, doc: Document, base: tuple[Any, ...], file_path: Path, result: CaseResult) -> Any:
        """The case's profile, checked against the pack; ``None`` (with failures recorded) if invalid."""
        try:
            if isinstance(case.profile, str):
                target = file_path.parent / case.profile
                if (
                    Path(case.profile).is_absolute()
                    or ".." in Path(case.profile).parts
                    or not _inside(self.pack.root, target)
                ):
                    self.fail(
                        result,
                        doc,
                        (*base, "profile"),
                        "test.profile_outside",
                        hint=t("test.profile_outside.hint", self.lang),
                    )
                    return None
                return load_profile(target, rules=self.pack, name=f"{Path(doc.file).parent.as_posix()}/{case.profile}")
            if isinstance(case.profile, dict):
                data: Any = case.profile
                sub = _subdocument(doc, (*base, "profile"), data)
            else:
                findings = [{"id": f} if isinstance(f, str) else f for f in (case.findings or [])]
                data = {"program": {"id": case.name}, "indicators": case.indicators or {}, "findings": findings}
                sub = _subdocument(doc, base, data)
            profile = profile_from_data(data, sub)
            normalize_indicators(profile, self.pack)
            check_findings(profile, self.pack)
            return profile
        except ProfileError as error:
            for problem in error.problems or [
                Problem(error.location or Location(doc.file), error.message, code="P200")
            ]:
                result.failures.append(
                    Problem(problem.location, problem.message, code=problem.code, severity="fail", hint=problem.hint)
                )
            return None

    def run(self, case: Case, doc: Document, index: int, file_path: Path) -> CaseResult:
        base: tuple[Any, ...] = ("cases", index)
        result = CaseResult(case.name, doc.locate(base))
        profile = self.profile(case, doc, base, file_path, result)
        if profile is None:
            return result
        advice = advise(profile, self.pack, lang=self.lang)
        result.fired = {e.rule for f in advice.findings for e in f.evidence if e.rule} | {
            b.rule for r in advice.recommendations for b in r.because
        }
        self.compare(case.expect, advice, doc, (*base, "expect"), result)
        result.failures.sort(key=Problem.sort_key)
        return result

    def compare(self, expect: Expect, advice: Advice, doc: Document, at: tuple[Any, ...], result: CaseResult) -> None:
        found = {f.id: f.severity for f in advice.findings}
        ranks = {r.id: r.rank for r in advice.recommendations}
        listing = ", ".join(f"{r.rank}. {r.id}" for r in advice.recommendations[:8]) or "-"
        for fid, severity in expect.findings.items():
            path = (*at, "findings", fid)
            if self.unknown(result, doc, path, "finding", fid, self.pack.findings):
                continue
            if fid not in found:
                self.fail(result, doc, path, "test.finding_missing", id=fid, got=", ".join(sorted(found)) or "-")
            elif severity != "any" and found[fid] != severity:
                self.fail(result, doc, path, "test.finding_severity", id=fid, expected=severity, got=found[fid])
        for j, fid in enumerate(expect.not_findings):
            path = (*at, "not_findings", j)
            if not self.unknown(result, doc, path, "finding", fid, self.pack.findings) and fid in found:
                self.fail(result, doc, path, "test.finding_present", id=fid, severity=found[fid])
        for j, rid in enumerate(expect.recommendations):
            path = (*at, "recommendations", j)
            if self.unknown(result, doc, path, "recommendation", rid, self.pack.recommendations):
                continue
            if rid not in ranks:
                self.fail(result, doc, path, "test.rec_missing", id=rid, got=listing)
            elif expect.top is not None and ranks[rid] > expect.top:
                self.fail(result, doc, path, "test.rec_not_top", id=rid, top=expect.top, rank=ranks[rid], got=listing)
        for rid, rank in expect.ranks.items():
            path = (*at, "ranks", rid)
            if self.unknown(result, doc, path, "recommendation", rid, self.pack.recommendations):
                continue
            if ranks.get(rid) != rank:
                self.fail(
                    result, doc, path, "test.rec_rank", id=rid, expected=rank, rank=ranks.get(rid, "-"), got=listing
                )
        for j, rid in enumerate(expect.not_recommendations):
            path = (*at, "not_recommendations", j)
            if not self.unknown(result, doc, path, "recommendation", rid, self.pack.recommendations) and rid in ranks:
                self.fail(result, doc, path, "test.rec_present", id=rid, rank=ranks[rid])
        for j, rule_id in enumerate(expect.fires):
            path = (*at, "fires", j)
            if not self.unknown(result, doc, path, "rule", rule_id, self.rule_ids) and rule_id not in result.fired:
                self.fail(result, doc, path, "test.rule_not_fired", id=rule_id)
        for j, rule_id in enumerate(expect.not_fires):
            path = (*at, "not_fires", j)
            if not self.unknown(result, doc, path, "rule", rule_id, self.rule_ids) and rule_id in result.fired:
                self.fail(result, doc, path, "test.rule_fired", id=rule_id)
        overall = advice.score.overall
        if expect.score is not None:
            low, high = expect.score.min, expect.score.max
            if overall is None or (low is not None and overall < low) or (high is not None and overall > high):
                self.fail(
                    result,
                    doc,
                    (*at, "score"),
                    "test.score",
                    low="-" if low is None else f"{low:g}",
                    high="-" if high is None else f"{high:g}",
                    got="-" if overall is None else f"{overall:g}",
                )
        if (
            expect.band is not None
            and not self.unknown(result, doc, (*at, "band"), "band", expect.band, self.bands)
            and advice.score.band != expect.band
        ):
            self.fail(result, doc, (*at, "band"), "test.band", expected=expect.band, got=advice.score.band or "-")


def load_cases(pack: RulePack, *, lang: str = "id") -> tuple[list[tuple[Path, Document, int, Case]], list[Problem]]:
    """Read and validate the pack's case files; return the cases and every problem (as errors).

    Raises:
        InputError: a case file cannot be read safely.
    """
    cases: list[tuple[Path, Document, int, Case]] = []
    problems: list[Problem] = []
    for file_path, name in pack.test_files:
        doc = load_file(file_path, name, error=RulePackError)
        problems.extend(doc.problems)
        data = doc.data
        if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
            problems.append(
                Problem(
                    doc.locate(()),
                    t("test.no_cases", lang),
                    code="T703",
                    hint=Message("cases: [{{name: ..., expect: {{...}}}}]"),
                )
            )
            continue
        for key in sorted((k for k in data if k != "cases"), key=str):
            problems.append(
                Problem(
                    doc.locate((key,), key=True),
                    Message("unknown key {key}", key=repr(key)),
                    code="E102",
                    hint=Message("a case file holds only cases:"),
                )
            )
        names: dict[str, Location] = {}
        for index, raw in enumerate(data["cases"]):
            try:
                case = Case.model_validate(raw)
            except ValidationError as exc:
                problems.extend(validation_problems(exc, Case, doc, ("cases", index)))
                continue
            location = doc.locate(("cases", index, "name"))
            if case.name in names:
                problems.append(
                    Problem(
                        location,
                        t("test.duplicate_name", lang, name=case.name, first=str(names[case.name])),
                        code="T704",
                    )
                )
            names.setdefault(case.name, location)
            cases.append((file_path, doc, index, case))
    return cases, sorted(problems, key=Problem.sort_key)


def run_tests(pack: RulePack, *, lang: str = "id", only: str | None = None) -> TestReport:
    """Run every case of ``pack``'s test files (``only``: cases whose name contains it).

    Raises:
        InputError: a case file cannot be read safely.
    """
    report = TestReport(f"{pack.id} {pack.version}")
    runner = _Runner(pack, lang)
    fired: set[str] = set()
    cases, problems = load_cases(pack, lang=lang)
    report.problems = [Problem(p.location, p.message, code=p.code, severity="fail", hint=p.hint) for p in problems]
    for file_path, doc, index, case in cases:
        if only and only not in case.name:
            continue
        result = runner.run(case, doc, index, file_path)
        fired |= result.fired
        report.results.append(result)
    own = sorted(pack.own_rules)
    report.total_rules = len(own)
    for rid in own:
        if rid in fired or rid not in pack.locations:
            continue
        override = pack.origins.get(("override", rid))  # an overridden rule is shown where this pack changes it
        report.uncovered.append((rid, override[0].locate(override[1], key=True) if override else pack.locations[rid]))
    return report
