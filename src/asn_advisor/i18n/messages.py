"""Keyed texts of the CLI and the renderers, in Indonesian (default) and English.

Every label and message the CLI and the renderers print is a key of the
catalogs (``quality.band.certain``, ``help:advise --format``) with an entry in
both languages; :func:`t` looks it up.  The language comes from ``--lang``,
else ``ASN_ADVISOR_LANG``, else Indonesian.
"""

from __future__ import annotations

import os

from asn_advisor.i18n.catalog import has_entry, lookup
from asn_advisor.i18n.message import Message, localize

__all__ = ["DEFAULT_LANG", "LANGS", "resolve_lang", "t"]

DEFAULT_LANG = "id"
#: The languages of every message, label and help text.
LANGS = ("id", "en")


def resolve_lang(lang: str | None) -> str:
    """``lang`` if given, else ``ASN_ADVISOR_LANG``, else Indonesian."""
    chosen = (lang or os.environ.get("ASN_ADVISOR_LANG") or DEFAULT_LANG).strip().lower()
    return chosen if chosen in LANGS else DEFAULT_LANG


# The catalogs are compiled files read once: a key's text never changes in a process.
_TEXTS: dict[tuple[str, str], str] = {}


def t(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang``, formatted with ``values`` (messages among them rendered in ``lang``).

    Raises :class:`KeyError` for a key the catalog of ``lang`` lacks.
    """
    lang = lang if lang in LANGS else DEFAULT_LANG
    text = _TEXTS.get((key, lang))
    if text is None:
        if not has_entry(key, lang):
            raise KeyError(key)
        text = _TEXTS[key, lang] = lookup(key, lang)
    if not values:
        return text
    return text.format(**{name: localize(v, lang) if isinstance(v, Message) else v for name, v in values.items()})
