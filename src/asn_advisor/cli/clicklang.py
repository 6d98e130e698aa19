"""Click's own words (``Usage:``, ``Options``, ``[default: x]``, usage errors) in the run's language.

Click translates through the standard library: each of its modules does
``from gettext import gettext as _`` (and ``ngettext``) and calls it when it
builds a text.  :func:`click_language` binds those names to our catalog of
the run's language while a command runs, and puts the originals back after,
so click's messages come out of the same ``.po`` catalogs as ours (click's
msgids are listed there; ``scripts/catalogs.py extract`` reads them from the
installed click).  English needs no catalog: click's msgids are English.
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from asn_advisor.i18n import translations

__all__ = ["click_language"]

_STDLIB = {"_": gettext.gettext, "ngettext": gettext.ngettext}


def _is_translator(value: object, name: str) -> bool:
    """Whether ``value`` is the standard gettext function click imported, or a catalog bound by us."""
    return value is _STDLIB[name] or isinstance(getattr(value, "__self__", None), gettext.NullTranslations)


def _click_modules() -> list[ModuleType]:
    return [
        module
        for name, module in list(sys.modules.items())
        if (name == "click" or name.startswith("click.")) and isinstance(module, ModuleType)
    ]


@contextmanager
def click_language(lang: str) -> Iterator[None]:
    """While the block runs, click translates its words with the catalog of ``lang``."""
    catalog = translations(lang) if lang != "en" else gettext.NullTranslations()
    bound: dict[str, Any] = {"_": catalog.gettext, "ngettext": catalog.ngettext}
    saved: list[tuple[ModuleType, str, Any]] = []
    for module in _click_modules():
        for name, function in bound.items():
            current = module.__dict__.get(name)
            if current is not None and _is_translator(current, name):
                saved.append((module, name, current))
                setattr(module, name, function)
    try:
        yield
    finally:
        for module, name, original in reversed(saved):
            setattr(module, name, original)
