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
from ._lookalike import unknown_id_hint
from ._yaml import Limits, use_limits
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
        except (MemoryError, RecursionError) as error:
            ctx.exit(report_resource_error(error, lang))
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
    write_atomic(target, text, overwrite=force, lang=lang)
    click.echo(t("output.written", lang, path=output), err=True)


def advise_file(path: str, pack: RulePack, lang: str) -> Advice:
    """Load a profile file (or ``-``) and advise it."""
    profile = load_profile(path, rules=pack)
    return advise(profile, pack, lang=lang)


@click.group(cls=AdvisorGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="asn-advisor")
@click.option("--max-bytes", type=click.IntRange(min=1), default=None, metavar="N", help="Largest input file, in bytes (default 10485760; env ASN_ADVISOR_MAX_BYTES). / Ukuran berkas maksimum.")
@click.option("--max-depth", type=click.IntRange(min=1), default=None, metavar="N", help="Deepest nesting of an input file (default 64; env ASN_ADVISOR_MAX_DEPTH). / Kedalaman maksimum.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None, metavar="N", help="Most values in an input file, aliases expanded (default 100000; env ASN_ADVISOR_MAX_NODES). / Jumlah nilai maksimum.")
@click.pass_context
def main(ctx: click.Context, max_bytes: int | None, max_depth: int | None, max_nodes: int | None) -> None:
    """Score an ASN development program's evaluation and recommend improvements.

    Menilai evaluasi program pengembangan ASN dan memberi rekomendasi perbaikan
    yang diprioritaskan dan dijelaskan.
    """
    apply_limit_options(ctx, max_bytes=max_bytes, max_depth=max_depth, max_nodes=max_nodes)


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
    emit(render(advice, fmt), output, force, input_paths(pack, profile), chosen)


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
            meant = unknown_id_hint(recommendation, pack.recommendations)
            hint = f"{meant}; recommended: {known}" if meant else f"recommended: {known}"
            raise AdvisorError(f"recommendation {recommendation!r} is not in the advice for this profile", hint=hint)
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


def run() -> None:  # pragma: no cover - console entry for python -m
    sys.exit(main())


# --- hardening (issue 8) ---


def apply_limit_options(ctx: click.Context, *, max_bytes: int | None, max_depth: int | None, max_nodes: int | None) -> Limits:
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
