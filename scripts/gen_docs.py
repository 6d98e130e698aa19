"""Generate the reference pages of the documentation from the code.

    python scripts/gen_docs.py          # rewrite docs/reference/*.md
    python scripts/gen_docs.py --check  # exit 1 if a page is out of date (tests/test_docs.py)

* ``docs/reference/cli.md`` and ``docs/reference/cli.id.md``: every command
  and option of ``asn-advisor``, walked from the click command tree, with the
  help texts of :mod:`asn_advisor.cli.help` in English and Indonesian.
* ``docs/reference/api.md``: the public Python API (``asn_advisor.__all__``
  and the report functions) from signatures, docstrings and model fields.

The output is deterministic (sorted, no dates), so the check is a plain
comparison and the pages can be reviewed in diffs.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import inspect
import re
import sys
from pathlib import Path
from typing import Any

import click
from pydantic import BaseModel

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference"

_EXIT_CODES = {
    "OK": ("success", "berhasil"),
    "ERROR": ("other error", "galat lain"),
    "USAGE": ("wrong command-line usage", "penggunaan baris perintah salah"),
    "INPUT": (
        "an input file cannot be read safely (missing, binary, not UTF-8, over a limit)",
        "berkas masukan tidak dapat dibaca dengan aman (tidak ada, biner, bukan UTF-8, melebihi batas)",
    ),
    "RULES": ("the rule pack is invalid", "paket aturan tidak valid"),
    "PROFILE": ("the profile is invalid", "profil tidak valid"),
    "OUTPUT": (
        "the output cannot be written (exists without --force, is an input, is not a regular file, "
        "or standard output fails)",
        "keluaran tidak dapat ditulis (sudah ada tanpa --force, sama dengan masukan, bukan berkas biasa, "
        "atau keluaran standar gagal)",
    ),
    "TEST_FAILED": ("rule tests failed", "uji aturan gagal"),
    "PARTIAL": (
        "a batch finished with failed records, or a worker process was lost",
        "batch selesai dengan entri yang gagal, atau sebuah proses pekerja hilang",
    ),
    "INTERRUPTED": ("interrupted (Ctrl-C)", "dihentikan (Ctrl-C)"),
    "TERMINATED": ("terminated (SIGTERM)", "dihentikan (SIGTERM)"),
}

_CLI_TEXT = {
    "en": {
        "title": "Command-line reference",
        "generated": "Generated from the click commands by `scripts/gen_docs.py`; do not edit by hand.",
        "other": "Bahasa Indonesia: [cli.id.md](cli.id.md).",
        "language": (
            "Every command takes `--lang id|en` (or the `ASN_ADVISOR_LANG` variable); Indonesian is the default."
        ),
        "usage": "Usage",
        "option": "Option",
        "description": "Description",
        "arguments": "Arguments",
        "exit": "Exit codes",
        "code": "Code",
        "meaning": "Meaning",
        "errors": (
            "Errors print as `file:line:column: [error] CODE message (hint)`; "
            "no traceback is shown (set `ASN_ADVISOR_DEBUG=1` to see one)."
        ),
    },
    "id": {
        "title": "Referensi baris perintah",
        "generated": "Dibuat dari perintah click oleh `scripts/gen_docs.py`; jangan disunting langsung.",
        "other": "English: [cli.md](cli.md).",
        "language": (
            "Setiap perintah menerima `--lang id|en` (atau variabel `ASN_ADVISOR_LANG`); bawaannya bahasa Indonesia."
        ),
        "usage": "Penggunaan",
        "option": "Opsi",
        "description": "Keterangan",
        "arguments": "Argumen",
        "exit": "Kode keluar",
        "code": "Kode",
        "meaning": "Arti",
        "errors": (
            "Galat dicetak sebagai `berkas:baris:kolom: [galat] KODE pesan (petunjuk)`; "
            "traceback tidak pernah ditampilkan (atur `ASN_ADVISOR_DEBUG=1` untuk melihatnya)."
        ),
    },
}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def cli_reference(lang: str) -> str:
    """The CLI reference page in ``lang`` (click's own words too)."""
    from asn_advisor.cli.clicklang import click_language

    with click_language(lang):
        return _cli_reference(lang)


def _cli_reference(lang: str) -> str:
    from asn_advisor.cli import app as cli
    from asn_advisor.cli.help import apply_help, walk
    from asn_advisor.errors import ExitCode

    words = _CLI_TEXT[lang]
    previous = cli._RUN["lang"]
    cli._RUN["lang"] = lang
    apply_help(cli.main, lang)
    try:
        out = [f"# {words['title']}", "", f"*{words['generated']}* {words['other']}", "", words["language"], ""]
        for path, command in walk(cli.main):
            name = f"asn-advisor {path}".strip()
            # The main command's context settings (help option names, width) as at run time.
            parent = click.Context(cli.main, info_name="asn-advisor", **cli.main.context_settings)
            ctx = click.Context(command, info_name=name, parent=parent) if path else parent
            out += [f"## `{name}`", ""]
            pieces = " ".join(command.collect_usage_pieces(ctx))
            out += [f"{words['usage']}: `{name} {pieces}`", ""]
            if command.help:
                out += [inspect.cleandoc(command.help), ""]
            arguments = [p for p in command.params if isinstance(p, click.Argument)]
            if arguments:
                out.append(f"{words['arguments']}: " + ", ".join(f"`{a.make_metavar(ctx)}`" for a in arguments))
                out.append("")
            rows = []
            for param in [*command.get_params(ctx)]:
                if isinstance(param, click.Option):
                    record = param.get_help_record(ctx)
                    if record is not None:
                        rows.append(record)
            if rows:
                out += [f"| {words['option']} | {words['description']} |", "|---|---|"]
                out += [f"| `{_cell(opt)}` | {_cell(desc)} |" for opt, desc in rows]
                out.append("")
            if isinstance(command, click.Group):
                subcommands = sorted(command.commands)
                out += [
                    ", ".join(f"[`{name} {sub}`](#{(name + ' ' + sub).replace(' ', '-')})" for sub in subcommands),
                    "",
                ]
        out += [f"## {words['exit']}", "", f"| {words['code']} | {words['meaning']} |", "|---:|---|"]
        for code in ExitCode:
            english, indonesian = _EXIT_CODES.get(code.name, (code.name.lower(), code.name.lower()))
            out.append(f"| {int(code)} | {english if lang == 'en' else indonesian} |")
        out += ["", words["errors"], "", f"<!-- {CLICK_MARK}{importlib.metadata.version('click')} -->", ""]
        return "\n".join(out)
    finally:
        cli._RUN["lang"] = previous
        apply_help(cli.main, previous)


_SECTIONS = ("Args:", "Arguments:", "Returns:", "Raises:", "Yields:", "Attributes:")


def _doc_markdown(doc: str | None) -> str:
    """A Google-style docstring as Markdown: sections in bold, their entries as a list."""
    out: list[str] = []
    in_section = False
    for line in (doc or "").strip().splitlines():
        stripped = line.strip()
        if stripped in _SECTIONS:
            out += ["", f"**{stripped[:-1]}**", ""]
            in_section = True
        elif in_section and line.startswith("        ") and out and out[-1].startswith("- "):
            out[-1] += " " + stripped
        elif in_section and line.startswith("    "):
            out.append("- " + stripped)
        elif line.startswith(("    ", ">>>")):
            out.append(line)
        else:
            in_section = in_section and bool(stripped)
            out.append(line)
    text = "\n".join(out).replace("``", "`").strip()
    # Sphinx roles read as plain code here; runs of blank lines collapse to one.
    text = re.sub(r":(?:func|class|mod|data|meth|attr|exc):`~?([^`]+)`", r"`\1`", text)
    return re.sub(r"\n{3,}", "\n\n", text)


def _model_fields(model: type[BaseModel]) -> list[str]:
    rows = ["| field | type | description |", "|---|---|---|"]
    for name, field in model.model_fields.items():
        annotation = field.annotation
        type_text = getattr(annotation, "__name__", None) if isinstance(annotation, type) else None
        type_text = type_text or str(annotation).replace("typing.", "")
        rows.append(f"| `{name}` | `{_cell(type_text)}` | {_cell(field.description or '')} |")
    return rows


def _signature(obj: Any) -> str:
    try:
        return str(inspect.signature(obj))
    except (TypeError, ValueError):
        return "(...)"


def api_reference() -> str:
    """The Python API page (English: it is read by programmers)."""
    import asn_advisor
    from asn_advisor.render import formats

    out = [
        "# Python API reference",
        "",
        "*Generated from the docstrings by `scripts/gen_docs.py`; do not edit by hand.*",
        "",
        "```python",
        "from asn_advisor import load_rules, load_profile, advise",
        "from asn_advisor.model.comparison import bands_from_pack",
        "from asn_advisor.render import render_report",
        "",
        "rules = load_rules()",
        'advice = advise(load_profile("examples/profiles/binjai.yaml", rules=rules), rules, lang="en")',
        'html = render_report(advice, bands_from_pack(rules, advice.lang), "html")',
        "```",
        "",
    ]
    sections: list[tuple[str, Any, list[str]]] = [
        ("asn_advisor", asn_advisor, sorted(n for n in asn_advisor.__all__ if n != "__version__")),
        ("asn_advisor.render.formats", formats, sorted(formats.__all__)),
    ]
    for module_name, module, names in sections:
        out += [f"## `{module_name}`", ""]
        doc = inspect.getdoc(module)
        if doc:
            out += [_doc_markdown(doc.split("\n\n")[0]), ""]
        functions = [n for n in names if inspect.isfunction(getattr(module, n))]
        classes = [n for n in names if inspect.isclass(getattr(module, n))]
        others = [n for n in names if n not in functions and n not in classes]
        for name in functions:
            obj = getattr(module, name)
            out += [f"### `{name}{_signature(obj)}`", "", _doc_markdown(inspect.getdoc(obj)), ""]
        for name in classes:
            obj = getattr(module, name)
            base = obj.__mro__[1].__name__ if len(obj.__mro__) > 1 else "object"
            out += [f"### class `{name}` ({base})", ""]
            doc = inspect.getdoc(obj)
            if doc and not doc.startswith(("!!! abstract", "Usage docs:", "A base class for creating Pydantic models")):
                out += [_doc_markdown(doc), ""]
            if issubclass(obj, BaseModel):
                out += [*_model_fields(obj), ""]
        for name in others:
            value = getattr(module, name)
            shown = sorted(value) if isinstance(value, dict) else value
            out += [f"### `{name}`", "", f"`{shown!r}`", ""]
    return "\n".join(out)


# Usage lines are drawn by click, whose rendering may change with a release:
# the CLI pages record the click release that drew them.
CLICK_MARK = "usage lines drawn by click "


def pages() -> dict[Path, str]:
    """Every generated page and its content."""
    return {
        REFERENCE / "cli.md": cli_reference("en"),
        REFERENCE / "cli.id.md": cli_reference("id"),
        REFERENCE / "api.md": api_reference(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated page is out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in pages().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(("out of date: " if args.check else "wrote ") + str(path.relative_to(ROOT)))
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
