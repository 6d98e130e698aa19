"""Provinces, regencies, cities and districts of Indonesia named in a text.

A news item names its place the way people speak ("ASN di Tanjungbalai",
"BPSDM Sumbar", "Radarjambi.co.id-MUAROJAMBI-"), not always as "Kabupaten X".
The names come from the official list of region codes (``wilayah.tsv``:
38 provinces, 514 regencies and cities, 7,285 districts, the usual
abbreviations of provinces, and the names that are also common words),
matched without regard to spaces, hyphens or capitals, so that
"Muarojambi", "Muaro Jambi" and "MUARO JAMBI" are one place.

A name that is also a common Indonesian word ("Batu", "Padang", "Palu",
"Serang") counts only after a word that introduces a place ("di", "Kota",
"Pemkab", "Bupati", "BKPSDM" ...); any other name counts when it is
capitalized.  A name shared by a regency and a city (Jayapura, Bogor) is the
one the text's prefix says, or, without a prefix, the one the text names
elsewhere with its prefix, or else the bare name.  A district (kecamatan) is
read only after "Kecamatan" or "di"/"dari", and never when its name is a
root word of the Indonesian dictionary without its prefix: the regency and
city names come first.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from asn_advisor.reader.results import ProgramField
from asn_advisor.reader.sentences import dictionary_words

__all__ = ["Region", "RegionMention", "most_named_region", "region_mentions"]

# "Kabupaten/Kota/Provinsi X" for an X the official list lacks (a misspelling, a new region).
_CAP = r"[A-Z][\w'’]*"
_PREFIXED_RE = re.compile(
    rf"\b(Kabupaten|Kab\.|Kota|Provinsi|Prov\.|Pemkab|Pemkot|Pemprov|Pemerintah Kabupaten|Pemerintah Kota|"
    rf"Pemerintah Provinsi)[ \t]+(?!Dan\b|Tahun\b)({_CAP}(?:[ \t]+(?!Tahun\b|Dan\b|Nomor\b){_CAP}){{0,2}})"
)

_KINDS = ("provinsi", "kabupaten", "kota")
_LONGEST_NAME = 4  # words: "Kepulauan Siau Tagulandang Biaro", "Daerah Khusus Ibukota Jakarta"
_CAPITALIZED = re.compile(r"\b[A-Z][A-Za-z'’]*")
_JOINER = re.compile(r"[ \t]+|[ \t]*-[ \t]*")
_BEFORE = re.compile(
    r"(?:(?P<kabupaten>Kabupaten|Kab\.|Pemkab|Bupati)|(?P<kota>Kota|Pemkot|Wali[ \t]?[Kk]ota)"
    r"|(?P<provinsi>Provinsi|Prov\.|Pemprov|Gubernur))(?:[ \t]+Administrasi)?[ \t]*$"
)
_PLACE_CUE = re.compile(r"(?:\b[Dd]i|\bdari|\bke|BKPSDM|BKPPD|BKPP|BKD|BPSDM|DPRD|Sekda|Pemda)[ \t]+$")
# A district (kecamatan) is read only when the text says it is a place: "Kecamatan Pauh", "ASN di Pauh".
_DISTRICT_PREFIX = re.compile(r"(?:Kecamatan|Kec\.)[ \t]+$")
_DISTRICT_CUE = re.compile(r"(?:(?P<prefix>Kecamatan|Kec\.)|\b[Dd]i|\bdari)[ \t]+$")


@dataclass(frozen=True)
class Region:
    """One region of the official list."""

    code: str
    kind: str
    name: str
    within: str | None = None  # a district's regency or city, when no other district has its name

    @property
    def label(self) -> str:
        """The name as a heading shows it: "Kabupaten Tuban", "Provinsi Sumatera Barat", "DKI Jakarta",
        "Kecamatan Cakranegara, Kota Mataram"."""
        if self.kind == "provinsi" and not self.name.startswith("Daerah"):
            return f"Provinsi {self.name}"
        if self.kind == "kecamatan":
            return f"Kecamatan {self.name}, {self.within}" if self.within else f"Kecamatan {self.name}"
        return self.name


@dataclass(frozen=True)
class RegionMention:
    """A region named in the text, with the words it was read from (``start``:``end``).

    ``key`` is the same for every mention of one region: its code, or the bare
    name when the text leaves open whether the regency or the city is meant.
    ``introduced``: a word that introduces a place comes before the name
    ("Kabupaten", "di", "BKPSDM" ...), which makes a single mention credible.
    """

    key: str
    value: str
    start: int
    end: int
    introduced: bool = False


def _bare(name: str) -> str:
    name = re.sub(r"^(?:Kabupaten|Kota)(?: Administrasi)? ", "", name)
    return re.sub(r"[^a-z]", "", name.lower())


@dataclass(frozen=True)
class _Gazetteer:
    """Bare name -> the regions of that name (a regency and a city may share one); names that are common words."""

    index: dict[str, tuple[Region, ...]]
    districts: dict[str, tuple[Region, ...]]
    common_words: frozenset[str]


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    by_code: dict[str, Region] = {}
    aliases: list[tuple[str, str]] = []
    common: set[str] = set()
    districts: list[tuple[str, str]] = []
    source = resources.files("asn_advisor.reader").joinpath("wilayah.tsv").read_text(encoding="utf-8")
    for line in source.splitlines():
        if not line or line.startswith("#"):
            continue
        code, kind, name = line.split("\t")
        if kind in _KINDS:
            by_code[code] = Region(code, kind, name)
        elif kind == "kata-umum":
            common.add(_bare(name))
        elif kind == "kecamatan":
            districts.append((code, name))
        else:
            aliases.append((code, name))
    index: dict[str, tuple[Region, ...]] = {}
    for region in by_code.values():
        index[_bare(region.name)] = (*index.get(_bare(region.name), ()), region)
    for code, alias in aliases:
        index.setdefault(_bare(alias), (by_code[code],))
    return _Gazetteer(index, _district_index(districts, by_code), frozenset(common))


def _district_index(districts: list[tuple[str, str]], by_code: dict[str, Region]) -> dict[str, tuple[Region, ...]]:
    named: dict[str, list[tuple[str, str]]] = {}
    for code, name in districts:
        named.setdefault(_bare(name), []).append((code, name))
    index: dict[str, tuple[Region, ...]] = {}
    for bare, same in named.items():
        unique = len(same) == 1
        index[bare] = tuple(
            Region(code, "kecamatan", name, by_code[code.rsplit(".", 1)[0]].label if unique else None)
            for code, name in same
        )
    return index


def _runs(text: str) -> Iterator[list[re.Match[str]]]:
    """Runs of capitalized words joined by spaces or hyphens."""
    run: list[re.Match[str]] = []
    for match in _CAPITALIZED.finditer(text):
        if run and not _JOINER.fullmatch(text, run[-1].end(), match.start()):
            yield run
            run = []
        run.append(match)
    if run:
        yield run


def _resolve(regions: tuple[Region, ...], text: str, start: int, end: int) -> RegionMention | None:
    """The mention of ``regions`` named at ``start``:``end``, if the words before allow it."""
    if _DISTRICT_PREFIX.search(text, max(0, start - 12), start):
        return None  # "Kecamatan Karanganyar" is the district, not the regency
    before = _BEFORE.search(text, max(0, start - 30), start)
    if before is not None:
        kind = before.lastgroup
        chosen = [r for r in regions if r.kind == kind]
        if not chosen:
            return None
        return RegionMention(chosen[0].code, chosen[0].label, before.start(), end, introduced=True)
    bare = _bare(regions[0].name)
    cued = _PLACE_CUE.search(text, max(0, start - 12), start) is not None
    if bare in _gazetteer().common_words and not cued:
        return None
    kinds = {r.kind for r in regions}
    if len(regions) == 1 or kinds == {"provinsi"}:
        region = regions[0]
        return RegionMention(region.code, region.label, start, end, cued)
    shared = re.sub(r"^(?:Kabupaten|Kota)(?: Administrasi)? ", "", regions[0].name)
    return RegionMention(f"?{bare}", shared, start, end, cued)


def region_mentions(text: str) -> list[RegionMention]:
    """Every region named in ``text``, in order; the longest name wins where names overlap."""
    found: list[RegionMention] = []
    for run in _runs(text):
        i = 0
        while i < len(run):
            matched = _match_at(text, run, i)
            if matched is None:
                i += 1
                continue
            mention, i = matched
            found.append(mention)
    return _settle_shared_names(found)


def _match_at(text: str, run: list[re.Match[str]], i: int) -> tuple[RegionMention, int] | None:
    """The region whose name starts at word ``i`` of ``run`` (longest first), and the word after it."""
    gazetteer = _gazetteer()
    ends = range(min(len(run), i + _LONGEST_NAME), i, -1)
    for j in ends:
        regions = gazetteer.index.get(_bare("".join(m.group(0) for m in run[i:j])))
        if regions is not None:
            mention = _resolve(regions, text, run[i].start(), run[j - 1].end())
            if mention is not None:
                return mention, j
    for j in ends:
        districts = gazetteer.districts.get(_bare("".join(m.group(0) for m in run[i:j])))
        if districts is not None:
            mention = _district(districts, text, run[i].start(), run[j - 1].end())
            if mention is not None:
                return mention, j
    return None


def _district(districts: tuple[Region, ...], text: str, start: int, end: int) -> RegionMention | None:
    cue = _DISTRICT_CUE.search(text, max(0, start - 12), start)
    if cue is None:
        return None
    bare = _bare(districts[0].name)
    if cue.group("prefix") is None and (bare in dictionary_words() or bare in _gazetteer().common_words):
        return None
    region = districts[0]
    key = region.code if len(districts) == 1 else f"?kecamatan:{bare}"
    begin = cue.start() if cue.group("prefix") else start
    return RegionMention(key, region.label, begin, end, introduced=True)


def _settle_shared_names(found: list[RegionMention]) -> list[RegionMention]:
    """A bare shared name takes the region the text names elsewhere with its prefix."""
    named: dict[str, RegionMention] = {}
    for mention in found:
        if not mention.key.startswith("?"):
            named.setdefault(_bare(mention.value.removeprefix("Provinsi ")), mention)
    settled = []
    for mention in found:
        if mention.key.startswith("?") and mention.key[1:] in named:
            known = named[mention.key[1:]]
            mention = RegionMention(known.key, known.value, mention.start, mention.end, mention.introduced)
        settled.append(mention)
    return settled


def _region_value(m: re.Match[str]) -> str:
    head = m.group(1).lower()
    kind = "Kota" if "kot" in head else "Provinsi" if "prov" in head else "Kabupaten"
    return f"{kind} {' '.join(m.group(2).split())}"


def most_named_region(text: str) -> ProgramField | None:
    """The region the text names most often (first named on a tie), by the official list of regions.

    A "Kabupaten/Kota/Provinsi X" whose X is not on the list still counts, under the name written.
    A bare name met once is not enough: a link to another story ("BACA JUGA: ... Lubuklinggau ...")
    names a place too.
    """
    mentions = region_mentions(text)
    read = [(m.start, m.end) for m in mentions]
    for match in itertools.islice(_PREFIXED_RE.finditer(text), 2000):
        if not any(start < match.end() and match.start() < end for start, end in read):
            value = _region_value(match)
            mentions.append(RegionMention(f"~{value.lower()}", value, match.start(), match.end(), introduced=True))
    named: dict[str, list[RegionMention]] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        named.setdefault(mention.key, []).append(mention)
    if not named:
        return None
    best = max(named.values(), key=lambda ms: (len(ms), -ms[0].start))
    if len(best) == 1 and not best[0].introduced:
        return None
    first = best[0]
    return ProgramField(value=first.value, quote=text[first.start : first.end], start=first.start, end=first.end)
