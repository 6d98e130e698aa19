"""The ``history`` group: evaluations over time (record, show, status, effect)."""

from __future__ import annotations

from typing import Any

import click

from asn_advisor._base import check_output, write_atomic
from asn_advisor.cli.app import (
    AdvisorGroup,
    F,
    emit,
    format_option,
    input_paths,
    lang_option,
    load_pack,
    main,
    output_options,
    rules_option,
)
from asn_advisor.engine import advise, extract_file, is_report_path, profile_from_extraction
from asn_advisor.i18n import number, resolve_lang, t
from asn_advisor.model import load_profile
from asn_advisor.pack import RulePack
from asn_advisor.render import Labels, format_choices, render_effect, render_show, render_svg
from asn_advisor.store import SCHEMA_VERSION, HistoryStore, is_url, resolve_store

# --- history ---
# Evaluations over time: `history record|show|status|effect`.  The store is
# SQLite by default ($XDG_DATA_HOME/asn-advisor/history.db) or PostgreSQL
# given as a postgresql:// URL; see docs/history.md.


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db",
        default=None,
        envvar="ASN_ADVISOR_HISTORY_DB",
        help=(
            "History store: a SQLite file or a postgresql:// URL "
            "(default: $XDG_DATA_HOME/asn-advisor/history.db). / Penyimpanan riwayat."
        ),
    )(func)


def open_history(db: str | None, lang: str, *, create: bool = False) -> Any:
    """Open the history store named by --db (or the default) and say so when it was migrated.

    Only `record` creates a store: reading a store that is not there is a typo to report.
    """

    store = HistoryStore.open(resolve_store(db), create=create)
    if store.migrated_from is not None:
        click.echo(t("history.migrated", lang, old=store.migrated_from, new=SCHEMA_VERSION), err=True)
    return store


def store_inputs(db: str | None) -> list[str]:
    """The history store as an input an output must never overwrite (a SQLite file; a URL names no file)."""
    where = resolve_store(db)
    return [] if is_url(where) else [where]


def load_history_input(path: str, pack: RulePack, lang: str) -> Any:
    """Read what `history record` records: a YAML/JSON profile, or a narrative
    report (.txt, .md) turned into a profile by the report extractor.
    """

    if is_report_path(path):
        return profile_from_extraction(extract_file(path, pack, lang=lang), pack, lang=lang)
    return load_profile(path, rules=pack)


@main.group("history", cls=AdvisorGroup)
def history_group() -> None:
    """Evaluations over time: record, trends, follow-up, effect of recommendations.

    / Riwayat evaluasi: catat, tren, tindak lanjut, dan dampak rekomendasi.
    """


@history_group.command("record")
@click.argument("profile", type=str)
@click.option(
    "--period", default=None, help="Period of the evaluation, e.g. 2025 (default: program.period). / Periode evaluasi."
)
@db_option
@rules_option
@lang_option
@format_option("json", "text")
def history_record(
    profile: str, period: str | None, db: str | None, rules_dir: str | None, lang: str | None, fmt: str
) -> None:
    """Advise PROFILE and store the profile, the advice and the rule pack's version in the history.

    PROFILE is a YAML or JSON profile; '-' reads standard input.
    / Nilai PROFILE lalu simpan profil, saran dan versi paket aturan ke riwayat.
    """
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    loaded = load_history_input(profile, pack, chosen)
    if period is not None:
        # The advice shows the period it was recorded for.
        loaded.program.period = period.strip()
    advice = advise(loaded, pack, lang=chosen)
    with open_history(db, chosen, create=True) as store:
        record = store.record(loaded, advice, period=period, source=None if profile == "-" else profile)
        where = store.location
    if fmt == "json":
        click.echo(record.model_dump_json(indent=2))
        return
    score = "-" if record.overall is None else number(record.overall, chosen)
    click.echo(
        t(
            "history.recorded",
            chosen,
            id=record.id,
            program=record.program_id,
            period=record.period,
            score=score,
            store=where,
        )
    )


@history_group.command("show")
@click.argument("program", required=False)
@db_option
@rules_option
@lang_option
@format_option(*format_choices("history"))
@click.option(
    "--svg",
    "svg",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Also write a trend chart to this SVG file. / Tulis grafik tren SVG.",
)
@output_options
def history_show(
    program: str | None,
    db: str | None,
    rules_dir: str | None,
    lang: str | None,
    fmt: str,
    svg: str | None,
    output: str | None,
    force: bool,
) -> None:
    """Show PROGRAM's evaluations over time (without PROGRAM: list the programs).

    / Tampilkan evaluasi PROGRAM dari waktu ke waktu (tanpa PROGRAM: daftar program).
    """

    chosen = resolve_lang(lang)
    if program is None and svg is not None:
        raise click.UsageError(t("history.svg_needs_program", chosen))
    protected = store_inputs(db)
    with open_history(db, chosen) as store:
        if program is None:
            records = store.evaluations()
            periods: dict[str, set[str]] = {}
            for rec in records:
                periods.setdefault(rec.program_id, set()).add(rec.period)
            if fmt == "json":
                import json as _json

                payload = [{"program_id": pid, "periods": len(periods[pid])} for pid in sorted(periods)]
                emit(_json.dumps(payload, indent=2, ensure_ascii=False) + "\n", output, force, protected, chosen)
                return
            if not periods:
                emit(t("history.programs.none", chosen) + "\n", output, force, protected, chosen)
                return
            lines = [t("history.programs", chosen, count=len(periods))]
            lines += [f"  {pid}  ({len(periods[pid])} {t('history.periods', chosen)})" for pid in sorted(periods)]
            emit("\n".join(lines) + "\n", output, force, protected, chosen)
            return
        history = store.show(program)
    pack = load_pack(rules_dir)
    protected = input_paths(pack, *protected)
    labels = Labels.from_pack(pack, chosen)
    if output not in (None, "-"):
        check_output(output, inputs=protected, force=force, lang=chosen)  # before the chart is written
    if svg is not None:
        target = check_output(svg, inputs=protected, force=force, lang=chosen)
        write_atomic(target, render_svg(history, labels), overwrite=force, lang=chosen)
        click.echo(t("history.svg.written", chosen, path=svg), err=True)
    emit(render_show(history, labels, fmt), output, force, protected, chosen)


@history_group.command("status")
@click.argument("program")
@click.argument("recommendation")
@click.option(
    "--set",
    "status",
    required=True,
    type=click.Choice(["planned", "in_progress", "done", "dropped"]),
    help="What was done about it. / Apa yang dilakukan.",
)
@click.option(
    "--note", default=None, help="A short note: what was done, by whom, a document reference. / Catatan singkat."
)
@click.option(
    "--period",
    default=None,
    help="Period of the evaluation that made the recommendation (default: the latest that did). / Periode evaluasi.",
)
@db_option
@lang_option
def history_status(
    program: str,
    recommendation: str,
    status: str,
    note: str | None,
    period: str | None,
    db: str | None,
    lang: str | None,
) -> None:
    """Record what the office did about RECOMMENDATION made to PROGRAM.

    / Catat tindak lanjut kantor atas REKOMENDASI untuk PROGRAM.
    """
    chosen = resolve_lang(lang)
    with open_history(db, chosen) as store:
        entry = store.set_status(program, recommendation, status, note=note, period=period)
    click.echo(
        t(
            "history.status_set",
            chosen,
            program=entry.program_id,
            period=entry.period,
            recommendation=entry.recommendation,
            status=t(f"history.status.{entry.status}", chosen),
        )
    )


@history_group.command("effect")
@db_option
@rules_option
@lang_option
@format_option(*format_choices("effect"))
@click.option(
    "--min-programs",
    type=click.IntRange(min=3),
    default=3,
    show_default=True,
    help="Least number of programs a figure may rest on, per group. / Jumlah program minimal per kelompok.",
)
@click.option(
    "--recommendation", "only", multiple=True, help="Only this recommendation (repeatable). / Hanya rekomendasi ini."
)
@output_options
def history_effect(
    db: str | None,
    rules_dir: str | None,
    lang: str | None,
    fmt: str,
    min_programs: int,
    only: tuple[str, ...],
    output: str | None,
    force: bool,
) -> None:
    """Across programs: what changed after each recommendation, where it was carried out and where not.

    / Antarprogram: perubahan setelah tiap rekomendasi, dilaksanakan atau tidak.
    """

    chosen = resolve_lang(lang)
    with open_history(db, chosen) as store:
        report = store.effect(min_programs=min_programs, recommendations=list(only) if only else None)
    pack = load_pack(rules_dir)
    labels = Labels.from_pack(pack, chosen)
    emit(render_effect(report, labels, fmt), output, force, input_paths(pack, *store_inputs(db)), chosen)
