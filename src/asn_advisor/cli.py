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
    """Work with rule packs: check, test, diff, init. / Kelola paket aturan: periksa, uji, bandingkan, buat."""


@rules_group.command("check")
@click.argument("pack", required=False, type=click.Path(path_type=str))
@lang_option
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 4). / Peringatan juga dianggap gagal.")
@click.option("--ignore", "ignore", multiple=True, metavar="CODE", help="Skip a check, by code (W403) or name (shadowed-rule). / Lewati pemeriksaan.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format. / Format keluaran.")
def rules_check(pack: str | None, lang: str | None, strict: bool, ignore: tuple[str, ...], fmt: str) -> None:
    """Report every problem of PACK (default: the shipped pack): errors, then lint warnings.

    Each line reads 'file:line:column: [error|warning] CODE message (hint)',
    sorted by file and position.  Exit code 0 when there is no error, 4 when
    there are errors (or warnings with --strict), 3 when a file cannot be read.

    / Laporkan setiap masalah paket aturan: galat, lalu peringatan. Kode keluar
    0 bila tidak ada galat, 4 bila ada galat (atau peringatan dengan --strict).
    """
    from .authoring import check_pack

    chosen = resolve_lang(lang)
    report = check_pack(pack, lang=chosen, ignore=ignore)
    click.echo(report.render(fmt, chosen), nl=False)
    failed = report.errors > 0 or (strict and report.warnings > 0)
    if failed:
        click.get_current_context().exit(int(ExitCode.RULES))


# --- authoring (issue 4) ---


def _named_pack(path: str) -> RulePack:
    """A pack directory, or 'nasional' for the installed national pack (as extends: names it)."""
    from .rulepack import NATIONAL_PACK

    if path == NATIONAL_PACK and not Path(path).exists():
        return load_rules()
    return load_rules(path)


@rules_group.command("test")
@click.argument("pack", required=False, type=click.Path(path_type=str))
@lang_option
@click.option("-k", "only", default=None, metavar="TEXT", help="Run only cases whose name contains TEXT. / Hanya kasus yang namanya memuat TEXT.")
@click.option("--require-coverage", is_flag=True, help="Fail (exit 7) when a rule of the pack is fired by no case. / Gagal bila ada aturan yang tidak diuji.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format. / Format keluaran.")
def rules_test(pack: str | None, lang: str | None, only: str | None, require_coverage: bool, fmt: str) -> None:
    """Run the test cases of PACK (its pack.yaml 'tests:') and report coverage.

    PACK may be 'nasional' for the installed national pack.  Exit code 0
    when every case passes, 7 when one fails (or, with
    --require-coverage, when a rule is fired by no case), 4 when the pack
    itself is invalid.

    / Jalankan kasus uji paket dan laporkan cakupan aturan. Kode keluar 0 bila
    semua lulus, 7 bila ada yang gagal, 4 bila paketnya tidak sah.
    """
    from .casetest import run_tests

    chosen = resolve_lang(lang)
    loaded = _named_pack(pack) if pack else load_rules()
    if not loaded.test_files:
        click.echo(t("test.no_files", chosen), err=True)
    report = run_tests(loaded, lang=chosen, only=only)
    click.echo(report.render(fmt, chosen), nl=False)
    if report.failed or (require_coverage and report.uncovered) or not loaded.test_files:
        click.get_current_context().exit(int(ExitCode.TEST_FAILED))


@rules_group.command("init")
@click.argument("name")
@click.option("--dir", "directory", type=click.Path(path_type=str), default=None, help="Where to create the pack (default: ./NAME). / Lokasi paket.")
@lang_option
def rules_init(name: str, directory: str | None, lang: str | None) -> None:
    """Create a regional pack NAME that extends the national pack, with Indonesian comments and a first test case.

    / Buat paket aturan daerah NAME yang mewarisi paket nasional.
    """
    from .authoring import init_pack

    chosen = resolve_lang(lang)
    target = directory or name
    for path in init_pack(target, name):
        click.echo(t("output.written", chosen, path=path), err=True)
    click.echo(t("init.done", chosen, name=name, path=target))


@rules_group.command("diff")
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
@click.option("--profiles", "profiles", required=True, type=click.Path(file_okay=False, path_type=str), help="Directory of profiles to compare on. / Direktori profil.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True, help="Output format. / Format keluaran.")
@lang_option
def rules_diff(old: str, new: str, profiles: str, fmt: str, lang: str | None) -> None:
    """Show, profile by profile, which scores, findings and recommendations change from pack OLD to pack NEW.

    OLD or NEW may be 'nasional' for the installed national pack.

    / Tampilkan per profil perubahan skor, temuan dan rekomendasi dari paket OLD ke NEW.
    """
    from .packdiff import diff_packs, render_diff

    chosen = resolve_lang(lang)
    old_pack, new_pack = _named_pack(old), _named_pack(new)
    diffs = diff_packs(old_pack, new_pack, Path(profiles), lang=chosen)
    click.echo(render_diff(diffs, old_pack, new_pack, fmt, chosen), nl=False)


@main.command("schema")
@click.argument("name", type=click.Choice(["rules", "profile", "advice", "tests"]), default="advice")
@click.option("--write", "write_dir", type=click.Path(file_okay=False, path_type=str), default=None, help="Write all four schemas as DIR/NAME.schema.json. / Tulis keempat skema ke DIR.")
@lang_option
def schema_command(name: str, write_dir: str | None, lang: str | None) -> None:
    """Print the JSON Schema of rule files, profiles, the advice (JSON output) or test cases.

    / Cetak JSON Schema berkas aturan, profil, keluaran saran, atau kasus uji.
    """
    from .schema import SCHEMAS, schema_text

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


def run() -> None:  # pragma: no cover - console entry for python -m
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    main()
