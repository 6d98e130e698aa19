"""Many programs at once: batch, compare, advise_many, Dask; batch output is advise() output."""

from __future__ import annotations

import csv
import io
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from asn_advisor import Advice, RulePack, advise, load_profile
from asn_advisor.batch.outcomes import Outcome, advise_block, summary_json
from asn_advisor.batch.pool import advise_many, run_records
from asn_advisor.batch.records import Record, read_records
from asn_advisor.cli import main
from asn_advisor.errors import ExitCode
from asn_advisor.model import Summary
from asn_advisor.model.profile import profile_from_mapping

from .conftest import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from advise_profiles import synthetic_profiles

# ---------------------------------------------------------------- batch = advise


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_batch_output_is_byte_identical_to_advise(pack: RulePack, example: str) -> None:
    """Whatever path batch takes, each record is exactly Advice.model_dump_json()."""
    profile = load_profile(EXAMPLES / example, rules=pack)
    data = profile.model_dump(mode="json", exclude_none=True)
    records = [Record(0, "<t>", 1, "json", json.dumps(data))]
    for lang in ("id", "en"):
        [outcome] = advise_block(records, pack, lang)
        assert outcome.json == advise(profile_from_mapping(data), pack, lang=lang).model_dump_json()


def test_batch_summaries_are_the_advice_summaries(pack: RulePack) -> None:
    """Each outcome's summary is the summary of its advice, on 200 synthetic profiles."""
    data = synthetic_profiles(200, seed=11)
    records = [Record(i, "<t>", i + 1, "json", json.dumps(d)) for i, d in enumerate(data)]
    for outcome, item in zip(advise_block(records, pack, "en"), data, strict=True):
        model = advise(profile_from_mapping(item), pack, lang="en")
        assert outcome.json == model.model_dump_json()
        assert outcome.summary == Summary.from_advice(model)


def _indicator_value(spec: Any) -> st.SearchStrategy[Any]:
    low, high = spec.bounds()
    if spec.type == "bool":
        return st.booleans()
    if spec.type == "list":
        return st.lists(st.sampled_from(spec.values), unique=True, max_size=4)
    if spec.type == "map":
        return st.dictionaries(
            st.sampled_from(spec.keys), st.one_of(st.integers(0, 100), st.floats(0, 100)), max_size=3
        )
    low = 0.0 if low is None else low
    high = 1e9 if high is None else high
    plain = st.one_of(st.integers(int(low), int(min(high, 10**9))), st.floats(low, high, allow_nan=False)).filter(
        lambda v: spec.type != "rating" or not (0 < v <= 5)
    )
    if spec.type == "rating":
        return st.one_of(plain, st.builds(lambda v: {"value": v, "scale": "1-4"}, st.floats(1, 4)))
    return plain


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@st.composite
def profiles(draw: st.DrawFn, pack: RulePack) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(sorted(pack.indicators)), unique=True, max_size=len(pack.indicators)))
    indicators = {name: draw(_indicator_value(pack.indicators[name])) for name in names}
    findings = draw(
        st.lists(
            st.fixed_dictionaries(
                {"id": st.sampled_from(sorted(pack.findings))},
                optional={
                    "severity": st.sampled_from(["low", "medium", "high"]),
                    "source": st.sampled_from(["survey", "interview", "document"]),
                    "evidence": st.one_of(text, st.lists(text, max_size=2)),
                },
            ),
            max_size=5,
        )
    )
    program = draw(
        st.fixed_dictionaries(
            {"id": st.one_of(text.filter(bool), st.integers(0, 10**6))},
            optional={
                "name": text,
                "region": text,
                "unit": st.one_of(text, st.integers(), st.lists(st.integers(), max_size=2)),
            },
        )
    )
    return {"program": program, "indicators": indicators, "findings": findings}


@pytest.mark.parametrize("size", [1, 15, 16, 1000])
def test_batch_output_does_not_depend_on_the_batch_size(pack: RulePack, size: int) -> None:
    """Generated profiles (odd text, extra program fields, ratings on scales, maps) in blocks of 1, 15, 16 and
    1000: every record's output is advise()'s, byte for byte, whatever else is in its block."""

    @settings(max_examples=3 if size == 1000 else 25)
    @given(st.lists(profiles(pack), min_size=1, max_size=24), st.sampled_from(["id", "en"]))
    def check(sample: list[dict[str, Any]], lang: str) -> None:
        block = (sample * (size // len(sample) + 1))[:size]
        expected = [advise(profile_from_mapping(data), pack, lang=lang).model_dump_json() for data in sample]
        records = [Record(i, "<t>", i + 1, "json", json.dumps(data)) for i, data in enumerate(block)]
        got = [o.json for o in advise_block(records, pack, lang)]
        assert got == [expected[i % len(sample)] for i in range(size)]
        # The lean output: the same engine stopping early; its fields are the full advice's.
        summaries = [Summary.from_advice(Advice.model_validate_json(text)) for text in expected]
        lean = advise_block(records, pack, lang, "summary")
        assert [o.summary for o in lean] == [summaries[i % len(sample)] for i in range(size)]
        assert [o.payload for o in lean] == [summary_json(summaries[i % len(sample)]) for i in range(size)]

    check()


def test_summary_json_holds_the_fields_of_the_advice(pack: RulePack) -> None:
    """Each lean record names the program, score, interval, band, coverage and the ranked recommendations."""
    for item in synthetic_profiles(40, seed=13):
        advice = advise(profile_from_mapping(item), pack)
        lean = json.loads(summary_json(Summary.from_advice(advice)))
        interval = advice.score.interval
        assert lean == {
            "program": advice.program.id,
            "score": advice.score.overall,
            "score_low": interval.low if interval else None,
            "score_high": interval.high if interval else None,
            "band": advice.score.band,
            "coverage": advice.score.coverage,
            "recommendations": [{"id": r.id, "priority": r.priority} for r in advice.recommendations],
        }


def test_batch_fields_summary_is_the_lean_output_whatever_the_jobs(
    runner: CliRunner, tmp_path: Path, pack: RulePack
) -> None:
    """batch --fields summary: one lean record per profile (errors as in full), the same bytes with --jobs 2."""
    source = tmp_path / "in.jsonl"
    bad = _write_jsonl(source, n=300)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for target, jobs in ((one, "1"), (two, "2")):
        result = runner.invoke(main, ["batch", str(source), "-o", str(target), "--fields", "summary", "--jobs", jobs])
        assert result.exit_code == ExitCode.PARTIAL, result.output
    assert one.read_bytes() == two.read_bytes()
    records = _records(one.read_text(encoding="utf-8"))
    assert [i + 1 for i, r in enumerate(records) if "error" in r] == bad
    lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line]
    for line, record in zip(lines, records, strict=True):
        if "error" not in record:
            advice = advise(profile_from_mapping(json.loads(line)), pack)
            assert record == json.loads(summary_json(Summary.from_advice(advice)))


# ---------------------------------------------------------------- batch


def _write_jsonl(path: Path, n: int = 60, seed: int = 5) -> list[int]:
    """n profiles with three bad ones; returns the 1-based lines that must fail."""
    lines = []
    bad = []
    for i, data in enumerate(synthetic_profiles(n, seed=seed)):
        if i == 3:
            lines.append("{broken json")
            bad.append(len(lines))
            continue
        if i == 10:
            data["indicators"]["participation_rate"] = 170
            bad.append(len(lines) + 1)
        if i == 20:
            data["findings"] = [{"id": "no_such_finding"}]
            bad.append(len(lines) + 1)
        lines.append(json.dumps(data))
        if i == 30:
            lines.append("")  # a blank line is not a record
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad


def _records(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


def test_batch_jsonl_accounts_for_every_record(runner: CliRunner, tmp_path: Path) -> None:
    """Each record gives one advice or one located error record, in input order; exit 8."""
    source = tmp_path / "in.jsonl"
    bad = _write_jsonl(source)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == ExitCode.PARTIAL, result.output
    records = _records(out.read_text(encoding="utf-8"))
    assert len(records) == 60
    errors = [r["error"] for r in records if "error" in r]
    assert [e["line"] for e in errors] == bad
    assert errors[1]["exit_code"] == ExitCode.PROFILE and "participation_rate" in errors[1]["problems"][0]
    assert "no_such_finding" in errors[2]["problems"][0]
    assert [r["program"]["id"] for r in records if "error" not in r] == [
        f"prog-{i}" for i in range(60) if i not in (3, 10, 20)
    ]
    assert "60" in result.stderr and "57" in result.stderr and "3" in result.stderr
    assert f"in.jsonl:{bad[1]}:" in result.stderr


def test_batch_jobs_two_is_identical_to_one(runner: CliRunner, tmp_path: Path) -> None:
    """--jobs 2 writes exactly the bytes of --jobs 1."""
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, n=300)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(main, ["batch", str(source), "-o", str(one)]).exit_code == ExitCode.PARTIAL
    assert runner.invoke(main, ["batch", str(source), "-o", str(two), "--jobs", "2"]).exit_code == ExitCode.PARTIAL
    assert one.read_bytes() == two.read_bytes()


def test_batch_output_lines_equal_the_models(runner: CliRunner, tmp_path: Path, pack: RulePack) -> None:
    """A batch line is advise(...).model_dump_json() of the same profile."""
    source = tmp_path / "in.jsonl"
    data = synthetic_profiles(15, seed=2)
    source.write_text("".join(json.dumps(d) + "\n" for d in data), encoding="utf-8")
    result = runner.invoke(main, ["batch", str(source), "--lang", "en"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines == [advise(profile_from_mapping(d), pack, lang="en").model_dump_json() for d in data]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_on_error_fail_stops_and_writes_nothing(runner: CliRunner, tmp_path: Path, jobs: str) -> None:
    """--on-error fail exits with the record's code and leaves no output file."""
    source = tmp_path / "in.jsonl"
    _write_jsonl(source)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["batch", str(source), "-o", str(out), "--on-error", "fail", "--jobs", jobs])
    assert result.exit_code == ExitCode.INPUT
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl*"))
    assert "in.jsonl:4" in result.stderr and "Traceback" not in result.output


def test_batch_oversized_line_is_one_error_record(runner: CliRunner, tmp_path: Path) -> None:
    """A line over ASN_ADVISOR_MAX_BYTES is reported, located, and the next lines go on."""
    data = synthetic_profiles(2, seed=8)
    huge = json.dumps({"program": {"id": "x", "note": "a" * 150_000}})
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(data[0]) + "\n" + huge + "\n" + json.dumps(data[1]) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["batch", str(source)], env={"ASN_ADVISOR_MAX_BYTES": "100000"})
    assert result.exit_code == ExitCode.PARTIAL
    records = _records(result.stdout)
    assert [r.get("error", {}).get("line") for r in records] == [None, 2, None]
    assert records[2]["program"]["id"] == "prog-1"


def test_batch_reads_standard_input(runner: CliRunner, pack: RulePack) -> None:
    """'-' reads JSON Lines from standard input; the advice goes to standard output."""
    data = synthetic_profiles(3, seed=8)
    result = runner.invoke(main, ["batch", "-"], input="".join(json.dumps(d) + "\n" for d in data))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [advise(profile_from_mapping(d), pack).model_dump_json() for d in data]
    assert "3 entri: 3 berhasil dinilai, 0 gagal" in result.stderr


def test_batch_needs_force_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(synthetic_profiles(1)[0]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("old", encoding="utf-8")
    assert runner.invoke(main, ["batch", str(source), "-o", str(out)]).exit_code == ExitCode.OUTPUT
    assert out.read_text(encoding="utf-8") == "old"
    assert runner.invoke(main, ["batch", str(source), "-o", str(out), "--force"]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["program"]["id"] == "prog-0"
    assert runner.invoke(main, ["batch", str(source), "-o", str(source), "--force"]).exit_code == ExitCode.OUTPUT


def test_batch_directory_of_profiles(runner: CliRunner, tmp_path: Path) -> None:
    """A directory: every .yaml/.json file is a record, sorted by path; a bad file is located."""
    folder = tmp_path / "profiles"
    (folder / "sub").mkdir(parents=True)
    for example in ("binjai", "medan"):
        (folder / f"{example}.yaml").write_text(
            (EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    (folder / "sub" / "z.json").write_text(json.dumps(synthetic_profiles(1)[0]), encoding="utf-8")
    (folder / "broken.yaml").write_text(
        "program:\n  id: x\nindicators:\n  participation_rate: banyak\n", encoding="utf-8"
    )
    (folder / "notes.txt").write_text("not a profile", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(main, ["batch", str(folder), "-o", str(out)])
    assert result.exit_code == ExitCode.PARTIAL, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [Path(r["source"]).name for r in rows] == ["binjai.yaml", "broken.yaml", "medan.yaml", "z.json"]
    assert rows[1]["error"] and not rows[0]["error"] and rows[0]["top_recommendations"].count(";") == 2
    assert "broken.yaml:4:" in result.stderr


CSV_TEXT = """id,name,region,participation_rate,satisfaction,satisfaction.scale,follow_up_conducted,\
funding_sources,absence_reasons.work_conflict,findings
p1,Latsar CPNS,Kota A,53,3.1,1-4,tidak,apbd;donor,35,time_conflict:high;low_transfer
p2,PKA,Kota B,"88,5",85,,ya,apbn,,
p3,PKP,Kota C,abc,,,,,,
p4,,Kota D,70,,,maybe,,,
"""


def test_batch_csv_input_convention(runner: CliRunner, tmp_path: Path, pack: RulePack) -> None:
    """CSV: program columns, indicator columns, map keys, rating scales, lists, findings; bad cells located."""
    source = tmp_path / "in.csv"
    source.write_text(CSV_TEXT, encoding="utf-8")
    result = runner.invoke(main, ["batch", str(source), "--lang", "en"])
    assert result.exit_code == ExitCode.PARTIAL, result.output
    records = _records(result.stdout)
    assert len(records) == 4
    first = records[0]
    expected = {
        "program": {"id": "p1", "name": "Latsar CPNS", "region": "Kota A"},
        "indicators": {
            "participation_rate": 53,
            "satisfaction": {"value": 3.1, "scale": "1-4"},
            "follow_up_conducted": False,
            "funding_sources": ["apbd", "donor"],
            "absence_reasons": {"work_conflict": 35},
        },
        "findings": [{"id": "time_conflict", "severity": "high"}, {"id": "low_transfer"}],
    }
    assert first == json.loads(advise(profile_from_mapping(expected), pack, lang="en").model_dump_json())
    assert records[1]["program"]["id"] == "p2"
    metrics = {m["metric"]: m["value"] for d in records[1]["score"]["dimensions"] for m in d["metrics"]}
    assert metrics["participation_rate"] == 88.5  # decimal comma
    assert records[2]["error"]["line"] == 4 and "in.csv:4:4:" in records[2]["error"]["problems"][0]
    assert records[3]["error"]["line"] == 5 and "in.csv:5:7:" in records[3]["error"]["problems"][0]


def test_batch_csv_unknown_column_is_a_file_error(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,participation_rte\np1,50\n", encoding="utf-8")
    result = runner.invoke(main, ["batch", str(source)])
    assert result.exit_code == ExitCode.PARTIAL
    assert "participation_rate" in result.stderr  # did-you-mean


def test_batch_missing_input(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["batch", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == ExitCode.INPUT and "Traceback" not in result.output


# ---------------------------------------------------------------- compare


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_compare_ranks_programs_and_finds_shared_problems(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    for example in ("binjai", "medan", "cakranegara", "makassar", "bungo"):
        (folder / f"{example}.yaml").write_text(
            (EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    result = runner.invoke(main, ["compare", str(folder), "--format", fmt, "--lang", "en"])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.stdout)
        assert len(data["programs"]) == 5
        scores = [p["overall"] for p in data["programs"]]
        known = [s for s in scores if s is not None]
        assert known == sorted(known, reverse=True)
        assert data["findings"][0]["count"] >= data["findings"][-1]["count"]
        assert any(f["count"] >= 2 for f in data["findings"])
    else:
        assert "Comparison of 5 program(s)" in result.stdout
        assert "Most frequent findings" in result.stdout


# ---------------------------------------------------------------- Python API


def test_advise_many_accepts_profiles_and_mappings_in_order(pack: RulePack) -> None:
    data = synthetic_profiles(30, seed=9)
    data[4] = {"program": {"id": "bad"}, "indicators": {"participation_rate": "lima puluh"}}
    items: list[Any] = [profile_from_mapping(d) if i % 2 and i != 4 else d for i, d in enumerate(data)]
    outcomes = list(advise_many(items, pack, lang="en"))
    assert [o.index for o in outcomes] == list(range(30))
    assert not outcomes[4].ok and outcomes[4].error is not None and outcomes[4].error.program == "bad"
    good = outcomes[5]
    assert good.advice().model_dump_json() == good.json
    parallel = list(advise_many(items, pack, lang="en", jobs=2, chunk_size=4))
    assert [(o.json, o.error) for o in parallel] == [(o.json, o.error) for o in outcomes]


def test_an_unserializable_program_field_is_one_error_not_a_crash(pack: RulePack) -> None:
    """Python callers may pass objects no JSON can hold: that record fails, the others go on."""
    data = synthetic_profiles(3, seed=6)
    data[1]["program"]["owner"] = object()
    outcomes = list(advise_many(data, pack))
    assert [o.ok for o in outcomes] == [True, False, True]
    assert outcomes[1].error is not None and "internal error" in outcomes[1].error.message


def test_run_records_streams_lazily(pack: RulePack, tmp_path: Path) -> None:
    """The driver pulls records as it goes: a generator is not drained before the first outcome."""
    source = tmp_path / "in.jsonl"
    _write_jsonl(source, n=40)
    pulled = []

    def tracking() -> Any:
        for record in read_records(source):
            pulled.append(record.index)
            yield record

    stream = run_records(tracking(), pack, chunk_size=8)
    first: Outcome = next(stream)
    assert first.ok and len(pulled) == 8


def test_dask_bag_partitioned_by_region(pack: RulePack) -> None:
    """The docs/batch.md recipe, run on Dask's synchronous scheduler."""
    dask = pytest.importorskip("dask")
    import dask.bag as db

    from asn_advisor import load_rules
    from asn_advisor.batch.pool import advise_many as many

    data = synthetic_profiles(40, seed=4)
    rnd = random.Random(1)
    for item in data:
        item["program"]["region"] = rnd.choice(["Sumatera Utara", "Jambi", "NTB"])
    regions = sorted({d["program"]["region"] for d in data})
    bag = db.from_sequence(
        [[d for d in data if d["program"]["region"] == r] for r in regions], npartitions=len(regions)
    )

    def advise_partition(partition: list[list[dict[str, Any]]]) -> list[str]:
        rules = load_rules()  # one pack per partition: packs are loaded, not shipped
        return [o.json or "" for group in partition for o in many(group, rules)]

    with dask.config.set(scheduler="synchronous"):
        lines = bag.map_partitions(advise_partition).compute()
    expected = [
        advise(profile_from_mapping(d), pack).model_dump_json()
        for r in regions
        for d in data
        if d["program"]["region"] == r
    ]
    assert lines == expected


def test_compare_reads_the_summaries_batch_wrote(runner: CliRunner, tmp_path: Path) -> None:
    """batch --fields summary, then compare: the same ranking as comparing the profiles themselves."""
    saved = tmp_path / "ringkasan.jsonl"
    result = runner.invoke(main, ["batch", str(EXAMPLES), "--fields", "summary", "-o", str(saved)])
    assert result.exit_code == 0, result.output
    from_saved = json.loads(runner.invoke(main, ["compare", str(saved), "--format", "json"]).stdout)
    direct = json.loads(runner.invoke(main, ["compare", str(EXAMPLES), "--format", "json"]).stdout)
    assert [row["id"] for row in from_saved["programs"]] == [row["id"] for row in direct["programs"]]
    assert [row["overall"] for row in from_saved["programs"]] == [row["overall"] for row in direct["programs"]]
