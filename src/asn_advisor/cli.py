"""The ``asn-advisor`` command.

Exit codes (see :class:`asn_advisor.errors.ExitCode`): 0 success, 1 other
error, 2 usage error, 3 unreadable input, 4 invalid rule pack, 5 invalid
profile, 6 output not written, 7 rule tests failed, 8 batch with failed
records.  Errors are printed as ``file:line:column: message (hint)``; no
traceback is ever shown unless ``ASN_ADVISOR_DEBUG=1``.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from ._io import check_output, write_atomic
from .advice import Advice
from .engine import advise
from .errors import AdvisorError, ExitCode, Problem
from .i18n import resolve_lang, t
from .profile import load_profile
from .render import FORMATS, render, render_score
from .rulepack import RulePack, load_rules

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])


def _print_problem(problem: Problem, lang: str) -> None:
    severity = t("error", lang) if problem.severity == "error" else t("warning", lang)
    text = f"{problem.location}: [{severity}] {problem.code} {problem.message}"
    if problem.hint:
        text += f" ({problem.hint})"
    click.echo(text, err=True)


def report_error(error: AdvisorError, lang: str) -> int:
    """Print an error and its problems to standard error; return the exit code."""
    if error.problems:
        for problem in error.problems:
            _print_problem(problem, lang)
    click.echo(f"asn-advisor: {error}", err=True)
    return int(error.exit_code)


class AdvisorGroup(click.Group):
    """A click group that turns every error into a message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        lang = resolve_lang(ctx.params.get("lang") if ctx.params else None)
        try:
            return super().invoke(ctx)
        except AdvisorError as error:
            ctx.exit(report_error(error, lang))
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("asn-advisor: interrupted", err=True)
            ctx.exit(130)
        except Exception as error:  # noqa: BLE001 - last line of defence: no traceback for users
            if os.environ.get("ASN_ADVISOR_DEBUG"):
                traceback.print_exc()
            click.echo("asn-advisor: " + t("error.internal", lang, error=f"{type(error).__name__}: {error}"), err=True)
            ctx.exit(int(ExitCode.ERROR))


def rules_option(func: F) -> F:
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(file_okay=False, dir_okay=True, path_type=str),
        default=None,
        envvar="ASN_ADVISOR_RULES",
        help="Rule pack directory (default: the shipped national pack). / Direktori paket aturan.",
    )(func)


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["id", "en"]),
        default=None,
        help="Language of the output: id (default) or en; or set ASN_ADVISOR_LANG. / Bahasa keluaran.",
    )(func)


def output_options(func: F) -> F:
    func = click.option("--force", is_flag=True, help="Overwrite an existing output file. / Timpa berkas keluaran.")(func)
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=str),
        default=None,
        help="Write to this file (atomically) instead of standard output. / Tulis ke berkas ini.",
    )(func)


def load_pack(rules_dir: str | None) -> RulePack:
    return load_rules(rules_dir) if rules_dir else load_rules()


def emit(text: str, output: str | None, force: bool, inputs: list[str], lang: str) -> None:
    """Print ``text`` or write it atomically to ``output``."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    target = check_output(output, inputs=inputs, force=force, lang=lang)
    write_atomic(target, text)
    click.echo(t("output.written", lang, path=output), err=True)


def advise_file(path: str, pack: RulePack, lang: str) -> Advice:
    """Load a profile file (or ``-``) and advise it."""
    profile = load_profile(path, rules=pack)
    return advise(profile, pack, lang=lang)


@click.group(cls=AdvisorGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="asn-advisor")
def main() -> None:
    """Score an ASN development program's evaluation and recommend improvements.

    Menilai evaluasi program pengembangan ASN dan memberi rekomendasi perbaikan
    yang diprioritaskan dan dijelaskan.
    """


@main.command("advise")
@click.argument("profile", type=str)
@rules_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="Output format. / Format keluaran.")
@output_options
def advise_command(profile: str, rules_dir: str | None, lang: str | None, fmt: str, output: str | None, force: bool) -> None:
    """Score PROFILE and list prioritized, explained recommendations.

    PROFILE is a YAML or JSON profile; '-' reads standard input.
    / PROFILE berupa berkas YAML atau JSON; '-' membaca masukan standar.
    """
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    advice = advise_file(profile, pack, chosen)
    emit(render(advice, fmt), output, force, [profile], chosen)


@main.command("score")
@click.argument("profile", type=str)
@rules_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="Output format. / Format keluaran.")
def score_command(profile: str, rules_dir: str | None, lang: str | None, fmt: str) -> None:
    """Print only the score of PROFILE (overall, band, coverage, dimensions).

    / Cetak skor PROFILE saja.
    """
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    advice = advise_file(profile, pack, chosen)
    click.echo(render_score(advice, fmt), nl=False)


@main.command("explain")
@click.argument("profile", type=str)
@click.argument("recommendation", required=False)
@rules_option
@lang_option
def explain_command(profile: str, recommendation: str | None, rules_dir: str | None, lang: str | None) -> None:
    """Explain why each recommendation (or RECOMMENDATION) is made and how its priority adds up.

    / Jelaskan alasan dan rincian prioritas setiap rekomendasi.
    """
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    advice = advise_file(profile, pack, chosen)
    recs = advice.recommendations
    if recommendation is not None:
        recs = [r for r in recs if r.id == recommendation]
        if not recs:
            known = ", ".join(r.id for r in advice.recommendations) or "-"
            raise AdvisorError(f"recommendation {recommendation!r} is not in the advice for this profile", hint=f"recommended: {known}")
    for rec in recs:
        click.echo(f"{rec.rank}. {rec.title} [{rec.id}]  {t('priority', chosen).lower()} = {rec.priority:g}")
        click.echo(f"   {t('priority.breakdown', chosen)}:")
        for term in rec.priority_breakdown:
            click.echo(
                f"     {term.finding} ({t('severity.' + term.severity, chosen)}): 100 x {term.severity_factor:g} x {term.dimension_share:g}"
                f" x {term.gap_term:g} x {term.rule_weight:g} = {term.contribution:g}"
            )
        for ref in rec.because:
            click.echo(f"   {t('because', chosen)}: {ref.rule} ({ref.file}:{ref.line})")
            click.echo(f"     when: {ref.when}")
            if ref.values:
                click.echo("     " + t("values", chosen) + ": " + ", ".join(f"{k} = {v}" for k, v in ref.values.items()))
            if ref.text:
                click.echo(f"     {ref.text}")


@main.group("rules", cls=AdvisorGroup)
def rules_group() -> None:
    """Work with rule packs: check them. / Kelola paket aturan."""


@rules_group.command("check")
@click.argument("pack", required=False, type=click.Path(path_type=str))
@lang_option
def rules_check(pack: str | None, lang: str | None) -> None:
    """Load PACK (default: the shipped pack) and report every problem.

    / Periksa paket aturan dan laporkan setiap masalah.
    """
    chosen = resolve_lang(lang)
    loaded = load_rules(pack) if pack else load_rules()
    for warning in loaded.warnings:
        _print_problem(warning, chosen)
    click.echo(t("pack.ok", chosen, pack=loaded.id, version=loaded.version))


# --- batch (issue 6) ---

from .compare import COMPARE_FORMATS  # noqa: E402 - kept with the commands that use it (merge-friendly)


def _batch_common(func: F) -> F:
    """Options shared by ``batch`` and ``compare``."""
    func = click.option(
        "--on-error",
        type=click.Choice(["skip", "fail"]),
        default="skip",
        show_default=True,
        help="skip: report a bad record and go on (exit 8 at the end); fail: stop at the first. / Lewati atau hentikan pada rekaman gagal.",
    )(func)
    func = click.option("--jobs", "-j", type=int, default=1, show_default=True, help="Worker processes; the output does not depend on it. / Jumlah proses.")(func)
    func = click.option(
        "--input-format",
        type=click.Choice(["dir", "jsonl", "csv"]),
        default=None,
        help="How to read INPUT (default: from its name; '-' is JSON Lines). / Format masukan.",
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


def _outcomes(input_path: str, input_format: str | None, pack: RulePack, jobs: int, lang: str) -> Any:
    from .batch import read_records, run_records

    if jobs < 1:
        raise click.BadParameter(t("batch.jobs", lang), param_hint="--jobs")
    return run_records(read_records(input_path, input_format=input_format), pack, jobs=jobs, lang=lang)


def _report_failure(outcome: Any, on_error: str, lang: str) -> None:
    for line in outcome.error.lines():
        click.echo(line, err=True)
    if on_error == "fail":
        error = AdvisorError(t("batch.failed", lang))
        error.exit_code = outcome.error.exit_code  # the failed record's own code (3 input, 5 profile)
        raise error


def _csv_cell(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


@main.command("batch")
@click.argument("input_path", metavar="INPUT", type=str)
@rules_option
@lang_option
@output_options
@_batch_common
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default=None, help="Output format (default: from OUTPUT's name, else jsonl). / Format keluaran.")
@click.option("--top", type=click.IntRange(1, 50), default=3, show_default=True, help="Recommendations per row in CSV output. / Jumlah rekomendasi per baris CSV.")
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
) -> None:
    """Advise every profile of INPUT: a directory, a JSON Lines file or a CSV file.

    Writes one line per record, in input order: the full advice (JSON Lines)
    or id, score, band and top recommendations (CSV); a record that fails
    gives an error record instead. Exit code 8 when some records failed.
    / Nilai setiap profil dalam INPUT; satu baris keluaran per rekaman.
    """
    import csv as csv_module
    import io
    import json

    from ._io import atomic_writer

    chosen = resolve_lang(lang)
    out_format = fmt or ("csv" if output and output.lower().endswith(".csv") else "jsonl")
    pack = load_pack(rules_dir)
    target = None
    if output not in (None, "-"):
        target = check_output(output, inputs=[input_path], force=force, lang=chosen)
    ok = failed = 0
    progress = _Progress(chosen)

    def write_all(handle: Any) -> None:
        nonlocal ok, failed
        csv_buffer = io.StringIO()
        writer = csv_module.writer(csv_buffer, lineterminator="\n")
        if out_format == "csv":
            writer.writerow(["source", "line", "id", "name", "region", "score", "band", "coverage", "findings", "top_recommendations", "error"])
        for outcome in _outcomes(input_path, input_format, pack, jobs, chosen):
            progress.tick()
            if outcome.error is not None:
                failed += 1
                _report_failure(outcome, on_error, chosen)
            else:
                ok += 1
            if out_format == "jsonl":
                if outcome.payload is not None:
                    handle.write(outcome.payload)
                else:
                    handle.write(json.dumps(outcome.error.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
                handle.write(b"\n")
                continue
            summary = outcome.summary
            if summary is not None:
                writer.writerow(
                    [
                        outcome.source,
                        outcome.line,
                        summary.program,
                        summary.name or "",
                        summary.region or "",
                        _csv_cell(summary.overall),
                        summary.band or "",
                        _csv_cell(summary.coverage),
                        ";".join(fid for fid, _, _ in summary.findings),
                        ";".join(rid for rid, _ in summary.recommendations[:top]),
                        "",
                    ]
                )
            else:
                error = outcome.error
                writer.writerow([outcome.source, outcome.line, error.program or "", "", "", "", "", "", "", "", error.message])
            handle.write(csv_buffer.getvalue().encode("utf-8"))
            csv_buffer.seek(0)
            csv_buffer.truncate()
        if out_format == "csv" and csv_buffer.tell():
            handle.write(csv_buffer.getvalue().encode("utf-8"))

    try:
        if target is None:
            write_all(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with atomic_writer(target) as handle:
                write_all(handle)
    finally:
        progress.close()
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
@click.option("--format", "fmt", type=click.Choice(sorted(COMPARE_FORMATS)), default="text", show_default=True, help="Output format. / Format keluaran.")
@click.option("--top", type=click.IntRange(1, 50), default=5, show_default=True, help="Recommendations per program counted as shared. / Rekomendasi teratas per program.")
def compare_command(
    input_path: str,
    rules_dir: str | None,
    lang: str | None,
    output: str | None,
    force: bool,
    input_format: str | None,
    jobs: int,
    on_error: str,
    fmt: str,
    top: int,
) -> None:
    """Compare the programs of INPUT: ranking, dimensions, shared findings and recommendations.

    INPUT is read as by 'batch'. / Bandingkan program-program dalam INPUT.
    """
    from .compare import compare, render_comparison

    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    summaries = []
    failed = 0
    progress = _Progress(chosen)
    try:
        for outcome in _outcomes(input_path, input_format, pack, jobs, chosen):
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
    emit(render_comparison(comparison, fmt), output, force, [input_path], chosen)
    if failed:
        click.echo(t("batch.summary", chosen, total=len(summaries) + failed, ok=len(summaries), failed=failed), err=True)
        click.get_current_context().exit(int(ExitCode.PARTIAL))


def run() -> None:  # pragma: no cover - console entry for python -m
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    main()
