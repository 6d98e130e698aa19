"""The Jinja2 environment of the HTML pages: templates shipped as package data, autoescaped.

Every value a template prints is escaped unless it is :class:`markupsafe.Markup`
made here (the SVG charts, drawn and escaped by their own functions).  Texts come
from the message catalog through ``t``, numbers through ``num`` (Babel), so a
template holds layout only.  Undefined names fail loudly (``StrictUndefined``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from asn_advisor._base import visible
from asn_advisor.i18n import number, t

__all__ = ["render_template"]


def _shown(value: Any) -> Any:
    """Control and bidirectional characters in a printed text are written out (``\\u202e``), then escaped."""
    return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value


_ENV = Environment(
    loader=PackageLoader("asn_advisor.render", "templates"),
    finalize=_shown,
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def _translator(lang: str) -> Callable[..., str]:
    def translate(key: str, **values: object) -> str:
        return t(key, lang, **values)

    return translate


@pass_context
def _num(context: Context, value: float | None, kind: str = "score") -> str:
    """A number in the page's language (``77,6``); ``-`` when unknown, never 0."""
    return "-" if value is None else number(value, str(context["lang"]), kind)


_ENV.filters["num"] = _num


def render_template(name: str, lang: str, **context: Any) -> str:
    """Render the template ``name`` in ``lang``: ``t(key, ...)`` and the ``num`` filter use that language."""
    template = _ENV.get_template(name)
    return template.render(lang=lang, t=_translator(lang), **context)
