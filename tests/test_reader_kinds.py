"""Kinds of statement the reader tells apart, each with sentences written for it.

Strengths (targets reached, measured rises, reception and awards, completion,
gains participants report), proposals (hopes and requests to an office,
instructions, lists after a lead that reports measures already taken) and
figures (ages, pages, phones, times, dates, list numbers, the value a change
starts from).  None of these sentences comes from a scored text.
"""

from __future__ import annotations

import pytest

from asn_advisor.reader import extract

from .extract_scoring import shared_dir

SHARED = shared_dir()


@pytest.fixture(scope="module")
def patterns(pack):
    assert pack.extract is not None
    return pack.extract


def _read(text: str, patterns):
    return extract(text, patterns, assume_report=True)


# ---------------------------------------------------------------------------
# Proposals
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Diharapkan BKPSDM dapat menambah anggaran pelatihan.",  # a hope addressed to an office
        "BKPSDM diharapkan menambah anggaran pelatihan bagi pegawai.",
        "Kami harapkan setiap OPD menambah anggaran pelatihan.",
        "Bupati meminta BKPSDM agar menambah anggaran pelatihan.",  # a request
        "Mohon kepada kepala OPD untuk menambah anggaran pelatihan.",
        "Sekda menginstruksikan seluruh OPD agar segera menambah anggaran pelatihan.",  # an instruction
        "Kepala OPD agar segera menambah anggaran pelatihan.",
        "Pemkab berencana menambah anggaran pelatihan.",  # a plan
        "Tahun depan anggaran pelatihan akan ditambah.",
        "Rekomendasi\n1. Menambah anggaran pelatihan setiap tahun.\n2. Memperkuat dukungan atasan.",  # a list
        "Beberapa hal yang perlu dilakukan ke depan:\n- menambah anggaran pelatihan;\n- melibatkan atasan.",
        "Langkah-langkah yang akan dilaksanakan tahun depan:\n1. Menambah anggaran pelatihan.",
    ],
)
def test_kinds_of_proposals(patterns, text):
    assert "increase_budget" in {r.id for r in _read(text, patterns).recommendations}


@pytest.mark.parametrize(
    "text",
    [
        "Anggaran pelatihan sudah ditambah pada tahun ini.",
        "Penambahan anggaran pelatihan telah dilaksanakan tahun lalu.",
        "Pelatihan diharapkan meningkatkan kinerja pegawai.",  # the programme's aim, addressed to nobody
        "Langkah-langkah yang telah dilaksanakan BKPSDM tahun ini:\n1. Menambah anggaran pelatihan.",
        "Upaya Perbaikan yang Telah Dilakukan\n1. Menambah anggaran pelatihan.",
    ],
)
def test_measures_taken_and_aims_are_no_proposal(patterns, text):
    assert _read(text, patterns).recommendations == []


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # ages, pages, phone numbers, clock times, dates, list numbers, other roles and places
        ("Pelatihan diikuti 35 peserta berusia 25 sampai 40 tahun.", [("participants", 35)]),
        ("Peserta berusia 45 tahun mengikuti pelatihan.", []),
        ("Informasi pendaftaran peserta hubungi 0812 3456 7890.", []),
        ("Pendaftaran peserta melalui nomor telepon 081234567890.", []),
        ("Lihat halaman 12 untuk daftar peserta pelatihan.", []),
        ("Peserta dilantik pada 2 Juli 2023.", []),
        ("Pelatihan berlangsung pukul 08.00 sampai 16.00 diikuti 30 peserta.", [("participants", 30)]),
        ("Pelatihan dimulai pukul 16:00 dengan 30 peserta.", [("participants", 30)]),
        ("(3) Peserta pelatihan datang terlambat.", []),
        ("Pelatihan diikuti 30 peserta dan 5 widyaiswara.", [("participants", 30)]),
        ("Peserta berasal dari 5 sekolah.", []),
        ("Pelatihan diikuti 3 kelompok peserta.", []),
        ("Sesuai Pasal 203 ayat 4 PP 11 Tahun 2017, setiap PNS wajib mengikuti pelatihan.", []),
        # a change: the value it comes to, not the one it starts from
        ("Jumlah peserta meningkat dari 120 orang menjadi 180 orang.", [("participants", 180)]),
        ("Jumlah peserta naik dari 120 orang pada 2022 menjadi 180 orang pada 2023.", [("participants", 180)]),
        ("Dari 120 peserta, 114 orang dinyatakan lulus.", [("graduates", 114)]),
        # a value the text says was, not is
        ("Anggaran pelatihan yang sebelumnya mencapai Rp166 miliar kini dipangkas.", []),
        ("Anggaran pelatihan semula Rp 5 miliar.", []),
    ],
)
def test_figures_are_stated_quantities_with_their_unit(patterns, sentence, expected):
    found = _read(sentence, patterns).figures
    assert [(f.id, f.value) for f in found] == expected
    assert all(sentence[f.start : f.end] == f.quote for f in found)


@pytest.mark.parametrize(
    ("sentence", "indicator", "value"),
    [
        ("Tingkat kelulusan naik dari 80% menjadi 95%.", "graduation_rate", 95),
        ("Tingkat kepuasan peserta meningkat dari 78 persen menjadi 85 persen.", "satisfaction", 85),
        ("Kehadiran peserta turun dari 90% menjadi 60%.", "participation_rate", 60),
    ],
)
def test_an_indicator_takes_the_value_a_change_comes_to(patterns, sentence, indicator, value):
    assert [(i.id, i.value) for i in _read(sentence, patterns).indicators] == [(indicator, value)]
