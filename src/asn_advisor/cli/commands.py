"""The ``asn-advisor`` command.

Exit codes (see :class:`asn_advisor.errors.ExitCode`): 0 success, 1 other
error, 2 usage error, 3 unreadable input, 4 invalid rule pack, 5 invalid
profile, 6 output not written, 7 rule tests failed, 8 batch with failed
records.  Errors are printed as ``file:line:column: message (hint)``; no
traceback is ever shown unless ``ASN_ADVISOR_DEBUG=1``.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from asn_advisor._base import (
    LIMIT_MAXIMA,
    Limits,
    atomic_writer,
    check_output,
    csv_safe,
    format_for_path,
    load_document,
    read_text,
    unknown_id_hint,
    use_limits,
    validation_problems,
    write_atomic,
)
from asn_advisor._version import __version__
from asn_advisor.authoring import SCHEMAS, check_pack, diff_packs, init_pack, render_diff, run_tests, schema_text
from asn_advisor.batch import CSV_HEADER, compare, read_records, read_saved, run_records
from asn_advisor.cli.help import apply_help, lang_from_args
from asn_advisor.cli.help import text as help_text
from asn_advisor.engine import (
    ORDERS,
    advise,
    advise_report,
    extract_file,
    is_report_path,
    pack_patterns,
    profile_from_extraction,
    profile_text,
    program_id_for,
    reorder,
    what_if,
)
from asn_advisor.errors import AdvisorError, ExitCode, Location, OutputError, Problem
from asn_advisor.i18n import DEFAULT_LANG, number, resolve_lang, t, translate
from asn_advisor.model import (
    Advice,
    bands_from_pack,
    check_findings,
    load_profile,
    normalize_indicators,
    profile_from_data,
)
from asn_advisor.pack import GRAPH_FORMATS, GRAPH_VIEWS, NATIONAL_PACK, RulePack, export_graph, load_rules
from asn_advisor.reader import check_examples
from asn_advisor.render import (
    FORMATS,
    PLAN_FORMATS,
    Labels,
    Sheet,
    comparison_sheets,
    format_for,
    html_to_pdf,
    render,
    render_comparison,
    render_effect,
    render_extraction,
    render_plan,
    render_report,
    render_score,
    render_show,
    render_summary,
    render_svg,
    render_whatif,
    report_format_for,
    workbook_bytes,
)
from asn_advisor.store import SCHEMA_VERSION, HistoryStore, is_url, resolve_store

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])


def _print_problem(problem: Problem, lang: str) -> None:
    # The loaders write English; the message catalog turns it into the user's language.
    severity = t("error", lang) if problem.severity == "error" else t("warning", lang)
    text = f"{problem.location}: [{severity}] {problem.code} {translate(problem.message, lang)}"
    if problem.hint:
        text += f" ({translate(problem.hint, lang)})"
    click.echo(text, err=True)


def error_text(error: AdvisorError, lang: str) -> str:
    """``location: message (hint)`` of an error, message and hint in ``lang``."""
    text = translate(error.message, lang) or ""
    if error.code:
        text = f"{error.code} {text}"
    if error.location:
        text = f"{error.location}: {text}"
    if error.hint:
        text += f" ({translate(error.hint, lang)})"
    return text


def report_error(error: AdvisorError, lang: str) -> int:
    """Print an error and its problems to standard error; return the exit code."""
    if error.problems:
        for problem in error.problems:
            _print_problem(problem, lang)
    click.echo(f"asn-advisor: {error_text(error, lang)}", err=True)
    return int(error.exit_code)


# The language of this run, read from the raw arguments before click parses
# them (see cli_help): help texts, click's words and errors all use it.
_RUN = {"lang": DEFAULT_LANG}

# Click's "[default: x]", "[required]", "[env var: X]" after an option's help.
_EXTRAS = {
    "id": (("default: ", "bawaan: "), ("required", "wajib"), ("env var: ", "variabel lingkungan: ")),
}


def _translate_extras(help_text: str, lang: str) -> str:
    if lang not in _EXTRAS or "[" not in help_text:
        return help_text
    head, bracket, tail = help_text.rpartition("  [")
    if not bracket:
        return help_text
    for english, local in _EXTRAS[lang]:
        tail = tail.replace(english, local)
    return f"{head}{bracket}{tail}"


class AdvisorCommand(click.Command):
    """A command whose help and click's own words follow the run's language."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = help_text("--help", _RUN["lang"])
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=help_text("click.usage", _RUN["lang"]))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = _RUN["lang"]
        rows = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and not isinstance(param, click.Argument):
                rows.append((record[0], _translate_extras(record[1], lang)))
        if rows:
            with formatter.section(help_text("click.options", lang)):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self._format_subcommands(ctx, formatter)

    def _format_subcommands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        assert isinstance(self, click.Group)
        commands = [(name, self.commands[name]) for name in self.list_commands(ctx) if not self.commands[name].hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section(help_text("click.commands", _RUN["lang"])):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in commands])


def show_click_error(error: click.ClickException, lang: str) -> None:
    """Click's usage errors, as click prints them but in ``lang``."""
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            click.echo(
                help_text("click.try", lang).format(command=ctx.command_path, option=ctx.help_option_names[0]), err=True
            )
        click.echo("", err=True)
    message = translate(error.format_message(), lang) or ""
    click.echo(help_text("click.error", lang).format(message=message), err=True)


class AdvisorGroup(AdvisorCommand, click.Group):
    """A click group that turns every error into a message and an exit code.

    Its :meth:`main` picks the language from the raw arguments first, so that
    help, usage errors and messages are all in that language.
    """

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        lang = lang_from_args(argv)
        _RUN["lang"] = lang
        apply_help(self, lang)
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, standalone_mode, **extra)
        guard_standard_streams()
        previous = _catch_sigterm()
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
            sys.stdout.flush()
        except click.ClickException as error:
            show_click_error(error, lang)
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo(help_text("click.aborted", lang), err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo(help_text("click.interrupted", lang), err=True)
            sys.exit(int(ExitCode.INTERRUPTED))
        except Terminated:
            sys.exit(report_terminated(lang))
        except OSError as error:
            if not is_stdout_error(error):
                raise
            sys.exit(report_stdout_error(error, lang))
        finally:
            _restore_sigterm(previous)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        lang = _RUN["lang"]
        try:
            return super().invoke(ctx)
        except AdvisorError as error:
            ctx.exit(report_error(error, lang))
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo(help_text("click.interrupted", lang), err=True)
            ctx.exit(int(ExitCode.INTERRUPTED))
        except Terminated:
            ctx.exit(report_terminated(lang))
        except (MemoryError, RecursionError) as error:
            ctx.exit(report_resource_error(error, lang))
        except OSError as error:
            if not is_stdout_error(error):
                raise_internal(error, lang)
            ctx.exit(report_stdout_error(error, lang))
        except Exception as error:
            raise_internal(error, lang)


def raise_internal(error: Exception, lang: str) -> None:
    """Report an unexpected error as an internal error (exit 1); the traceback only with ASN_ADVISOR_DEBUG."""
    if os.environ.get("ASN_ADVISOR_DEBUG"):
        traceback.print_exc()
    click.echo("asn-advisor: " + t("error.internal", lang, error=f"{type(error).__name__}: {error}"), err=True)
    click.get_current_context().exit(int(ExitCode.ERROR))


# --- standard streams and signals ---


class Terminated(BaseException):
    """SIGTERM arrived: raised in the main thread so that temporary files are removed on the way out."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated


def _catch_sigterm() -> Any:
    """Turn SIGTERM into :class:`Terminated` for this run (main thread only); return the handler it replaced."""
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except (ValueError, OSError):  # not the main thread
        return None


def _restore_sigterm(previous: Any) -> None:
    if previous is not None:
        try:
            signal.signal(signal.SIGTERM, previous)
        except (ValueError, OSError):
            pass


def report_terminated(lang: str) -> int:
    click.echo("asn-advisor: " + t("run.terminated", lang), err=True)
    return int(ExitCode.TERMINATED)


class _ClosedOutput(io.TextIOBase):
    """Standard output when its descriptor was closed: any write fails as writing to a closed descriptor does."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass

    @property
    def buffer(self) -> Any:
        return self


def guard_standard_streams() -> None:
    """A closed descriptor 0, 1 or 2 is held by /dev/null, so no file the command opens takes its number.

    Standard input stays ``None`` (reading ``-`` then says it is closed);
    standard output fails on the first write, with exit code 6.
    """
    for fd, mode in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
        except OSError:
            try:
                held = os.open(os.devnull, mode)
            except OSError:
                continue
            if held != fd:
                os.dup2(held, fd)
                os.close(held)
            if fd == 1:
                sys.stdout = _ClosedOutput()


_STDOUT_ERRNOS = {errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, errno.EFBIG, errno.EDQUOT}


def is_stdout_error(error: OSError) -> bool:
    """Whether ``error`` is a failed write to standard output (full disk, broken pipe, closed descriptor).

    Files the command reads or writes report their own errors with a file
    name; a bare error with one of these codes comes from a standard stream.
    """
    return error.errno in _STDOUT_ERRNOS and getattr(error, "filename", None) is None


def report_stdout_error(error: OSError, lang: str) -> int:
    """Say that standard output failed and return exit code 6; whatever is still buffered is dropped."""
    try:
        held = os.open(os.devnull, os.O_WRONLY)
        os.dup2(held, 1)
        os.close(held)
    except OSError:
        pass
    if isinstance(error, BrokenPipeError):
        reason = "the reader closed the pipe"
    else:
        reason = error.strerror or str(error)
    return report_error(
        OutputError(
            f"cannot write to standard output: {reason}",
            hint="check the disk or the command reading the output, or write to a file with -o",
        ),
        lang,
    )


# Commands added with @main.command() and groups added with @main.group()
# (and within them) get the translated help formatting without naming a class.
AdvisorGroup.command_class = AdvisorCommand
AdvisorGroup.group_class = type


def rules_option(func: F) -> F:
    return click.option(
        "--rules",
        "rules_dir",
        type=click.Path(file_okay=False, dir_okay=True, path_type=str),
        default=None,
        envvar="ASN_ADVISOR_RULES",
        help="Rule pack directory (default: the shipped national pack).",
    )(func)


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["id", "en"]),
        default=None,
        help="Language of the output: id (default) or en; or set ASN_ADVISOR_LANG.",
    )(func)


def output_options(func: F) -> F:
    func = click.option("--force", is_flag=True, help="Overwrite an existing output file.")(func)
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=str),
        default=None,
        help="Write to this file (atomically) instead of standard output.",
    )(func)


def load_pack(rules_dir: str | None) -> RulePack:
    return load_rules(rules_dir) if rules_dir else load_rules()


def emit(text: str, output: str | None, force: bool, inputs: list[str], lang: str) -> None:
    """Print ``text`` or write it atomically to ``output``."""
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    target = check_output(output, inputs=inputs, force=force, lang=lang)
    write_atomic(target, text, overwrite=force, lang=lang)
    click.echo(t("output.written", lang, path=output), err=True)


def emit_binary(data: bytes, output: str | None, force: bool, inputs: list[str], lang: str) -> None:
    """Write a binary file (a spreadsheet); it is never printed to a terminal."""
    if output is None or output == "-":
        raise OutputError(t("binary.stdout", lang), hint=t("binary.stdout.hint", lang))
    target = check_output(output, inputs=inputs, force=force, lang=lang)
    write_atomic(target, data, overwrite=force, lang=lang)
    click.echo(t("output.written", lang, path=output), err=True)


def advise_file(path: str, pack: RulePack, lang: str, *, report: bool = False) -> Advice:
    """Load a profile file (or ``-``) and advise it.

    A ``.txt``/``.md`` file (or any input with ``report=True``) is a narrative
    report: it is extracted first, and the advice sets the report's own
    proposals beside the advisor's (``report_proposals``).
    """
    if report or is_report_path(path):
        return advise_report(path, pack, lang=lang)
    profile = load_profile(path, rules=pack)
    return advise(profile, pack, lang=lang)


def report_option(func: F) -> F:
    return click.option(
        "--report",
        "as_report",
        is_flag=True,
        help="Read the input as a narrative report (implied for .txt and .md).",
    )(func)


@click.group(cls=AdvisorGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
# A message without words, so that it needs no translation.
@click.version_option(__version__, prog_name="asn-advisor", message="%(prog)s %(version)s")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1, max=LIMIT_MAXIMA["max_bytes"]),
    default=None,
    metavar="N",
    help="Largest input file, in bytes (default 10485760; env ASN_ADVISOR_MAX_BYTES).",
)
@click.option(
    "--max-depth",
    type=click.IntRange(min=1, max=LIMIT_MAXIMA["max_depth"]),
    default=None,
    metavar="N",
    help="Deepest nesting of an input file (default 64; env ASN_ADVISOR_MAX_DEPTH).",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1, max=LIMIT_MAXIMA["max_nodes"]),
    default=None,
    metavar="N",
    help="Most values in an input file, aliases expanded (default 100000; env ASN_ADVISOR_MAX_NODES).",
)
@click.pass_context
def main(ctx: click.Context, max_bytes: int | None, max_depth: int | None, max_nodes: int | None) -> None:
    """Score an ASN development program's evaluation and recommend prioritized, explained improvements.

    Help texts in Indonesian and English come from asn_advisor.cli.help.HELP.
    """
    apply_limit_options(ctx, max_bytes=max_bytes, max_depth=max_depth, max_nodes=max_nodes)


@main.command("advise")
@click.argument("profile", type=str)
@rules_option
@lang_option
@click.option(
    "--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="Output format."
)
@click.option(
    "--rinci",
    "--detail",
    "detail",
    is_flag=True,
    help="Text: every finding, rule, file, condition and the roadmap, not only the top steps.",
)
@report_option
@output_options
def advise_command(
    profile: str,
    rules_dir: str | None,
    lang: str | None,
    fmt: str,
    detail: bool,
    as_report: bool,
    output: str | None,
    force: bool,
) -> None:
    """Score PROFILE and show the top prioritized, explained recommendations on one screen.

    PROFILE is a YAML or JSON profile, or a narrative report (.txt, .md): a
    report is read first and its own proposals are set beside the advice.
    '-' reads standard input.
    """
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    advice = advise_file(profile, pack, chosen, report=as_report)
    if fmt == "text" and not detail:
        flag = "--rinci" if chosen == "id" else "--detail"
        command = f"asn-advisor advise {click.format_filename(profile)} {flag}"
        text = render_summary(advice, detail_hint=command)
    else:
        text = render(advice, fmt)
    emit(text, output, force, input_paths(pack, profile), chosen)


@main.command("score")
@click.argument("profile", type=str)
@rules_option
@lang_option
@click.option(
    "--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="Output format."
)
@report_option
def score_command(profile: str, rules_dir: str | None, lang: str | None, fmt: str, as_report: bool) -> None:
    """Print only the score of PROFILE (overall, band, coverage, dimensions)."""
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    advice = advise_file(profile, pack, chosen, report=as_report)
    click.echo(render_score(advice, fmt), nl=False)


@main.command("explain")
@click.argument("profile", type=str)
@click.argument("recommendation", required=False)
@rules_option
@lang_option
def explain_command(profile: str, recommendation: str | None, rules_dir: str | None, lang: str | None) -> None:
    """Explain why each recommendation (or RECOMMENDATION) is made and how its priority adds up."""
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    advice = advise_file(profile, pack, chosen)
    recs = advice.recommendations
    if recommendation is not None:
        recs = [r for r in recs if r.id == recommendation]
        placed = [p for p in advice.in_place if p.id == recommendation]
        if not recs and placed:  # already in place: say so rather than "not in the advice"
            findings = ", ".join(f.label for f in advice.findings if f.id in placed[0].findings)
            state = t("quality.in_place.not_working", chosen, findings=findings) if findings else ""
            state = state or t("quality.in_place.working", chosen)
            click.echo(f"{placed[0].title} [{placed[0].id}]: {placed[0].because or ''} {state}".strip())
            return
        if not recs:
            known = ", ".join(r.id for r in advice.recommendations) or "-"
            meant = unknown_id_hint(recommendation, pack.recommendations)
            hint = f"{meant}; recommended: {known}" if meant else f"recommended: {known}"
            raise AdvisorError(f"recommendation {recommendation!r} is not in the advice for this profile", hint=hint)
    for rec in recs:
        click.echo(f"{rec.rank}. {rec.title} [{rec.id}]  {t('priority', chosen).lower()} = {rec.priority:g}")
        click.echo(f"   {t('priority.breakdown', chosen)}:")
        for term in rec.priority_breakdown:
            if term.kind == "report_proposal":
                click.echo(f"     {t('quality.term.report_proposal', chosen)}: {term.contribution:g}")
                continue
            # A root-cause term names the addressed causes it comes through.
            name = (
                term.finding
                if term.kind == "finding"
                else t("plan.root_cause.term", chosen, finding=term.finding, via=", ".join(term.via))
            )
            click.echo(
                f"     {name} ({t('severity.' + term.severity, chosen)}): "
                f"100 x {term.severity_factor:g} x {term.dimension_share:g}"
                f" x {term.gap_term:g} x {term.rule_weight:g} = {term.contribution:g}"
            )
        for sentence in rec.explanation:  # the plan's reasons
            click.echo(f"   {sentence}")
        for ref in rec.because:
            click.echo(f"   {t('because', chosen)}: {ref.rule} ({ref.file}:{ref.line})")
            click.echo(f"     {t('report.when', chosen)}: {ref.when}")
            if ref.values:
                click.echo(
                    "     " + t("values", chosen) + ": " + ", ".join(f"{k} = {v}" for k, v in ref.values.items())
                )
            if ref.text:
                click.echo(f"     {ref.text}")


@main.command("extract")
@click.argument("report", type=str)
@rules_option
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="text",
    show_default=True,
    help="Output format. / Format keluaran.",
)
@click.option(
    "--program-id",
    default=None,
    help="Program id of the profile written with -o (default: from the file name). / Id program.",
)
@output_options
def extract_command(
    report: str,
    rules_dir: str | None,
    lang: str | None,
    fmt: str,
    program_id: str | None,
    output: str | None,
    force: bool,
) -> None:
    """Read a narrative report: the findings, figures and proposals it states.

    REPORT is plain text or Markdown; '-' reads standard input. Every finding
    is shown with its sentence, offsets and the pattern that matched. With -o
    a profile is written that 'advise' accepts. Exit code 3 when the text is
    not an evaluation report (English, a recipe, empty, binary).
    / Membaca laporan naratif: temuan, angka, dan usulan yang dinyatakannya.
    Dengan -o ditulis profil yang dapat dipakai 'advise'.
    """
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    result = extract_file(report, pack, lang=chosen)
    if output is not None and output != "-":
        profile_from_extraction(result, pack, program_id=program_id, lang=chosen)  # checks it fits the pack
        data = result.to_profile_dict(program_id or program_id_for(result.source))
        click.echo(render_extraction(result, pack, fmt, chosen), nl=False)
        emit(profile_text(data, output), output, force, input_paths(pack, report), chosen)
        return
    click.echo(render_extraction(result, pack, fmt, chosen), nl=False)
    if not result.is_evaluation_report:
        raise click.exceptions.Exit(int(ExitCode.INPUT))


@main.group("rules", cls=AdvisorGroup)
def rules_group() -> None:
    """Work with rule packs: check, test, diff, init."""


@rules_group.command("check")
@click.argument("pack", required=False, type=click.Path(path_type=str))
@lang_option
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 4).")
@click.option(
    "--ignore", "ignore", multiple=True, metavar="CODE", help="Skip a check, by code (W403) or name (shadowed-rule)."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format."
)
def rules_check(pack: str | None, lang: str | None, strict: bool, ignore: tuple[str, ...], fmt: str) -> None:
    """Report every problem of PACK (default: the shipped pack): errors, then lint warnings.

    Each line reads 'file:line:column: [error|warning] CODE message (hint)',
    sorted by file and position.  Exit code 0 when there is no error, 4 when
    there are errors (or warnings with --strict), 3 when a file cannot be read.
    """

    chosen = resolve_lang(lang)
    report = check_pack(pack, lang=chosen, ignore=ignore)
    click.echo(report.render(fmt, chosen), nl=False)
    failed = report.errors > 0 or (strict and report.warnings > 0)
    if failed:
        click.get_current_context().exit(int(ExitCode.RULES))


# --- authoring: rules test|init|diff, schema ---


def _named_pack(path: str) -> RulePack:
    """A pack directory, or 'nasional' for the installed national pack (as extends: names it)."""

    if path == NATIONAL_PACK and not Path(path).exists():
        return load_rules()
    return load_rules(path)


@rules_group.command("test")
@click.argument("pack", required=False, type=click.Path(path_type=str))
@lang_option
@click.option(
    "-k",
    "only",
    default=None,
    metavar="TEXT",
    help="Run only cases whose name contains TEXT. / Hanya kasus yang namanya memuat TEXT.",
)
@click.option(
    "--require-coverage",
    is_flag=True,
    help="Fail (exit 7) when a rule of the pack is fired by no case. / Gagal bila ada aturan yang tidak diuji.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format. / Format keluaran.",
)
def rules_test(pack: str | None, lang: str | None, only: str | None, require_coverage: bool, fmt: str) -> None:
    """Run the test cases of PACK (its pack.yaml 'tests:') and the examples of its extraction patterns,
    and report coverage.

    PACK may be 'nasional' for the installed national pack.  Exit code 0
    when every case passes, 7 when one fails (or, with
    --require-coverage, when a rule is fired by no case), 4 when the pack
    itself is invalid.

    / Jalankan kasus uji paket dan laporkan cakupan aturan. Kode keluar 0 bila
    semua lulus, 7 bila ada yang gagal, 4 bila paketnya tidak sah.
    """

    chosen = resolve_lang(lang)
    loaded = _named_pack(pack) if pack else load_rules()
    if not loaded.test_files:
        click.echo(t("test.no_files", chosen), err=True)
    report = run_tests(loaded, lang=chosen, only=only)
    click.echo(report.render(fmt, chosen), nl=False)
    # The extraction patterns carry PASS/FAIL example sentences; they are tests too.
    pattern_failures: list[str] = []
    if loaded.extract is not None and only is None:
        patterns = pack_patterns(loaded, chosen)
        count = sum(
            len(p.examples.match) + len(p.examples.no_match)
            for p in (*patterns.findings, *patterns.recommendations, *patterns.indicators)
        )
        pattern_failures = [str(failure) for failure in check_examples(patterns)]
        for failure in pattern_failures:
            click.echo(f"{t('test.fail', chosen)} {failure}", err=True)
        key = "rules.test.failed" if pattern_failures else "rules.test.ok"
        click.echo(t(key, chosen, failed=len(pattern_failures), count=count), err=fmt == "json")
    if report.failed or pattern_failures or (require_coverage and report.uncovered) or not loaded.test_files:
        click.get_current_context().exit(int(ExitCode.TEST_FAILED))


@rules_group.command("init")
@click.argument("name")
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=str),
    default=None,
    help="Where to create the pack (default: ./NAME). / Lokasi paket.",
)
@lang_option
def rules_init(name: str, directory: str | None, lang: str | None) -> None:
    """Create a regional pack NAME that extends the national pack, with Indonesian comments and a first test case.

    / Buat paket aturan daerah NAME yang mewarisi paket nasional.
    """

    chosen = resolve_lang(lang)
    target = directory or name
    for path in init_pack(target, name):
        click.echo(t("output.written", chosen, path=path), err=True)
    click.echo(t("init.done", chosen, name=name, path=target))


@rules_group.command("diff")
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
@click.option(
    "--profiles",
    "profiles",
    required=True,
    multiple=True,
    type=click.Path(file_okay=False, path_type=str),
    help="Directory of profiles and narrative reports to compare on; repeat for several. "
    "/ Direktori profil dan laporan naratif; boleh diulang.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Output format. / Format keluaran.",
)
@lang_option
def rules_diff(old: str, new: str, profiles: tuple[str, ...], fmt: str, lang: str | None) -> None:
    """Show, profile by profile, which scores, findings and recommendations change from pack OLD to pack NEW.

    OLD or NEW may be 'nasional' for the installed national pack.

    / Tampilkan per profil perubahan skor, temuan dan rekomendasi dari paket OLD ke NEW.
    """

    chosen = resolve_lang(lang)
    old_pack, new_pack = _named_pack(old), _named_pack(new)
    folders = [Path(p) for p in profiles]
    diffs = diff_packs(old_pack, new_pack, folders[0] if len(folders) == 1 else folders, lang=chosen)
    click.echo(render_diff(diffs, old_pack, new_pack, fmt, chosen), nl=False)


@main.command("schema")
@click.argument("name", type=click.Choice(["rules", "profile", "advice", "tests"]), default="advice")
@click.option(
    "--write",
    "write_dir",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Write all four schemas as DIR/NAME.schema.json. / Tulis keempat skema ke DIR.",
)
@lang_option
def schema_command(name: str, write_dir: str | None, lang: str | None) -> None:
    """Print the JSON Schema of rule files, profiles, the advice (JSON output) or test cases.

    / Cetak JSON Schema berkas aturan, profil, keluaran saran, atau kasus uji.
    """

    chosen = resolve_lang(lang)
    if write_dir is None:
        click.echo(schema_text(name), nl=False)
        return
    target = Path(write_dir)
    if not target.is_dir():
        raise AdvisorError(t("schema.no_dir", chosen), location=None, hint=write_dir)
    for each in SCHEMAS:
        write_atomic(target / f"{each}.schema.json", schema_text(each))
        click.echo(t("output.written", chosen, path=str(target / f"{each}.schema.json")), err=True)


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="text",
    show_default=True,
    help="Output format. / Format keluaran.",
)
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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown", "text"]),
    default="text",
    show_default=True,
    help="Output format. / Format keluaran.",
)
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
        raise click.UsageError("--svg needs a PROGRAM: the chart is of one program's trend")
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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown", "text"]),
    default="text",
    show_default=True,
    help="Output format. / Format keluaran.",
)
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


# --- batch and compare ---

from asn_advisor.render import COMPARE_FORMATS  # noqa: E402 - kept with the commands that use it


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


def _outcomes(input_path: str, input_format: str | None, pack: RulePack, jobs: int, lang: str) -> Any:

    if jobs < 1:
        raise click.BadParameter(t("batch.jobs", lang), param_hint="--jobs")
    return run_records(read_records(input_path, input_format=input_format), pack, jobs=jobs, lang=lang)


def _report_failure(outcome: Any, on_error: str, lang: str) -> None:
    """A failed record on standard error, in the user's language (its JSON record stays as written)."""
    error = outcome.error
    if error.details or not error.problems:
        for problem in error.details:
            _print_problem(problem, lang)
        where = f"{error.source}:{error.line}" if error.line else error.source
        click.echo(f"{where}: {translate(error.message, lang)}", err=True)
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
    """
    import csv as csv_module
    import io
    import json

    chosen = resolve_lang(lang)
    out_format = fmt or format_for_path(output, ("csv", "jsonl", "xlsx")) or "jsonl"
    pack = load_pack(rules_dir)
    target = None
    if out_format == "xlsx" and output in (None, "-"):
        raise OutputError(t("binary.stdout", chosen), hint=t("binary.stdout.hint", chosen))
    if output not in (None, "-"):
        target = check_output(output, inputs=input_paths(pack, input_path), force=force, lang=chosen)
    ok = failed = 0
    progress = _Progress(chosen)

    def write_all(handle: Any) -> None:
        nonlocal ok, failed
        csv_buffer = io.StringIO()
        writer = csv_module.writer(csv_buffer, lineterminator="\n")

        quoting = csv_module.writer(csv_buffer, lineterminator="\n", quoting=csv_module.QUOTE_ALL)

        def write_row(row: list[Any]) -> None:
            # A name or message starting with = + - @ is text, never a spreadsheet formula;
            # a carriage return inside a cell is quoted (the csv module leaves it bare).
            cells = [csv_safe(cell) for cell in row]
            bare_cr = any(isinstance(cell, str) and "\r" in cell for cell in cells)
            (quoting if bare_cr else writer).writerow(cells)

        if out_format == "csv":
            write_row(CSV_HEADER)
        sheet = batch_sheet(chosen)
        for outcome in _outcomes(input_path, input_format, pack, jobs, chosen):
            progress.tick()
            if outcome.error is not None:
                failed += 1
                _report_failure(outcome, on_error, chosen)
            else:
                ok += 1
            if out_format == "xlsx":
                sheet.rows.append(batch_row(outcome, top, pack, chosen))
                continue
            if out_format == "jsonl":
                if outcome.payload is not None:
                    handle.write(outcome.payload)
                else:
                    handle.write(
                        json.dumps(outcome.error.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                    )
                handle.write(b"\n")
                continue
            summary = outcome.summary
            if summary is not None:
                write_row(
                    [
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
                )
            else:
                error = outcome.error
                write_row(
                    [outcome.source, outcome.line, error.program or "", *[""] * (len(CSV_HEADER) - 4), error.message]
                )
            handle.write(csv_buffer.getvalue().encode("utf-8"))
            csv_buffer.seek(0)
            csv_buffer.truncate()
        if out_format == "csv" and csv_buffer.tell():
            handle.write(csv_buffer.getvalue().encode("utf-8"))
        if out_format == "xlsx":
            handle.write(workbook_bytes([sheet]))

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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted([*COMPARE_FORMATS, "xlsx"])),
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
        for outcome in () if saved is not None else _outcomes(input_path, input_format, pack, jobs, chosen):
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
    chosen_format = fmt or format_for(output)
    if chosen_format == "xlsx":
        emit_binary(workbook_bytes(comparison_sheets(comparison)), output, force, input_paths(pack, input_path), chosen)
    else:
        emit(render_comparison(comparison, chosen_format), output, force, input_paths(pack, input_path), chosen)
    if failed:
        click.echo(
            t("batch.summary", chosen, total=len(summaries) + failed, ok=len(summaries), failed=failed), err=True
        )
        click.get_current_context().exit(int(ExitCode.PARTIAL))


def run() -> None:  # pragma: no cover - console entry for python -m
    sys.exit(main())


# --- input limits and resource errors ---


def apply_limit_options(
    ctx: click.Context, *, max_bytes: int | None, max_depth: int | None, max_nodes: int | None
) -> Limits:
    """Put the input limits of the global options in force for the whole command.

    Options given override the environment (``ASN_ADVISOR_MAX_*``), which
    overrides the defaults.  The limits are held in a context variable that is
    reset when the command ends, so nothing leaks into the next invocation
    (which matters when ``main`` is called in-process, as tests and batch
    tools do).
    """
    base = Limits.from_env()
    limits = Limits(
        max_bytes=max_bytes if max_bytes is not None else base.max_bytes,
        max_depth=max_depth if max_depth is not None else base.max_depth,
        max_nodes=max_nodes if max_nodes is not None else base.max_nodes,
    )
    ctx.with_resource(use_limits(limits))
    return limits


def input_paths(pack: RulePack, *files: str) -> list[str]:
    """Every file a command read: the given ones and the pack's, which an output must never overwrite."""
    return [*files, *(str(path) for path in pack.paths)]


def report_resource_error(error: MemoryError | RecursionError, lang: str) -> int:
    """Print a clear message for an input that exhausted memory or the stack; return the exit code.

    The loaders' limits are meant to stop such inputs first; this is the
    backstop for whatever slips through, so the user gets the input exit code
    and a way forward rather than an "internal error".
    """
    if os.environ.get("ASN_ADVISOR_DEBUG"):
        traceback.print_exc()
    if isinstance(error, MemoryError):
        message = t("error.memory", lang)
    else:
        message = t("error.recursion", lang)
    click.echo(f"asn-advisor: {message}", err=True)
    return int(ExitCode.INPUT)


if __name__ == "__main__":  # pragma: no cover
    main()


# --- report ---


def _looks_like_advice(data: Any) -> bool:
    """An advice JSON (from ``advise --format json``) rather than a profile."""
    return isinstance(data, dict) and "schema_version" in data and "recommendations" in data and "score" in data


def load_advice_or_profile(path: str, pack: RulePack, lang: str, lang_given: bool) -> Advice:
    """Advise a profile, or read an advice JSON saved earlier.

    A saved advice keeps the language it was made in; asking for another one
    is an error rather than a report in two languages.
    """
    from pydantic import ValidationError

    if is_report_path(path):
        return advise_report(path, pack, lang=lang)
    text, display = read_text(path)
    json_mode = display.endswith(".json") or text.lstrip().startswith("{")
    doc = load_document(text, display, json_mode=json_mode)
    if _looks_like_advice(doc.data):
        try:
            advice = Advice.model_validate(doc.data)
        except ValidationError as exc:
            problems = validation_problems(exc, Advice, doc)
            raise AdvisorError(
                t("report.advice.invalid", lang, count=len(problems)), location=Location(display), problems=problems
            ) from None
        if lang_given and advice.lang != lang:
            raise AdvisorError(
                t("report.advice.lang", lang, advice=advice.lang, wanted=lang),
                location=Location(display),
                hint=t("report.advice.lang.hint", lang, wanted=lang),
            )
        return advice
    profile = profile_from_data(doc.data, doc)
    normalize_indicators(profile, pack)
    check_findings(profile, pack)
    return advise(profile, pack, lang=lang)


@main.command("report")
@click.argument("source", metavar="PROFILE_OR_ADVICE", type=str)
@rules_option
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "markdown", "pdf"]),
    default=None,
    help="Report format; default: from the output file's extension (.html, .md, .pdf), else markdown.",
)
@output_options
def report_command(
    source: str, rules_dir: str | None, lang: str | None, fmt: str | None, output: str | None, force: bool
) -> None:
    """Write a report for a meeting: a one-page summary, then the detail, the arithmetic in an appendix.

    PROFILE_OR_ADVICE is a profile (YAML or JSON, '-' for standard input), a
    narrative report (.txt, .md) or an advice saved with 'advise --format json'.
    '-o report.html' writes one self-contained HTML page that prints on A4;
    '-o report.pdf' prints it to PDF with Chromium; '-o report.md' writes Markdown.
    """
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    if fmt is None:
        if output is None or output == "-":
            fmt = "markdown"
        else:
            fmt = report_format_for(output)
            if fmt is None:
                raise OutputError(
                    t("report.format.unknown", chosen),
                    location=Location(output),
                    hint=t("report.format.unknown.hint", chosen),
                )
    advice = load_advice_or_profile(
        source, pack, chosen, lang_given=lang is not None or bool(os.environ.get("ASN_ADVISOR_LANG"))
    )
    if (advice.pack.id, advice.pack.version) != (pack.id, pack.version):
        # A saved advice from another pack: its scores stand, but the band zones drawn come from this pack.
        made_with, loaded = f"{advice.pack.id} {advice.pack.version}", f"{pack.id} {pack.version}"
        click.echo(t("report.pack.mismatch", advice.lang, advice=made_with, pack=loaded), err=True)
    if fmt == "pdf":
        if output is None or output == "-":
            raise OutputError(t("pdf.stdout", chosen), hint=t("pdf.stdout.hint", chosen))
        target = check_output(output, inputs=input_paths(pack, source), force=force, lang=chosen)
        page = render_report(advice, bands_from_pack(pack, advice.lang), "html")
        write_atomic(target, html_to_pdf(page, chosen), overwrite=force, lang=chosen)
        click.echo(t("output.written", chosen, path=output), err=True)
        return
    text = render_report(advice, bands_from_pack(pack, advice.lang), fmt)
    emit(text, output, force, input_paths(pack, source), advice.lang)


# --- plan, whatif and rules graph ---


def _parse_assignments(assignments: tuple[str, ...], lang: str) -> dict[str, Any]:
    """``NAME=VALUE`` pairs to a mapping; VALUE is read as a YAML scalar or flow mapping."""

    values: dict[str, Any] = {}
    for item in assignments:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise click.BadParameter(
                f"{item!r}: {t('whatif.bad_set', lang)} (participation_rate=80)", param_hint="--set"
            )
        try:
            document = load_document(text if text.strip() else "null", f"--set {name}")
        except AdvisorError as error:
            error.location = None
            raise click.BadParameter(f"{item!r}: {error_text(error, lang)}", param_hint="--set") from None
        if document.problems:
            problem = document.problems[0]
            said = f"{problem.code} {translate(problem.message, lang)}"
            advice = f" ({translate(problem.hint, lang)})" if problem.hint else ""
            raise click.BadParameter(f"{item!r}: {said}{advice}", param_hint="--set")
        values[name] = document.data
    return values


@main.command("plan")
@click.argument("profile", type=str)
@rules_option
@lang_option
@click.option(
    "--format", "fmt", type=click.Choice(sorted(PLAN_FORMATS)), default="text", show_default=True, help="Output format."
)
@click.option(
    "--order",
    type=click.Choice(ORDERS),
    default="priority",
    show_default=True,
    help="Order within a phase after quick wins: priority or expected score gain.",
)
@output_options
def plan_command(
    profile: str, rules_dir: str | None, lang: str | None, fmt: str, order: str, output: str | None, force: bool
) -> None:
    """Show the improvement plan of PROFILE: phases, prerequisites, quick wins, expected gains.

    / Tampilkan rencana perbaikan PROFILE: fase, prasyarat, quick win, perkiraan kenaikan skor.
    """
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    advice = reorder(advise_file(profile, pack, chosen), order)
    emit(render_plan(advice, fmt), output, force, input_paths(pack, profile), chosen)


@main.command("whatif")
@click.argument("profile", type=str)
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="NAME=VALUE",
    help="Set an indicator (repeatable; 'null' removes it).",
)
@click.option("--resolve", "resolve", multiple=True, metavar="FINDING", help="Assume a finding resolved (repeatable).")
@rules_option
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown", "text"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--order", type=click.Choice(ORDERS), default="priority", show_default=True, help="Roadmap order.")
@output_options
def whatif_command(
    profile: str,
    assignments: tuple[str, ...],
    resolve: tuple[str, ...],
    rules_dir: str | None,
    lang: str | None,
    fmt: str,
    order: str,
    output: str | None,
    force: bool,
) -> None:
    """Show how the score, findings and plan of PROFILE change under a scenario.

    Example: asn-advisor whatif p.yaml --set participation_rate=80 --resolve time_conflict
    / Tampilkan perubahan skor, temuan dan rencana dalam sebuah skenario.
    """
    chosen = resolve_lang(lang)
    if not assignments and not resolve:
        raise click.UsageError(t("whatif.nothing", chosen))
    values = _parse_assignments(assignments, chosen)
    pack = load_pack(rules_dir)
    loaded = load_profile(profile, rules=pack)
    result = what_if(loaded, pack, set_values=values, resolve=list(resolve), lang=chosen, order=order)
    emit(render_whatif(result, fmt), output, force, input_paths(pack, profile), chosen)


@rules_group.command("graph")
@click.argument("pack", required=False, type=click.Path(path_type=str))
@click.option(
    "--format", "fmt", type=click.Choice(GRAPH_FORMATS), default="mermaid", show_default=True, help="Export format."
)
@click.option(
    "--view",
    type=click.Choice(GRAPH_VIEWS),
    default="full",
    show_default=True,
    help="full: findings, recommendations, rules; relations: only causes/requires/supports/conflicts_with.",
)
@lang_option
@output_options
def rules_graph(pack: str | None, fmt: str, view: str, lang: str | None, output: str | None, force: bool) -> None:
    """Export the knowledge graph of PACK (default: the shipped pack).

    JSON is node-link data: {"nodes": [{"id", "kind"}], "links": [{"source", "target", "relation"}]}.
    / Ekspor graf pengetahuan paket aturan (Mermaid, DOT atau JSON).
    """
    chosen = resolve_lang(lang)
    loaded = load_rules(pack) if pack else load_rules()
    emit(export_graph(loaded, fmt, view=view), output, force, input_paths(loaded), chosen)
