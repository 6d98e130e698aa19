"""Figures and the program's identity as a report states them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from asn_advisor.reader.compiler import _Compiled
from asn_advisor.reader.regions import most_named_region
from asn_advisor.reader.results import ExtractedProgram, ProgramField
from asn_advisor.reader.sentences import Sentence, Token, tokenize

# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------

_NUM = r"\d+(?:[.,]\d+)*"
_PERCENT_RE = re.compile(rf"(?<![\w.,])({_NUM})\s*(?:%|persen\b|per\s+sen\b)", re.IGNORECASE)
_RUPIAH_RE = re.compile(
    rf"\bRp\.?\s*({_NUM})(?:\s*[-–]\s*{_NUM})?(\s*(?:ribu|rb|juta|jt|miliar|milyar|M|triliun|T)\b)?"
    rf"|(?<![\w.,])({_NUM})(\s*(?:ribu|juta|miliar|milyar|triliun))\s+rupiah\b",
    re.IGNORECASE,
)
_JP_RE = re.compile(rf"(?<![\w.,])({_NUM})\s*(?:JP|jam\s+pelajaran|jampel)\b", re.IGNORECASE)
_NUMBER_RE = re.compile(rf"(?<![\w.,])({_NUM})(?![\w])")
# A value on a named scale: "4,41 dari skala 5", "3,41 pada skala 1–4", "3,8 (skala 1-5)".
_RATING_RE = re.compile(
    rf"(?<![\w.,])({_NUM})\s*\(?\s*(?:(?:dari|pada|dalam)\s+)?skala\s+(?:(\d+)\s*[-–]\s*)?(\d+)\b\)?", re.IGNORECASE
)
# The scales a profile's rating takes ({value, scale}); a value on another scale is not converted.
_SCALES = {("1", "4"): "1-4", ("1", "5"): "1-5", ("0", "100"): "0-100"}
# "Seluruh peserta dinyatakan lulus": all of them, a share of 100 percent.
_WHOLE_RE = re.compile(r"\b(?:seluruh|seluruhnya|semua|semuanya)\b", re.IGNORECASE)
_MULTIPLIERS = {
    "ribu": 1e3,
    "rb": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "m": 1e9,
    "triliun": 1e12,
    "t": 1e12,
}


def parse_number(text: str) -> float | None:
    """Parse an Indonesian number: ``2,5`` -> 2.5, ``2.500.000`` -> 2500000, ``1.681`` -> 1681."""
    t = text.strip()
    if not re.fullmatch(_NUM, t):
        return None
    if "." in t and "," in t:
        if t.rfind(",") > t.rfind("."):
            t = t.replace(".", "").replace(",", ".")
        else:
            t = t.replace(",", "")
    elif "," in t:
        parts = t.split(",")
        if len(parts) > 2 and all(len(p) == 3 for p in parts[1:]):
            t = t.replace(",", "")
        elif len(parts) == 2:
            t = t.replace(",", ".")
        else:
            return None
    elif "." in t:
        parts = t.split(".")
        if len(parts) > 2 or len(parts[1]) == 3:
            if not all(len(p) == 3 for p in parts[1:]):
                return None
            t = t.replace(".", "")
    try:
        return float(t)
    except ValueError:  # pragma: no cover - guarded by the regex
        return None


@dataclass(frozen=True)
class _Figure:
    kind: str
    value: float
    unit: str
    start: int
    end: int


def _figures(sent: Sentence, text: str) -> list[_Figure]:
    s = text[sent.start : sent.end]
    out: list[_Figure] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in _RUPIAH_RE.finditer(s):
        if m.group(1) is not None:
            if re.search(r"\d\s*[-–]\s*\d", m.group(0)):
                continue  # a range (Rp 700-800 juta) has no single value
            num, mult = m.group(1), (m.group(2) or "").strip()
        else:
            num, mult = m.group(3), (m.group(4) or "").strip()
        value = parse_number(num)
        if value is None:
            continue
        factor = _MULTIPLIERS.get(mult.lower(), 1.0) if mult not in ("M", "T") else _MULTIPLIERS[mult.lower()]
        out.append(_Figure("rupiah", value * factor, "IDR", sent.start + m.start(), sent.start + m.end()))
        taken.append((m.start(), m.end()))
    for m in _RATING_RE.finditer(s):
        if not free(m.start(), m.end()):
            continue
        value = parse_number(m.group(1))
        scale = _SCALES.get((m.group(2) or ("0" if m.group(3) == "100" else "1"), m.group(3)))
        taken.append((m.start(), m.end()))
        if value is None or scale is None or not float(scale.split("-")[0]) <= value <= float(scale.split("-")[1]):
            continue  # on a scale the profile does not take, or off it: no rating, and no count either
        out.append(_Figure("rating", value, scale, sent.start + m.start(), sent.start + m.end()))
    for m in _PERCENT_RE.finditer(s):
        value = parse_number(m.group(1))
        if not free(m.start(), m.end()):
            continue
        if value is None or not 0 <= value <= 100:
            # Refused, and not read again as a count: "kuota terisi 140%" is no quota of 140.
            taken.append((m.start(), m.end()))
            continue
        out.append(_Figure("percent", value, "percent", sent.start + m.start(), sent.start + m.end()))
        taken.append((m.start(), m.end()))
    for m in _JP_RE.finditer(s):
        value = parse_number(m.group(1))
        if value is None or not free(m.start(), m.end()):
            continue
        out.append(_Figure("jp", value, "JP", sent.start + m.start(), sent.start + m.end()))
        taken.append((m.start(), m.end()))
    for m in _WHOLE_RE.finditer(s):
        out.append(_Figure("whole", 100.0, "percent", sent.start + m.start(), sent.start + m.end()))
    for m in _NUMBER_RE.finditer(s):
        value = parse_number(m.group(1))
        if value is None or not free(m.start(), m.end()) or not _a_value(s, m.start(), m.end()):
            continue
        out.append(_Figure("number", value, "", sent.start + m.start(), sent.start + m.end()))
    return sorted(out, key=lambda f: f.start)


# A range in words ("25 sampai 40 tahun", "pukul 08.00 s.d. 16.00") has no single value either.
_RANGE_AFTER = re.compile(r"\s*(?:[-–]|sampai|hingga|s\.?\s?d\.?|sd)\s*\d", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\d\s*(?:[-–]|sampai|hingga|s\.?\s?d\.?|sd)\s*$", re.IGNORECASE)
# Written like a phone number, a clock time or a code, not like a quantity: "0812 3456 7890",
# "16:00", "16.00 WIB", "08.00" (a count has a thousands dot before three digits, a decimal a comma).
_NOT_A_QUANTITY = re.compile(r"0\d+|\d+\.\d{1,2}|\d+\.\d{4,}")


def _a_value(s: str, start: int, end: int) -> bool:
    """Whether the bare number ``s[start:end]`` can be a quantity at all (its unit is checked later)."""
    if _RANGE_AFTER.match(s, end) or _RANGE_BEFORE.search(s[:start]):
        return False  # a range (skala 1-5, 2019-2021, 25 sampai 40 tahun) has no single value
    if re.search(r"(?i)\bke-?\s*$", s[:start]):
        return False  # an ordinal (ke-3, angkatan ke 87) is no value
    if _NOT_A_QUANTITY.fullmatch(s[start:end]) or re.match(r"[:/]\d", s[end : end + 2]):
        return False
    if start and s[start - 1] in ":/":
        return False  # 14/11/2023, 16:00
    if s[end : end + 1] == ")" or (not s[:start].strip(" \t(") and s[end : end + 1] == "."):
        return False  # a list's number: "(3) peserta ...", "2. Peserta ..."
    # Groups of digits in a row ("0812 3456 7890", "NIP 1980 0101 ...") are one code.
    return not (re.match(r" \d{3,}", s[end : end + 5]) or re.search(r"\d{3,} $", s[max(0, start - 6) : start]))


# ---------------------------------------------------------------------------
# The program's identity
# ---------------------------------------------------------------------------

_NAME_STOP = r"(?!(?:Kabupaten|Kab|Kota|Provinsi|Prov|Pemkab|Pemkot|Pemprov|Pemerintah|Tahun|Turun|Naik)\b)"
_NAME_RE = re.compile(
    r"\b(?:Pendidikan dan Pelatihan|Pelatihan|Diklat|Diklatpim|Latsar|Bimbingan Teknis|Bimtek)"
    rf"(?:[ \t]+(?:dan[ \t]+)?{_NAME_STOP}(?:[A-Z][\w/-]*|[IVX]{{1,4}}\b)){{1,5}}"
)
# "Nomor 10 Tahun 2018" names a regulation, not the period evaluated.
_LAW_RE = re.compile(r"(?:Nomor|No\.?|Nomer)\s*[\w./-]+\s+(?:[Tt]ahun\s+)?$")
_PERIOD_RE = re.compile(r"\b(?:[Tt]ahun|TA\.?|[Pp]eriode|[Ss]emester \w+)[ \t]+((?:19|20)\d\d)\b")
_YEAR_RE = re.compile(r"(?<![\w./-])((?:19|20)\d\d)(?![\w/-])")
_PROGRAM_TYPES = {
    "pelatihan": frozenset(
        {"pelatihan", "diklat", "latsar", "bimtek", "diklatpim", "kursus", "workshop", "pkp", "pka", "pkn", "webinar"}
    ),
    "pembinaan": frozenset({"pembinaan", "mentoring", "coaching", "pendampingan", "bimbingan"}),
    "pengembangan karier": frozenset({"karier", "karir", "promosi", "mutasi", "penataan", "merit", "kenaikan"}),
}


def read_program(text: str, c: _Compiled | None = None) -> ExtractedProgram | None:
    """The program's name, region, type and period as the text names them (None when it names none).

    Each part is the one the text names most often (first named on a tie),
    with the words it was read from and their offsets. The type is the kind
    of program most of the text speaks of: *pelatihan* (training, diklat,
    latsar ...), *pembinaan* (mentoring, coaching) or *pengembangan karier*
    (promotion, transfer, merit), when it is named at least twice.
    """

    def most_named(
        regex: re.Pattern[str], group: int = 0, value: Callable[[re.Match[str]], str] | None = None
    ) -> ProgramField | None:
        seen: dict[str, list[tuple[str, re.Match[str]]]] = {}
        for m in itertools.islice(regex.finditer(text), 2000):
            if group and _LAW_RE.search(text[max(0, m.start(group) - 30) : m.start(group)]):
                continue
            v = value(m) if value else " ".join(m.group(group).split())
            seen.setdefault(v.lower(), []).append((v, m))
        if not seen:
            return None
        best = max(seen.values(), key=lambda ms: (len(ms), -ms[0][1].start()))
        v, m = best[0]
        return ProgramField(value=v, quote=m.group(0), start=m.start(), end=m.end())

    region = most_named_region(text)
    name = most_named(_NAME_RE)
    period = most_named(_PERIOD_RE, 1) or most_named(_YEAR_RE, 1)
    counts: dict[str, list[Token]] = {kind: [] for kind in _PROGRAM_TYPES}
    for tok in tokenize(text):
        norm = tok.norm
        for kind, words in _PROGRAM_TYPES.items():
            if norm in words or (kind == "pelatihan" and norm.startswith("diklat")):
                counts[kind].append(tok)
    kind, toks = max(counts.items(), key=lambda kv: len(kv[1]))
    ptype = (
        ProgramField(value=kind, quote=toks[0].text, start=toks[0].start, end=toks[0].end) if len(toks) >= 2 else None
    )
    if region is None and name is None and period is None and ptype is None:
        return None
    return ExtractedProgram(name=name, region=region, type=ptype, period=period)
