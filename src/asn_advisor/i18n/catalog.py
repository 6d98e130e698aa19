"""The gettext catalogs: one per language, edited as ``.po`` files, read as compiled ``.mo``.

``locale/<lang>/LC_MESSAGES/asn_advisor.po`` holds every user-facing text:

- English source texts (error messages and hints made by the loaders, click's
  own words) are msgids; the Indonesian catalog translates them and English
  needs no entry (gettext returns the msgid);
- keyed texts (``quality.band.certain``, help texts ``help:advise --format``)
  have an entry in both catalogs.

The ``.mo`` files are compiled from the ``.po`` files by
``python scripts/catalogs.py compile``; a test fails when they differ.
Lookups use the standard library's :mod:`gettext`, so starting the command
costs one small file read per language actually used.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

__all__ = ["DOMAIN", "LOCALE_DIR", "SOURCE_LANG", "has_entry", "lookup", "translations"]

DOMAIN = "asn_advisor"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The language the source texts (msgids that are not keys) are written in.
SOURCE_LANG = "en"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang`` (a null catalog for a language without one)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except FileNotFoundError:
        return gettext.NullTranslations()


def lookup(msgid: str, lang: str) -> str:
    """The translation of ``msgid`` in ``lang``; ``msgid`` itself when the catalog has none."""
    return translations(lang).gettext(msgid)


def has_entry(msgid: str, lang: str) -> bool:
    """Whether the catalog of ``lang`` translates ``msgid``."""
    # GNUTranslations keeps its entries in _catalog; a null catalog has none.
    catalog: dict[str, str] = getattr(translations(lang), "_catalog", {})
    return msgid in catalog
