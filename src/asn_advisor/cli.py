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
from .cli_help import apply_help, lang_from_args
from .cli_help import text as help_text
from .i18n import DEFAULT_LANG, resolve_lang, t
from .i18n_errors import translate
from .profile import load_profile
from .render import FORMATS, render, render_score
from .rulepack import RulePack, load_rules

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
            click.echo(help_text("click.try", lang).format(command=ctx.command_path, option=ctx.help_option_names[0]), err=True)
        click.echo("", err=True)
    message = translate(error.format_message(), lang) or ""
    click.echo(help_text("click.error", lang).format(message=message), err=True)


class AdvisorGroup(AdvisorCommand, click.Group):
    """A click group that turns every error into a message and an exit code.

    Its :meth:`main` picks the language from the raw arguments first, so that
    help, usage errors and messages are all in that language.
    """

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        lang = lang_from_args(argv)
        _RUN["lang"] = lang
        apply_help(self, lang)
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as error:
            show_click_error(error, lang)
            sys.exit(error.exit_code)
        except click.exceptions.Abort:
            click.echo(help_text("click.aborted", lang), err=True)
            sys.exit(1)
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
            ctx.exit(130)
        except Exception as error:  # noqa: BLE001 - last line of defence: no traceback for users
            if os.environ.get("ASN_ADVISOR_DEBUG"):
                traceback.print_exc()
            click.echo("asn-advisor: " + t("error.internal", lang, error=f"{type(error).__name__}: {error}"), err=True)
            ctx.exit(int(ExitCode.ERROR))


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
    write_atomic(target, text)
    click.echo(t("output.written", lang, path=output), err=True)


def advise_file(path: str, pack: RulePack, lang: str) -> Advice:
    """Load a profile file (or ``-``) and advise it."""
    profile = load_profile(path, rules=pack)
    return advise(profile, pack, lang=lang)


@click.group(cls=AdvisorGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
# A message without words, so that it needs no translation.
@click.version_option(__version__, prog_name="asn-advisor", message="%(prog)s %(version)s")
def main() -> None:
    """Score an ASN development program's evaluation and recommend prioritized, explained improvements.

    Help texts in Indonesian and English come from asn_advisor.cli_help.HELP.
    """


@main.command("advise")
@click.argument("profile", type=str)
@rules_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="Output format.")
@output_options
def advise_command(profile: str, rules_dir: str | None, lang: str | None, fmt: str, output: str | None, force: bool) -> None:
    """Score PROFILE and list prioritized, explained recommendations.

    PROFILE is a YAML or JSON profile; '-' reads standard input.
    """
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    advice = advise_file(profile, pack, chosen)
    emit(render(advice, fmt), output, force, [profile], chosen)


@main.command("score")
@click.argument("profile", type=str)
@rules_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="Output format.")
def score_command(profile: str, rules_dir: str | None, lang: str | None, fmt: str) -> None:
    """Print only the score of PROFILE (overall, band, coverage, dimensions)."""
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
    """Explain why each recommendation (or RECOMMENDATION) is made and how its priority adds up."""
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
            click.echo(f"     {t('report.when', chosen)}: {ref.when}")
            if ref.values:
                click.echo("     " + t("values", chosen) + ": " + ", ".join(f"{k} = {v}" for k, v in ref.values.items()))
            if ref.text:
                click.echo(f"     {ref.text}")


@main.group("rules", cls=AdvisorGroup)
def rules_group() -> None:
    """Work with rule packs."""


@rules_group.command("check")
@click.argument("pack", required=False, type=click.Path(path_type=str))
@lang_option
def rules_check(pack: str | None, lang: str | None) -> None:
    """Load PACK (default: the shipped pack) and report every problem."""
    chosen = resolve_lang(lang)
    loaded = load_rules(pack) if pack else load_rules()
    for warning in loaded.warnings:
        _print_problem(warning, chosen)
    click.echo(t("pack.ok", chosen, pack=loaded.id, version=loaded.version))


def run() -> None:  # pragma: no cover - console entry for python -m
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    main()


# --- reports (issue 7) ---


def _looks_like_advice(data: Any) -> bool:
    """An advice JSON (from ``advise --format json``) rather than a profile."""
    return isinstance(data, dict) and "schema_version" in data and "recommendations" in data and "score" in data


def load_advice_or_profile(path: str, pack: RulePack, lang: str, lang_given: bool) -> Advice:
    """Advise a profile, or read an advice JSON saved earlier.

    A saved advice keeps the language it was made in; asking for another one
    is an error rather than a report in two languages.
    """
    from pydantic import ValidationError

    from ._yaml import load_document, read_text
    from .errors import Location
    from .profile import check_findings, normalize_indicators, profile_from_data
    from .rulepack import validation_problems

    text, display = read_text(path)
    json_mode = display.endswith(".json") or text.lstrip().startswith("{")
    doc = load_document(text, display, json_mode=json_mode)
    if _looks_like_advice(doc.data):
        try:
            advice = Advice.model_validate(doc.data)
        except ValidationError as exc:
            problems = validation_problems(exc, Advice, doc)
            raise AdvisorError(t("report.advice.invalid", lang, count=len(problems)), location=Location(display), problems=problems) from None
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
    type=click.Choice(["html", "markdown"]),
    default=None,
    help="Report format; default: from the output file's extension (.html, .md), else markdown.",
)
@output_options
def report_command(source: str, rules_dir: str | None, lang: str | None, fmt: str | None, output: str | None, force: bool) -> None:
    """Write a report people read: score, chart, findings, recommendations, roadmap, data gaps.

    PROFILE_OR_ADVICE is a profile (YAML or JSON, '-' for standard input) or an
    advice saved with 'advise --format json'. '-o report.html' writes one
    self-contained HTML page that prints on A4; '-o report.md' writes Markdown.
    """
    from .report import bands_from_pack, render_report, report_format_for

    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    if fmt is None:
        if output is None or output == "-":
            fmt = "markdown"
        else:
            fmt = report_format_for(output)
            if fmt is None:
                from .errors import Location, OutputError

                raise OutputError(t("report.format.unknown", chosen), location=Location(output), hint=t("report.format.unknown.hint", chosen))
    advice = load_advice_or_profile(source, pack, chosen, lang_given=lang is not None or bool(os.environ.get("ASN_ADVISOR_LANG")))
    if (advice.pack.id, advice.pack.version) != (pack.id, pack.version):
        # A saved advice from another pack: its scores stand, but the band zones drawn come from this pack.
        made_with, loaded = f"{advice.pack.id} {advice.pack.version}", f"{pack.id} {pack.version}"
        click.echo(t("report.pack.mismatch", advice.lang, advice=made_with, pack=loaded), err=True)
    text = render_report(advice, bands_from_pack(pack, advice.lang), fmt)
    emit(text, output, force, [source], advice.lang)
