"""The command line's help in Indonesian and English, chosen at startup.

Click reads a command's help from its docstring when the module is imported,
before any option is parsed, so the language cannot come from the parsed
``--lang``.  Instead :func:`lang_from_args` reads ``--lang`` from the raw
arguments (else ``ASN_ADVISOR_LANG``, else Indonesian) and :func:`apply_help`
writes the texts of :data:`HELP` into the command tree before click parses
anything.  Docstrings stay English, for Python readers and as the fallback of
a command added without a catalog entry (``tests/test_i18n.py`` fails then).

Keys: ``""`` is the main command; ``"rules check"`` a command by its path;
``"advise --format"`` an option of one command; ``"--lang"`` an option shared
by every command that has it (used when no command-specific key exists).
Click's own words (``Usage:``, ``Options``...) are under ``"click.*"``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

import click

from .i18n import DEFAULT_LANG

__all__ = ["HELP", "apply_help", "help_keys", "lang_from_args", "text"]

HELP: dict[str, dict[str, str]] = {
    # --- the main command and click's own words ---
    "": {
        "id": "Menilai evaluasi program pengembangan ASN dan memberi rekomendasi perbaikan yang diprioritaskan "
        "dan dijelaskan.\n\nBahasa: --lang id|en pada setiap perintah, atau variabel ASN_ADVISOR_LANG "
        "(bawaan: Indonesia).",
        "en": "Score an ASN development program's evaluation and recommend prioritized, explained "
        "improvements.\n\nLanguage: --lang id|en on every command, or the ASN_ADVISOR_LANG variable "
        "(default: Indonesian).",
    },
    "click.usage": {"id": "Penggunaan: ", "en": "Usage: "},
    "click.options": {"id": "Opsi", "en": "Options"},
    "click.commands": {"id": "Perintah", "en": "Commands"},
    "click.arguments": {"id": "Argumen", "en": "Arguments"},
    "click.error": {"id": "Galat: {message}", "en": "Error: {message}"},
    "click.try": {"id": "Coba '{command} {option}' untuk bantuan.", "en": "Try '{command} {option}' for help."},
    "click.aborted": {"id": "Dibatalkan.", "en": "Aborted!"},
    "click.interrupted": {"id": "asn-advisor: dihentikan", "en": "asn-advisor: interrupted"},
    "--help": {"id": "Tampilkan bantuan ini lalu keluar.", "en": "Show this message and exit."},
    "--version": {"id": "Tampilkan versi lalu keluar.", "en": "Show the version and exit."},
    # --- options shared by many commands ---
    "--rules": {
        "id": "Direktori paket aturan (bawaan: paket nasional yang disertakan; atau ASN_ADVISOR_RULES).",
        "en": "Rule pack directory (default: the shipped national pack; or ASN_ADVISOR_RULES).",
    },
    "--lang": {
        "id": "Bahasa keluaran: id (bawaan) atau en; atau atur ASN_ADVISOR_LANG.",
        "en": "Language of the output: id (default) or en; or set ASN_ADVISOR_LANG.",
    },
    "--output": {
        "id": "Tulis ke berkas ini (secara atomik), bukan ke keluaran standar.",
        "en": "Write to this file (atomically) instead of standard output.",
    },
    "--force": {"id": "Timpa berkas keluaran yang sudah ada.", "en": "Overwrite an existing output file."},
    "--format": {"id": "Format keluaran.", "en": "Output format."},
    # --- advise, score, explain ---
    "advise": {
        "id": "Menilai PROFILE dan mendaftar rekomendasi yang diprioritaskan dan dijelaskan.\n\n"
        "PROFILE berupa berkas YAML atau JSON; '-' membaca masukan standar.",
        "en": "Score PROFILE and list prioritized, explained recommendations.\n\n"
        "PROFILE is a YAML or JSON profile; '-' reads standard input.",
    },
    "score": {
        "id": "Cetak skor PROFILE saja (keseluruhan, kategori, cakupan, dimensi).",
        "en": "Print only the score of PROFILE (overall, band, coverage, dimensions).",
    },
    "explain": {
        "id": "Jelaskan alasan setiap rekomendasi (atau RECOMMENDATION saja) dan rincian prioritasnya.",
        "en": "Explain why each recommendation (or RECOMMENDATION) is made and how its priority adds up.",
    },
    # --- rules ---
    "rules": {"id": "Kelola paket aturan.", "en": "Work with rule packs."},
    "rules check": {
        "id": "Muat PACK (bawaan: paket yang disertakan) dan laporkan setiap masalah.",
        "en": "Load PACK (default: the shipped pack) and report every problem.",
    },
    # --- reports (issue 7) ---
    "report": {
        "id": "Tulis laporan untuk dibaca: skor, grafik, temuan, rekomendasi, peta jalan, data yang belum ada.\n\n"
        "PROFILE_OR_ADVICE berupa profil (YAML atau JSON, '-' untuk masukan standar) atau saran yang disimpan "
        "dengan 'advise --format json'. '-o laporan.html' menulis satu halaman HTML mandiri yang dapat dicetak "
        "di kertas A4; '-o laporan.md' menulis Markdown.",
        "en": "Write a report people read: score, chart, findings, recommendations, roadmap, data gaps.\n\n"
        "PROFILE_OR_ADVICE is a profile (YAML or JSON, '-' for standard input) or an advice saved with "
        "'advise --format json'. '-o report.html' writes one self-contained HTML page that prints on A4; "
        "'-o report.md' writes Markdown.",
    },
    "report --format": {
        "id": "Format laporan; bawaan: dari akhiran berkas keluaran (.html, .md), selain itu markdown.",
        "en": "Report format; default: from the output file's extension (.html, .md), else markdown.",
    },
}


def text(key: str, lang: str) -> str:
    """The help text ``key`` in ``lang`` (Indonesian when ``lang`` lacks it)."""
    entry = HELP[key]
    return entry.get(lang) or entry[DEFAULT_LANG]


def lang_from_args(args: Sequence[str]) -> str:
    """The language asked for by ``--lang X`` / ``--lang=X`` anywhere, else the environment."""
    chosen: str | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            chosen = args[index + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    chosen = (chosen or os.environ.get("ASN_ADVISOR_LANG") or DEFAULT_LANG).strip().lower()
    return chosen if chosen in ("id", "en") else DEFAULT_LANG


def _option_name(param: click.Parameter) -> str:
    """The long name of an option (``--format``), or its first name."""
    names = [*param.opts, *param.secondary_opts]
    longs = [n for n in names if n.startswith("--")]
    return longs[0] if longs else names[0]


def walk(command: click.Command, path: str = "") -> Iterator[tuple[str, click.Command]]:
    """Every command of the tree with its path (``""`` for the main command)."""
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from walk(command.commands[name], f"{path} {name}".strip())


def help_keys(root: click.Command) -> dict[str, list[str]]:
    """For each help text the tree needs, the catalog keys that would give it (first wins)."""
    needed: dict[str, list[str]] = {}
    for path, command in walk(root):
        needed[f"command {path or '(main)'}"] = [path]
        for param in command.params:
            if isinstance(param, click.Option):
                option = _option_name(param)
                needed[f"option {path} {option}".replace("  ", " ")] = [f"{path} {option}".strip(), option]
    needed["option --help"] = ["--help"]
    return needed


def apply_help(root: click.Command, lang: str) -> None:
    """Write the help texts of ``lang`` into every command and option of ``root``."""
    for path, command in walk(root):
        if path in HELP:
            command.help = text(path, lang)
            # Let click derive the one-line summary from the help of this language.
            command.short_help = None
        for param in command.params:
            if isinstance(param, click.Option):
                option = _option_name(param)
                for key in (f"{path} {option}".strip(), option):
                    if key in HELP:
                        param.help = text(key, lang)
                        break
