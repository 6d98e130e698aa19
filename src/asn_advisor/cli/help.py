"""The command line's help in Indonesian and English, chosen at startup.

Click reads a command's help from its docstring when the module is imported,
before any option is parsed, so the language cannot come from the parsed
``--lang``.  Instead :func:`lang_from_args` reads ``--lang`` from the raw
arguments (else ``ASN_ADVISOR_LANG``, else Indonesian) and :func:`apply_help`
writes the help texts of the catalogs into the command tree before click
parses anything.  Docstrings stay English, for Python readers and as the
fallback of a command added without a catalog entry (``tests/test_i18n.py``
fails then).

Keys, each the msgid ``help:<key>`` in both catalogs: ``""`` is the main
command (``help:asn-advisor``); ``"rules check"`` a command by its path;
``"advise --format"`` an option of one command; ``"--lang"`` an option shared
by every command that has it (used when no command-specific key exists).
Click's own words (``Usage:``, ``Options``, ``[default: x]``...) are click's
msgids in the catalogs, see :mod:`asn_advisor.cli.clicklang`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

import click

from asn_advisor.i18n import DEFAULT_LANG, has_entry, t

__all__ = ["apply_help", "has_help", "help_keys", "lang_from_args", "msgid", "text", "walk"]


def msgid(key: str) -> str:
    """The catalog msgid of the help text ``key`` (``help:advise --format``; ``help:asn-advisor`` for the main command)."""
    return f"help:{key or 'asn-advisor'}"


def has_help(key: str, lang: str) -> bool:
    """Whether the catalog of ``lang`` holds the help text ``key``."""
    return has_entry(msgid(key), lang)


def text(key: str, lang: str) -> str:
    """The help text ``key`` in ``lang``."""
    return t(msgid(key), lang)


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
    return needed


def apply_help(root: click.Command, lang: str) -> None:
    """Write the help texts of ``lang`` into every command and option of ``root``."""
    for path, command in walk(root):
        # The usage line's "[OPTIONS]" and "COMMAND [ARGS]...", which click does not pass through gettext.
        command.options_metavar = t("usage.options", lang)
        if isinstance(command, click.Group):
            command.subcommand_metavar = t("usage.subcommand", lang)
        if has_help(path, lang):
            command.help = text(path, lang)
            # Let click derive the one-line summary from the help of this language.
            command.short_help = None
        for param in command.params:
            if isinstance(param, click.Option):
                option = _option_name(param)
                for key in (f"{path} {option}".strip(), option):
                    if has_help(key, lang):
                        param.help = text(key, lang)
                        break
