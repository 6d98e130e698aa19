"""The place a text names: provinces, regencies and cities by the official list of regions."""

from __future__ import annotations

from importlib import resources

import pytest

from asn_advisor.reader import read_program
from asn_advisor.reader.regions import region_mentions


def _named(text: str) -> list[tuple[str, str]]:
    return [(m.value, text[m.start : m.end]) for m in region_mentions(text)]


def test_the_list_holds_every_province_regency_and_city() -> None:
    rows = [
        line.split("\t")
        for line in resources.files("asn_advisor.reader").joinpath("wilayah.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    kinds = [kind for _, kind, _ in rows]
    assert kinds.count("provinsi") == 38
    assert kinds.count("kabupaten") + kinds.count("kota") == 514
    assert kinds.count("kecamatan") > 7000
    official = {code for code, kind, _ in rows if kind in {"provinsi", "kabupaten", "kota", "kecamatan"}}
    assert {code for code, kind, _ in rows if kind in {"singkatan", "kata-umum"}} <= official
    assert {code.rsplit(".", 1)[0] for code, kind, _ in rows if kind == "kecamatan"} <= official


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ASN di Tanjungbalai mengikuti pelatihan.", [("Kota Tanjungbalai", "Tanjungbalai")]),
        ("Radarjambi.co.id-MUAROJAMBI-Ternyata", [("Kabupaten Muaro Jambi", "MUAROJAMBI")]),
        (
            "BPSDM Sumbar dan Pemprov NTB",
            [("Provinsi Sumatera Barat", "Sumbar"), ("Provinsi Nusa Tenggara Barat", "Pemprov NTB")],
        ),
        (
            "Kab. Tegal dan Kabupaten Kulonprogo",
            [("Kabupaten Tegal", "Kab. Tegal"), ("Kabupaten Kulon Progo", "Kabupaten Kulonprogo")],
        ),
        ("Pemerintah Kabupaten Aceh Barat Daya", [("Kabupaten Aceh Barat Daya", "Kabupaten Aceh Barat Daya")]),
        (
            "Wali Kota Jambi membuka diklat di Provinsi Jambi",
            [("Kota Jambi", "Wali Kota Jambi"), ("Provinsi Jambi", "Provinsi Jambi")],
        ),
    ],
)
def test_names_are_read_as_people_write_them(text: str, expected: list[tuple[str, str]]) -> None:
    assert _named(text) == expected


def test_a_name_that_is_a_common_word_needs_a_word_that_introduces_a_place() -> None:
    assert _named("Puncak acara diisi ceramah. Batu pertama diletakkan.") == []
    assert _named("Pelatihan digelar di Batu dan di Kota Padang.") == [
        ("Kota Batu", "Batu"),
        ("Kota Padang", "Kota Padang"),
    ]


def test_a_name_shared_by_a_regency_and_a_city_follows_the_prefix_the_text_gives_it() -> None:
    mentions = region_mentions("ASN di Jayapura. Kabupaten Jayapura menggelar diklat di Jayapura.")
    assert {m.value for m in mentions} == {"Kabupaten Jayapura"}
    assert len({m.key for m in mentions}) == 1
    alone = region_mentions("ASN di Jayapura dievaluasi.")
    assert [m.value for m in alone] == ["Jayapura"]


def test_the_program_is_placed_where_the_text_names_most() -> None:
    text = (
        "Evaluasi pembinaan karier ASN di Jayapura menunjukkan partisipasi rendah. "
        "Banyak ASN di Jayapura belum mengikuti pelatihan. Gubernur Papua meminta perbaikan."
    )
    program = read_program(text)
    assert program is not None and program.region is not None
    assert program.region.value == "Jayapura"
    assert text[program.region.start : program.region.end] == program.region.quote


def test_one_bare_mention_is_not_enough_to_place_a_program() -> None:
    text = "Pelatihan ASN perlu dievaluasi.\nBACA JUGA: Nakes Lubuklinggau mengaku diberhentikan"
    program = read_program(text)
    assert program is None or program.region is None
    assert read_program("Pelatihan ASN di Kota Lubuklinggau perlu dievaluasi.").region.value == "Kota Lubuk Linggau"  # type: ignore[union-attr]


def test_a_district_is_read_only_where_the_text_says_it_is_a_place() -> None:
    assert _named("ASN di Cakranegara mengikuti pembinaan.") == [("Kecamatan Cakranegara, Kota Mataram", "Cakranegara")]
    assert _named("Camat Kecamatan Cakranegara hadir.") == [
        ("Kecamatan Cakranegara, Kota Mataram", "Kecamatan Cakranegara")
    ]
    assert _named("Cakranegara mengirim peserta.") == []


def test_a_district_named_like_a_word_or_shared_by_several_regencies_stays_unplaced() -> None:
    assert _named("Pelatihan di Bandar itu ditunda.") == []
    assert _named("Pelatihan di Kecamatan Karanganyar, bukan di Karanganyar.") == [
        ("Kecamatan Karanganyar", "Kecamatan Karanganyar"),
        ("Kabupaten Karanganyar", "Karanganyar"),
    ]
