"""The Jinja2 environments of the documents: templates shipped as package data, every value escaped.

HTML and SVG templates (``*.html.j2``, ``*.svg.j2``) are autoescaped: a value
is printed escaped unless it is :class:`markupsafe.Markup` (a chart rendered by
its own template).  Markdown templates (``*.md.j2``) escape every printed value
for Markdown, except what the ``code`` filter made inline code and a
:class:`MarkdownBlock` another renderer wrote.  Text templates (``*.txt.j2``)
print values as they are, control and bidirectional characters written out.  Texts come
from the message catalog through ``t``, numbers through ``num`` (Babel), so a
template holds layout only.  Undefined names fail loudly (``StrictUndefined``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from asn_advisor._base import markdown_code, markdown_escape, visible
from asn_advisor.i18n import number, t

__all__ = ["MarkdownBlock", "render_markdown_template", "render_template", "render_text_template"]


def _shown(value: Any) -> Any:
    """Control and bidirectional characters in a printed text are written out (``\\u202e``), then escaped."""
    return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value


class MarkdownBlock(str):
    """Markdown another renderer wrote (escaped there), printed as it is."""


def _markdown_shown(value: Any) -> Any:
    """Every printed text escaped for Markdown, on one line; inline code, blocks and numbers as they are."""
    if isinstance(value, MarkdownBlock) or not isinstance(value, str):
        return value
    return markdown_escape(value)


def _environment(**options: Any) -> Environment:
    return Environment(
        loader=PackageLoader("asn_advisor.render", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        **options,
    )


_ENV = _environment(finalize=_shown, autoescape=True)
_MARKDOWN_ENV = _environment(finalize=_markdown_shown, autoescape=False)
_TEXT_ENV = _environment(finalize=_shown, autoescape=False)


def _translator(lang: str) -> Callable[..., str]:
    def translate(key: str, **values: object) -> str:
        return t(key, lang, **values)

    return translate


@pass_context
def _num(context: Context, value: float | None, kind: str = "score") -> str:
    """A number in the page's language (``77,6``); ``-`` when unknown, never 0."""
    return "-" if value is None else number(value, str(context["lang"]), kind)


_ENV.filters["num"] = _num
_MARKDOWN_ENV.filters["num"] = _num
_MARKDOWN_ENV.filters["code"] = lambda text: MarkdownBlock(markdown_code(str(text)))


def render_template(name: str, lang: str, **context: Any) -> str:
    """Render the HTML or SVG template ``name`` in ``lang``: ``t(key, ...)`` and ``num`` use that language."""
    return _ENV.get_template(name).render(lang=lang, t=_translator(lang), **context)


def render_markdown_template(name: str, lang: str, **context: Any) -> str:
    """Render the Markdown template ``name`` in ``lang``, every printed value escaped for Markdown."""
    return _MARKDOWN_ENV.get_template(name).render(lang=lang, t=_translator(lang), **context)


def render_text_template(name: str, lang: str, **context: Any) -> str:
    """Render the plain-text template ``name`` in ``lang``."""
    return _TEXT_ENV.get_template(name).render(lang=lang, t=_translator(lang), **context)
