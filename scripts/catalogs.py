"""The translation catalogs: extract, update, compile and check them with Babel.

    python scripts/catalogs.py extract   # write the template (.pot) of every msgid the program uses
    python scripts/catalogs.py update    # extract, then add new msgids to the catalogs and drop unused ones
    python scripts/catalogs.py compile   # compile each .po into the .mo the program reads
    python scripts/catalogs.py check     # exit 1 on a missing, empty, fuzzy or inconsistent translation

The catalogs are ``src/asn_advisor/i18n/locale/<lang>/LC_MESSAGES/asn_advisor.po``
(Indonesian ``id``, English ``en``).  Two kinds of msgids live there:

- English source texts: the templates of ``Message("...")`` in the source
  (errors, problems, hints) and click's own words (read from the installed
  click).  Only the Indonesian catalog translates them.
- Keys (``quality.band.certain``, ``help:advise --format``): the English text
  is the msgstr of the English catalog, the Indonesian one that of the
  Indonesian catalog; ``update`` copies the English text into the Indonesian
  catalog as a comment for translators.

``tests/test_i18n.py`` runs :func:`check` and fails on any problem it reports.
See docs/translating.md.
"""

from __future__ import annotations

import argparse
import io
import re
import string
import sys
from collections.abc import Iterable, Iterator
from gettext import GNUTranslations
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "asn_advisor"
LOCALE = SRC / "i18n" / "locale"
DOMAIN = "asn_advisor"
LANGS = ("id", "en")
#: The language whose catalog holds the English text of the keys.
KEYS_LANG = "en"
#: Click's texts that it passes to gettext through a variable, which extraction cannot see.
CLICK_EXTRA = ("required",)
#: Msgids whose translation is rightly the same text (syntax, not words).
SAME_IN_BOTH = {
    "has({id})",
    'pack: {{id: nasional, version: "1"}}',
    "extends: nasional",
    "extends: {national}",
    "cases: [{{name: ..., expect: {{...}}}}]",
    "jabar, kota-binjai",
    "{indonesian} / {english}: {name}",
    "{indonesian} / {english}",
    "Choice({choices})",
    "rule",
}
_KEY_CALL = re.compile(r"""\bt\(\s*['"]([A-Za-z0-9_.:-]+)['"]\s*[,)]""")


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(lang: str) -> Catalog:
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


HEADER = """\
# {language} texts of asn-advisor: edit the msgstr lines, then run
# python scripts/catalogs.py check && python scripts/catalogs.py compile
# (see docs/translating.md)."""


def write_catalog(catalog: Catalog, lang: str) -> None:
    """Write a catalog without line numbers, so that moving code does not change it."""
    catalog.header_comment = HEADER.format(language={"id": "Indonesian", "en": "English"}[lang])
    catalog.project, catalog.version = "asn-advisor", ""
    catalog.msgid_bugs_address = ""
    catalog.last_translator = "asn-advisor maintainers"
    catalog.language_team = {"id": "Indonesian", "en": "English"}[lang]
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, sort_output=False, include_previous=False)
    po_path(lang).write_bytes(buffer.getvalue())


# --- extraction ---


def _python_files(root: Path) -> Iterator[Path]:
    # Babel's extract_from_dir skips directories starting with '_' (our _base); walk them all.
    yield from sorted(root.rglob("*.py"))


def source_messages() -> dict[str, list[tuple[str, int]]]:
    """Every ``Message("...")`` template of the package, with where it appears."""
    found: dict[str, list[tuple[str, int]]] = {}
    for path in _python_files(SRC):
        for line, msgid, _comments, _context in extract_from_file("python", str(path), keywords={"Message": None}):
            if isinstance(msgid, str):
                found.setdefault(msgid, []).append((str(path.relative_to(ROOT)), line))
    return found


def click_messages() -> dict[str | tuple[str, str], list[tuple[str, int]]]:
    """Click's own msgids (plural pairs as tuples), read from the installed click."""
    root = Path(click.__file__).parent
    found: dict[str | tuple[str, str], list[tuple[str, int]]] = {}
    for path in _python_files(root):
        keywords = {"_": None, "ngettext": (1, 2)}
        for line, msgid, _comments, _context in extract_from_file("python", str(path), keywords=keywords):
            found.setdefault(msgid, []).append((f"click/{path.relative_to(root)}", line))
    for extra in CLICK_EXTRA:
        found.setdefault(extra, [("click/core.py", 0)])
    return found


def used_keys() -> dict[str, list[tuple[str, int]]]:
    """Keys the source and the templates look up with ``t("key")`` (keys built at run time are not seen)."""
    found: dict[str, list[tuple[str, int]]] = {}
    files = [*_python_files(SRC), *sorted((SRC / "render" / "templates").glob("*.j2"))]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for key in _KEY_CALL.findall(line):
                found.setdefault(key, []).append((str(path.relative_to(ROOT)), number))
    return found


def template() -> Catalog:
    """The template: source texts, click's words, and the keys of the English catalog."""
    pot = Catalog(domain=DOMAIN, project="asn-advisor", fuzzy=False)
    for msgid, where in source_messages().items():
        pot.add(msgid, locations=where, flags=["python-brace-format"] if "{" in msgid else [])
    for click_id, where in click_messages().items():
        pot.add(click_id, locations=where)
    for message in read_catalog(KEYS_LANG):
        if message.id:
            pot.add(message.id, auto_comments=[str(message.string)])
    return pot


# --- update and compile ---


def update() -> None:
    """Bring each catalog in line with the template: new msgids added untranslated, unused ones removed."""
    pot = template()
    keys = {m.id for m in read_catalog(KEYS_LANG) if m.id}
    for lang in LANGS:
        catalog = read_catalog(lang)
        try:
            catalog.update(pot, no_fuzzy_matching=True, update_creation_date=False)
        except TypeError:  # Babel before 2.13 always updates the creation date
            catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if lang == KEYS_LANG:
            # The English catalog holds the keys only: source texts are English already.
            for message in list(catalog):
                if message.id and message.id not in keys:
                    catalog.delete(message.id)
        write_catalog(catalog, lang)


def compiled(lang: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(lang), use_fuzzy=False)
    return buffer.getvalue()


def compile_catalogs() -> None:
    for lang in LANGS:
        po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))


# --- check ---


def _fields(text: str) -> set[tuple[str, str | None]]:
    """The placeholders of a template: ``{name}`` and ``{name!r}`` (format specs may differ), and ``%(name)s``."""
    try:
        out = {(f, c) for _, f, _, c in string.Formatter().parse(text) if f is not None}
    except ValueError:
        out = {("<unbalanced braces>", None)}
    return out | {(name, "%") for name in re.findall(r"%\((\w+)\)", text)}


def _strings(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _check_entry(
    lang: str, message_id: str | tuple[str, ...], value: object, source: set[tuple[str, str | None]]
) -> Iterable[str]:
    texts = _strings(value)  # type: ignore[arg-type]
    if not texts or not all(texts):
        yield f"{lang}: {message_id!r} has no translation"
        return
    for text in texts:
        fields = _fields(text)
        plural = isinstance(message_id, tuple)
        if (not plural and fields != source) or (plural and not fields <= source):
            shown, wanted = sorted(map(str, fields)), sorted(map(str, source))
            yield f"{lang}: {message_id!r}: placeholders {shown} differ from {wanted}"


def check() -> list[str]:
    """Every problem of the catalogs, as lines to print (none when all is well)."""
    problems: list[str] = []
    catalogs = {lang: read_catalog(lang) for lang in LANGS}
    english = {m.id: str(m.string) for m in catalogs[KEYS_LANG] if m.id}
    wanted: set[str | tuple[str, str]] = {*source_messages(), *click_messages()}
    # A msgid that is both a key and a source text is one entry: its English must be the msgid itself.
    problems += [
        f"{KEYS_LANG}: key {msgid!r} is also a source text but reads {english[msgid]!r}; rename the key"
        for msgid in sorted(m for m in wanted if isinstance(m, str) and m in english and english[m] != m)
    ]
    for lang, catalog in catalogs.items():
        for message in catalog:
            if not message.id:
                continue
            msgid = message.id
            if message.fuzzy:
                problems.append(f"{lang}: {msgid!r} is fuzzy")
            key = msgid if isinstance(msgid, str) and msgid in english else None
            if key is None and lang == KEYS_LANG:
                continue
            # Click's texts of another supported click release are kept (their locations name click).
            of_click = bool(message.locations) and all(str(f).startswith("click/") for f, _ in message.locations)
            if key is None and msgid not in wanted and not of_click:
                problems.append(f"{lang}: {msgid!r} is used nowhere (run: python scripts/catalogs.py update)")
            reference = english[key] if key is not None else " ".join(_strings(msgid))  # type: ignore[arg-type]
            problems += _check_entry(lang, msgid, message.string, _fields(reference))
            if key is None and lang != KEYS_LANG and message.string == msgid and msgid not in SAME_IN_BOTH:
                problems.append(f"{lang}: {msgid!r} is not translated (the msgstr repeats the msgid)")
        missing = [m for m in wanted if lang != KEYS_LANG and m not in catalog]
        missing += [k for k in english if k not in catalog]
        missing += [k for k in used_keys() if k not in catalog]
        problems += [
            f"{lang}: {m!r} is missing (run: python scripts/catalogs.py update)" for m in sorted(map(str, missing))
        ]
        problems += _check_compiled(lang)
    return problems


def _messages(translations: GNUTranslations) -> dict[object, object]:
    """The compiled messages without the header, which names the Babel release that compiled them."""
    catalog: dict[object, object] = getattr(translations, "_catalog", {})
    return {msgid: text for msgid, text in catalog.items() if msgid != ""}


def _check_compiled(lang: str) -> list[str]:
    mo = po_path(lang).with_suffix(".mo")
    if not mo.exists():
        return [f"{lang}: {mo.name} is missing (run: python scripts/catalogs.py compile)"]
    with mo.open("rb") as handle:
        shipped = GNUTranslations(handle)
    fresh = GNUTranslations(io.BytesIO(compiled(lang)))
    if _messages(shipped) != _messages(fresh):
        return [f"{lang}: {mo.name} does not match the .po (run: python scripts/catalogs.py compile)"]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("command", choices=["extract", "update", "compile", "check"])
    parser.add_argument(
        "-o", "--output", default=str(LOCALE / f"{DOMAIN}.pot"), help="where extract writes the template"
    )
    args = parser.parse_args(argv)
    if args.command == "extract":
        with open(args.output, "wb") as handle:
            write_po(handle, template(), width=100)
        print(f"wrote {args.output}")
    elif args.command == "update":
        update()
        print("updated: " + ", ".join(str(po_path(lang).relative_to(ROOT)) for lang in LANGS))
    elif args.command == "compile":
        compile_catalogs()
        print("compiled: " + ", ".join(str(po_path(lang).with_suffix(".mo").relative_to(ROOT)) for lang in LANGS))
    else:
        problems = check()
        for line in problems:
            print(line)
        print(f"{len(problems)} problem(s)" if problems else "catalogs complete")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
