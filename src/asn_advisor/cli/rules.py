"""The ``rules`` group (check, test, init, diff, graph) and ``schema``: working with rule packs."""

from __future__ import annotations

from pathlib import Path

import click

from asn_advisor._base import write_atomic
from asn_advisor.authoring import SCHEMAS, check_pack, diff_packs, init_pack, render_diff, run_tests, schema_text
from asn_advisor.cli.app import AdvisorGroup, emit, format_option, input_paths, lang_option, main, output_options
from asn_advisor.engine import pack_patterns
from asn_advisor.errors import AdvisorError, ExitCode
from asn_advisor.i18n import resolve_lang, t
from asn_advisor.pack import GRAPH_FORMATS, GRAPH_VIEWS, NATIONAL_PACK, RulePack, export_graph, load_rules
from asn_advisor.reader import check_examples


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
@format_option("text", "json")
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
@format_option("text", "json", "markdown")
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
