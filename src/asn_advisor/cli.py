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

# --- plan (issue 3) ---
from .graph import GRAPH_FORMATS, GRAPH_VIEWS, export_graph  # noqa: E402
from .plan import ORDERS, reorder, what_if  # noqa: E402
from .render_plan import PLAN_FORMATS, render_plan, render_whatif  # noqa: E402

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
            # Issue 3: a root-cause term names the addressed causes it comes through.
            name = term.finding if term.kind == "finding" else t("plan.root_cause.term", chosen, finding=term.finding, via=", ".join(term.via))
            click.echo(
                f"     {name} ({t('severity.' + term.severity, chosen)}): 100 x {term.severity_factor:g} x {term.dimension_share:g}"
                f" x {term.gap_term:g} x {term.rule_weight:g} = {term.contribution:g}"
            )
        for sentence in rec.explanation:  # issue 3: the plan's reasons
            click.echo(f"   {sentence}")
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


if __name__ == "__main__":  # pragma: no cover
    main()


# --- plan (issue 3) ---


def _parse_assignments(assignments: tuple[str, ...], lang: str) -> dict[str, Any]:
    """``NAME=VALUE`` pairs to a mapping; VALUE is read as a YAML scalar or flow mapping."""
    from ._yaml import load_document

    values: dict[str, Any] = {}
    for item in assignments:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise click.BadParameter(f"{item!r}: {t('whatif.bad_set', lang)} (participation_rate=80)", param_hint="--set")
        try:
            document = load_document(text if text.strip() else "null", f"--set {name}")
        except AdvisorError as error:
            raise click.BadParameter(f"{item!r}: {error.message}" + (f" ({error.hint})" if error.hint else ""), param_hint="--set") from None
        if document.problems:
            problem = document.problems[0]
            raise click.BadParameter(f"{item!r}: {problem.message}" + (f" ({problem.hint})" if problem.hint else ""), param_hint="--set")
        values[name] = document.data
    return values


@main.command("plan")
@click.argument("profile", type=str)
@rules_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(sorted(PLAN_FORMATS)), default="text", show_default=True, help="Output format. / Format keluaran.")
@click.option(
    "--order",
    type=click.Choice(ORDERS),
    default="priority",
    show_default=True,
    help="Order within a phase after quick wins: priority or expected score gain. / Urutan dalam fase setelah quick win.",
)
@output_options
def plan_command(profile: str, rules_dir: str | None, lang: str | None, fmt: str, order: str, output: str | None, force: bool) -> None:
    """Show the improvement plan of PROFILE: phases, prerequisites, quick wins, expected gains.

    / Tampilkan rencana perbaikan PROFILE: fase, prasyarat, quick win, perkiraan kenaikan skor.
    """
    chosen = resolve_lang(lang)
    pack = load_pack(rules_dir)
    advice = reorder(advise_file(profile, pack, chosen), order)
    emit(render_plan(advice, fmt), output, force, [profile], chosen)


@main.command("whatif")
@click.argument("profile", type=str)
@click.option("--set", "assignments", multiple=True, metavar="NAME=VALUE", help="Set an indicator (repeatable; 'null' removes it). / Ubah indikator.")
@click.option("--resolve", "resolve", multiple=True, metavar="FINDING", help="Assume a finding resolved (repeatable). / Anggap temuan teratasi.")
@rules_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "text"]), default="text", show_default=True, help="Output format. / Format keluaran.")
@click.option("--order", type=click.Choice(ORDERS), default="priority", show_default=True, help="Roadmap order. / Urutan peta jalan.")
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
    emit(render_whatif(result, fmt), output, force, [profile], chosen)


@rules_group.command("graph")
@click.argument("pack", required=False, type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(GRAPH_FORMATS), default="mermaid", show_default=True, help="Export format. / Format ekspor.")
@click.option(
    "--view",
    type=click.Choice(GRAPH_VIEWS),
    default="full",
    show_default=True,
    help="full: findings, recommendations, rules; relations: only causes/requires/supports/conflicts_with. / Cakupan graf.",
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
    emit(export_graph(loaded, fmt, view=view), output, force, [], chosen)
