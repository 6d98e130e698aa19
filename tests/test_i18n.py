"""Indonesian and English throughout, from one mechanism: the gettext catalogs.

These tests fail when a text lacks a translation, so that a new message,
command or option cannot land in one language only.  To see what is missing:
``python scripts/catalogs.py check`` (catalogs) and ``python -m tests.i18n_scan``
(texts of the source that bypass the catalogs).
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from asn_advisor.cli import main
from asn_advisor.cli.clicklang import click_language
from asn_advisor.cli.help import apply_help, has_help, help_keys, lang_from_args, walk
from asn_advisor.errors import ExitCode, Location, Problem, ProfileError
from asn_advisor.i18n import Message, localize, t

from .conftest import EXAMPLES, ROOT
from .i18n_scan import catalogs_script, keyed, scan


def test_the_catalogs_are_complete_and_consistent() -> None:
    """Every msgid the program uses is in the catalogs, translated, not fuzzy, with the msgid's placeholders.

    Also: every key has both languages, no entry is stale, and the shipped .mo
    files are the compilation of the .po files.
    """
    problems = catalogs_script().check()
    assert not problems, "run python scripts/catalogs.py check:\n" + "\n".join(problems[:40])


def test_the_check_catches_what_it_should(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing, empty, fuzzy or inconsistent Indonesian entry is reported."""
    script = catalogs_script()
    catalog = script.read_catalog("id")
    catalog["unknown finding {id}"].string = "temuan tidak dikenal"  # placeholder dropped
    catalog["file not found"].string = ""
    catalog["check the path"].flags.add("fuzzy")
    catalog.delete("permission denied")
    for lang in ("id", "en"):
        target = tmp_path / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        (target / "asn_advisor.po").write_bytes(script.po_path(lang).read_bytes())
        (target / "asn_advisor.mo").write_bytes(script.po_path(lang).with_suffix(".mo").read_bytes())
    monkeypatch.setattr(script, "LOCALE", tmp_path)
    script.write_catalog(catalog, "id")
    problems = "\n".join(script.check())
    assert "'unknown finding {id}': placeholders" in problems
    assert "'file not found' has no translation" in problems
    assert "'check the path' is fuzzy" in problems
    assert "'permission denied' is missing" in problems
    assert "does not match the .po" in problems


def test_no_message_of_the_source_bypasses_the_catalogs() -> None:
    """At every place a message is made, its text is a Message (extracted into the catalogs), never a bare string."""
    bare = scan()
    assert not bare, "write Message(...) (python -m tests.i18n_scan):\n" + "\n".join(
        f"  {where}: {text}" for text, where in sorted(bare.items(), key=lambda kv: kv[1])
    )
    assert len(catalogs_script().source_messages()) > 300  # the extraction does find the messages


def test_a_message_is_its_english_text_and_renders_in_indonesian() -> None:
    """English by default (str, comparisons, JSON); Indonesian from the catalog, nested messages too."""
    message = Message("unknown finding {id}", id=repr("x"))
    assert message == "unknown finding 'x'" and str(message) == "unknown finding 'x'"
    assert message.render("id") == "temuan 'x' tidak dikenal" and message.render("en") == "unknown finding 'x'"
    nested = Message("{hint}; did you mean {name}?", hint=Message("check the path"), name="'a'")
    assert nested.render("id") == "periksa jalurnya; maksud Anda 'a'?"
    assert localize("plain text", "id") == "plain text" and localize(None, "id") is None
    assert pickle.loads(pickle.dumps(nested)).render("id") == nested.render("id")
    with pytest.raises(AttributeError):
        message.template = "x"  # type: ignore[misc]
    problem = Problem(Location("p.yaml", 2, 3), Message("file not found"), code="Y003", hint=Message("check the path"))
    assert str(problem) == "p.yaml:2:3: [error] Y003 file not found (check the path)"
    assert problem.render("id") == "p.yaml:2:3: [galat] Y003 berkas tidak ditemukan (periksa jalurnya)"
    assert str(ProfileError(Message("file not found"))) == "file not found"


def test_keyed_texts_have_both_languages_and_a_missing_key_fails() -> None:
    for key, texts in keyed().items():
        assert texts["id"] and texts["en"], key
    assert t("warning", "id") == "peringatan" and t("warning", "en") == "warning"
    assert t("quality.band.certain", "id", low=70, high=75).startswith("Rentang skor 70-75")
    with pytest.raises(KeyError):
        t("no.such.key", "id")


def test_every_command_and_option_has_help_in_both_languages() -> None:
    """The whole command tree, including commands other features add, has catalog help."""
    for lang in ("id", "en"):
        lacking = [what for what, keys in help_keys(main).items() if not any(has_help(k, lang) for k in keys)]
        assert not lacking, f"add help:KEY entries to the {lang} catalog for: " + ", ".join(lacking)


def test_help_language_follows_lang_and_environment() -> None:
    """-h is Indonesian by default and English with --lang en or ASN_ADVISOR_LANG=en."""
    runner = CliRunner()
    indonesian = runner.invoke(main, ["advise", "-h"])
    assert indonesian.exit_code == 0
    assert "Penggunaan:" in indonesian.output and "Opsi:" in indonesian.output
    assert "Menilai PROFILE" in indonesian.output and "Score PROFILE" not in indonesian.output
    assert "[bawaan: text]" in indonesian.output and "Tampilkan bantuan" in indonesian.output
    english = runner.invoke(main, ["advise", "-h", "--lang", "en"])
    assert "Score PROFILE" in english.output and "Menilai" not in english.output
    assert "Penggunaan" not in english.output and "bawaan" not in english.output
    assert "Penggunaan" not in runner.invoke(main, ["-h"], env={"ASN_ADVISOR_LANG": "en"}).output
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
    ("args", "indonesian"),
    [
        (["advise", "--bogus", "x"], "Galat: Opsi '--bogus' tidak ada."),
        (["advise"], "Galat: Argumen belum diberikan 'PROFILE'."),
        (["advise", "x", "--format", "pdf"], "'pdf' bukan salah satu dari"),
        (["nocmd"], "Galat: Perintah 'nocmd' tidak ada."),
        (["advise", "x", "--format"], "Galat: Opsi '--format' memerlukan 1 nilai."),
    ],
)
def test_usage_errors_are_translated(args: list[str], indonesian: str) -> None:
    """Click's usage errors come out of our catalog in the chosen language, with exit code 2."""
    runner = CliRunner()
    result = runner.invoke(main, args)
    assert result.exit_code == ExitCode.USAGE
    assert indonesian in result.output
    if args[0] == "advise" and "--format" not in args[-1:]:
        assert "Penggunaan:" in result.output and "Coba '" in result.output
    result = runner.invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == ExitCode.USAGE
    assert "Galat" not in result.output and "Penggunaan" not in result.output


def test_click_language_is_bound_only_during_a_run() -> None:
    """Click's gettext is ours while a command runs and the standard library's afterwards."""
    import gettext

    import click.core

    with click_language("id"):
        assert click.core._("Usage:") == "Penggunaan:"
        with click_language("en"):
            assert click.core._("Usage:") == "Usage:"
        assert click.core._("Usage:") == "Penggunaan:"
    assert click.core._ is gettext.gettext
    CliRunner().invoke(main, ["advise", "--bogus"])
    assert click.core._ is gettext.gettext


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
    assert "profil memiliki 2 galat" in result.output and "[galat]" in result.output
    english = runner.invoke(main, ["advise", str(profile), "--lang", "en"])
    assert "participation_rate must be a number, got '60%'" in english.output and "[error]" in english.output
    missing_file = runner.invoke(main, ["score", str(tmp_path / "tidak-ada.yaml")])
    assert (
        missing_file.exit_code == ExitCode.INPUT and "berkas tidak ditemukan (periksa jalurnya)" in missing_file.output
    )


def test_rules_check_names_severities_in_the_language(tmp_path: Path) -> None:
    """rules check prints [galat]/[peringatan] in Indonesian and [error]/[warning] in English."""
    pack = tmp_path / "p"
    pack.mkdir()
    (pack / "pack.yaml").write_text("pack: {id: p, version: '1'}\nextends: nasional\nbogus: 1\n", encoding="utf-8")
    runner = CliRunner()
    indonesian = runner.invoke(main, ["rules", "check", str(pack)])
    assert "[galat]" in indonesian.output and "[error]" not in indonesian.output
    english = runner.invoke(main, ["rules", "check", str(pack), "--lang", "en"])
    assert "[error]" in english.output and "[galat]" not in english.output


def test_every_report_heading_is_in_both_languages() -> None:
    """The report in English has no Indonesian heading and the reverse."""
    runner = CliRunner()
    complete = str(EXAMPLES / "contoh-lengkap.yaml")
    indonesian = runner.invoke(main, ["report", complete]).output
    english = runner.invoke(main, ["report", complete, "--lang", "en"]).output
    for key in ("report.title", "score", "findings", "recommendations", "data_gaps", "report.identity"):
        assert t(key, "id") in indonesian and t(key, "en") not in indonesian.replace(t(key, "id"), ""), key
        assert t(key, "en") in english, key


def test_walk_covers_nested_groups() -> None:
    paths = [path for path, _ in walk(main)]
    assert "" in paths and "rules check" in paths
    assert all(isinstance(cmd, click.Command) for _, cmd in walk(main))


def test_starting_the_command_stays_quick() -> None:
    """Loading a catalog costs little next to importing the command (measured in a fresh interpreter)."""
    code = (
        "import time; s = time.perf_counter(); import asn_advisor.cli; m = time.perf_counter(); "
        "from asn_advisor.i18n import translations; translations('id'); translations('en'); "
        "print(time.perf_counter() - m, m - s)"
    )
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    catalogs, imports = float(out[0]), float(out[1])
    assert catalogs < 0.05 and catalogs < imports, (catalogs, imports, time.perf_counter() - started)


def test_the_catalogs_are_package_data() -> None:
    """pyproject.toml ships every .po and .mo file with the package (a built wheel holds them)."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["asn_advisor"]
    package = ROOT / "src" / "asn_advisor"
    shipped = {path for pattern in patterns for path in package.glob(pattern)}
    catalogs = {path for path in (package / "i18n" / "locale").rglob("*") if path.suffix in (".po", ".mo")}
    assert len(catalogs) == 4 and catalogs <= shipped
