"""Messages in Indonesian and English."""

from asn_advisor.i18n.errors import translate
from asn_advisor.i18n.messages import DEFAULT_LANG, LANGS, MESSAGES, resolve_lang, t
from asn_advisor.i18n.numbers import NUMBER_KINDS, number, percent

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "MESSAGES",
    "NUMBER_KINDS",
    "number",
    "percent",
    "resolve_lang",
    "t",
    "translate",
]
