"""Localized text in rule packs: ``{id: ..., en: ...}`` or a plain Indonesian string."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

__all__ = ["LANGUAGES", "Text", "TextField"]

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
