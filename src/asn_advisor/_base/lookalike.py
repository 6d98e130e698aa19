"""Ids that only look like known ones: confusable and invisible characters.

Files pasted from PDFs, word processors and chat apps bring characters that
render like plain ASCII but are not: a Cyrillic ``о`` in ``low_participation``,
an en dash in ``"1–4"``, a zero-width space.  An id written with them is
simply unknown, and a bare "unknown id" message would leave the reader staring
at two strings that look identical.  These helpers name the odd characters
and find the id that was meant.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from asn_advisor.i18n import Message

__all__ = ["describe_odd_characters", "lookalike_of", "skeleton", "unknown_id_hint"]

# Characters that render like an ASCII letter, digit or punctuation mark in
# common fonts (a subset of Unicode's confusables.txt: the Cyrillic and Greek
# letters and the dashes that actually turn up in Indonesian office documents).
# NFKC already folds fullwidth forms, ligatures and the like.
_CONFUSABLES: dict[str, str] = {
    # Cyrillic lower case
    "\u0430": "a",
    "\u0441": "c",
    "\u0501": "d",
    "\u0435": "e",
    "\u04bb": "h",
    "\u0456": "i",
    "\u0458": "j",
    "\u04cf": "l",
    "\u043e": "o",
    "\u0440": "p",
    "\u051b": "q",
    "\u0455": "s",
    "\u051d": "w",
    "\u0445": "x",
    "\u0443": "y",
    # Cyrillic upper case
    "\u0410": "A",
    "\u0412": "B",
    "\u0421": "C",
    "\u0415": "E",
    "\u041d": "H",
    "\u0406": "I",
    "\u0408": "J",
    "\u041a": "K",
    "\u041c": "M",
    "\u041e": "O",
    "\u0420": "P",
    "\u0405": "S",
    "\u0422": "T",
    "\u0425": "X",
    "\u04ae": "Y",
    # Greek
    "\u03bf": "o",
    "\u03b9": "i",
    "\u03bd": "v",
    "\u03c1": "p",
    "\u03ba": "k",
    "\u0391": "A",
    "\u0392": "B",
    "\u0395": "E",
    "\u0396": "Z",
    "\u0397": "H",
    "\u0399": "I",
    "\u039a": "K",
    "\u039c": "M",
    "\u039d": "N",
    "\u039f": "O",
    "\u03a1": "P",
    "\u03a4": "T",
    "\u03a5": "Y",
    "\u03a7": "X",
    # Dashes and minus signs that word processors substitute for '-'
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\ufe63": "-",
    # Letter-like symbols outside NFKC's reach
    "\u0131": "i",  # dotless i (Turkish keyboards)
}

# Characters that render as nothing at all.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def skeleton(word: str) -> str:
    """``word`` with compatibility forms folded, look-alikes mapped to ASCII and invisible characters removed."""
    folded = unicodedata.normalize("NFKC", word)
    return "".join(_CONFUSABLES.get(char, char) for char in folded if char not in _INVISIBLE)


def describe_odd_characters(word: str, limit: int = 3) -> str | None:
    """Name the non-ASCII characters of ``word`` (``None`` when it is plain ASCII).

    Returns text such as ``look-alike characters: 'о' (CYRILLIC SMALL LETTER O,
    looks like 'o')`` for a message to build on.
    """
    odd: list[str] = []
    for char in word:
        if char.isascii() or char in odd:
            continue
        odd.append(char)
    if not odd:
        return None
    parts = []
    for char in odd[:limit]:
        name = unicodedata.name(char, f"U+{ord(char):04X}")
        target = _CONFUSABLES.get(char) or unicodedata.normalize("NFKC", char)
        if char in _INVISIBLE:
            parts.append(f"an invisible {name}")
        elif target.isascii() and target.strip():
            parts.append(f"{char!r} ({name}, looks like {target!r})")
        else:
            parts.append(f"{char!r} ({name})")
    more = f" and {len(odd) - limit} more" if len(odd) > limit else ""
    return Message("look-alike characters: {chars}", chars=", ".join(parts) + more)


def lookalike_of(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate that ``word`` looks identical to once look-alikes are mapped, if any."""
    if word.isascii():
        return None
    target = skeleton(word)
    for candidate in sorted(set(candidates)):
        if candidate == target:
            return candidate
    return None


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelled word, if any is close.

    Look-alike characters (a Cyrillic 'о' for 'o') are mapped first, so a word
    that only looks like a candidate always finds it.
    """
    pool = sorted(set(candidates))
    if not word.isascii():
        word = skeleton(word)
        if word in pool:
            return word
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if matches:
        return matches[0]
    lowered = word.lower()
    for candidate in pool:
        if candidate.lower() == lowered:
            return candidate
    return None


def unknown_id_hint(word: str, candidates: Iterable[str], fallback: str | None = None) -> str | None:
    """The hint for an unknown id: name look-alike characters, then suggest the id meant.

    ``fallback`` is used when neither applies.
    """
    pool = sorted(set(candidates))
    described = describe_odd_characters(word)
    odd = Message("it contains {what}", what=described) if described else None
    meant = lookalike_of(word, pool) or suggest(skeleton(word), pool)
    if odd and meant:
        return Message("{hint}; did you mean {name}?", hint=odd, name=repr(meant))
    if odd:
        return odd
    if meant:
        return Message("did you mean {suggestion}?", suggestion=repr(meant))
    return fallback
