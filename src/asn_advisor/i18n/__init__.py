"""Messages in Indonesian and English, from the gettext catalogs in ``locale/``."""

from asn_advisor.i18n.catalog import LOCALE_DIR, has_entry, lookup, translations
from asn_advisor.i18n.message import Message, localize
from asn_advisor.i18n.messages import DEFAULT_LANG, LANGS, resolve_lang, t
from asn_advisor.i18n.numbers import NUMBER_KINDS, number, percent

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "LOCALE_DIR",
    "Message",
    "NUMBER_KINDS",
    "has_entry",
    "localize",
    "lookup",
    "number",
    "percent",
    "resolve_lang",
    "t",
    "translations",
]
