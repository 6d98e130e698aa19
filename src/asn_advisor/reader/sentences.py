"""Text handling for the narrative extractor: sentences, clauses, tokens, word forms.

Everything here keeps character offsets into the *original* text, so every
quote the extractor returns is ``text[start:end]`` of what the user handed in.

The sentence splitter is written for Indonesian reports as they reach us:
web page excerpts and exported documents with

* headings without final punctuation (``Tantangan yang Dihadapi``),
* bullets and numbered items (``-``, ``•``, ``1.``, ``2.1.``, ``a)``),
* hard line breaks inside sentences (blog exports, PDF text),
* abbreviations with a full stop (``Rp.``, ``dll.``, ``No.``, initials),
* decimal commas and thousands dots (``2,5``, ``1.681``),
* texts cut in the middle of a word.

Word forms: Indonesian builds words with prefixes, suffixes and confixes
(``kurang`` -> ``kurangnya``, ``berkurang``, ``kekurangan``; ``batas`` ->
``terbatas``, ``keterbatasan``). We generate, for every word of the text, the
set of forms left after stripping affixes. A pattern word matches a text word
when the pattern word is one of those forms. Over-generation is harmless
because the pattern word is written by a person: nobody writes ``anggar`` when
they mean ``anggaran``. The full forms (``word~`` in a pattern) also hold the
root found by the Sastrawi stemmer (Nazief-Adriani with its dictionary of
Indonesian roots, PySastrawi), and :func:`root` gives that root for a pattern
word, so ``didukung~``, ``dukungan~`` and ``mendukung~`` all mean the same
family of words: the root, whatever voice or affix the text uses.

Very long units (a text without punctuation, a table flattened into one line)
are cut into pieces of at most ``MAX_SENTENCE_WORDS`` words, at a comma where
there is one, so that reading time stays linear in the size of the input.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

__all__ = [
    "MAX_SENTENCE_WORDS",
    "Sentence",
    "Token",
    "full_forms",
    "light_forms",
    "root",
    "split_sentences",
    "tokenize",
]

# A word: letters or digits, possibly joined by hyphens or apostrophes
# (``sehari-hari``, ``follow-up``, ``e-learning``).  Numbers keep their
# decimal comma or thousands dots (``2,5``, ``1.681``) so that they stay one token.
_WORD_RE = re.compile(
    r"\d+(?:[.,]\d+)*"
    r"|[^\W\d_]+(?:[-'’][^\W_]+)*(?:-\d+)?",
    re.UNICODE,
)


@dataclass(frozen=True)
class Token:
    """One word of the text, with its offsets into the original string."""

    text: str
    start: int
    end: int

    @property
    def norm(self) -> str:
        return self.text.lower().replace("’", "'")


@dataclass
class Sentence:
    """A sentence, heading or list item, with its offsets into the original text.

    ``clauses`` holds ``(first_token, end_token)`` index pairs into ``tokens``.
    """

    start: int
    end: int
    text: str
    kind: str = "sentence"  # sentence | heading | item
    section: str = ""  # text of the most recent heading
    truncated: bool = False  # the text ends here without closing punctuation
    tokens: list[Token] = field(default_factory=list)
    clauses: list[tuple[int, int]] = field(default_factory=list)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into word tokens; offsets are shifted by ``offset``."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _WORD_RE.finditer(text)]


# ---------------------------------------------------------------------------
# Word forms
# ---------------------------------------------------------------------------

_CLITICS = ("nya", "lah", "kah", "pun", "tah", "ku", "mu")
_LIGHT_PREFIXES = ("ber", "ter", "ke", "se", "be")
_FULL_PREFIXES = (
    "memper",
    "diper",
    "meng",
    "meny",
    "mem",
    "men",
    "me",
    "di",
    "peng",
    "peny",
    "pem",
    "pen",
    "per",
    "pe",
)
_FULL_SUFFIXES = ("kan", "an", "i")
_VOWELS = "aeiou"
_MIN_ROOT = 3


def _strip_suffixes(word: str, suffixes: tuple[str, ...]) -> set[str]:
    out = set()
    for suf in suffixes:
        if word.endswith(suf) and len(word) - len(suf) >= _MIN_ROOT:
            out.add(word[: -len(suf)])
    return out


def _strip_prefix(word: str, prefix: str) -> set[str]:
    if not word.startswith(prefix) or len(word) - len(prefix) < _MIN_ROOT - 1:
        return set()
    rest = word[len(prefix) :]
    out = {rest}
    # Nasal assimilation: meN-/peN- drop the first consonant of the root
    # (mengurangi < kurang, memilih < pilih, menulis < tulis, menyusun < susun).
    if rest and rest[0] in _VOWELS:
        if prefix in ("meng", "peng"):
            out.add("k" + rest)
        elif prefix in ("mem", "pem"):
            out.add("p" + rest)
        elif prefix in ("men", "pen"):
            out.add("t" + rest)
    if prefix in ("meny", "peny"):
        out.add("s" + rest)
    return {w for w in out if len(w) >= _MIN_ROOT}


def _expand(word: str, *, full: bool) -> frozenset[str]:
    forms = {word}
    # Reduplication: tugas-tugas -> tugas, program-program -> program.
    if "-" in word:
        first, _, second = word.partition("-")
        if first == second or second.startswith(first) or first.startswith(second):
            forms.add(first)
    frontier = set(forms)
    for _ in range(4):  # at most four affix layers (ke-ter-batas-an-nya)
        new: set[str] = set()
        for w in frontier:
            new |= _strip_suffixes(w, _CLITICS)
            if w.startswith("ke") and w.endswith("an") and len(w) - 4 >= _MIN_ROOT:
                new.add(w[2:-2])  # confix ke-an: kekurangan, keterbatasan
            for pre in _LIGHT_PREFIXES:
                new |= _strip_prefix(w, pre)
            if full:
                new |= _strip_suffixes(w, _FULL_SUFFIXES)
                for pre in _FULL_PREFIXES:
                    new |= _strip_prefix(w, pre)
        new -= forms
        if not new:
            break
        forms |= new
        frontier = new
    return frozenset(forms)


@lru_cache(maxsize=65536)
def light_forms(word: str) -> frozenset[str]:
    """Forms of ``word`` after stripping clitics and stative affixes.

    Covers ``-nya -lah -kah -pun -ku -mu``, ``ber- ter- ke- se-`` and the
    confix ``ke-...-an``: ``kekurangan`` -> {kurang, ...}, ``terbatasnya`` ->
    {terbatas, batas, ...}, ``berpartisipasi`` -> {partisipasi, ...}.
    """
    return _expand(word.lower(), full=False)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    try:
        from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary  # type: ignore[import-untyped]
        from Sastrawi.Stemmer.Stemmer import Stemmer  # type: ignore[import-untyped]
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - a declared dependency; the affix rules still work without it
        return None
    # The bare stemmer: its factory wraps it in a cache that grows without bound; root() has its own.
    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The Indonesian root words of Sastrawi's dictionary (empty without Sastrawi)."""
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    return frozenset(StemmerFactory().get_words())


@lru_cache(maxsize=65536)
def root(word: str) -> str:
    """The root of one word by the Sastrawi stemmer (``didukung`` -> ``dukung``); the word itself if unknown."""
    word = word.lower()
    stemmer = _stemmer()
    if stemmer is None or not word.isalpha() or len(word) <= _MIN_ROOT:
        return word
    return str(stemmer.stem(word)) or word


@lru_cache(maxsize=65536)
def full_forms(word: str) -> frozenset[str]:
    """Forms of ``word`` after stripping any Indonesian affix.

    Adds the verbal and nominal affixes ``me(N)- di- pe(N)- per- -kan -i -an``
    with nasal assimilation: ``mengurangi`` -> {kurang, ...}, ``pengembangan``
    -> {kembang, ...}; and the word's Sastrawi root (:func:`root`).
    """
    return _expand(word.lower(), full=True) | {root(word)}


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

_BULLET_RE = re.compile(
    r"^[ \t]*(?:[-–—•*·▪●○◦►✓]|\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-zA-Z][.)]|[ivxIVX]{1,4}[.)])[ \t]+"
)
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "rp",
        "no",
        "nomor",
        "hlm",
        "hal",
        "tgl",
        "jl",
        "jln",
        "dr",
        "drs",
        "dra",
        "ir",
        "prof",
        "h",
        "hj",
        "kab",
        "kec",
        "kel",
        "prov",
        "sdr",
        "sdri",
        "bpk",
        "yth",
        "ybs",
        "sbb",
        "pt",
        "cv",
        "tbk",
        "st",
        "mr",
        "mrs",
        "ms",
        "vs",
        "bd",
        "gg",
        "kp",
        "ds",
        "kol",
        "jend",
        "brigjen",
        "mayjen",
        "letjen",
        "pp",
        "uu",
        "perpres",
        "permen",
        "perda",
        "kepmen",
        "ayat",
        "psl",
        "ps",
        "no.",
        "ttd",
        "an",
        "u.p",
        "tsb",
        "dg",
        "dgn",
        "utk",
        "krn",
        "sd",
        "smp",
        "sma",
        "s.pd",
        "s.h",
        "s.e",
        "s.sos",
        "m.si",
        "m.pd",
        "m.m",
        "m.h",
        "s.kom",
        "s.t",
        "s.ip",
        "dkk",
    ]
)
# Abbreviations that often end a sentence too: split after them only before a capital word.
_END_ABBREVIATIONS = frozenset({"dll", "dsb", "dst", "etc", "dkk", "tsb"})
_TERMINATOR_RE = re.compile(r"[.!?…]+[\"”’')\]]*")
_CLOSERS = "\"”’')]"
_HEADING_MAX_WORDS = 14
# A longer unit (no punctuation, a flattened table) is read in pieces of this many words.
MAX_SENTENCE_WORDS = 120
_CONTINUATION_MIN_WORDS = 8

# Clause boundaries inside a sentence: ; : and the connectors below (with or
# without a comma before them).
_CONNECTORS = (
    "namun",
    "tetapi",
    "tapi",
    "sedangkan",
    "sementara",
    "sehingga",
    "maka",
    "padahal",
    "melainkan",
    "sebaliknya",
    "meskipun",
    "walaupun",
    "walau",
    "kendati",
)
_CONNECTOR_PHRASES = (("oleh", "karena", "itu"), ("karena", "itu"), ("akan", "tetapi"), ("di", "sisi", "lain"))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    out = []
    pos = 0
    for m in re.finditer(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x85", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _first_alpha(s: str) -> str:
    for ch in s:
        if ch.isalnum():
            return ch
    return ""


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1] in '.!?…:;"”’)' and not stripped.endswith(",")


def _word_count(s: str) -> int:
    return len(_WORD_RE.findall(s))


def _continues(prev: str, content: str) -> bool:
    """Whether a line goes on with the unfinished paragraph ``prev`` (a hard line break)."""
    if _ends_sentence(prev):
        return False
    first = _first_alpha(content)
    if first.islower():
        return True
    last_line = prev.splitlines()[-1] if prev.splitlines() else prev
    # "... jumlah\nASN yang ..." : a long unfinished line goes on with an acronym or number.
    head = content.split()[0] if content.split() else ""
    words = _WORD_RE.findall(last_line)
    if len(words) < _CONTINUATION_MIN_WORDS or not words[-1].islower():
        return False
    # A Title Case line is a heading, not the first half of a sentence.
    capitalized = sum(1 for w in words if w[:1].isupper())
    if capitalized > len(words) / 2:
        return False
    return first.isdigit() or (head.isupper() and len(head) > 1)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, headings and list items.

    Offsets always refer to ``text``. Whitespace at either end of a unit is
    excluded from its span; inner line breaks (hard-wrapped paragraphs) are kept.
    """
    blocks = _Blocks(text).read()
    _short_items_as_headings(text, blocks)
    sentences = _block_sentences(text, blocks)
    if sentences:
        last = sentences[-1]
        stripped = last.text.rstrip()
        last.truncated = not stripped or stripped[-1] not in '.!?…"”’)'
    for sent in sentences:
        sent.tokens = tokenize(sent.text, sent.start)
        sent.clauses = _clauses(text, sent)
    return sentences


class _Blocks:
    """Lines gathered into blocks: a paragraph, a heading or one list item each.

    A class because the block being gathered (its span, line count and kind)
    is carried from line to line until a blank line, a bullet or a line that
    does not continue it closes it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[tuple[int, int, str]] = []  # (start, end, kind)
        self.cur: list[int] = []  # [start, end, number of lines]
        self.cur_kind = "sentence"

    def read(self) -> list[tuple[int, int, str]]:
        text = self.text
        for ls, le in _lines(text):
            line = text[ls:le]
            if not line.strip():
                self.flush()
                continue
            bullet = _BULLET_RE.match(line)
            content_start = ls + (bullet.end() if bullet else len(line) - len(line.lstrip()))
            content = text[content_start:le].rstrip()
            if not content:
                self.flush()
                continue
            cur = self.cur
            if cur and not bullet and _continues(text[cur[0] : cur[1]], content):
                cur[1] = content_start + len(content)
                cur[2] += 1
                continue
            self.flush()
            self.cur_kind = "item" if bullet else "sentence"
            cur.extend([content_start, content_start + len(content), 1])
        self.flush()
        return self.blocks

    def flush(self) -> None:
        """Close the block being gathered; a short single line without closing punctuation is a heading."""
        if not self.cur:
            return
        start, end, nlines = self.cur
        kind = self.cur_kind
        content = self.text[start:end]
        if (
            kind == "sentence"
            and nlines == 1
            and not _ends_sentence(content)
            and not content.endswith(",")
            and _word_count(content) <= _HEADING_MAX_WORDS
        ):
            kind = "heading"
        self.blocks.append((start, end, kind))
        self.cur.clear()


def _short_items_as_headings(text: str, blocks: list[tuple[int, int, str]]) -> None:
    """Turn a short numbered or bulleted line followed by a paragraph into a heading.

    "1. Pendahuluan", "4.2 Saran" head what follows; items followed by items stay a list.
    """
    for i, (bs, be, kind) in enumerate(blocks):
        if (
            kind == "item"
            and i + 1 < len(blocks)
            and blocks[i + 1][2] == "sentence"
            and not _ends_sentence(text[bs:be])
            and _word_count(text[bs:be]) <= 8
        ):
            blocks[i] = (bs, be, "heading")


def _block_sentences(text: str, blocks: list[tuple[int, int, str]]) -> list[Sentence]:
    """The sentences of the blocks, each under the heading before it (its section).

    Only the first sentence of a list item is the item; a heading at the very
    end of the text may be cut off, so it is marked truncated.
    """
    sentences: list[Sentence] = []
    section = ""
    last_block_end = len(text.rstrip())
    for bs, be, kind in blocks:
        if kind == "heading":
            sent = Sentence(bs, be, text[bs:be], kind="heading", section=section)
            sent.truncated = be >= last_block_end
            sentences.append(sent)
            section = text[bs:be]
            continue
        for ss, se in (piece for span in _split_block(text, bs, be) for piece in _cap(text, *span)):
            sent = Sentence(ss, se, text[ss:se], kind=kind, section=section)
            sentences.append(sent)
            kind = "sentence" if kind == "item" else kind
    return sentences


def _cap(text: str, ss: int, se: int) -> list[tuple[int, int]]:
    """``(ss, se)`` cut into pieces of at most ``MAX_SENTENCE_WORDS`` words, at a comma where possible."""
    if se - ss < MAX_SENTENCE_WORDS * 2:  # too short to hold that many words
        return [(ss, se)]
    toks = tokenize(text[ss:se], ss)
    if len(toks) <= MAX_SENTENCE_WORDS:
        return [(ss, se)]
    out: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while n - i > MAX_SENTENCE_WORDS:
        cut = i + MAX_SENTENCE_WORDS
        for k in range(cut, i + MAX_SENTENCE_WORDS // 2, -1):
            if any(ch in text[toks[k - 1].end : toks[k].start] for ch in ",;:"):
                cut = k
                break
        out.append((toks[i].start if out else ss, toks[cut - 1].end))
        i = cut
    out.append((toks[i].start, se))
    return out


def _split_block(text: str, bs: int, be: int) -> list[tuple[int, int]]:
    block = text[bs:be]
    out: list[tuple[int, int]] = []
    start = 0
    for m in _TERMINATOR_RE.finditer(block):
        end = m.end()
        after = block[end:]
        if after and not after[0].isspace():
            continue  # 2,5 / 1.681 / e.g. inside a word
        nxt_match = re.match(r"\s*(\S)", after)
        if not nxt_match:
            continue  # end of block
        nxt = nxt_match.group(1)
        if m.group().startswith(".") and len(m.group().rstrip(_CLOSERS)) == 1:
            prev_word = re.search(r"([^\W_][\w.]*)$", block[start : m.start()])
            word = prev_word.group(1).lower() if prev_word else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            if word in _END_ABBREVIATIONS and not (nxt.isupper() and nxt.isalpha()):
                continue
        if nxt.islower():
            continue  # "... dll. dan ..." or a stray full stop
        if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“‘'([-–•*" or not nxt.isalnum()):
            continue
        seg = block[start:end]
        lead = len(seg) - len(seg.lstrip())
        if seg.strip():
            out.append((bs + start + lead, bs + start + len(seg.rstrip())))
        start = end
    seg = block[start:]
    lead = len(seg) - len(seg.lstrip())
    if seg.strip():
        out.append((bs + start + lead, bs + start + len(seg.rstrip())))
    return out


def _clauses(text: str, sent: Sentence) -> list[tuple[int, int]]:
    toks = sent.tokens
    if not toks:
        return []
    cuts: set[int] = set()
    norms = [t.norm for t in toks]
    for i in range(1, len(toks)):
        gap = text[toks[i - 1].end : toks[i].start]
        if any(ch in gap for ch in ";:—–") and not re.fullmatch(r"\s*[-–]\s*", gap or "x") or "(" in gap:
            cuts.add(i)
            continue
        if norms[i] in _CONNECTORS:
            cuts.add(i)
            continue
        for phrase in _CONNECTOR_PHRASES:
            if tuple(norms[i : i + len(phrase)]) == phrase and ("," in gap or i == 0):
                cuts.add(i)
                break
        if ")" in gap:
            cuts.add(i)
    bounds = [0, *sorted(cuts), len(toks)]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
