"""Figures a sentence states, read as the pack's indicators (or its other measured figures).

A figure is taken only where its unit and scale fit the indicator: a percent
between 0 and 100, a whole count not after "tahun" or "angkatan", rupiah as
rupiah, and never a year or an ordinal.  Each value keeps its quote and
offsets, like every other extracted item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from asn_advisor.reader.compiler import _Compiled, _Rule
from asn_advisor.reader.figures import _Figure, _figures
from asn_advisor.reader.matching import _FIGURE_QUOTE_MAX, _SentenceView, _traced
from asn_advisor.reader.results import ExtractedFigure, ExtractedIndicator

__all__ = ["find_indicators"]


# A count is no count after these words: "tahun 2021", "angkatan 87", "Nomor 10", "pasal 3".
_NOT_A_COUNT = frozenset(
    {
        "tahun",
        "angkatan",
        "nomor",
        "no",
        "pasal",
        "ayat",
        "tanggal",
        "pukul",
        "pp",
        "uu",
        "eselon",
        "level",
        "tingkat",
        "skala",
        "skor",
        "nilai",
        "indeks",
        # ages, pages, phones, codes and places: "berusia 45", "halaman 12", "telepon 0812", "NIP", "kode 3"
        "usia",
        "berusia",
        "umur",
        "berumur",
        "halaman",
        "hal",
        "hlm",
        "telepon",
        "telp",
        "tel",
        "hp",
        "wa",
        "whatsapp",
        "hubungi",
        "nip",
        "nik",
        "kode",
        "bab",
        "butir",
        "huruf",
        "lampiran",
        "tabel",
        "gambar",
        "grafik",
        "versi",
        "seri",
        "jilid",
        "lantai",
        "ruang",
        "jalan",
        "jl",
        "rt",
        "rw",
        "golongan",
        "kelas",
        "gelombang",
        "sesi",
        "periode",
        "semester",
        "triwulan",
        "jam",
    }
)
# Nor before these: a count of people is not "12 OPD", "3 angkatan", "5 hari" (the unit is checked, not guessed).
_NOT_PEOPLE = frozenset(
    {
        "opd",
        "instansi",
        "perangkat",
        "unit",
        "satuan",
        "dinas",
        "badan",
        "kabupaten",
        "kota",
        "kecamatan",
        "distrik",
        "desa",
        "kelurahan",
        "provinsi",
        "daerah",
        "lokasi",
        "angkatan",
        "kelas",
        "gelombang",
        "hari",
        "jam",
        "menit",
        "minggu",
        "pekan",
        "bulan",
        "tahun",
        "kali",
        "jenis",
        "modul",
        "sesi",
        "mata",
        "materi",
        "kegiatan",
        "program",
        "paket",
        "judul",
        "unsur",
        "aspek",
        "indikator",
        "kelompok",
        "tim",
        "regu",
        "halaman",
        "lembar",
        "poin",
        "butir",
        "pasal",
        "ayat",
        "persen",
        "tahap",
        "tahapan",
        "level",
        # a day of a month is a date: "pada 2 Juli"
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "agu",
        "agt",
        "agust",
        "sep",
        "sept",
        "okt",
        "nov",
        "des",
        "wib",
        "wita",
        "wit",
        # other places, things and people than those trained: "5 sekolah", "3 inovasi", "5 widyaiswara"
        "sekolah",
        "puskesmas",
        "lembaga",
        "organisasi",
        "bidang",
        "seksi",
        "bagian",
        "kantor",
        "kementerian",
        "negara",
        "wilayah",
        "titik",
        "kasus",
        "dokumen",
        "laporan",
        "peraturan",
        "regulasi",
        "inovasi",
        "proyek",
        "produk",
        "aplikasi",
        "buku",
        "widyaiswara",
        "pengajar",
        "narasumber",
        "fasilitator",
        "panitia",
        "mentor",
        "coach",
        "instruktur",
        "penguji",
        "pembicara",
        "penyelenggara",
        "pendamping",
    }
)


# "81,3 pada post-test", "4,1 untuk materi": the words after the preposition name the figure.
_JOINING = frozenset({"pada", "untuk", "dalam", "di"})


def _scale_ok(kind: str, fig: _Figure, before: str, after: str = "", written: str = "") -> bool:
    """Whether a figure is a plausible value of a measure (figures only; indicators are checked by the pack)."""
    if fig.kind == "number":
        return kind != "figures" or (
            fig.value.is_integer()
            and 0 < fig.value < 10_000_000
            and before not in _NOT_A_COUNT
            and after not in _NOT_PEOPLE
            # Four digits without a thousands dot, 1900-2100, are a year ("pada 2021 peserta"): counts of
            # that size are written "2.021".
            and not (re.fullmatch(r"(19|20)\d\d|2100", written) and not before.startswith("sebanyak"))
        )
    if fig.kind == "rupiah":
        return fig.value > 0
    return True


def _year_like(fig: _Figure) -> bool:
    return fig.kind == "number" and fig.value.is_integer() and 1900 <= fig.value <= 2100


# "naik dari 80% menjadi 95%", "dari Rp 2 miliar menjadi Rp 3 miliar": the first value is the one before.
_FROM_RE = re.compile(r"(?i)\b(?:dari|semula|sebelumnya)\s*$")
_TO_RE = re.compile(r"(?i)^[^.;:]{0,40}?\b(?:menjadi|jadi|ke|hingga|sampai)\s*$")
# "anggaran yang sebelumnya mencapai Rp166 miliar": a value the text says was, not is.
_WAS_RE = re.compile(r"(?i)\b(?:sebelumnya|semula|sempat)\s+(?:\w+\s+)?$")


def _previous_values(figures: list[_Figure], text: str) -> set[int]:
    """The figures a change starts from ("meningkat dari 120 orang menjadi 180 orang"): no current value."""
    out = set()
    for i, fig in enumerate(figures):
        before = text[max(0, fig.start - 30) : fig.start]
        if _WAS_RE.search(before):
            out.add(id(fig))
            continue
        if not _FROM_RE.search(before[-20:]):
            continue
        later = next((f for f in figures[i + 1 :] if f.kind == fig.kind and not _year_like(f)), None)
        if later is not None and _TO_RE.match(text[fig.end : later.start]):
            out.add(id(fig))
    return out


def _fits(kind: str, fig: _Figure, idx: list[int], v: _SentenceView, text: str) -> bool:
    """Whether ``fig`` (on tokens ``idx``) has the scale of a value, given the words on either side."""
    fa, fb = idx[0], idx[-1] + 1
    after = v.norms[fb] if fb < len(v.norms) else ""
    return _scale_ok(kind, fig, v.norms[fa - 1] if fa else "", after, text[fig.start : fig.end])


@dataclass(frozen=True)
class _Place:
    """Where a figure stands in its sentence (tokens ``fa:fb``), among the other values of its kind."""

    fa: int
    fb: int
    others: tuple[tuple[int, int], ...]
    norms: Sequence[str]

    def distance(self, o: tuple[int, int]) -> int:
        return min(abs(self.fa - o[1]), abs(o[0] - self.fb))

    def clear(self, o: tuple[int, int]) -> bool:
        """No other value of the figure's kind stands between it and the words ``o``."""
        lo, hi = (o[1], self.fa) if o[1] <= self.fa else (self.fb, o[0])
        return not any(lo <= x and y <= hi for x, y in self.others)

    def nearness(self, o: tuple[int, int]) -> int:
        # What a figure measures is mostly said before it: words after it count double,
        # unless a preposition joins them to it ("81,3 pada post-test"), which binds as
        # tightly as the word right before it.
        if o[1] <= self.fa:
            return self.distance(o)
        joined = o[0] == self.fb + 1 and self.norms[self.fb] in _JOINING
        return 0 if joined else 2 * self.distance(o) + 1


def _best_rule(
    fig: _Figure, place: _Place, rules: Sequence[_Rule], v: _SentenceView, only: str | None
) -> tuple[_Rule, list[tuple[int, int]]] | None:
    """Every rule that fits the figure is a candidate; the one whose words stand nearest
    to the figure names it ("kehadiran 53% dan kepuasan 81%")."""
    best: tuple[int, _Rule, list[tuple[int, int]]] | None = None
    for rule in rules:
        if rule.figure != fig.kind or (only is not None and rule.id != only):
            continue
        if rule.at_least is not None and fig.value < rule.at_least:
            continue
        picks = []
        for term in rule.terms:
            occ = [
                o
                for o in v.occ(term)
                if (o[1] <= place.fa or o[0] >= place.fb) and place.distance(o) <= rule.within and place.clear(o)
            ]
            if not occ:
                break
            picks.append(min(occ, key=place.distance))
        else:
            if rule.unless and v.vetoed(rule.unless):
                continue
            near = min(place.nearness(o) for o in picks)
            if best is None or near < best[0]:
                best = (near, rule, picks)
    return None if best is None else (best[1], best[2])


def find_indicators(
    text: str, v: _SentenceView, c: _Compiled, line_starts: list[int], only: str | None = None, kind: str = "indicators"
) -> list[Any]:
    """Indicators (or, with ``kind="figures"``, the pack's other measured figures) stated in one sentence."""
    rules = c.indicators if kind == "indicators" else c.figures
    if not rules:
        return []
    figures = _figures(v.sent, text)
    if not figures:
        return []
    toks = v.sent.tokens
    out: list[Any] = []
    spans = {id(f): [i for i, t in enumerate(toks) if t.start < f.end and t.end > f.start] for f in figures}
    previous = _previous_values(figures, text)
    valid = {id(f) for f in figures if spans[id(f)] and _fits(kind, f, spans[id(f)], v, text)}
    # A number that is no value here (a cohort, "angkatan 87"; a year) does not stand between a word and its figure.
    no_value = {id(f) for f in figures if id(f) not in valid or _year_like(f)} | previous
    model = ExtractedIndicator if kind == "indicators" else ExtractedFigure
    for fig in figures:
        idx = spans[id(fig)]
        if not idx or set(idx) & v.blocked or id(fig) not in valid or id(fig) in previous:
            continue
        # A word belongs to the figure on its side: "Dari 120 peserta, 114 orang dinyatakan lulus" --
        # "lulus" names 114, not 120, because another figure of the same kind stands between (years aside).
        others = tuple(
            (spans[id(f)][0], spans[id(f)][-1] + 1)
            for f in figures
            if f is not fig and f.kind == fig.kind and spans[id(f)] and id(f) not in no_value
        )
        place = _Place(idx[0], idx[-1] + 1, others, v.norms)
        found = _best_rule(fig, place, rules, v, only)
        if found is None:
            continue
        rule, picks = found
        out.append(
            model(
                id=rule.target,
                value=fig.value,
                unit=fig.unit,
                figure=text[fig.start : fig.end],
                pattern=rule.id,
                **_traced(text, v.sent, [*picks, (place.fa, place.fb)], line_starts, _FIGURE_QUOTE_MAX),
            )
        )
    return out
