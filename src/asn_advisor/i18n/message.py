"""A message as a template and its values, rendered in any language of the catalogs.

Errors and problems carry a :class:`Message` rather than a pre-formatted
text.  A message *is* its English text (a :class:`str`), so ``str(error)``,
comparisons and the JSON output read as before; :func:`localize` renders it
in another language by looking the template up in that language's catalog
and formatting it with the same values, values that are messages rendered
in the same language::

    Message("unknown finding {id}", id="'x'").render("id")  ->  "temuan 'x' tidak dikenal"

The template is the msgid of the catalogs (``{name}`` marks a value,
``{{`` a literal brace); ``scripts/catalogs.py extract`` finds every
``Message("...")`` in the source.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from asn_advisor.i18n.catalog import SOURCE_LANG, lookup

__all__ = ["Message", "localize"]


class Message(str):
    """An immutable message: its English text, with the ``template`` and ``values`` it came from."""

    template: str
    values: Mapping[str, object]

    def __new__(cls, template: str, /, **values: object) -> Message:
        self = super().__new__(cls, template.format(**values))
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "values", MappingProxyType(dict(values)))
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Message cannot be changed")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, dict(self.values)))

    def render(self, lang: str) -> str:
        """The message in ``lang`` (English when the catalog lacks it or its translation is broken)."""
        if lang == SOURCE_LANG:
            return str.__str__(self)
        values = {
            name: localize(value, lang) if isinstance(value, Message) else value for name, value in self.values.items()
        }
        try:
            return lookup(self.template, lang).format(**values)
        except (KeyError, IndexError, ValueError):  # pragma: no cover - the catalog test rules this out
            return str.__str__(self)


def _rebuild(template: str, values: dict[str, object]) -> Message:
    return Message(template, **values)


def localize(text: str | None, lang: str) -> str | None:
    """``text`` in ``lang`` when it is a :class:`Message`; any other text unchanged."""
    if isinstance(text, Message):
        return text.render(lang)
    return text
