"""Many programs at once: ``batch`` and ``compare``."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

import click

from asn_advisor._base import atomic_writer, check_output, csv_safe, format_for_path
from asn_advisor.batch import CSV_HEADER, FIELDS, Fields, compare, read_records, read_saved, run_records
from asn_advisor.cli.app import (
    F,
    emit,
    emit_binary,
    input_paths,
    lang_option,
    load_pack,
    main,
    output_options,
    print_problem,
    rules_option,
)
from asn_advisor.errors import AdvisorError, ExitCode, OutputError
from asn_advisor.i18n import localize, resolve_lang, t
from asn_advisor.pack import RulePack
from asn_advisor.render import Sheet, comparison_sheets, format_choices, format_for, render_comparison, workbook_bytes


def _batch_common(func: F) -> F:
    """Options shared by ``batch`` and ``compare``."""
    func = click.option(
        "--on-error",
        type=click.Choice(["skip", "fail"]),
        default="skip",
        show_default=True,
        help="skip: report a bad record and go on (exit 8 at the end); fail: stop at the first.",
    )(func)
    func = click.option(
        "--jobs",
        "-j",
        type=int,
        default=1,
        show_default=True,
        help="Worker processes; the output does not depend on it.",
    )(func)
    func = click.option(
        "--input-format",
        type=click.Choice(["dir", "jsonl", "csv"]),
        default=None,
        help="How to read INPUT (default: from its name; '-' is JSON Lines).",
    )(func)
    return func


class _Progress:
    """A one-line counter on standard error, shown only when it is a terminal."""

    def __init__(self, lang: str) -> None:
        import time

        self.clock = time.monotonic
        self.enabled = sys.stderr.isatty()
        self.lang = lang
        self.start = self.last = self.clock()
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        if not self.enabled or self.count % 256:
            return
        now = self.clock()
        if now - self.last >= 0.5:
            self.last = now
            rate = self.count / max(now - self.start, 1e-9)
            click.echo("\r" + t("batch.progress", self.lang, count=self.count, rate=rate), err=True, nl=False)

    def close(self) -> None:
        if self.enabled and self.count >= 256:
            click.echo("\r\033[K", err=True, nl=False)


def _outcomes(
    input_path: str, input_format: str | None, pack: RulePack, jobs: int, lang: str, fields: Fields, summaries: bool
) -> Any:
    if jobs < 1:
        raise click.BadParameter(t("batch.jobs", lang), param_hint="--jobs")
    records = read_records(input_path, input_format=input_format)
    return run_records(records, pack, jobs=jobs, lang=lang, fields=fields, summaries=summaries)


def _report_failure(outcome: Any, on_error: str, lang: str) -> None:
    """A failed record on standard error, in the user's language (its JSON record stays as written)."""
    error = outcome.error
    if error.details or not error.problems:
        for problem in error.details:
            print_problem(problem, lang)
        where = f"{error.source}:{error.line}" if error.line else error.source
        click.echo(f"{where}: {localize(error.message, lang)}", err=True)
    else:
        for line in error.lines():
            click.echo(line, err=True)
    if on_error == "fail":
        error = AdvisorError(t("batch.failed", lang))
        error.exit_code = outcome.error.exit_code  # the failed record's own code (3 input, 5 profile)
        raise error


def _csv_cell(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def batch_sheet(lang: str) -> Sheet:
    """The spreadsheet of ``batch -o FILE.xlsx``: the CSV's columns with headers in ``lang``."""
    headers = [
        t("xlsx.source", lang),
        t("xlsx.line", lang),
        t("xlsx.program", lang),
        t("report.name", lang),
        t("region", lang),
        t("score", lang),
        t("band", lang),
        t("score.coverage", lang),
        t("xlsx.findings", lang),
        t("xlsx.top", lang),
        t("xlsx.error", lang),
    ]
    return Sheet(t("xlsx.sheet.batch", lang), headers, formats={5: "score", 7: "percent"})


def batch_row(outcome: Any, top: int, pack: RulePack, lang: str) -> list[Any]:
    """One program's row: findings and recommendations by their labels, as the reader names them."""
    summary = outcome.summary
    if summary is None:
        error = outcome.error
        return [
            outcome.source,
            outcome.line,
            error.program or None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            error.message,
        ]
    findings = [pack.findings[fid].label.get(lang) if fid in pack.findings else fid for fid, _, _ in summary.findings]
    recs = [
        pack.recommendations[rid].label.get(lang) if rid in pack.recommendations else rid
        for rid, _ in summary.recommendations[:top]
    ]
    band = next((b.label.get(lang) for b in pack.scoring.bands if b.id == summary.band), summary.band)
    return [
        outcome.source,
        outcome.line,
        summary.program,
        summary.name,
        summary.region,
        summary.overall,
        band,
        summary.coverage,
        "; ".join(findings),
        "; ".join(recs),
        None,
    ]


def _csv_row(outcome: Any, top: int) -> list[Any]:
    """One record of ``batch``'s CSV output (the columns of :data:`CSV_HEADER`)."""
    summary = outcome.summary
    if summary is None:
        error = outcome.error
        return [outcome.source, outcome.line, error.program or "", *[""] * (len(CSV_HEADER) - 4), error.message]
    return [
        outcome.source,
        outcome.line,
        summary.program,
        summary.name or "",
        summary.region or "",
        _csv_cell(summary.overall),
        _csv_cell(summary.score_low),
        _csv_cell(summary.score_high),
        summary.band or "",
        _csv_cell(summary.coverage),
        ";".join(fid for fid, _, _ in summary.findings),
        ";".join(rid for rid, _ in summary.recommendations[:top]),
        "",
    ]


def _write_outcomes(
    handle: Any, outcomes: Any, out_format: str, top: int, pack: RulePack, lang: str, on_error: str, progress: Any
) -> tuple[int, int]:
    """Write every outcome to ``handle`` in ``out_format``; the numbers of records advised and failed."""
    csv_buffer = io.StringIO()
    writer = csv.writer(csv_buffer, lineterminator="\n")
    quoting = csv.writer(csv_buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def write_row(row: list[Any]) -> None:
        # A name or message starting with = + - @ is text, never a spreadsheet formula;
        # a carriage return inside a cell is quoted (the csv module leaves it bare).
        cells = [csv_safe(cell) for cell in row]
        bare_cr = any(isinstance(cell, str) and "\r" in cell for cell in cells)
        (quoting if bare_cr else writer).writerow(cells)

    ok = failed = 0
    if out_format == "csv":
        write_row(CSV_HEADER)
    sheet = batch_sheet(lang)
    for outcome in outcomes:
        progress.tick()
        if outcome.error is not None:
            failed += 1
            _report_failure(outcome, on_error, lang)
        else:
            ok += 1
        if out_format == "xlsx":
            sheet.rows.append(batch_row(outcome, top, pack, lang))
        elif out_format == "jsonl":
            if outcome.payload is not None:
                handle.write(outcome.payload)
            else:
                handle.write(
                    json.dumps(outcome.error.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                )
            handle.write(b"\n")
        else:
            write_row(_csv_row(outcome, top))
            handle.write(csv_buffer.getvalue().encode("utf-8"))
            csv_buffer.seek(0)
            csv_buffer.truncate()
    if out_format == "csv" and csv_buffer.tell():
        handle.write(csv_buffer.getvalue().encode("utf-8"))
    if out_format == "xlsx":
        handle.write(workbook_bytes([sheet]))
    return ok, failed


@main.command("batch")
@click.argument("input_path", metavar="INPUT", type=str)
@rules_option
@lang_option
@output_options
@_batch_common
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "xlsx"]),
    default=None,
    help="Output format (default: from OUTPUT's name, else jsonl).",
)
@click.option(
    "--top", type=click.IntRange(1, 50), default=3, show_default=True, help="Recommendations per row in CSV output."
)
@click.option(
    "--fields",
    type=click.Choice(FIELDS),
    default="full",
    show_default=True,
    help="JSON Lines: 'full', the explained advice of 'advise --format json'; 'summary', per record the program, "
    "score, score_low, score_high, band, coverage and ranked recommendations with priorities, many times faster.",
)
def batch_command(
    input_path: str,
    rules_dir: str | None,
    lang: str | None,
    output: str | None,
    force: bool,
    input_format: str | None,
    jobs: int,
    on_error: str,
    fmt: str | None,
    top: int,
    fields: Fields,
) -> None:
    """Advise every profile of INPUT: a directory, a JSON Lines file or a CSV file.

    Writes one line per record, in input order: the full advice (JSON Lines)
    or id, score, band and top recommendations (CSV); a record that fails
    gives an error record instead. Exit code 8 when some records failed.
    """
    chosen = resolve_lang(lang)
    out_format = fmt or format_for_path(output, ("csv", "jsonl", "xlsx")) or "jsonl"
    pack = load_pack(rules_dir)
    target = None
    if out_format == "xlsx" and output in (None, "-"):
        raise OutputError(t("binary.stdout", chosen), hint=t("binary.stdout.hint", chosen))
    if output not in (None, "-"):
        target = check_output(output, inputs=input_paths(pack, input_path), force=force, lang=chosen)
    progress = _Progress(chosen)
    # CSV and spreadsheet rows need only the summary: the engine stops there.
    computed: Fields = fields if out_format == "jsonl" else "summary"
    counts = [0, 0]  # advised, failed

    def write_all(handle: Any) -> None:
        # JSON Lines are written from the payload alone; CSV and spreadsheet rows from the summary.
        outcomes = _outcomes(input_path, input_format, pack, jobs, chosen, computed, out_format != "jsonl")
        counts[:] = _write_outcomes(handle, outcomes, out_format, top, pack, chosen, on_error, progress)

    try:
        if target is None:
            write_all(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with atomic_writer(target) as handle:
                write_all(handle)
    finally:
        progress.close()
    ok, failed = counts
    click.echo(t("batch.summary", chosen, total=ok + failed, ok=ok, failed=failed), err=True)
    if target is not None:
        click.echo(t("output.written", chosen, path=output), err=True)
    if failed:
        click.echo("asn-advisor: " + t("batch.partial", chosen, failed=failed), err=True)
        click.get_current_context().exit(int(ExitCode.PARTIAL))


@main.command("compare")
@click.argument("input_path", metavar="INPUT", type=str)
@rules_option
@lang_option
@output_options
@_batch_common
@click.option(
    "--format",
    "fmt",
    type=click.Choice(format_choices("comparison")),
    default=None,
    help="Output format; default: from the output file's extension (.html, .md, .json, .xlsx), else text.",
)
@click.option(
    "--top",
    type=click.IntRange(1, 50),
    default=5,
    show_default=True,
    help="Recommendations per program counted as shared.",
)
def compare_command(
    input_path: str,
    rules_dir: str | None,
    lang: str | None,
    output: str | None,
    force: bool,
    input_format: str | None,
    jobs: int,
    on_error: str,
    fmt: str | None,
    top: int,
) -> None:
    """Compare the programs of INPUT: ranking, dimensions, shared findings and recommendations.

    INPUT is read as by 'batch'. '-o comparison.html' writes one
    self-contained page with a chart of the programs per band.
    """

    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    saved = read_saved(input_path) if input_format is None else None
    summaries: list[Any] = []
    failed = 0
    progress = _Progress(chosen)
    if saved is not None:  # what an earlier 'batch' wrote: its programs are already advised
        summaries, failed = saved
    try:
        for outcome in (
            () if saved is not None else _outcomes(input_path, input_format, pack, jobs, chosen, "summary", True)
        ):
            progress.tick()
            if outcome.error is not None:
                failed += 1
                _report_failure(outcome, on_error, chosen)
            else:
                summaries.append(outcome.summary)
    finally:
        progress.close()
    if not summaries:
        raise AdvisorError(t("compare.empty", chosen), location=None)
    comparison = compare(summaries, pack, lang=chosen, top=top, failed=failed)
    chosen_format = fmt or format_for("comparison", output) or "text"
    if chosen_format == "xlsx":
        emit_binary(workbook_bytes(comparison_sheets(comparison)), output, force, input_paths(pack, input_path), chosen)
    else:
        emit(render_comparison(comparison, chosen_format), output, force, input_paths(pack, input_path), chosen)
    if failed:
        click.echo(
            t("batch.summary", chosen, total=len(summaries) + failed, ok=len(summaries), failed=failed), err=True
        )
        click.get_current_context().exit(int(ExitCode.PARTIAL))
