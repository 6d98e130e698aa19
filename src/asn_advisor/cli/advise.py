"""The commands that advise one program: advise, score, explain, extract, report, plan, whatif."""

from __future__ import annotations

import os
from typing import Any

import click

from asn_advisor._base import check_output, load_document, read_text, unknown_id_hint, validation_problems, write_atomic
from asn_advisor.cli.app import (
    F,
    coded_text,
    emit,
    format_option,
    input_paths,
    lang_option,
    load_pack,
    main,
    output_options,
    rules_option,
)
from asn_advisor.engine import (
    ORDERS,
    advise,
    advise_report,
    extract_file,
    is_report_path,
    profile_from_extraction,
    profile_text,
    program_id_for,
    reorder,
    what_if,
)
from asn_advisor.errors import AdvisorError, ExitCode, Location, OutputError
from asn_advisor.i18n import Message, resolve_lang, t
from asn_advisor.model import (
    Advice,
    bands_from_pack,
    check_findings,
    load_profile,
    normalize_indicators,
    profile_from_data,
)
from asn_advisor.pack import RulePack
from asn_advisor.render import (
    format_choices,
    format_for,
    html_to_pdf,
    render,
    render_extraction,
    render_plan,
    render_report,
    render_score,
    render_summary,
    render_whatif,
)


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


@main.command("advise")
@click.argument("profile", type=str)
@rules_option
@lang_option
@format_option(*format_choices("advice"))
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
@format_option(*format_choices("score"))
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
            hint = (
                Message("{hint}; recommended: {ids}", hint=meant, ids=known)
                if meant
                else Message("recommended: {ids}", ids=known)
            )
            raise AdvisorError(
                Message("recommendation {id} is not in the advice for this profile", id=repr(recommendation)), hint=hint
            )
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
@format_option("json", "text")
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
    type=click.Choice(format_choices("report")),
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
            fmt = format_for("report", output)
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


# --- plan and whatif ---


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
            text = coded_text(error.code, error.message, error.hint, lang)
            raise click.BadParameter(f"{item!r}: {text}", param_hint="--set") from None
        if document.problems:
            problem = document.problems[0]
            text = coded_text(problem.code, problem.message, problem.hint, lang)
            raise click.BadParameter(f"{item!r}: {text}", param_hint="--set")
        values[name] = document.data
    return values


@main.command("plan")
@click.argument("profile", type=str)
@rules_option
@lang_option
@format_option(*format_choices("plan"))
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
@format_option(*format_choices("whatif"))
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
