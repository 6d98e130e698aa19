"""Localized text in rule packs: ``{id: ..., en: ...}`` or a plain Indonesian string."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

__all__ = ["LANGUAGES", "Text", "TextField", "markdown_code", "markdown_escape", "visible"]

LANGUAGES = ("id", "en")


class Text(BaseModel):
    """A text in Indonesian (``id``) and English (``en``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str | None = None
    en: str | None = None

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to the other language."""
        primary = self.en if lang == "en" else self.id
        return primary or self.id or self.en or ""

    def missing(self) -> list[str]:
        return [lang for lang in LANGUAGES if not getattr(self, lang)]


def _coerce(value: Any) -> Any:
    if isinstance(value, str):
        return {"id": value}
    return value


# The JSON Schema says what YAML authors may write: a plain (Indonesian) string or {id, en}.
TextField = Annotated[Text, BeforeValidator(_coerce, json_schema_input_type=str | Text)]


# --- text from profiles and packs placed in documents ---

#: Characters that reorder or hide text (bidirectional controls, Trojan Source style).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def visible(text: str) -> str:
    """``text`` with control and bidirectional-control characters written out as ``\\xNN``/``\\uNNNN``.

    Such characters are invalid in XML (the SVG charts), invisible in HTML,
    and may reorder what a reader sees; tab and newline are kept.
    """
    if text.isprintable() and not _BIDI.intersection(text):
        return text
    out = []
    for char in text:
        code = ord(char)
        if char in "\t\n":
            out.append(char)
        elif code < 0x20 or 0x7F <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif char in _BIDI or 0xD800 <= code < 0xE000 or code in (0xFFFE, 0xFFFF):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def markdown_escape(text: str) -> str:
    """Escape what Markdown would read as markup or as a table cell border (one line)."""
    out = visible(text).replace("\\", "\\\\").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    for char in "|*_`[]<>#":
        out = out.replace(char, "\\" + char)
    return out


def markdown_code(text: str) -> str:
    """Inline code that survives backticks (and table borders) inside the text."""
    text = visible(text).replace("\n", " ")
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"
