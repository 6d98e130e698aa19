"""Tests for the narrative-report extractor.

Golden files: ``UPDATE_GOLDEN=1 pytest tests/test_extract.py`` rewrites
``tests/golden/extract/*.json`` from the current extractor output.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asn_advisor import AdvisorError, InputError, RulePackError
from asn_advisor.reader import (
    Extraction,
    ExtractionError,
    PatternFileError,
    check_examples,
    extract,
    load_patterns,
    parse_number,
    read_report,
)
from asn_advisor.reader.sentences import full_forms, light_forms, split_sentences

from .extract_scoring import load_annotations, score_all, shared_dir, totals

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "extract"
SHARED = shared_dir()
needs_shared = pytest.mark.skipif(SHARED is None, reason="shared/ texts not found (set ASN_ADVISOR_SHARED)")

# Indicators the national pack adds to the shared vocabulary (rules/indikator.yaml, "tambahan / addition").
PACK_ADDED_INDICATORS = {"quota_fill_rate", "untrained_share"}

SEEDS = [
    "000_f5a1824d6bd2b8a9",
    "001_c6d9b64ce3980a18",
    "002_5af2bb33695ac4a4",
    "003_542ec81aac1a1011",
    "004_160998158a5c0912",
]


@pytest.fixture(scope="module")
def patterns(pack):
    """The shipped pack's extract: section."""
    assert pack.extract is not None
    return pack.extract


@pytest.fixture(scope="module")
def scores(patterns):
    if SHARED is None:
        pytest.skip("shared/ texts not found (set ASN_ADVISOR_SHARED)")
    return {s.annotation.name: s for s in score_all(patterns, SHARED)}


def sentence_ids(text: str, patterns) -> tuple[set[str], set[str]]:
    """Finding and recommendation ids read from ``text`` without the report gate."""
    result = extract(text, patterns, assume_report=True)
    return {f.id for f in result.findings}, {r.id for r in result.recommendations}


# ---------------------------------------------------------------------------
# The pattern file
# ---------------------------------------------------------------------------


def test_pattern_examples_pass(patterns):
    """Every PASS/FAIL example written next to a pattern behaves as stated."""
    assert check_examples(patterns) == []


def test_pattern_targets_are_vocabulary_ids(patterns):
    """Patterns name only the canonical finding, recommendation and indicator ids."""
    vocab_path = (SHARED / "vocabulary.yaml") if SHARED else None
    if vocab_path is None or not vocab_path.exists():
        pytest.skip("vocabulary.yaml not found")
    vocab = yaml.safe_load(vocab_path.read_text(encoding="utf-8"))
    assert {p.finding for p in patterns.findings} <= set(vocab["findings"])
    assert {p.recommendation for p in patterns.recommendations} <= set(vocab["recommendations"])
    # ... or the pack's own additions, marked "tambahan / addition" in rules/indikator.yaml
    assert {p.indicator for p in patterns.indicators} <= set(vocab["indicators"]) | PACK_ADDED_INDICATORS
    # every finding and recommendation of the vocabulary has at least one pattern
    assert set(vocab["recommendations"]) == {p.recommendation for p in patterns.recommendations}
    assert set(vocab["findings"]) == {p.finding for p in patterns.findings}


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ekstraksi.yaml"
    path.write_text(text, encoding="utf-8")
    return path


_MINIMAL = """\
extract:
  groups:
    anggaran: anggaran|dana
  cues:
    negation: [{words: tidak ada, reach: 3}]
    hypothetical: jika
    example: misalnya
    proposal: perlu
  signals: {indonesian: yang dan, english: the and, topic: asn|pelatihan, evaluative: kendala}
  findings:
    - id: anggaran-kurang
      finding: limited_budget
      all: ["kurang", "@anggaran"]
"""


def test_minimal_pattern_file_loads(tmp_path):
    """A small, complete pattern file loads and matches."""
    p = load_patterns(_write(tmp_path, _MINIMAL))
    assert sentence_ids("Kurangnya anggaran pelatihan.", p)[0] == {"limited_budget"}


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (("      all:", "      al:"), "13:7", "unknown key 'al' (did you mean 'all'?)"),
        (('"@anggaran"', '"@angaran"'), "13:24", "unknown word-group @angaran (did you mean @anggaran?)"),
        (('"kurang"', '"kur$ang"'), "13:14", "cannot read 'kur$ang' as a pattern word"),
        (('"kurang"', '"tidak .."'), "13:14", "'..' must stand between two words"),
        (("finding: limited_budget", "finding: [x]"), "12:16", "input should be a valid string"),
        (("id: anggaran-kurang", "id: Anggaran_Kurang"), "11:11", "must be kebab-case"),
        (("    example: misalnya\n", ""), "5:5", "required key 'example' is missing"),
    ],
)
def test_pattern_file_errors_have_locations(tmp_path, change, where, message):
    """A broken pattern file gives file:line:column, the problem and a hint."""
    path = _write(tmp_path, _MINIMAL.replace(*change))
    with pytest.raises(PatternFileError) as info:
        load_patterns(path)
    assert isinstance(info.value, RulePackError)
    texts = [str(p) for p in info.value.problems]
    text = next((t for t in texts if message in t), texts)
    assert isinstance(text, str), texts
    assert text.startswith(f"{path}:{where}"), text


def test_pattern_file_yaml_errors(tmp_path):
    """Invalid YAML, a missing section, a duplicate key and a missing file are reported."""
    for text in ("extract:\n  groups: {a: b\n  cues: x\n", "extract:\n  groups: {}\n  groups: {}\n"):
        with pytest.raises(AdvisorError) as info:
            load_patterns(_write(tmp_path, text))
        problems = [str(p) for p in info.value.problems] or [str(info.value)]
        assert any(":3:" in p for p in problems), problems
    with pytest.raises(PatternFileError, match="no top-level 'extract:'"):
        load_patterns(_write(tmp_path, "rules: []\n"))
    with pytest.raises(PatternFileError, match="Y003"):
        load_patterns(tmp_path / "missing.yaml")


def test_unknown_target_ids_are_reported(tmp_path):
    """With a catalog, a pattern naming an unknown finding id is an error with a suggestion."""
    with pytest.raises(PatternFileError) as info:
        load_patterns(_write(tmp_path, _MINIMAL), known_findings=["limited_budgets"])
    assert "unknown finding id 'limited_budget'" in str(info.value.problems[0])
    assert "did you mean 'limited_budgets'" in str(info.value.problems[0])


def test_pack_checks_extract_section(write_pack):
    """In a pack, extract: patterns are checked against the pack's catalogs and word-groups."""
    from asn_advisor import load_rules

    base = {
        "base.yaml": """
            findings:
              limited_budget: {label: {id: Anggaran terbatas, en: Limited budget}, dimension: access}
            dimensions:
              access:
                label: {id: Akses, en: Access}
                weight: 1
                metrics: [{indicator: participation_rate, primary: true}]
            indicators:
              participation_rate: {type: percent, label: {id: Partisipasi, en: Participation}}
        """,
        "ekstraksi.yaml": _MINIMAL.replace("finding: limited_budget", "finding: limited_budgte").replace(
            '"@anggaran"', '"@anggaran_x"'
        ),
    }
    with pytest.raises(RulePackError) as info:
        load_rules(write_pack(base))
    messages = [p.message for p in info.value.problems]
    assert "unknown word-group @anggaran_x" in messages
    base["ekstraksi.yaml"] = _MINIMAL.replace("finding: limited_budget", "finding: limited_budgte")
    with pytest.raises(RulePackError) as info:
        load_rules(write_pack(base))
    problem = next(p for p in info.value.problems if "limited_budgte" in p.message)
    assert problem.location.file.endswith("ekstraksi.yaml") and problem.location.line == 12
    assert problem.hint == "did you mean 'limited_budget'?"


# ---------------------------------------------------------------------------
# Word forms and sentences
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("kurangnya", "kurang"),
        ("berkurang", "kurang"),
        ("kekurangan", "kurang"),
        ("keterbatasan", "terbatas"),
        ("terbatasnya", "terbatas"),
        ("minimnya", "minim"),
        ("rendahnya", "rendah"),
        ("berpartisipasi", "partisipasi"),
        ("termotivasi", "motivasi"),
        ("tugas-tugas", "tugas"),
    ],
)
def test_light_forms(word, root):
    """Clitic and stative affixes are stripped (the default pattern-word form)."""
    assert root in light_forms(word)


@pytest.mark.parametrize(
    ("word", "root"),
    [("mengurangi", "kurang"), ("pengembangan", "kembang"), ("menyosialisasikan", "sosialisasi"), ("dilatih", "latih")],
)
def test_full_forms(word, root):
    """word~ also strips verbal affixes, with nasal assimilation."""
    assert root in full_forms(word)
    assert root not in light_forms(word)


def test_sentences_keep_offsets_and_split_headings():
    """Headings without punctuation, bullets and abbreviations split as a reader would."""
    text = (
        "Tantangan yang Dihadapi\n"
        "Biaya Rp. 2,5 juta per peserta, dll. untuk 1.681 CPNS. Anggaran No. 5 sudah habis!\n"
        "- butir pertama tanpa titik\n"
        "2. Butir kedua.\n"
        "Kalimat terakhir terpotong di tengah ka"
    )
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Tantangan yang Dihadapi",
        "Biaya Rp. 2,5 juta per peserta, dll. untuk 1.681 CPNS.",
        "Anggaran No. 5 sudah habis!",
        "butir pertama tanpa titik",
        "Butir kedua.",
        "Kalimat terakhir terpotong di tengah ka",
    ]
    assert [s.kind for s in sents][:5] == ["heading", "sentence", "sentence", "item", "item"]
    assert all(text[s.start : s.end] == s.text for s in sents)
    assert sents[-1].truncated and not sents[1].truncated
    assert sents[1].section == "Tantangan yang Dihadapi"


@needs_shared
def test_hard_line_breaks_join_sentences():
    """A blog export with line breaks inside sentences (022) keeps whole sentences."""
    text = (SHARED / "reports" / "022_nasional-blog-pelatihan.txt").read_text(encoding="utf-8")
    sents = [s.text for s in split_sentences(text)]
    assert "Situasi inilah yang membuat pelatihan\nterasa hanya sebagai ritual tahunan tanpa makna." in sents
    assert any(s.startswith("Pelatihan\nyang tidak menyentuh pekerjaan nyata") for s in sents)


# ---------------------------------------------------------------------------
# Negation, hypotheticals, examples, proposals
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Tidak ada kendala anggaran dalam pelaksanaan diklat tahun ini.",
        "Pelaksanaan pelatihan tidak mengalami kendala anggaran.",
        "Rendahnya kehadiran bukan karena kurangnya anggaran, melainkan jadwal yang padat.",
        "Misalnya, jika anggaran pelatihan terbatas, maka pelatihan daring dapat dipilih.",
        "Seandainya anggaran kurang, kegiatan akan dijadwalkan ulang.",
        "Apabila dana pelatihan tidak mencukupi, kegiatan ditunda ke tahun depan.",
        "Sebagai contoh, seorang peserta mengaku kekurangan dana untuk transportasi.",
        "Apakah anggaran pelatihan kurang?",
        "Kendala anggaran pada tahun lalu telah teratasi.",
        "Oleh karena itu, perlu peningkatan anggaran karena dana terbatas.",
    ],
)
def test_negated_hypothetical_and_example_sentences_state_no_budget_finding(patterns, sentence):
    """Negations, hypotheticals, examples, questions and proposals state no finding."""
    assert "limited_budget" not in sentence_ids(sentence, patterns)[0]


@pytest.mark.parametrize(
    ("sentence", "finding"),
    [
        ("Keterbatasan anggaran menjadi kendala utama.", "limited_budget"),
        ("Dana yang dialokasikan untuk program pembinaan tidak mencukupi.", "limited_budget"),
        ("Meskipun dengan anggaran terbatas, program tetap dijalankan.", "limited_budget"),
        ("Tantangan ini tidak hanya soal anggaran, tetapi juga budaya kerja.", "limited_budget"),
        ("Minimnya partisipasi ASN dalam mengikuti pelatihan.", "low_participation"),
        ("Dukungan dari atasan yang kurang membuat alumni sulit menerapkan ilmunya.", "weak_supervisor_support"),
        ("ASN sering kali harus membagi waktu antara tugas sehari-hari dengan pelatihan.", "time_conflict"),
    ],
)
def test_stated_findings_are_read(patterns, sentence, finding):
    """Affixed forms, any word order, concessions and 'tidak hanya' still state the finding."""
    assert finding in sentence_ids(sentence, patterns)[0]


def test_proposals_are_told_from_problems(patterns):
    """A recommendation cue makes a proposal; 'yang perlu diatasi' describes a problem."""
    findings, recs = sentence_ids("Pertama, diperlukan peningkatan anggaran untuk pelatihan.", patterns)
    assert recs == {"increase_budget"} and findings == set()
    findings, recs = sentence_ids(
        "Masih ada aspek yang perlu diperbaiki, seperti kurangnya follow-up setelah pelatihan.", patterns
    )
    assert findings == {"no_follow_up"} and recs == set()
    assert sentence_ids("Anggaran pelatihan ditingkatkan tahun lalu.", patterns)[1] == set()
    assert sentence_ids("Tidak perlu menambah anggaran pelatihan.", patterns)[1] == set()


def test_proposal_lists_and_sections(patterns):
    """Items under a 'Saran' heading or after '...sebagai berikut:' are proposals."""
    text = "Saran\n1. Kerja sama dengan perguruan tinggi.\n2. Pelatihan daring.\n"
    assert sentence_ids(text, patterns)[1] == {"partnerships", "flexible_scheduling"}
    text = "Langkah yang akan ditempuh sebagai berikut:\n1. Menambah alokasi anggaran pelatihan.\n"
    assert sentence_ids(text, patterns)[1] == {"increase_budget"}
    text = "Penyebabnya sebagai berikut:\n1. Kerja sama dengan perguruan tinggi belum ada.\n"
    assert sentence_ids(text, patterns)[1] == set()


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,5", 2.5),
        ("2.500.000", 2500000),
        ("1.681", 1681),
        ("3.03", 3.03),
        ("35,23", 35.23),
        ("1.000,5", 1000.5),
        ("53", 53),
        ("1,000,000", 1000000),
        ("1.2.3", None),
        ("abc", None),
    ],
)
def test_parse_number(text, value):
    """Indonesian decimal commas and thousands dots."""
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("sentence", "indicator", "value"),
    [
        ("Tingkat partisipasi ASN hanya 53% dari target.", "participation_rate", 53),
        ("Partisipasi hanya 53 persen.", "participation_rate", 53),
        ("Biaya pelatihan Rp 2,5 juta per peserta.", "budget_per_participant", 2_500_000),
        ("Biaya pelatihan Rp2.500.000 per peserta.", "budget_per_participant", 2_500_000),
        ("Baru 35,23% ASN yang memenuhi 20 JP.", "share_meeting_20jp", 35.23),
        ("Rata-rata pegawai hanya mengikuti 14 JP per tahun.", "avg_jp_per_employee", 14),
        ("Tingkat kepuasan peserta 81,34%.", "satisfaction", 81.34),
        ("Kuota terisi 40% dari target.", "quota_fill_rate", 40),
        ("Kuota yang terisi baru 40 persen dari target.", "quota_fill_rate", 40),
        ("Masih berjumlah 40% dari target awal.", "quota_fill_rate", 40),
        ("Sebanyak 90 persen pejabat hingga saat ini belum ada yang mengikuti diklatpim.", "untrained_share", 90),
        ("Masih 45,5% pegawai belum pernah mengikuti pelatihan teknis.", "untrained_share", 45.5),
    ],
)
def test_indicators(patterns, sentence, indicator, value):
    """Figures become indicators only next to the words that say what they measure."""
    found = extract(sentence, patterns, assume_report=True).indicators
    assert [(i.id, i.value) for i in found] == [(indicator, value)]
    assert sentence[found[0].start : found[0].end] == found[0].quote


@pytest.mark.parametrize(
    "sentence",
    [
        "Setiap ASN wajib mengikuti diklat minimal 20 jam pelajaran.",
        "Diklat diikuti 20 JP oleh peserta.",
        "Anggaran diklat rata rata dianggarkan Rp 700-800 juta.",
        "Ada 324 orang atau 2,76 persen dari 12 ribu ASN yang turut serta.",
        "Misalnya, jika partisipasi hanya 53%, jadwal perlu diubah.",
    ],
)
def test_figures_without_their_words_are_no_indicators(patterns, sentence):
    """A rule ('minimal 20 JP'), a range, an unrelated share or a hypothetical gives nothing."""
    assert extract(sentence, patterns, assume_report=True).indicators == []


@pytest.mark.parametrize(
    ("sentence", "findings", "proposals"),
    [
        # voice and affix: the passive reads as the active
        ("Pelatihan tidak didukung pimpinan unit kerja.", ["weak_supervisor_support"], []),
        ("Program pelatihan ini kurang didukung oleh atasan.", ["weak_supervisor_support"], []),
        # synonyms
        ("Peran serta ASN dalam pelatihan masih rendah.", ["low_participation"], []),
        # an example that reports a real complaint is a finding; a conditional is not
        ("Misalnya, banyak peserta mengeluhkan materi yang terlalu teoritis.", ["theoretical_curriculum"], []),
        ("Jika partisipasi rendah, maka perlu jadwal fleksibel.", [], []),
        # a word of another topic in context
        # ("pelatihan" in a sentence about the timetable is the schedule, a time conflict, not the material)
        ("Jadwal pelatihan tidak sesuai dengan jam kerja pegawai.", ["time_conflict"], []),
        ("Partisipasi pegawai dalam pengisian survei kepuasan masih rendah.", [], []),
        # supply-side shortfalls are coverage, not reluctance
        (
            "Partisipasi rendah karena kuota pelatihan terbatas dan banyak pegawai menunggu giliran.",
            ["limited_coverage"],
            [],
        ),
        ("Masih ada sekitar 200 pejabat yang belum mengikuti diklatpim.", ["limited_coverage"], []),
        # proposals as hopes, requests, instructions and plans; a measure taken is none
        ("Kami berharap anggaran pelatihan dapat ditambah tahun depan.", [], ["increase_budget"]),
        ("Bupati meminta BKPSDM agar menyusun program pelatihan sesuai kebutuhan OPD.", [], ["needs_based_curriculum"]),
        ("Tahun depan BKPSDM akan menambah anggaran diklat.", [], ["increase_budget"]),
        (
            "Bupati menginstruksikan BKD melaksanakan evaluasi pascapelatihan secara berkala.",
            [],
            ["continuous_evaluation"],
        ),
        ("BKPSDM telah menambah anggaran diklat sejak tahun lalu.", [], []),
        ("Pemkab telah bekerja sama dengan universitas setempat dalam penyelenggaraan diklat.", [], []),
        # more voices and affixes of one root
        (
            "Atasan kurang memberikan kesempatan kepada alumni untuk menerapkan hasil pelatihan.",
            ["weak_supervisor_support"],
            [],
        ),
        ("Lulusan diklat jarang didampingi setelah kembali ke kantor.", ["no_follow_up"], []),
        ("Dampak pelatihan terhadap kinerja belum pernah diukur.", ["weak_evaluation"], []),
        ("Data peserta pelatihan belum terdokumentasi dengan baik.", ["data_gap"], []),
        ("Ratusan pejabat masih mengantre untuk mengikuti Diklat PIM.", ["limited_coverage"], []),
        # a share stated as a shortfall; a length stated, then judged short
        ("Tingkat kehadiran peserta bimtek hanya separuh dari undangan.", ["low_participation"], []),
        ("Waktu pelaksanaan diklat yang hanya tiga hari dinilai terlalu pendek.", ["short_duration"], []),
        # an example reporting a real complaint, and one that is only an illustration
        (
            "Contohnya, peserta dari Dinas Kesehatan mengeluhkan jaringan internet yang sering putus.",
            ["limited_facilities"],
            [],
        ),
        ("Misalnya, peserta Latsar mengeluhkan jadwal yang bentrok dengan tugas kantor.", ["time_conflict"], []),
        ("Misalnya, pelatihan daring dapat membantu pegawai yang bertugas di daerah terpencil.", [], []),
        # supply side
        (
            "Kuota diklat dari provinsi sangat terbatas sehingga banyak pegawai belum bisa ikut.",
            ["limited_coverage"],
            [],
        ),
        ("Tingginya minat pegawai tidak sebanding dengan kuota diklat yang tersedia.", ["limited_coverage"], []),
        ("Jumlah responden yang mengisi kuesioner rendah.", [], []),
        ("Peran serta pegawai dalam kegiatan pengembangan kompetensi masih minim.", ["low_participation"], []),
        ("Sebagai contoh, kurangnya anggaran dapat menyebabkan pelatihan ditunda.", [], []),
        (
            "Contohnya, di Dinas Pendidikan hanya 20 persen pegawai yang pernah mengikuti pelatihan.",
            ["limited_coverage"],
            [],
        ),
        ("Salah satu contohnya adalah minimnya fasilitas komputer di ruang kelas.", ["limited_facilities"], []),
        # more moods of a proposal; a partner outside government is no coordination between offices
        ("DPRD mendesak pemerintah daerah menambah alokasi dana diklat tahun depan.", [], ["increase_budget"]),
        (
            "Wakil Bupati berpesan kepada BKPSDM untuk menjalin kerja sama dengan perguruan tinggi.",
            [],
            ["partnerships"],
        ),
        ("Ia menekankan agar hasil diklat dievaluasi secara berkala.", [], ["continuous_evaluation"]),
        (
            "Bupati menginstruksikan BKPSDM untuk memantau penerapan hasil pelatihan di OPD.",
            [],
            ["continuous_evaluation"],
        ),
        ("Kami mengusulkan pemberian penghargaan bagi ASN yang aktif mengikuti pelatihan.", [], ["incentives"]),
        ("Sebaiknya widyaiswara diberi pelatihan metode mengajar yang interaktif.", [], ["instructor_development"]),
    ],
)
def test_kinds_a_reader_sees(patterns, sentence, findings, proposals):
    """Kinds of statement, not single quotes: voice, synonyms, examples, context, supply side, proposal moods."""
    result = extract(sentence, patterns, assume_report=True)
    assert result.finding_ids() == findings
    assert result.recommendation_ids() == proposals


@pytest.mark.parametrize(
    ("sentence", "findings", "proposals"),
    [
        # lists of obstacles in one sentence, as abstracts write them
        (
            "Faktor penghambat meliputi keterbatasan anggaran, sarana prasarana yang kurang memadai, "
            "dan rendahnya motivasi peserta.",
            ["limited_budget", "limited_facilities", "low_motivation"],
            [],
        ),
        (
            "Hambatan yang ditemukan antara lain minimnya jumlah widyaiswara dan padatnya jadwal kerja pegawai.",
            ["instructor_quality", "time_conflict"],
            [],
        ),
        ("Dengan padatnya kegiatan pelatihan, masalah anggaran merupakan kendala utama.", ["limited_budget"], []),
        # the 20 JP entitlement judged, not the rule
        ("Capaian 20 JP ASN di lingkungan Pemkab masih rendah.", ["below_20jp"], []),
        ("Rata-rata ASN baru memperoleh 12 JP per tahun, jauh di bawah ketentuan 20 JP.", ["below_20jp"], []),
        # a monotonous method is the material's delivery, not the variety of courses
        ("Peserta banyak yang mengantuk karena metode ceramah yang monoton.", ["theoretical_curriculum"], []),
        (
            "Para pejabat enggan melepaskan stafnya untuk mengikuti diklat karena pekerjaan kantor menumpuk.",
            ["time_conflict", "weak_supervisor_support"],
            [],
        ),
        (
            "Sayangnya, pelatihan yang diberikan belum menyentuh kebutuhan riil di lapangan.",
            ["irrelevant_curriculum"],
            [],
        ),
        ("Ketersediaan instruktur yang kompeten masih menjadi persoalan.", ["instructor_quality"], []),
        (
            "Keterbatasan akses internet di distrik membuat pelatihan daring tidak berjalan optimal.",
            ["limited_facilities"],
            [],
        ),
        # another population, other public works: not about ASN development
        ("Motivasi siswa untuk belajar menurun selama pandemi.", [], []),
        ("Jaringan jalan di desa masih rusak.", [], []),
        ("Pelatihan bagi pencari kerja di BLK kuotanya terbatas.", [], []),
        ("Pemerintah desa masih membutuhkan pendampingan dalam pengelolaan dana desa.", [], []),
        ("Banyak pegawai tidak mengetahui adanya program beasiswa dan pelatihan.", ["low_awareness"], []),
        ("Peserta menilai penyelenggaraan diklat kurang memuaskan.", ["low_satisfaction"], []),
        # a formality reported is a finding; "bukan sekadar formalitas" is an exhortation
        ("Pelatihan kerap dianggap sekadar formalitas untuk memenuhi syarat kenaikan pangkat.", ["low_motivation"], []),
        ("Ia menegaskan, pelatihan dasar ini bukan sekadar formalitas.", [], []),
        ("Tujuannya agar diklat di daerah tidak sekadar formalitas.", [], []),
        # proposals
        ("Kemampuan para pengajar dalam menyampaikan materi masih perlu ditingkatkan.", [], ["instructor_development"]),
        ("Perlu adanya pemetaan kompetensi sebelum menentukan jenis pelatihan.", [], ["needs_based_curriculum"]),
        (
            "Sekda menginstruksikan seluruh kepala OPD agar memberi kesempatan kepada stafnya mengikuti pelatihan.",
            [],
            ["leadership_support"],
        ),
        (
            "Adapun saran yang diajukan peneliti adalah sebagai berikut:\n1. Menambah durasi pelatihan teknis.\n"
            "2. Menyediakan sarana praktik yang memadai.",
            [],
            ["extend_duration", "improve_facilities"],
        ),
        (
            "Rekomendasi:\n- Evaluasi pascapelatihan dilakukan secara berkala.\n- Widyaiswara mengikuti sertifikasi.",
            [],
            ["continuous_evaluation", "instructor_development"],
        ),
    ],
)
def test_kinds_of_news_and_abstracts(patterns, sentence, findings, proposals):
    """Obstacle lists, judged entitlements, methods, formalities and proposal lists, in sentences written for them."""
    result = extract(sentence, patterns, assume_report=True)
    assert result.finding_ids() == sorted(findings)
    assert result.recommendation_ids() == sorted(proposals)


@pytest.mark.parametrize(
    ("text", "proposals"),
    [
        # plans, commitments, and the news spelling "kedepannya"
        ("Ke depan, kami akan memperbanyak pelatihan berbasis e-learning.", ["flexible_scheduling"]),
        ("Pemkab berkomitmen meningkatkan anggaran diklat pada tahun mendatang.", ["increase_budget"]),
        (
            "Kedepannya, pelatihan akan dilaksanakan secara daring agar tidak mengganggu pelayanan.",
            ["flexible_scheduling"],
        ),
        ("Tahun depan direncanakan pelatihan dilaksanakan secara blended learning.", ["flexible_scheduling"]),
        ("Program mentoring akan diperluas ke seluruh OPD.", ["mentoring_coaching"]),
        ("Kami mengajak seluruh kepala OPD untuk mendukung pegawainya mengikuti pelatihan.", ["leadership_support"]),
        # measures taken, in the past or since a date
        ("Sejak 2022, BKPSDM menggandeng universitas untuk melatih ASN.", []),
        ("Pemkab sudah menganggarkan Rp 2 miliar untuk diklat.", []),
        ("Pelatihan daring telah dilaksanakan sejak tahun lalu.", []),
        # lists under a heading, lettered or bulleted, and inline after a colon
        (
            "Rekomendasi\n\na. Pelatihan dilaksanakan secara daring.\nb. Anggaran pelatihan ditingkatkan.",
            ["flexible_scheduling", "increase_budget"],
        ),
        (
            "Saran\n• Memperbanyak pelatihan praktik.\n• Melakukan evaluasi pasca pelatihan.",
            ["continuous_evaluation", "practical_methods"],
        ),
        (
            "Berdasarkan hasil penelitian, disarankan: (1) peningkatan anggaran diklat; (2) penambahan widyaiswara.",
            ["increase_budget", "instructor_development"],
        ),
        # advice in other words: ideals, "alangkah baiknya jika", "sudah seharusnya", requests to an office
        ("Idealnya, setiap alumni diklat didampingi mentor selama tiga bulan.", ["mentoring_coaching"]),
        ("Alangkah baiknya jika pelatihan dilaksanakan secara daring.", ["flexible_scheduling"]),
        ("Sudah seharusnya pemerintah menambah anggaran pengembangan kompetensi.", ["increase_budget"]),
        ("Oleh sebab itu, BKPSDM diminta menjalin kerja sama dengan perguruan tinggi.", ["partnerships"]),
        ("Dewan mendorong Pemkab agar mengalokasikan anggaran yang cukup untuk diklat.", ["increase_budget"]),
        (
            "Salah satu upaya yang dapat dilakukan adalah menyelenggarakan pelatihan secara daring.",
            ["flexible_scheduling"],
        ),
        # participants asked to rate a course: the survey's method, not a request
        ("Peserta diminta untuk memberikan penilaian terhadap relevansi pelatihan dengan tugas mereka.", []),
        # hopes about the outcome are no proposal of a step
        ("Bupati berharap para alumni Latsar dapat menerapkan ilmunya di unit kerja masing-masing.", []),
        ("Harapannya, pelatihan ini dapat meningkatkan kinerja ASN.", []),
    ],
)
def test_proposal_moods_lists_and_measures_taken(patterns, text, proposals):
    """A plan or a passive after a plan cue proposes; 'telah', 'sudah', 'sejak' report a measure taken."""
    assert extract(text, patterns, assume_report=True).recommendation_ids() == proposals


def test_a_measure_taken_is_no_proposal_even_under_a_proposal_heading(patterns):
    """Under 'Rekomendasi', what the office has already done is reported, not proposed."""
    text = (
        "Rekomendasi\n\n"
        "Dinas telah meluncurkan program mentoring bagi ASN muda. "
        "Sebagai contoh, seminar tentang manfaat pelatihan diadakan untuk meningkatkan kesadaran ASN. "
        "Kerja sama dengan perguruan tinggi perlu diperluas."
    )
    result = extract(text, patterns, assume_report=True)
    assert result.recommendation_ids() == ["partnerships"]
    assert [s.id for s in result.strengths] == ["measure_in_place"]


def test_budget_of_another_topic_is_no_training_budget(patterns):
    """A budget shortfall counts only in a passage about ASN training (the pattern's context)."""
    opening = (
        "DPRD menilai minat pegawai ASN mengikuti diklat masih rendah. Fraksi juga menyoroti hal lain. "
        "Rapat itu dihadiri semua fraksi. Sidang berlangsung lancar.\n\n"
    )
    other = (
        "Keuangan daerah pada APBD mengalami pengurangan. "
        "Hal itu akan berpengaruh pada pembangunan jalan akibat kekurangan anggaran."
    )
    training = "Diklat pegawai tahun ini tertunda. Hal itu terjadi akibat kekurangan anggaran."
    assert extract(opening + other, patterns).finding_ids() == ["low_participation"]
    assert "limited_budget" in extract(opening + training, patterns).finding_ids()


def test_facilities_and_coordination_of_another_topic_are_no_finding(patterns):
    """Like the budget, facilities and coordination count only in a passage about ASN training."""
    opening = (
        "DPRD menilai minat pegawai ASN mengikuti diklat masih rendah. Fraksi juga menyoroti hal lain. "
        "Rapat itu dihadiri semua fraksi. Sidang berlangsung lancar.\n\n"
    )
    other = (
        "Penertiban lapak di alun-alun berlangsung sejak pagi. "
        "Koordinasi antara kepolisian dan satpol PP dalam penertiban itu belum berjalan baik."
    )
    training = "Pelatihan daring bagi pegawai kecamatan sering terganggu. Jaringan internet di kecamatan terbatas."
    assert extract(opening + other, patterns).finding_ids() == ["low_participation"]
    assert "limited_facilities" in extract(opening + training, patterns).finding_ids()


def test_a_request_governs_its_bracketed_clauses(patterns):
    """'meminta ... (OPD) untuk ..., agar ...': the parenthesis does not end the request."""
    sentence = (
        "Sekda meminta kepada BKD, agar selalu berkoordinasi dengan organisasi perangkat daerah (OPD) "
        "untuk diprioritaskan, agar diklat yang dilaksanakan bisa sinergi dengan prioritas di masing-masing OPD."
    )
    assert "needs_based_curriculum" in extract(sentence, patterns, assume_report=True).recommendation_ids()


def test_proposal_steps_and_lists_go_on_with_the_proposal(patterns):
    """Steps after a proposing sentence, and items after one, are proposals; under no heading either."""
    text = (
        "Diusulkan strategi akselerasi pengembangan kompetensi ASN. Langkah operasionalnya diawali dengan "
        "penyediaan sarana dan fasilitas, diakhiri dengan evaluasi dan pemantauan.\n\n"
        "Rekomendasi yang diberikan antara lain\n"
        "1. kerja sama dengan perguruan tinggi;\n"
        "2. jadwal daring yang fleksibel.\n"
    )
    result = extract(text, patterns, assume_report=True)
    assert result.recommendation_ids() == [
        "continuous_evaluation",
        "flexible_scheduling",
        "improve_facilities",
        "partnerships",
    ]


def test_strengths_are_read_as_stated(patterns):
    """What went well, traced to its sentence; negated, hoped-for or proposed strengths are not."""
    text = (
        "Pembelajaran klasikal berjalan dengan baik. Semua peserta dinyatakan lulus.\n"
        "Banyak peserta menyatakan tidak puas dengan penyelenggaraan diklat. "
        "Pelatihan diharapkan meningkatkan kinerja pegawai. Pelatihan perlu dilaksanakan dengan baik."
    )
    result = extract(text, patterns, assume_report=True)
    assert [s.id for s in result.strengths] == ["ran_well", "high_graduation"]
    assert all(text[s.start : s.end] == s.quote for s in result.strengths)


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Peserta memberikan penilaian yang sangat baik terhadap penyelenggaraan diklat.", ["satisfied_participants"]),
        ("Tingkat kepuasan peserta tergolong tinggi.", ["satisfied_participants"]),
        ("Kinerja alumni meningkat setelah mengikuti pelatihan.", ["improvement"]),
        ("Pelatihan ini terbukti meningkatkan kompetensi peserta.", ["improvement"]),
        ("Program coaching bagi pejabat baru sudah berjalan sejak 2023.", ["measure_in_place"]),
        ("Pelatihan diharapkan dapat meningkatkan kinerja pegawai.", []),
        ("Pelatihan belum berjalan dengan baik.", []),
    ],
)
def test_kinds_of_strengths(patterns, sentence, kinds):
    """Praise, measured gains and measures in place; hopes and negated praise are none."""
    assert sorted({s.id for s in extract(sentence, patterns, assume_report=True).strengths}) == kinds


def test_program_identity_is_read_with_offsets():
    """Name, region, type and period: the most named, each traced; a regulation's year is no period."""
    from asn_advisor.reader import read_program

    text = (
        "Berdasarkan Peraturan LAN Nomor 10 Tahun 2018, Pemkab Gresik menggelar Pelatihan Dasar CPNS Angkatan II "
        "pada tahun 2024. Pelatihan Dasar CPNS Angkatan II di Kabupaten Gresik diikuti 40 peserta; "
        "diklat berjalan baik."
    )
    program = read_program(text)
    assert program is not None
    assert program.region is not None and program.region.value == "Kabupaten Gresik"
    assert program.name is not None and program.name.value == "Pelatihan Dasar CPNS Angkatan II"
    assert program.type is not None and program.type.value == "pelatihan"
    assert program.period is not None and program.period.value == "2024"
    for part in (program.region, program.name, program.type, program.period):
        assert text[part.start : part.end] == part.quote


@pytest.mark.parametrize(
    ("sentence", "measure", "value"),
    [
        ("Acara ini diikuti oleh 30 orang peserta dari kecamatan.", "participants", 30),
        ("Masih ada sekitar 200 pejabat yang belum mengikuti diklatpim.", "staff_untrained", 200),
        ("Untuk tahun ini saja, dana tersedia hanya sekitar Rp8 miliar.", "training_budget_idr", 8e9),
        ("Kuota yang disetujui hanya untuk mengakomodir 80 orang peserta.", "approved_quota", 80),
        ("Tercatat 320 pegawai masih menunggu giliran mengikuti diklat.", "staff_untrained", 320),
        # each word names the figure on its side: "lulus" is 114, not the 120 before it
        ("Dari 120 peserta, 114 orang dinyatakan lulus.", "graduates", 114),
        ("Pelatihan diikuti oleh 45 peserta dari 12 OPD.", "participants", 45),
        ("Jumlah peserta pelatihan tahun 2020 sebanyak 15.320 orang.", "participants", 15320),
        ("Pada 2021 peserta pelatihan berjumlah 25.000 orang.", "participants", 25000),
    ],
)
def test_other_figures_are_read_with_their_measure(patterns, sentence, measure, value):
    """Figures no profile indicator takes are listed with what they measure, traced to their words."""
    found = extract(sentence, patterns, assume_report=True).figures
    assert [(f.id, f.value) for f in found] == [(measure, value)]
    assert sentence[found[0].start : found[0].end] == found[0].quote


@pytest.mark.parametrize(
    "sentence",
    [
        "Peserta Diklatpim IV angkatan 87 hadir.",  # a cohort number is no count
        "Keuangan daerah pada APBD mengalami pengurangan Rp 139.509.267.000.",  # not a training budget
        "Pelatihan diikuti peserta dari 2,5 kabupaten.",  # a count is a whole number
        "Indeks kepuasan peserta mencapai 4,2 (skala 1-5).",  # a score and a range are no count
        "Pelatihan diikuti peserta dari 12 OPD.",  # offices are no people
        "Selama pandemi, 2021 peserta mengikuti pelatihan daring.",  # four digits 1900-2100 are a year
        "Peserta ke-3 dari kiri menerima sertifikat.",  # an ordinal is no count
        "Realisasi peserta hanya 65% dari target.",  # the participation rate (an indicator), not quota filled
    ],
)
def test_figures_that_are_no_measure(patterns, sentence):
    """Scale and context are checked, never guessed."""
    assert extract(sentence, patterns, assume_report=True).figures == []


@pytest.mark.parametrize(
    ("sentence", "indicator", "written"),
    [
        ("Pada tahun 2024 kuota pelatihan terisi 40% dari target awal.", "quota_fill_rate", "40%"),
        ("Sampai Juni, 62,5 persen pejabat struktural belum mengikuti diklatpim.", "untrained_share", "62,5 persen"),
    ],
)
def test_coverage_indicators_keep_quote_offsets_and_unit(patterns, sentence, indicator, written):
    """Quota filled and staff not yet trained are profile indicators: a percent, quoted and traced."""
    result = extract(sentence, patterns, assume_report=True)
    [found] = result.indicators
    assert (found.id, found.unit, found.figure) == (indicator, "percent", written)
    assert sentence[found.start : found.end] == found.quote
    assert result.figures == []  # read once, as the indicator
    assert result.to_profile_dict("uji")["indicators"] == {indicator: found.value}


@pytest.mark.parametrize(
    "sentence",
    [
        "Kuota pelatihan tahun ini turun hingga 50%.",  # a change is no level of filling
        "Kuota diklat dipangkas 30% dari tahun lalu.",
        "Realisasi peserta hanya 65% dari target.",  # the participation rate, not the quota
        "Kuota terisi 140% dari target.",  # a percent over 100 is refused
        "Sebanyak 120 persen pejabat belum mengikuti diklatpim.",
        "Sebanyak 40% peserta belum mengikuti ujian ulang.",  # no training named: no backlog
    ],
)
def test_coverage_indicators_refused(patterns, sentence):
    """Scale and meaning are checked: no quota or untrained share, and a refused percent is no count either."""
    result = extract(sentence, patterns, assume_report=True)
    assert not {i.id for i in result.indicators} & {"quota_fill_rate", "untrained_share"}
    assert result.figures == []


def test_a_count_of_untrained_staff_stays_a_whole_figure(patterns):
    """A count of 1.234 pegawai is 1234 (a thousands dot), listed as a figure: no share without the group size."""
    sentence = "Masih ada 1.234 pegawai yang belum mengikuti pelatihan teknis."
    result = extract(sentence, patterns, assume_report=True)
    assert result.indicators == []
    [figure] = result.figures
    assert (figure.id, figure.value, figure.figure) == ("staff_untrained", 1234, "1.234")
    assert sentence[figure.start : figure.end] == figure.quote
    fractional = extract("Masih ada 12,5 pegawai yang belum mengikuti pelatihan teknis.", patterns, assume_report=True)
    assert fractional.figures == []  # a count is a whole number


def test_low_quota_fill_read_from_a_report_derives_limited_coverage(pack, patterns):
    """From the sentence to the advice: 40% of the places obtained is a supply shortfall (high), not low turnout."""
    from asn_advisor import advise
    from asn_advisor.model.profile import profile_from_mapping

    text = (
        "Evaluasi pelatihan kepemimpinan ASN tahun 2023. Usulan kuota 200 orang, namun kuota pelatihan "
        "masih berjumlah 40% dari target awal."
    )
    extraction = extract(text, patterns, assume_report=True)
    mapping = extraction.to_profile_dict("meranti")
    assert mapping["indicators"] == {"quota_fill_rate": 40}
    advice = advise(profile_from_mapping(mapping), pack)
    [finding] = [f for f in advice.findings if f.id == "limited_coverage"]
    assert (finding.source, finding.severity) == ("derived", "high")
    assert [e.rule for e in finding.evidence] == ["kuota-kurang-terpenuhi"]
    assert "low_participation" not in {f.id for f in advice.findings}


def test_each_figure_takes_the_nearest_indicator(patterns):
    """Two figures in one clause: each is named by the words next to it, not by the first rule that reaches it."""
    sentence = "Tingkat kehadiran peserta diklat 53% dan kepuasan peserta 81%."
    found = extract(sentence, patterns, assume_report=True).indicators
    assert [(i.id, i.value) for i in found] == [("participation_rate", 53), ("satisfaction", 81)]


def test_stemmer_gives_one_root_for_every_voice():
    """The Sastrawi root joins active, passive and nominal forms (the ~ notation)."""
    from asn_advisor.reader.sentences import root

    assert {root(w) for w in ("didukung", "mendukung", "dukungan", "dukung")} == {"dukung"}
    assert "harap" in full_forms("diharapkan") and "harap" in full_forms("mengharapkan")


def test_long_unpunctuated_input_gives_bounded_output(patterns):
    """One sentence of 200 KB without a full stop: pieces are read in linear time, quotes stay short."""
    import time

    unit = "tingkat kehadiran peserta diklat ASN hanya 53% karena anggaran pelatihan terbatas dan jadwal bentrok "
    text = unit * (200_000 // len(unit))
    t0 = time.perf_counter()
    result = extract(text, patterns)
    seconds = time.perf_counter() - t0
    items = [*result.findings, *result.indicators, *result.recommendations]
    assert result.is_evaluation_report and result.indicators
    assert max(len(i.quote) for i in items) <= 1_000
    assert all(text[i.start : i.end] == i.quote for i in items)
    assert len(result.model_dump_json()) < 800 * len(items) + 10_000
    assert seconds < 20  # about 1 s on the development machine; generous for a loaded CI


# ---------------------------------------------------------------------------
# Annotated texts: precision and recall
# ---------------------------------------------------------------------------


def test_annotations_quote_their_texts():
    """Every annotated quote is an exact substring of its text."""
    for a in load_annotations():
        if a.group != "challenge" and SHARED is None:
            continue
        text = a.read_text(SHARED)
        quotes = [q for qs in (*a.findings.values(), *a.recommendations.values()) for q in qs]
        quotes += [n["quote"] for n in (*a.not_stated, *a.not_indicators, *a.indicators)]
        for q in quotes:
            assert q in text, f"{a.name}: {q!r}"


# Thresholds.  Each seed states 2-5 findings and 0-5 proposals: one miss in a
# seed of three is recall 0.67, one extra id beside three right ones is
# precision 0.75.  Below that the seed's profile would mislead an evaluator.
SEED_MIN_PRECISION = 0.75
SEED_MIN_RECALL = 0.66


@needs_shared
@pytest.mark.parametrize("seed", SEEDS)
def test_seed_precision_and_recall(scores, seed):
    """Per seed: findings and recommendations meet the precision/recall floor."""
    s = scores[seed]
    for counts in (s.findings, s.recommendations):
        assert counts.precision >= SEED_MIN_PRECISION, (seed, s.extra_findings, s.extra_recommendations)
        assert counts.recall >= SEED_MIN_RECALL, (seed, s.missed_findings, s.missed_recommendations)


@needs_shared
def test_overall_precision_and_recall(scores):
    """Over all annotated texts the extractor keeps its measured quality.

    Development texts (seeds and reports, read while writing the patterns)
    measure P 1.00 / R 0.95 for findings; the floors leave room for pattern
    edits but catch a regression of more than a few ids.  The challenge set,
    annotated before the extractor first ran on it, measured P 0.85 / R 0.55
    before the patterns were generalized and P 1.00 / R 0.90 after; its floor
    is set at what unseen reports should at least get.
    """
    values = list(scores.values())
    f, r, i = totals(values)
    assert f.precision >= 0.90 and f.recall >= 0.85
    assert r.precision >= 0.90 and r.recall >= 0.85
    assert i.precision >= 0.90 and i.recall >= 0.90
    assert f.evidence >= 0.95 and r.evidence >= 0.95
    f, r, i = totals(values, "challenge")
    assert f.precision >= 0.80 and f.recall >= 0.70
    assert r.precision >= 0.80 and r.recall >= 0.70
    assert all(s.report_ok for s in values)


@needs_shared
def test_not_stated_quotes_give_nothing(patterns):
    """What the annotations mark as not stated (hypothetical, example, negated) is not reported."""
    for a in load_annotations():
        text = a.read_text(SHARED)
        result = extract(text, patterns)
        found = [*result.findings, *result.recommendations]
        for item in a.not_stated:
            start = text.index(item["quote"])
            end = start + len(item["quote"])
            clash = [f for f in found if f.id == item["id"] and f.start < end and start < f.end]
            assert not clash, (a.name, item)
        for item in a.not_indicators:
            assert item["id"] not in {i.id for i in result.indicators}, (a.name, item)


# ---------------------------------------------------------------------------
# Golden files for the seeds
# ---------------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("seed", SEEDS)
def test_seed_golden(patterns, seed):
    """The extraction of each seed matches its golden JSON (UPDATE_GOLDEN=1 rewrites it)."""
    text = (SHARED / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    got = extract(text, patterns, source=f"seeds/{seed}.txt").model_dump(mode="json")
    path = GOLDEN / f"{seed}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    assert got == json.loads(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# Negative controls and odd input
# ---------------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("026_negatif-resep-rendang", "topic", "pelatihan"),
        ("027_negatif-purbalingga", "no_evaluation", "pengumuman"),
        ("028_negatif-ntt-english", "english", "Inggris"),
    ],
)
def test_negative_controls(patterns, name, code, words):
    """A recipe, an announcement and an English text: no findings and a clear reason."""
    text = (SHARED / "reports" / f"{name}.txt").read_text(encoding="utf-8")
    result = extract(text, patterns)
    assert not result.is_evaluation_report
    assert result.reason_code == code
    assert words in result.reason.id
    assert result.findings == result.recommendations == result.indicators == []
    assert result.to_profile_dict("x")["findings"] == []


_REFEREES = (
    "Pelatihan wasit dan pembinaan pemain muda digelar di lapangan kecamatan selama tiga hari. "
    "Sebanyak 30 peserta mengikuti pelatihan dengan instruktur dari asosiasi provinsi. "
    "Panitia mengakui fasilitas latihan masih terbatas dan anggaran kegiatan kecil. "
    "Evaluasi kompetensi peserta dilakukan pada hari terakhir pelatihan."
)


@pytest.mark.parametrize(
    "text",
    [
        _REFEREES,
        "Sertifikasi guru swasta dievaluasi: kompetensi peserta pelatihan profesi masih rendah, "
        "kuota pendidikan profesi terbatas, dan pembinaan oleh kepala sekolah belum terjadwal. "
        "Peserta pelatihan berharap jadwal lebih fleksibel.",
    ],
)
def test_training_words_without_the_civil_service_are_off_topic(patterns, text):
    """Training words are shared with sport and schools: the text must name the service or its offices."""
    result = extract(text, patterns)
    assert (result.is_evaluation_report, result.reason_code) == (False, "not_civil_service")
    named = extract(text.replace("Panitia", "Pegawai dinas dan panitia").replace("guru swasta", "guru ASN"), patterns)
    assert named.is_evaluation_report


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("ASN pelatihan", "too_short"),
        ("\x00\x01\x02ELF\x00binary", "binary"),
        ("\ufffd" * 40 + " evaluasi pelatihan ASN", "binary"),
        ("Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod", "language"),
    ],
)
def test_odd_input_is_refused_with_a_reason(patterns, text, code):
    """Empty, binary, too short and non-Indonesian input are not reports."""
    result = extract(text, patterns)
    assert (result.is_evaluation_report, result.reason_code) == (False, code)
    assert result.reason.en and result.reason.id


def test_read_report_decodes_and_flags_binary(tmp_path, patterns):
    """UTF-8 with BOM and Windows-1252 decode; binary input is refused or flagged 'binary'."""
    path = tmp_path / "r.txt"
    path.write_bytes("\ufeffKurangnya anggaran".encode())
    assert read_report(path)[0] == "Kurangnya anggaran"
    path.write_bytes(b"Kendala anggaran \x93besar\x94")
    assert read_report(path)[0] == "Kendala anggaran \u201cbesar\u201d"
    path.write_bytes(bytes(range(1, 256)) * 4)
    assert extract(read_report(path)[0], patterns).reason_code == "binary"
    path.write_bytes(b"\x7fELF\x00\x00binary")
    with pytest.raises(InputError, match="binary"):
        read_report(path)
    with pytest.raises(InputError, match="not found"):
        read_report(tmp_path / "missing.txt")


def test_extract_rejects_non_text(patterns):
    """Bytes must be decoded first; the error is the project's own."""
    with pytest.raises(ExtractionError, match="needs text"):
        extract(b"Kurangnya anggaran", patterns)  # type: ignore[arg-type]


def test_profile_dict(patterns):
    """to_profile_dict gives one finding per id (highest severity, first evidence) and indicators."""
    text = (
        "Hasil evaluasi pelatihan ASN. Tingkat partisipasi hanya 53% dari target.\n"
        "Kurangnya anggaran menjadi kendala. Anggaran pelatihan sangat terbatas."
    )
    result = extract(text, patterns)
    profile = result.to_profile_dict("kab-x-2024")
    # The program section also takes what the text names: here the kind of program.
    assert profile["program"] == {"id": "kab-x-2024", "type": "pelatihan"}
    assert profile["indicators"] == {"participation_rate": 53}
    budget = [f for f in profile["findings"] if f["id"] == "limited_budget"]
    assert budget == [
        {
            "id": "limited_budget",
            "severity": "high",
            "source": "document",
            "evidence": ["Kurangnya anggaran menjadi kendala.", "Anggaran pelatihan sangat terbatas."],
        }
    ]


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "kurangnya",
        "anggaran",
        "partisipasi",
        "tidak",
        "ada",
        "jika",
        "misalnya",
        "perlu",
        "pelatihan",
        "ASN",
        "dukungan",
        "atasan",
        "Rp",
        "2,5",
        "juta",
        "per",
        "peserta",
        "53%",
        "20",
        "JP",
        ".",
        ",",
        ";",
        ":",
        "\n",
        "-",
        "•",
        "?",
        "bukan",
        "karena",
        "tantangan",
        "evaluasi",
        "No.",
        "dll.",
        "sehari-hari",
    ]
)
_TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(_WORDS, max_size=80).map(" ".join),
    st.binary(max_size=300).map(lambda b: b.decode("utf-8", errors="replace")),
    st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=_TEXTS)
def test_any_text_gives_an_extraction_or_our_error(patterns, text):
    """Any text yields an Extraction (with quotes that are slices of it) or an AdvisorError."""
    try:
        result = extract(text, patterns)
    except AdvisorError:
        return
    assert isinstance(result, Extraction)
    for item in (*result.findings, *result.recommendations, *result.indicators):
        assert 0 <= item.start <= item.end <= len(text)
        assert len(item.quote) == item.end - item.start
    json.loads(result.model_dump_json())
    if not result.is_evaluation_report:
        assert result.findings == [] and result.reason is not None


@needs_shared
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(seed=st.sampled_from(SEEDS), cut=st.floats(min_value=0.0, max_value=1.0))
def test_texts_cut_anywhere_still_extract(patterns, seed, cut):
    """A seed cut at any character (mid-word too) extracts a subset of the full seed's findings."""
    text = (SHARED / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    full = {f.id for f in extract(text, patterns).findings}
    part = extract(text[: int(len(text) * cut)], patterns)
    assert {f.id for f in part.findings} <= full
    for f in part.findings:
        assert text[f.start : f.end] == f.quote
