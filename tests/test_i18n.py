"""Indonesian and English throughout: messages, CLI help, errors, click's own words.

These tests fail when a text lacks a translation, so that a new message,
command or option cannot land in one language only.  To see what is missing:
``python -m tests.i18n_scan`` (error templates) and the failure messages below.
"""

from __future__ import annotations

import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from asn_advisor.cli import main
from asn_advisor.cli.help import HELP, apply_help, help_keys, lang_from_args, walk
from asn_advisor.errors import ExitCode
from asn_advisor.i18n.errors import ERRORS, translate
from asn_advisor.i18n.messages import MESSAGES

from .conftest import EXAMPLES
from .i18n_scan import missing, scan

# Texts that read the same in both languages (syntax and ids, not words).
SAME_IN_BOTH = {
    "has({id})",
    'pack: {{id: nasional, version: "1"}}',
    "extends: nasional",
    "extends: {national}",
    "cases: [{{name: ..., expect: {{...}}}}]",
    "jabar, kota-binjai",
    # 'rules init' names its error in both languages at once: "<id> / <en>: 'name'".
    "{indonesian} / {english}: {name}",
    "{indonesian} / {english}",
}


def _fields(template: str) -> list[str]:
    return sorted(f for _, f, _, _ in string.Formatter().parse(template) if f is not None)


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    """Each MESSAGES key has id and en, and both fill the same {placeholders}."""
    for key, texts in MESSAGES.items():
        assert texts.get("id") and texts.get("en"), key
        assert _fields(texts["id"]) == _fields(texts["en"]), key


def test_every_error_template_in_the_source_has_a_translation() -> None:
    """Every message and hint the loaders can raise has an entry in i18n_errors.ERRORS."""
    templates = scan()
    assert len(templates) > 150  # the scan does find the messages
    gaps = missing()
    assert not gaps, "untranslated messages (run python -m tests.i18n_scan):\n" + "\n".join(
        f"  {w}: {m!r}" for m, w in sorted(gaps.items(), key=lambda kv: kv[1])
    )


def test_error_catalog_entries_are_translated_and_consistent() -> None:
    """Each entry has the same placeholders in both languages and is really translated."""
    for english, indonesian in ERRORS.items():
        assert _fields(english) == _fields(indonesian), english
        if english not in SAME_IN_BOTH:
            assert english != indonesian, english


def test_translate_fills_values_and_translates_nested_messages() -> None:
    """Values are carried over; a value that is itself a message is translated too."""
    assert translate("unknown finding 'x'", "id") == "temuan 'x' tidak dikenal"
    assert translate("expected ')', found end of condition", "id") == "seharusnya ')', ditemukan akhir kondisi"
    assert translate("'<' compares a number with a text", "id") == "'<' membandingkan angka dengan teks"
    assert translate("unknown finding 'x'", "en") == "unknown finding 'x'"
    assert translate("something nobody wrote down", "id") == "something nobody wrote down"
    assert translate(None, "id") is None


def test_every_command_and_option_has_help_in_both_languages() -> None:
    """The whole command tree, including commands other features add, has catalog help."""
    lacking = [what for what, keys in help_keys(main).items() if not any(k in HELP for k in keys)]
    assert not lacking, "add these to asn_advisor.cli.help.HELP: " + ", ".join(lacking)
    for key, texts in HELP.items():
        assert texts.get("id") and texts.get("en"), key
        assert _fields(texts["id"]) == _fields(texts["en"]), key


def test_help_language_follows_lang_and_environment() -> None:
    """-h is Indonesian by default and English with --lang en or ASN_ADVISOR_LANG=en."""
    runner = CliRunner()
    indonesian = runner.invoke(main, ["advise", "-h"])
    assert indonesian.exit_code == 0
    assert "Penggunaan:" in indonesian.output and "Opsi:" in indonesian.output
    assert "Menilai PROFILE" in indonesian.output and "Score PROFILE" not in indonesian.output
    assert "[bawaan: text]" in indonesian.output and "Tampilkan bantuan" in indonesian.output
    english = runner.invoke(main, ["advise", "-h", "--lang", "en"])
    assert "Usage:" in english.output and "Score PROFILE" in english.output and "Menilai" not in english.output
    assert "Usage:" in runner.invoke(main, ["-h"], env={"ASN_ADVISOR_LANG": "en"}).output
    top = runner.invoke(main, ["-h"])
    assert "Perintah:" in top.output and "report" in top.output
    # Leave the tree in the default language for the other tests.
    apply_help(main, "id")


def test_lang_is_read_from_raw_arguments() -> None:
    assert lang_from_args(["advise", "x", "--lang", "en"]) == "en"
    assert lang_from_args(["advise", "--lang=en", "x"]) == "en"
    assert lang_from_args(["advise", "--", "--lang", "en"]) in ("id", "en")  # after -- it is a file name
    assert lang_from_args(["advise", "--lang", "fr"]) == "id"


@pytest.mark.parametrize(
    ("args", "indonesian", "english"),
    [
        (["advise", "--bogus", "x"], "Galat: opsi '--bogus' tidak ada.", "Error: No such option '--bogus'."),
        (["advise"], "argumen 'PROFILE' belum diberikan", "Missing argument 'PROFILE'"),
        (["advise", "x", "--format", "pdf"], "'pdf' bukan salah satu dari", "'pdf' is not one of"),
        (["nocmd"], "perintah 'nocmd' tidak ada", "No such command 'nocmd'"),
    ],
)
def test_usage_errors_are_translated(args: list[str], indonesian: str, english: str) -> None:
    """Click's usage errors come out in the chosen language, with exit code 2."""
    runner = CliRunner()
    result = runner.invoke(main, args)
    assert result.exit_code == ExitCode.USAGE
    assert indonesian in result.output and "Penggunaan:" in result.output
    result = runner.invoke(main, [*args, "--lang", "en"])
    assert english in result.output and "Usage:" in result.output


def test_loader_errors_follow_the_language(tmp_path: Path) -> None:
    """A broken profile's problems print in Indonesian by default and in English with --lang en."""
    profile = tmp_path / "rusak.yaml"
    profile.write_text(
        "program: {id: x}\n"
        'indicators:\n  participation_rate: "60%"\n  satisfaction: {value: 3.1, scale: "1-7"}\n'
        "findings: []\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(main, ["advise", str(profile)])
    assert result.exit_code == ExitCode.PROFILE
    assert "participation_rate harus angka, diberi '60%'" in result.output
    assert "skala penilaian '1-7' tidak dikenal (maksud Anda '1-5'?)" in result.output
    assert "profil memiliki 2 galat" in result.output
    english = runner.invoke(main, ["advise", str(profile), "--lang", "en"])
    assert "participation_rate must be a number, got '60%'" in english.output
    missing_file = runner.invoke(main, ["score", str(tmp_path / "tidak-ada.yaml")])
    assert (
        missing_file.exit_code == ExitCode.INPUT and "berkas tidak ditemukan (periksa jalurnya)" in missing_file.output
    )


def test_every_report_heading_is_in_both_languages() -> None:
    """The report in English has no Indonesian heading and the reverse."""
    runner = CliRunner()
    complete = str(EXAMPLES / "contoh-lengkap.yaml")
    indonesian = runner.invoke(main, ["report", complete]).output
    english = runner.invoke(main, ["report", complete, "--lang", "en"]).output
    for key in ("report.title", "score", "findings", "recommendations", "data_gaps", "report.identity"):
        assert MESSAGES[key]["id"] in indonesian and MESSAGES[key]["en"] not in indonesian.replace(
            MESSAGES[key]["id"], ""
        ), key
        assert MESSAGES[key]["en"] in english, key


def test_walk_covers_nested_groups() -> None:
    paths = [path for path, _ in walk(main)]
    assert "" in paths and "rules check" in paths
    assert all(isinstance(cmd, click.Command) for _, cmd in walk(main))
