"""The history store: records, trends, follow-up, effect, migrations, concurrency.

Every store test runs on SQLite, and on PostgreSQL when
``ASN_ADVISOR_TEST_PG_URL`` names a server (``.ci/run`` starts one on
loopback); each PostgreSQL test works in a schema of its own, dropped after.
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import os
import sqlite3
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from asn_advisor import Advice, Profile, RulePack, advise
from asn_advisor.cli import main
from asn_advisor.errors import ExitCode
from asn_advisor.model.profile import normalize_indicators, profile_from_mapping
from asn_advisor.render import Labels, render_effect, render_show, render_svg
from asn_advisor.render.history import bar, sparkline
from asn_advisor.store.effect import MIN_PROGRAMS
from asn_advisor.store.history import SCHEMA_VERSION, HistoryError, HistoryStore, default_store_path
from asn_advisor.store.snapshots import period_key

from .conftest import EXAMPLES, SEEDS

PG_URL = os.environ.get("ASN_ADVISOR_TEST_PG_URL")
BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason="ASN_ADVISOR_TEST_PG_URL is not set")),
]

PROGRAM_IDS = {
    "cakranegara": "cakranegara-pembinaan-asn",
    "binjai": "binjai-pengembangan-karier-asn",
    "medan": "medan-pembinaan-asn",
    "bungo": "bungo-pelatihan-asn",
    "makassar": "makassar-pembinaan-asn",
}
YEARS = ("2023", "2024", "2025")

# Participation rate per seed and year.  Cakranegara, Binjai and Medan carry
# out promote_benefits after 2023 and participation rises above the 70% line;
# Bungo drops it in 2023 and carries it out after 2024; Makassar never does.
PARTICIPATION = {
    "cakranegara": (50, 75, 80),
    "binjai": (50, 75, 80),
    "medan": (50, 75, 80),
    "bungo": (50, 52, 78),
    "makassar": (50, 52, 54),
}


def _pg_schema_url(base: str) -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh store lives: a SQLite file, or a PostgreSQL URL with a schema of its own."""
    if request.param == "sqlite":
        yield str(tmp_path / "history.db")
    else:
        assert PG_URL
        yield from _pg_schema_url(PG_URL)


def _clock() -> Any:
    """A deterministic clock: one second per call from 2026-01-01."""
    state = {"n": 0}

    def now() -> str:
        state["n"] += 1
        return f"2026-01-01T00:{state['n'] // 60:02d}:{state['n'] % 60:02d}.000000Z"

    return now


def synthetic(name: str, year_index: int, pack: RulePack) -> tuple[Profile, Advice]:
    """A seed profile in synthetic year ``YEARS[year_index]`` (deterministic variations)."""
    data = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    rate = PARTICIPATION[name][year_index]
    offset = SEEDS.index(name)
    data["indicators"] = {
        "participation_rate": rate,
        "satisfaction": 66 + offset + 4 * year_index,
        "application_rate": 40 + 5 * year_index,
        "graduation_rate": 80,
        "relevance": 60 + offset,
    }
    findings = data["findings"]
    if rate >= 70:
        # The office's evaluation no longer finds low participation.
        findings = [f for f in findings if f["id"] != "low_participation"]
    if year_index == 2:
        findings = [
            *findings,
            {
                "id": "limited_facilities",
                "severity": "low",
                "source": "observation",
                "evidence": "(sintetis) ruang kelas penuh",
            },
        ]
    data["findings"] = findings
    data["program"]["period"] = YEARS[year_index]
    profile = profile_from_mapping(data, file=f"{name}-{YEARS[year_index]}.yaml")
    normalize_indicators(profile, pack)
    return profile, advise(profile, pack)


def record_seed_years(store: HistoryStore, pack: RulePack) -> None:
    """Record the five seeds over three years, with the office's follow-up after 2023 and 2024."""
    for year_index in (2, 0, 1):  # out of order on purpose: periods sort by name, not by recording order
        for name in SEEDS:
            profile, advice = synthetic(name, year_index, pack)
            store.record(profile, advice)
    for name in ("cakranegara", "binjai", "medan"):
        store.set_status(
            PROGRAM_IDS[name], "promote_benefits", "done", period="2023", note="sosialisasi manfaat pelatihan"
        )
    store.set_status(PROGRAM_IDS["bungo"], "promote_benefits", "dropped", period="2023", note="anggaran habis")
    store.set_status(PROGRAM_IDS["bungo"], "promote_benefits", "done", period="2024")
    store.set_status(PROGRAM_IDS["makassar"], "promote_benefits", "planned", period="2024")


# ------------------------------------------------------------------ store


def test_seed_profiles_over_three_years_trends_and_effect(target: str, pack: RulePack) -> None:
    """Five seeds x three synthetic years: trends per program and the effect table."""
    with HistoryStore.open(target, clock=_clock()) as store:
        assert store.schema_version == SCHEMA_VERSION
        record_seed_years(store, pack)
        assert store.count() == 15
        assert store.programs() == sorted(PROGRAM_IDS.values())

        history = store.show(PROGRAM_IDS["cakranegara"])
        assert [p.period for p in history.periods] == list(YEARS)
        overall = [p.overall for p in history.periods]
        assert all(v is not None for v in overall)
        assert overall[0] < overall[1] < overall[2]  # type: ignore[operator]
        assert history.overall_change == round(overall[2] - overall[0], 2)  # type: ignore[operator]
        access = [next(d for d in p.dimensions if d.id == "access") for p in history.periods]
        assert [a.score for a in access] == [50.0, 75.0, 80.0]
        assert access[1].change == 25.0
        first, second, third = history.periods
        assert {f.change for f in first.findings} == {"first"}
        assert "low_participation" in {f.id for f in second.resolved}
        assert "time_conflict" in {f.id for f in second.findings if f.change == "persisted"}
        assert [f.id for f in third.findings if f.change == "appeared"] == ["limited_facilities"]
        promote = next(r for r in first.recommendations if r.id == "promote_benefits")
        assert promote.status == "done" and promote.note == "sosialisasi manfaat pelatihan"
        assert all(p.records == 1 and not p.pack_changed for p in history.periods)

        makassar = store.show(PROGRAM_IDS["makassar"])
        assert "low_participation" in {f.id for f in makassar.periods[2].findings if f.change == "persisted"}

        report = store.effect()
        assert report.programs == 5 and report.min_programs == MIN_PROGRAMS
        effect = next(e for e in report.recommendations if e.recommendation == "promote_benefits")
        assert effect.target_findings == ["low_participation"]
        assert effect.target_dimensions == ["access"]
        # Carried out: three programs after 2023, Bungo after 2024; every one resolved low participation.
        assert effect.done.programs == sorted(PROGRAM_IDS[n] for n in ("cakranegara", "binjai", "medan", "bungo"))
        assert effect.done.findings_resolved == 1.0 and effect.done.findings_programs == 4
        assert effect.done.dimension_change == 25.25 and effect.done.dimension_programs == 4  # (25 + 25 + 25 + 26) / 4
        # Not carried out: Bungo in 2023 and Makassar: two programs, too few for a figure.
        assert effect.not_done.programs == sorted(PROGRAM_IDS[n] for n in ("bungo", "makassar"))
        assert effect.not_done.pairs == 3
        assert effect.not_done.findings_programs == 2 and effect.not_done.findings_resolved is None
        assert effect.not_done.dimension_programs == 2 and effect.not_done.dimension_change is None
        assert effect.unrecorded == 1  # Makassar had no status for 2023
        assert effect.resolved_difference is None and effect.dimension_difference is None

        labels = Labels.from_pack(pack, "en")
        text = render_effect(report, labels, "text")
        assert "insufficient data (n=2 < 3)" in text and "100% (n=4)" in text
        assert "insufficient data" in render_effect(report, labels, "markdown")
        assert "data tidak cukup (n=2 < 3)" in render_effect(report, Labels.from_pack(pack, "id"), "text")
        assert json.loads(render_effect(report, labels, "json"))["recommendations"]


def test_effect_gives_a_difference_only_when_both_groups_have_enough_programs(target: str, pack: RulePack) -> None:
    """Six programs, three carried out and three not: the difference is given; a higher minimum withholds it."""
    with HistoryStore.open(target, clock=_clock()) as store:
        for index in range(6):
            done = index < 3
            for year_index, rate in enumerate((50, 80 if done else 55)):
                data = yaml.safe_load((EXAMPLES / "medan.yaml").read_text(encoding="utf-8"))
                data["program"]["id"] = f"program-{index}"
                data["indicators"] = {"participation_rate": rate}
                if rate >= 70:
                    data["findings"] = [f for f in data["findings"] if f["id"] != "low_participation"]
                profile = profile_from_mapping(data)
                normalize_indicators(profile, pack)
                store.record(profile, advise(profile, pack), period=YEARS[year_index])
            if done:
                store.set_status(
                    f"program-{index}", "promote_benefits", "done"
                )  # the latest evaluation that recommended it: 2023
            else:
                # Still recommended in 2024, so the 2023 evaluation must be named.
                store.set_status(f"program-{index}", "promote_benefits", "in_progress", period="2023")
        effect = store.effect(recommendations=["promote_benefits"]).recommendations
        assert [e.recommendation for e in effect] == ["promote_benefits"]
        row = effect[0]
        assert row.done.findings_resolved == 1.0 and row.not_done.findings_resolved == 0.0
        assert row.done.dimension_change == 30.0 and row.not_done.dimension_change == 5.0
        assert row.resolved_difference == 1.0 and row.dimension_difference == 25.0
        assert row.unrecorded == 0
        strict = store.effect(min_programs=4, recommendations=["promote_benefits"]).recommendations[0]
        assert strict.done.findings_resolved is None and strict.resolved_difference is None
        with pytest.raises(HistoryError, match="at least 3"):
            store.effect(min_programs=2)


def test_set_status_checks_what_it_is_told(target: str, pack: RulePack) -> None:
    """Unknown programs, statuses, periods and recommendations are refused with a hint."""
    with HistoryStore.open(target, clock=_clock()) as store:
        profile, advice = synthetic("medan", 0, pack)
        store.record(profile, advice)
        pid = PROGRAM_IDS["medan"]
        with pytest.raises(HistoryError) as caught:
            store.set_status(pid[:-1], "promote_benefits", "done")
        assert caught.value.hint and pid in caught.value.hint
        with pytest.raises(HistoryError, match="unknown status") as caught:
            store.set_status(pid, "promote_benefits", "dne")
        assert caught.value.hint and "done" in caught.value.hint
        with pytest.raises(HistoryError, match="no evaluation for period"):
            store.set_status(pid, "promote_benefits", "done", period="1999")
        with pytest.raises(HistoryError) as caught:
            store.set_status(pid, "promote_benefit", "done")
        assert caught.value.hint and "promote_benefits" in caught.value.hint
        entry = store.set_status(pid, "promote_benefits", "planned", note="  rapat  ")
        assert entry.period == "2023" and entry.note == "rapat"
        store.set_status(pid, "promote_benefits", "done")
        assert [e.status for e in store.statuses(pid)] == ["done"]
        assert [e.status for e in store.show(pid).status_log] == ["planned", "done"]


def test_record_needs_a_period_and_keeps_every_record(target: str, pack: RulePack) -> None:
    """No period is an error; a second record of one period is kept, and the latest is shown."""
    with HistoryStore.open(target, clock=_clock()) as store:
        profile, advice = synthetic("binjai", 0, pack)
        profile.program.period = None
        with pytest.raises(HistoryError, match="no period") as caught:
            store.record(profile, advice.model_copy(update={"program": profile.program}))
        assert caught.value.hint and "--period" in caught.value.hint
        first = store.record(profile, advice, period="2023")
        better, better_advice = synthetic("binjai", 1, pack)
        second = store.record(better, better_advice, period="2023")
        assert second.id > first.id
        history = store.show(PROGRAM_IDS["binjai"])
        assert len(history.periods) == 1 and history.periods[0].records == 2
        assert history.periods[0].evaluation_id == second.id
        stored = store.evaluation(first.id)
        assert stored.profile["program"]["period"] == "2023"
        assert stored.advice["pack"]["digest"] == pack.digest
        assert stored.record.pack.digest == pack.digest and stored.record.tool_version


def test_output_does_not_depend_on_the_order_of_recording(tmp_path: Path, pack: RulePack) -> None:
    """The same evaluations recorded in another order give the same trends and effect table."""
    outputs = []
    for name, order in (("forward", (0, 1, 2)), ("backward", (2, 1, 0))):
        with HistoryStore.open(tmp_path / f"{name}.db", clock=_clock()) as store:
            for year_index in order:
                for seed in SEEDS if name == "forward" else tuple(reversed(SEEDS)):
                    store.record(*synthetic(seed, year_index, pack))
            for seed in ("cakranegara", "binjai", "medan"):
                store.set_status(PROGRAM_IDS[seed], "promote_benefits", "done", period="2023")
            labels = Labels.from_pack(pack, "id")
            shown = [render_show(store.show(pid), labels, "text") for pid in sorted(PROGRAM_IDS.values())]
            outputs.append((shown, render_effect(store.effect(), labels, "json")))
    assert outputs[0] == outputs[1]


def test_period_order() -> None:
    """Periods sort as people read them."""
    periods = ["2024", "2023-S2", "2023", "2023-S1", "2024-10", "2024-2"]
    assert sorted(periods, key=period_key) == ["2023", "2023-S1", "2023-S2", "2024", "2024-2", "2024-10"]


# ------------------------------------------------------------- migrations

# Schema version 1, exactly as the first release wrote it (copied here, not
# imported, so that a later edit of the migrations cannot change this fixture).
V1_SQLITE = [
    """CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY AUTOINCREMENT, program_id TEXT NOT NULL, period TEXT NOT NULL,
        recorded_at TEXT NOT NULL, pack_id TEXT NOT NULL, pack_version TEXT NOT NULL, pack_digest TEXT NOT NULL,
        overall REAL, band TEXT, profile_json TEXT NOT NULL, advice_json TEXT NOT NULL)""",
    "CREATE INDEX evaluations_program_period ON evaluations (program_id, period)",
    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
]
V1_POSTGRESQL = [
    s.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY").replace("REAL", "DOUBLE PRECISION")
    for s in V1_SQLITE
]


def _write_v1(target: str, rows: list[tuple[Any, ...]]) -> None:
    insert = (
        "INSERT INTO evaluations (program_id, period, recorded_at, pack_id, pack_version, pack_digest,"
        " overall, band, profile_json, advice_json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            for statement in V1_POSTGRESQL:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations VALUES (1, 'evaluations', '2025-01-01T00:00:00Z')")
            for row in rows:
                conn.execute(insert.replace("?", "%s"), row)
        return
    conn = sqlite3.connect(target)
    with conn:
        for statement in V1_SQLITE:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (1, 'evaluations', '2025-01-01T00:00:00Z')")
        conn.executemany(insert, rows)
    conn.close()


def test_a_version_1_store_opens_and_is_migrated(target: str, pack: RulePack) -> None:
    """A hand-written schema-1 store opens in this version: migrated, its records intact and usable."""
    rows = []
    for year_index in (0, 1):
        profile, advice = synthetic("bungo", year_index, pack)
        rows.append(
            (
                profile.program.id,
                YEARS[year_index],
                f"2025-0{year_index + 1}-01T00:00:00Z",
                advice.pack.id,
                advice.pack.version,
                advice.pack.digest,
                advice.score.overall,
                advice.score.band,
                json.dumps(profile.model_dump(mode="json")),
                advice.model_dump_json(),
            )
        )
    _write_v1(target, rows)
    with HistoryStore.open(target) as store:
        assert store.migrated_from == 1 and store.schema_version == SCHEMA_VERSION
        records = store.evaluations(PROGRAM_IDS["bungo"])
        assert [r.period for r in records] == ["2023", "2024"]
        assert all(
            r.tool_version == "" and r.coverage is not None for r in records
        )  # coverage back-filled from the advice
        store.set_status(PROGRAM_IDS["bungo"], "promote_benefits", "done", period="2023")
        history = store.show(PROGRAM_IDS["bungo"])
        assert "low_participation" in {f.id for f in history.periods[1].findings if f.change == "persisted"}
        assert (
            history.periods[0]
            .recommendations[[r.id for r in history.periods[0].recommendations].index("promote_benefits")]
            .status
            == "done"
        )
    with HistoryStore.open(target) as again:
        assert again.migrated_from is None and again.count() == 2


def test_a_store_from_a_newer_version_is_refused(target: str) -> None:
    """A schema newer than this code knows is refused, with a hint to upgrade."""
    with HistoryStore.open(target) as store:
        assert store.schema_version == SCHEMA_VERSION
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as conn:
            conn.execute("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00Z')")
    else:
        with sqlite3.connect(target) as conn:
            conn.execute("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00Z')")
        conn.close()
    with pytest.raises(HistoryError, match="newer") as caught:
        HistoryStore.open(target)
    assert caught.value.hint and "upgrade" in caught.value.hint


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    """A text file or a foreign database gives a clear error, not a traceback."""
    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(HistoryError, match="cannot open") as caught:
        HistoryStore.open(junk)
    assert str(junk) in str(caught.value)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE evaluations (x INTEGER)")
    conn.close()
    with pytest.raises(HistoryError, match="schema_migrations"):
        HistoryStore.open(foreign)
    with pytest.raises(HistoryError, match="scheme"):
        HistoryStore.open("mysql://localhost/x")


# ------------------------------------------------------------ concurrency

WORKERS = 4
RECORDS_PER_WORKER = 25


def _worker(target: str, worker: int, profile_data: dict[str, Any], advice_json: str, barrier: Any) -> None:
    """Record RECORDS_PER_WORKER evaluations as one analyst (one process, one connection)."""
    advice = Advice.model_validate_json(advice_json)
    profile = Profile.model_validate(profile_data)
    barrier.wait(timeout=60)  # every analyst starts at the same moment
    with HistoryStore.open(target) as store:
        for index in range(RECORDS_PER_WORKER):
            store.record(profile, advice, period=f"{2000 + index}", source=f"worker-{worker}")


def test_concurrent_writers_lose_nothing(target: str, pack: RulePack) -> None:
    """Four processes record 25 evaluations each into one new store at once: all 100 are there."""
    # fork starts a worker in milliseconds where spawn re-imports everything;
    # the parent holds no connection at this point, so nothing is shared.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    barrier = context.Barrier(WORKERS)
    processes = []
    for worker in range(WORKERS):
        profile, advice = synthetic(SEEDS[worker], 0, pack)
        args = (target, worker, profile.model_dump(mode="json"), advice.model_dump_json(), barrier)
        processes.append(context.Process(target=_worker, args=args))
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * WORKERS
    with HistoryStore.open(target) as store:
        records = store.evaluations()
        assert len(records) == WORKERS * RECORDS_PER_WORKER
        assert len({r.id for r in records}) == WORKERS * RECORDS_PER_WORKER
        for worker in range(WORKERS):
            mine = [r for r in records if r.source == f"worker-{worker}"]
            assert sorted(r.period for r in mine) == [f"{2000 + i}" for i in range(RECORDS_PER_WORKER)]
            assert {r.program_id for r in mine} == {PROGRAM_IDS[SEEDS[worker]]}


# -------------------------------------------------------------- rendering


def test_show_renders_the_same_bytes_every_time(tmp_path: Path, pack: RulePack) -> None:
    """Text, Markdown, JSON and SVG are deterministic and carry the trend."""
    with HistoryStore.open(tmp_path / "h.db", clock=_clock()) as store:
        record_seed_years(store, pack)
        history = store.show(PROGRAM_IDS["medan"])
    labels = Labels.from_pack(pack, "en")
    text = render_show(history, labels, "text")
    assert text == render_show(history, labels, "text")
    assert "Overall score trend" in text and "resolved:" in text and "appeared:" in text
    assert "low_participation" in text and "done" in text
    markdown = render_show(history, labels, "markdown")
    assert markdown.startswith("# Evaluation history") and "| 2023 |" in markdown
    svg = render_svg(history, labels)
    assert svg == render_svg(history, labels)
    assert svg.startswith("<svg") and svg.count("<polyline") >= 2 and "2025" in svg and "<script" not in svg
    indonesian = render_show(history, Labels.from_pack(pack, "id"), "text")
    assert "Riwayat evaluasi" in indonesian and "teratasi" in indonesian
    assert json.loads(render_show(history, labels, "json"))["program_id"] == PROGRAM_IDS["medan"]


def test_terminal_chart_helpers() -> None:
    """Sparklines and bars map 0..100 and show unknown scores as dots."""
    assert sparkline([0, 50, 100, None]) == "▁▅█·"
    assert bar(50, 10) == "█████░░░░░" and bar(None, 4) == "····"


# -------------------------------------------------------------------- CLI


def _cli_store(runner: CliRunner, db: str) -> None:
    for name in ("cakranegara", "medan"):
        for year in ("2024", "2025"):
            result = runner.invoke(
                main, ["history", "record", str(EXAMPLES / f"{name}.yaml"), "--period", year, "--db", db]
            )
            assert result.exit_code == 0, result.output


def test_cli_record_show_status_effect(runner: CliRunner, tmp_path: Path) -> None:
    """The four commands work end to end, in both languages and all formats."""
    db = str(tmp_path / "h.db")
    _cli_store(runner, db)
    program = PROGRAM_IDS["medan"]
    listing = runner.invoke(main, ["history", "show", "--db", db])
    assert listing.exit_code == 0 and program in listing.output and "2 periode" in listing.output
    status = runner.invoke(
        main,
        [
            "history",
            "status",
            program,
            "follow_up_platform",
            "--set",
            "done",
            "--note",
            "grup alumni",
            "--db",
            db,
            "--lang",
            "en",
        ],
    )
    assert status.exit_code == 0, status.output
    assert "period 2025" in status.output and "done" in status.output
    svg = tmp_path / "trend.svg"
    shown = runner.invoke(main, ["history", "show", program, "--db", db, "--svg", str(svg), "--lang", "en"])
    assert shown.exit_code == 0, shown.output
    assert "Evaluation history" in shown.output and "grup alumni" in shown.output
    assert svg.read_text(encoding="utf-8").startswith("<svg")
    again = runner.invoke(main, ["history", "show", program, "--db", db, "--svg", str(svg)])
    assert again.exit_code == ExitCode.OUTPUT  # exists, no --force
    md = runner.invoke(main, ["history", "show", program, "--db", db, "--format", "markdown"])
    assert md.output.startswith("# Riwayat evaluasi")
    effect = runner.invoke(main, ["history", "effect", "--db", db, "--format", "json"])
    assert effect.exit_code == 0, effect.output
    assert json.loads(effect.output)["programs"] == 2
    text = runner.invoke(main, ["history", "effect", "--db", db, "--lang", "en"])
    assert "insufficient data" in text.output
    too_low = runner.invoke(main, ["history", "effect", "--db", db, "--min-programs", "2"])
    assert too_low.exit_code == ExitCode.USAGE
    recorded = runner.invoke(
        main, ["history", "record", str(EXAMPLES / "medan.yaml"), "--period", "2026", "--db", db, "--format", "json"]
    )
    assert json.loads(recorded.output)["period"] == "2026"


def test_cli_errors_are_messages_not_tracebacks(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing period, an unknown program, a narrative report and a broken store each give a message and a code."""
    monkeypatch.setenv("ASN_ADVISOR_LANG", "en")
    db = str(tmp_path / "h.db")
    no_period = runner.invoke(main, ["history", "record", str(EXAMPLES / "binjai.yaml"), "--db", db])
    assert no_period.exit_code == ExitCode.ERROR and "--period" in no_period.output
    _cli_store(runner, db)
    unknown = runner.invoke(main, ["history", "show", "medan-pembinaan", "--db", db])
    assert unknown.exit_code == ExitCode.ERROR and "did you mean 'medan-pembinaan-asn'" in unknown.output
    rec = runner.invoke(main, ["history", "status", PROGRAM_IDS["medan"], "teleport", "--set", "done", "--db", db])
    assert rec.exit_code == ExitCode.ERROR and "recommended in 2025" in rec.output
    bad_status = runner.invoke(
        main, ["history", "status", PROGRAM_IDS["medan"], "teleport", "--set", "finished", "--db", db]
    )
    assert bad_status.exit_code == ExitCode.USAGE
    report = tmp_path / "laporan.txt"
    report.write_text("Laporan evaluasi program.\n", encoding="utf-8")
    narrative = runner.invoke(main, ["history", "record", str(report), "--period", "2025", "--db", db])
    assert narrative.exit_code == ExitCode.INPUT and str(report) in narrative.output
    missing = runner.invoke(main, ["history", "effect", "--db", str(tmp_path / "typo.db")])
    assert missing.exit_code == ExitCode.ERROR and "no history store" in missing.output
    assert not (tmp_path / "typo.db").exists()
    unknown_rec = runner.invoke(main, ["history", "effect", "--db", db, "--recommendation", "promote_benefit"])
    assert unknown_rec.exit_code == ExitCode.ERROR and "did you mean 'promote_benefits'" in unknown_rec.output
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00\x01not sqlite" * 200)
    broken = runner.invoke(main, ["history", "show", "--db", str(junk)])
    assert broken.exit_code == ExitCode.ERROR and str(junk) in broken.output
    unreachable = runner.invoke(
        main,
        ["history", "show", "--db", "postgresql://nobody:secret@127.0.0.1:1/none"],
        env={"ASN_ADVISOR_PG_CONNECT_TIMEOUT": "2"},
    )
    assert unreachable.exit_code == ExitCode.ERROR
    assert "secret" not in unreachable.output and "***" in unreachable.output
    for result in (no_period, unknown, rec, narrative, missing, unknown_rec, broken, unreachable):
        assert "Traceback" not in result.output


def test_default_store_follows_xdg_data_home(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --db the store is $XDG_DATA_HOME/asn-advisor/history.db."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("ASN_ADVISOR_HISTORY_DB", raising=False)
    assert default_store_path() == tmp_path / "data" / "asn-advisor" / "history.db"
    result = runner.invoke(main, ["history", "record", str(EXAMPLES / "medan.yaml"), "--period", "2025"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "asn-advisor" / "history.db").exists()


def test_cli_reads_a_store_migrated_from_version_1(runner: CliRunner, tmp_path: Path, pack: RulePack) -> None:
    """The CLI says when it upgraded a store."""
    db = str(tmp_path / "old.db")
    profile, advice = synthetic("medan", 0, pack)
    row = (
        profile.program.id,
        "2023",
        "2025-01-01T00:00:00Z",
        advice.pack.id,
        advice.pack.version,
        advice.pack.digest,
        advice.score.overall,
        advice.score.band,
        json.dumps(profile.model_dump(mode="json")),
        advice.model_dump_json(),
    )
    _write_v1(db, [copy.deepcopy(row)])
    result = runner.invoke(main, ["history", "show", PROGRAM_IDS["medan"], "--db", db, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "upgraded from version 1 to 2" in result.output


def test_record_a_narrative_report(runner: CliRunner, tmp_path: Path) -> None:
    """A seed report in plain text is extracted and recorded like a profile."""
    seed = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "001_c6d9b64ce3980a18.txt"
    if not seed.exists():
        pytest.skip("shared seeds are not beside the checkout")
    db = str(tmp_path / "h.db")
    result = runner.invoke(main, ["history", "record", str(seed), "--period", "2025", "--db", db])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(main, ["history", "show", "--db", db])
    assert "001-c6d9b64ce3980a18" in shown.output
