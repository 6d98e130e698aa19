"""User-facing texts in Indonesian (default) and English.

Every message the CLI and the renderers print is a key of :data:`MESSAGES`
with both languages; a test fails if one lacks a translation.  The language
comes from ``--lang``, else ``ASN_ADVISOR_LANG``, else Indonesian.
"""

from __future__ import annotations

import os

__all__ = ["DEFAULT_LANG", "MESSAGES", "resolve_lang", "t"]

DEFAULT_LANG = "id"
#: The languages of every message, label and help text.
LANGS = ("id", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- advice quality: proposals, remedies in place, strengths, score interval ---
    "quality.proposal.unknown": {
        "id": "Paket aturan tidak mengenal rekomendasi ini.",
        "en": "The rule pack does not know this recommendation.",
    },
    "quality.proposal.program_type": {
        "id": "Rekomendasi ini tidak sesuai dengan jenis program {type}.",
        "en": "This recommendation does not suit a program of type {type}.",
    },
    "quality.proposal.in_place": {
        "id": "Indikator menunjukkan langkah ini sudah berjalan: {because}",
        "en": "The indicators show this is already in place: {because}",
    },
    "quality.in_place.not_working": {
        "id": "Sudah berjalan tetapi belum berhasil: {findings} masih ditemukan.",
        "en": "In place but not working: {findings} still found.",
    },
    "quality.in_place.working": {"id": "Sudah berjalan.", "en": "Already in place."},
    "quality.term.report_proposal": {"id": "diusulkan laporan sendiri", "en": "proposed by the report itself"},
    "quality.strength.indicator": {
        "id": "{label}: {value:g}, mencapai target {target:g}.",
        "en": "{label}: {value:g}, at or above the target of {target:g}.",
    },
    "quality.band.uncertain": {
        "id": "Kategori belum pasti: skor dapat berada antara {low:g} dan {high:g}; data yang menentukan: {names}.",
        "en": "The band is not yet certain: the score may lie between {low:g} and {high:g}; "
        "data that would settle it: {names}.",
    },
    "quality.band.certain": {
        "id": "Rentang skor {low:g}-{high:g}, seluruhnya dalam satu kategori.",
        "en": "Score interval {low:g}-{high:g}, all of it in one band.",
    },
    "lint.action": {
        "id": "rekomendasi '{recommendation}' belum menyebut apa yang perlu dilakukan: {fields}",
        "en": "recommendation '{recommendation}' does not say what acting on it takes: {fields}",
    },
    "lint.action.hint": {
        "id": "tambahkan 2-4 first_steps, actors, cost, first_result dan basis (docs/advice-quality.md)",
        "en": "add 2-4 first_steps, actors, cost, first_result and basis (docs/advice-quality.md)",
    },
    "compare.interval": {"id": "rentang skor", "en": "score interval"},
    "quality.strengths": {"id": "Yang sudah berjalan baik", "en": "What already works"},
    "quality.in_place": {"id": "Langkah yang sudah berjalan", "en": "Remedies already in place"},
    "quality.unsupported": {
        "id": "Usulan laporan yang tidak didukung",
        "en": "The report's proposals the advisor does not support",
    },
    "quality.proposed": {
        "id": "Juga diusulkan oleh laporan evaluasi sendiri.",
        "en": "Also proposed by the evaluation report itself.",
    },
    "quality.first_steps": {"id": "Langkah pertama", "en": "First steps"},
    "quality.actors": {"id": "Pelaksana", "en": "Who acts"},
    "quality.cost": {"id": "Biaya", "en": "Cost"},
    "quality.first_result": {"id": "Hasil pertama terlihat", "en": "First visible result"},
    "quality.basis": {"id": "Dasar", "en": "Basis"},
    "quality.cost.low": {"id": "rendah", "en": "low"},
    "quality.cost.medium": {"id": "sedang", "en": "medium"},
    "quality.cost.high": {"id": "tinggi", "en": "high"},
    "quality.actor.bkpsdm": {"id": "BKPSDM", "en": "BKPSDM (regional HR agency)"},
    "quality.actor.atasan_langsung": {"id": "atasan langsung", "en": "direct superior"},
    "quality.actor.ppk_sekda": {"id": "PPK/Sekda", "en": "PPK/regional secretary"},
    "quality.actor.bpsdm_lan": {"id": "BPSDM/LAN", "en": "BPSDM/LAN (training institutes)"},
    "quality.actor.peserta": {"id": "peserta", "en": "the participant"},
    "report.root_cause_term": {
        "id": "{finding} (akar masalah, melalui {via})",
        "en": "{finding} (root cause, via {via})",
    },
    "advice.title": {"id": "Saran perbaikan program", "en": "Program improvement advice"},
    # --- the one-screen advice (render.summary) ---
    "summary.period": {"id": "periode {period}", "en": "period {period}"},
    "summary.unnamed": {"id": "Program tanpa nama (kode {id})", "en": "Unnamed program (code {id})"},
    "summary.score": {
        "id": "Skor {score} dari 100, kategori {band}; data tersedia untuk {coverage} bobot penilaian.",
        "en": "Score {score} of 100, band {band}; data cover {coverage} of the scoring weight.",
    },
    "summary.score.none": {
        "id": "Skor belum dapat dihitung: data tersedia hanya untuk {coverage} bobot penilaian.",
        "en": "No score yet: data cover only {coverage} of the scoring weight.",
    },
    "summary.interval": {
        "id": "Karena sebagian data belum ada, skor sebenarnya antara {low} dan {high}.",
        "en": "Because some data are missing, the true score lies between {low} and {high}.",
    },
    "summary.top": {"id": "Langkah utama ({n}):", "en": "Main steps ({n}):"},
    "summary.quick_win": {"id": "hasil cepat", "en": "quick win"},
    "summary.why": {"id": "Mengapa", "en": "Why"},
    "summary.action": {"id": "Langkah pertama", "en": "First action"},
    "summary.owner": {"id": "Pelaksana", "en": "Who acts"},
    "summary.report": {
        "id": "Laporan sendiri mengusulkan {n} langkah; {both} di antaranya juga disarankan di sini.",
        "en": "The report itself proposes {n} steps; {both} of them are advised here too.",
    },
    "summary.more_steps": {"id": "{n} langkah lain", "en": "{n} more steps"},
    "summary.more_gaps": {"id": "{n} data yang perlu dikumpulkan", "en": "{n} items of data to collect"},
    "summary.and": {"id": " dan ", "en": " and "},
    "summary.more": {"id": "Masih ada {what}.", "en": "There are also {what}."},
    "summary.detail": {
        "id": "Rincian lengkap (temuan, aturan, berkas, perhitungan, peta jalan):",
        "en": "Full detail (findings, rules, files, arithmetic, roadmap):",
    },
    "summary.detail.generic": {"id": "tambahkan --rinci", "en": "add --detail"},
    # --- reports ---
    "report.title": {
        "id": "Laporan evaluasi dan saran perbaikan program",
        "en": "Program evaluation and improvement report",
    },
    "report.identity": {"id": "Identitas program", "en": "Program identity"},
    # --- spreadsheets (render.xlsx) ---
    "xlsx.sheet.ranking": {"id": "Peringkat", "en": "Ranking"},
    "xlsx.sheet.findings": {"id": "Temuan bersama", "en": "Shared findings"},
    "xlsx.sheet.recommendations": {"id": "Rekomendasi bersama", "en": "Shared recommendations"},
    "xlsx.sheet.batch": {"id": "Hasil", "en": "Results"},
    "xlsx.program": {"id": "Id program", "en": "Program id"},
    "xlsx.count": {"id": "Jumlah program", "en": "Programs"},
    "xlsx.col.findings": {"id": "Temuan", "en": "Finding"},
    "xlsx.col.recommendations": {"id": "Rekomendasi", "en": "Recommendation"},
    "xlsx.programs": {"id": "Program yang mengalaminya", "en": "Programs that have it"},
    "xlsx.share": {"id": "Persentase", "en": "Share"},
    "xlsx.source": {"id": "Berkas sumber", "en": "Source file"},
    "xlsx.line": {"id": "Baris", "en": "Line"},
    "xlsx.findings": {"id": "Temuan", "en": "Findings"},
    "xlsx.top": {"id": "Rekomendasi teratas", "en": "Top recommendations"},
    "xlsx.error": {"id": "Galat", "en": "Error"},
    "binary.stdout": {
        "id": "lembar kerja hanya dapat ditulis ke berkas",
        "en": "a spreadsheet can only be written to a file",
    },
    "binary.stdout.hint": {"id": "tambahkan -o hasil.xlsx", "en": "add -o results.xlsx"},
    "report.summary": {"id": "Ringkasan", "en": "Summary"},
    "report.summary.steps": {"id": "Langkah utama ({n})", "en": "Main steps ({n})"},
    "report.summary.more": {
        "id": "{n} langkah lain diuraikan pada bagian Rekomendasi.",
        "en": "{n} more steps are set out under Recommendations.",
    },
    "report.summary.strengths": {"id": "Yang sudah berjalan baik", "en": "What already works"},
    "report.summary.strengths.none": {
        "id": "Belum ada dimensi dengan kategori tinggi, atau datanya belum ada.",
        "en": "No dimension is in a high band yet, or its data are missing.",
    },
    "report.strength": {"id": "{label}: {score} ({band})", "en": "{label}: {score} ({band})"},
    "report.summary.collect": {"id": "Data yang perlu dikumpulkan", "en": "Data to collect next"},
    "report.summary.collect.more": {
        "id": "dan {n} data lain (lihat Data yang belum ada).",
        "en": "and {n} more (see Data gaps).",
    },
    "report.derived": {
        "id": "Disimpulkan dari indikator oleh {n} aturan (lihat Lampiran).",
        "en": "Derived from the indicators by {n} rules (see the Appendix).",
    },
    "report.gaps.rules": {"id": "Aturan yang bergantung", "en": "Rules that depend on it"},
    "report.appendix": {
        "id": "Lampiran: aturan dan perhitungan prioritas",
        "en": "Appendix: rules and priority arithmetic",
    },
    "report.appendix.intro": {
        "id": "Untuk analis dan penyusun aturan: aturan, berkas dan baris yang menghasilkan setiap langkah, serta perhitungan prioritasnya.",
        "en": "For analysts and rule authors: the rules, files and lines behind each step, and how its priority adds up.",
    },
    "report.appendix.priority": {"id": "Perhitungan prioritas", "en": "Priority arithmetic"},
    "report.appendix.step": {"id": "Langkah", "en": "Step"},
    "report.appendix.terms": {
        "id": "Temuan dan perhitungannya",
        "en": "Findings and their terms",
    },
    "report.appendix.dimensions": {"id": "Skor per dimensi", "en": "Scores by dimension"},
    "report.appendix.rules": {"id": "Aturan yang berlaku", "en": "Rules that fired"},
    "report.appendix.plan": {"id": "Alasan urutan peta jalan", "en": "Why the roadmap orders the steps so"},
    "report.name": {"id": "Nama program", "en": "Program name"},
    "report.type": {"id": "Jenis program", "en": "Program type"},
    "report.chart.title": {"id": "Skor per dimensi terhadap kategori", "en": "Dimension scores against the bands"},
    "report.chart.caption": {
        "id": "Batang: skor dimensi (0-100); latar berwarna: kategori IP ASN; garis putus merah: skor keseluruhan.",
        "en": "Bars: dimension scores (0-100); coloured background: IP ASN bands; dashed red line: overall score.",
    },
    "report.chart.bands": {"id": "Kategori", "en": "Bands"},
    "report.phase": {"id": "Fase", "en": "Phase"},
    "report.finding": {"id": "Temuan", "en": "Finding"},
    "report.indicator": {"id": "Indikator", "en": "Indicator"},
    "report.total": {"id": "Jumlah (prioritas)", "en": "Total (priority)"},
    "report.term.severity": {"id": "faktor tingkat", "en": "severity factor"},
    "report.term.share": {"id": "porsi bobot dimensi", "en": "dimension share"},
    "report.term.gap": {"id": "kesenjangan", "en": "gap term"},
    "report.term.weight": {"id": "bobot aturan", "en": "rule weight"},
    "report.term.contribution": {"id": "kontribusi", "en": "contribution"},
    "report.data_gaps.intro": {
        "id": "Data berikut tidak ada di profil. Data yang tidak ada tidak dianggap nol: aturan yang bergantung padanya tidak dijalankan.",
        "en": "These data are absent from the profile. Absent data are not read as zero: the rules that depend on them do not fire.",
    },
    "report.footer": {
        "id": "Dibuat oleh asn-advisor. Setiap rekomendasi menyebut aturan, berkas dan baris yang menghasilkannya.",
        "en": "Made by asn-advisor. Every recommendation names the rules, files and lines that produced it.",
    },
    "report.evidence.survey": {"id": "survei", "en": "survey"},
    "report.evidence.interview": {"id": "wawancara", "en": "interview"},
    "report.evidence.observation": {"id": "pengamatan", "en": "observation"},
    "report.evidence.performance_data": {"id": "data kinerja", "en": "performance data"},
    "report.evidence.document": {"id": "dokumen", "en": "document"},
    "report.format.unknown": {
        "id": "format laporan tidak dikenali dari nama berkas",
        "en": "cannot tell the report format from the file name",
    },
    "report.format.unknown.hint": {
        "id": "gunakan akhiran .html, .md atau .pdf, atau --format",
        "en": "use a .html, .md or .pdf extension, or --format",
    },
    "pdf.no_browser": {
        "id": "PDF tidak dapat dibuat: Chromium tidak terpasang di komputer ini",
        "en": "cannot write a PDF: Chromium is not installed on this computer",
    },
    "pdf.no_browser.hint": {
        "id": "pasang chromium (Debian/Ubuntu: apt-get install chromium) atau set ASN_ADVISOR_CHROMIUM; "
        "atau tulis -o laporan.html lalu cetak dari peramban",
        "en": "install chromium (Debian/Ubuntu: apt-get install chromium) or set ASN_ADVISOR_CHROMIUM; "
        "or write -o report.html and print it from a browser",
    },
    "pdf.failed": {
        "id": "Chromium gagal mencetak laporan ke PDF ({error})",
        "en": "Chromium failed to print the report to PDF ({error})",
    },
    "pdf.stdout": {
        "id": "PDF hanya dapat ditulis ke berkas",
        "en": "a PDF can only be written to a file",
    },
    "pdf.stdout.hint": {"id": "tambahkan -o laporan.pdf", "en": "add -o report.pdf"},
    "report.advice.lang": {
        "id": "berkas saran ini berbahasa {advice}, bukan {wanted}",
        "en": "this advice file is in language {advice}, not {wanted}",
    },
    "report.advice.lang.hint": {
        "id": "jalankan ulang advise --format json --lang {wanted}",
        "en": "run advise --format json --lang {wanted} again",
    },
    "report.pack.mismatch": {
        "id": "peringatan: saran ini dibuat dengan paket {advice}, kategori grafik diambil dari paket {pack} (gunakan --rules)",
        "en": "warning: this advice was made with pack {advice}; the chart's bands come from pack {pack} (use --rules)",
    },
    "report.when": {"id": "kondisi", "en": "when"},
    "report.advice.invalid": {
        "id": "berkas saran (JSON) tidak valid: {count} galat",
        "en": "the advice file (JSON) is invalid: {count} error(s)",
    },
    "program": {"id": "Program", "en": "Program"},
    "region": {"id": "Wilayah", "en": "Region"},
    "period": {"id": "Periode", "en": "Period"},
    "pack": {"id": "Paket aturan", "en": "Rule pack"},
    "score": {"id": "Skor", "en": "Score"},
    "score.overall": {"id": "Skor keseluruhan", "en": "Overall score"},
    "score.none": {"id": "belum dapat dihitung (data kurang)", "en": "cannot be computed yet (too little data)"},
    "score.coverage": {"id": "Cakupan data", "en": "Data coverage"},
    "dimensions": {"id": "Dimensi", "en": "Dimensions"},
    "dimension": {"id": "Dimensi", "en": "Dimension"},
    "weight": {"id": "Bobot", "en": "Weight"},
    "band": {"id": "Kategori", "en": "Band"},
    "no_data": {"id": "tidak ada data", "en": "no data"},
    "findings": {"id": "Temuan", "en": "Findings"},
    "findings.none": {"id": "Tidak ada temuan.", "en": "No findings."},
    "severity": {"id": "Tingkat", "en": "Severity"},
    "severity.low": {"id": "rendah", "en": "low"},
    "severity.medium": {"id": "sedang", "en": "medium"},
    "severity.high": {"id": "tinggi", "en": "high"},
    "source.stated": {"id": "dinyatakan", "en": "stated"},
    "source.derived": {"id": "diturunkan dari indikator", "en": "derived from indicators"},
    "evidence": {"id": "Bukti", "en": "Evidence"},
    "recommendations": {"id": "Rekomendasi (urut prioritas)", "en": "Recommendations (by priority)"},
    "recommendations.none": {"id": "Tidak ada rekomendasi.", "en": "No recommendations."},
    "priority": {"id": "Prioritas", "en": "Priority"},
    "addresses": {"id": "Menjawab temuan", "en": "Addresses"},
    "because": {"id": "Alasan", "en": "Because"},
    "rule": {"id": "aturan", "en": "rule"},
    "effort": {"id": "Upaya", "en": "Effort"},
    "time_to_impact": {"id": "Waktu hingga berdampak", "en": "Time to impact"},
    "effort.low": {"id": "rendah", "en": "low"},
    "effort.medium": {"id": "sedang", "en": "medium"},
    "effort.high": {"id": "tinggi", "en": "high"},
    "impact.short": {"id": "singkat (< 3 bulan)", "en": "short (< 3 months)"},
    "impact.medium": {"id": "menengah (3-12 bulan)", "en": "medium (3-12 months)"},
    "impact.long": {"id": "panjang (> 12 bulan)", "en": "long (> 12 months)"},
    "priority.breakdown": {"id": "Rincian prioritas", "en": "Priority breakdown"},
    "data_gaps": {"id": "Data yang belum ada", "en": "Data gaps"},
    "data_gaps.none": {"id": "Tidak ada kekurangan data.", "en": "No data gaps."},
    "data_gaps.decides": {"id": "menentukan aturan", "en": "would decide rules"},
    "data_gaps.dimensions": {"id": "diperlukan untuk menilai dimensi", "en": "needed to score dimensions"},
    "values": {"id": "nilai", "en": "values"},
    "error": {"id": "galat", "en": "error"},
    "warning": {"id": "peringatan", "en": "warning"},
    "error.count": {"id": "{count} galat", "en": "{count} error(s)"},
    "error.internal": {
        "id": "kesalahan internal asn-advisor: {error}. Mohon laporkan bersama berkas masukan.",
        "en": "internal asn-advisor error: {error}. Please report it with the input files.",
    },
    "error.memory": {
        "id": "masukan terlalu besar untuk memori yang tersedia (turunkan --max-bytes atau --max-nodes, atau perkecil berkas)",
        "en": "the input is too large for the available memory (lower --max-bytes or --max-nodes, or split the file)",
    },
    "error.recursion": {
        "id": "masukan bersarang terlalu dalam untuk diproses (turunkan --max-depth)",
        "en": "the input is nested too deeply to process (lower --max-depth)",
    },
    "output.exists": {"id": "berkas keluaran sudah ada", "en": "output file already exists"},
    "output.exists.hint": {"id": "gunakan --force untuk menimpanya", "en": "use --force to overwrite it"},
    "output.is_input": {"id": "berkas keluaran sama dengan berkas masukan", "en": "the output file is an input file"},
    "output.is_input.hint": {"id": "pilih nama berkas lain", "en": "choose another file name"},
    "output.written": {"id": "ditulis ke {path}", "en": "written to {path}"},
    "run.terminated": {"id": "dihentikan (SIGTERM)", "en": "terminated (SIGTERM)"},
    "extract.title": {"id": "Hasil pembacaan laporan", "en": "What the report states"},
    "extract.sentences": {"id": "{count} kalimat", "en": "{count} sentences"},
    "extract.not_report": {"id": "Bukan laporan evaluasi", "en": "Not an evaluation report"},
    "extract.no_patterns": {
        "id": "paket aturan ini tidak memiliki bagian extract:",
        "en": "this rule pack has no extract: section",
    },
    "extract.no_patterns.hint": {
        "id": "tambahkan ekstraksi.yaml ke include: di pack.yaml",
        "en": "add ekstraksi.yaml to include: in pack.yaml",
    },
    "extract.no_profile": {
        "id": "teks ini bukan laporan evaluasi, jadi tidak ada profil yang dibuat: {reason}",
        "en": "the text is not an evaluation report, so no profile was made: {reason}",
    },
    "extract.findings": {"id": "Temuan yang dinyatakan laporan", "en": "Findings the report states"},
    "extract.indicators": {"id": "Angka yang dibaca sebagai indikator", "en": "Figures read as indicators"},
    "extract.proposals": {"id": "Usulan laporan itu sendiri", "en": "The report's own proposals"},
    "extract.none": {"id": "tidak ada", "en": "none"},
    "extract.pattern": {"id": "pola", "en": "pattern"},
    "report_proposals": {
        "id": "Usulan dari laporan itu sendiri (di samping rekomendasi di atas)",
        "en": "The report's own proposals (beside the recommendations above)",
    },
    "report_proposals.advised": {
        "id": "juga direkomendasikan, peringkat {rank}",
        "en": "also recommended, rank {rank}",
    },
    "report_proposals.only": {"id": "hanya diusulkan laporan", "en": "proposed by the report only"},
    "report.source": {"id": "Dibaca dari laporan", "en": "Read from the report"},
    "rules.test.ok": {
        "id": "{count} contoh pola ekstraksi: semuanya sesuai.",
        "en": "{count} extraction pattern examples: all pass.",
    },
    "rules.test.failed": {
        "id": "{failed} dari {count} contoh pola ekstraksi tidak sesuai.",
        "en": "{failed} of {count} extraction pattern examples fail.",
    },
    "pack.ok": {
        "id": "Paket aturan {pack} versi {version}: tidak ada galat.",
        "en": "Rule pack {pack} version {version}: no errors.",
    },
    # --- plan ---
    "plan.title": {"id": "Rencana perbaikan", "en": "Improvement plan"},
    "roadmap": {"id": "Peta jalan", "en": "Roadmap"},
    "roadmap.none": {"id": "Tidak ada langkah.", "en": "No steps."},
    "phase": {"id": "Fase", "en": "Phase"},
    "quick_win": {"id": "hasil cepat", "en": "quick win"},
    "expected_gain": {"id": "Perkiraan kenaikan skor", "en": "Expected score gain"},
    "expected_gain.unknown": {"id": "tidak diketahui (skor belum dapat dihitung)", "en": "unknown (no score yet)"},
    "expected_gain.unscored": {
        "id": "tanpa dimensi tanpa data: {dimensions}",
        "en": "not counting dimensions without data: {dimensions}",
    },
    "plan.order": {
        "id": "Urutan dalam fase: hasil cepat dulu, lalu {order}",
        "en": "Order within a phase: quick wins first, then {order}",
    },
    "plan.order.priority": {"id": "prioritas", "en": "priority"},
    "plan.order.gain": {"id": "perkiraan kenaikan skor", "en": "expected score gain"},
    "plan.root_cause": {
        "id": "Menjawab akar masalah dari {effects} (melalui {causes}).",
        "en": "Addresses the root cause of {effects} (through {causes}).",
    },
    "plan.root_cause.term": {
        "id": "akar masalah dari {finding} (melalui {via})",
        "en": "root cause of {finding} (through {via})",
    },
    "plan.added_prerequisite": {
        "id": "Ditambahkan sebagai prasyarat untuk {steps}; tidak ada aturan yang merekomendasikannya langsung.",
        "en": "Added as a prerequisite of {steps}; no rule recommended it directly.",
    },
    "plan.prerequisite": {"id": "Prasyarat untuk {steps}.", "en": "A prerequisite of {steps}."},
    "plan.after": {
        "id": "Fase {phase}: setelah prasyaratnya {steps}.",
        "en": "Phase {phase}: after its prerequisites {steps}.",
    },
    # Part of the advice's JSON ('explanation'), a contract: kept as it was. Readers see the
    # 'quick_win' tag ("hasil cepat") instead; this sentence is never shown by a renderer.
    "plan.quick_win": {
        "id": "Quick win: upaya {effort}, waktu hingga berdampak {time}.",
        "en": "Quick win: {effort} effort, {time} time to impact.",
    },
    "plan.dropped": {
        "id": "Tidak dimasukkan: bertentangan dengan {kept}, yang prioritasnya lebih kuat.",
        "en": "Left out: conflicts with {kept}, which is stronger.",
    },
    "plan.dropped.through": {
        "id": "Tidak dimasukkan: prasyaratnya {prerequisite} bertentangan dengan {kept}, yang prioritasnya lebih kuat.",
        "en": "Left out: its prerequisite {prerequisite} conflicts with {kept}, which is stronger.",
    },
    "plan.dropped.kept_for": {
        "id": "({kept} adalah prasyarat untuk {owner}.)",
        "en": "({kept} is a prerequisite of {owner}.)",
    },
    "plan.dropped.title": {"id": "Tidak dimasukkan karena bertentangan", "en": "Left out because of a conflict"},
    "plan.added": {"id": "prasyarat", "en": "prerequisite"},
    "plan.requires": {"id": "Membutuhkan", "en": "Requires"},
    "plan.supports": {"id": "Mendukung", "en": "Supports"},
    "whatif.title": {"id": "Bagaimana jika", "en": "What if"},
    "whatif.set": {"id": "Indikator diubah", "en": "Indicators set"},
    "whatif.resolve": {"id": "Temuan dianggap teratasi", "en": "Findings assumed resolved"},
    "whatif.score": {
        "id": "Skor keseluruhan: {before} sekarang; {after} dengan indikator baru; {expected} perkiraan bila temuan teratasi",
        "en": "Overall score: {before} now; {after} with the new indicators; {expected} expected with the findings resolved",
    },
    "whatif.findings_removed": {"id": "Temuan hilang", "en": "Findings gone"},
    "whatif.findings_added": {"id": "Temuan baru", "en": "New findings"},
    "whatif.findings_changed": {"id": "Tingkat temuan berubah", "en": "Findings whose severity changed"},
    "whatif.steps_removed": {"id": "Langkah keluar dari rencana", "en": "Steps leaving the plan"},
    "whatif.steps_added": {"id": "Langkah baru dalam rencana", "en": "Steps joining the plan"},
    "whatif.roadmap_before": {"id": "Peta jalan sekarang", "en": "Roadmap now"},
    "whatif.roadmap_after": {"id": "Peta jalan dalam skenario", "en": "Roadmap in the scenario"},
    "whatif.none": {"id": "tidak ada", "en": "none"},
    "whatif.bad_set": {"id": "--set harus berbentuk nama=nilai", "en": "--set must be name=value"},
    "whatif.nothing": {
        "id": "beri paling sedikit satu --set atau --resolve",
        "en": "give at least one --set or --resolve",
    },
    "pack.summary": {
        "id": "{errors} galat, {warnings} peringatan",
        "en": "{errors} error(s), {warnings} warning(s)",
    },
    # --- history ---
    "history.title": {"id": "Riwayat evaluasi", "en": "Evaluation history"},
    "history.change": {"id": "Perubahan", "en": "Change"},
    "history.trend": {"id": "Tren skor keseluruhan", "en": "Overall score trend"},
    "history.trend.short": {"id": "tren", "en": "trend"},
    "history.band.latest": {"id": "kategori terakhir", "en": "latest band"},
    "history.dimensions": {"id": "Skor dimensi per periode", "en": "Dimension scores by period"},
    "history.findings": {"id": "Temuan per periode", "en": "Findings by period"},
    "history.findings.first": {"id": "tercatat", "en": "recorded"},
    "history.findings.appeared": {"id": "baru muncul", "en": "appeared"},
    "history.findings.persisted": {"id": "masih ada", "en": "persisted"},
    "history.findings.resolved": {"id": "teratasi", "en": "resolved"},
    "history.recommendations": {
        "id": "Rekomendasi dan tindak lanjut (periode terakhir; sebelumnya hanya yang dicatat)",
        "en": "Recommendations and follow-up (latest period; earlier ones only when recorded)",
    },
    "history.recommendation": {"id": "Rekomendasi", "en": "Recommendation"},
    "history.status": {"id": "Status", "en": "Status"},
    "history.note": {"id": "Catatan", "en": "Note"},
    "history.status.planned": {"id": "direncanakan", "en": "planned"},
    "history.status.in_progress": {"id": "sedang berjalan", "en": "in progress"},
    "history.status.done": {"id": "selesai dilaksanakan", "en": "done"},
    "history.status.dropped": {"id": "tidak dilanjutkan", "en": "dropped"},
    "history.status.none": {"id": "belum dicatat", "en": "not recorded"},
    "history.pack_changed": {
        "id": "paket aturan berbeda dari periode sebelumnya: sebagian perubahan bisa berasal dari aturan, bukan dari program",
        "en": "the rule pack differs from the previous period's: part of the change may come from the rules, not the program",
    },
    "history.recorded": {
        "id": "Tercatat #{id}: {program}, periode {period}, skor {score} ({store})",
        "en": "Recorded #{id}: {program}, period {period}, score {score} ({store})",
    },
    "history.migrated": {
        "id": "Skema penyimpanan riwayat diperbarui dari versi {old} ke {new}.",
        "en": "History store schema upgraded from version {old} to {new}.",
    },
    "history.status_set": {
        "id": "{program}, periode {period}: {recommendation} -> {status}",
        "en": "{program}, period {period}: {recommendation} -> {status}",
    },
    "history.programs": {"id": "Program dalam riwayat ({count}):", "en": "Programs in the history ({count}):"},
    "history.programs.none": {
        "id": "Riwayat masih kosong. Catat evaluasi dengan: asn-advisor history record PROFIL --period TAHUN",
        "en": "The history is empty. Record an evaluation with: asn-advisor history record PROFILE --period YEAR",
    },
    "history.periods": {"id": "periode", "en": "periods"},
    "history.svg.written": {"id": "grafik SVG ditulis ke {path}", "en": "SVG chart written to {path}"},
    "history.effect.title": {
        "id": "Dampak rekomendasi antarprogram",
        "en": "Effect of recommendations across programs",
    },
    "history.effect.method": {
        "id": (
            "Perubahan dari satu periode ke periode berikutnya pada temuan dan skor dimensi yang disasar tiap rekomendasi, "
            "untuk program yang melaksanakannya (status selesai) dan yang tidak. {programs} program memiliki sedikitnya dua periode. "
            "Angka dari kurang dari {min} program per kelompok tidak ditampilkan; ini pengamatan, bukan bukti sebab-akibat."
        ),
        "en": (
            "Change from one period to the next in the findings and dimension scores each recommendation targets, "
            "for programs that carried it out (status done) and those that did not. {programs} program(s) have at least two periods. "
            "No figure is given from fewer than {min} programs per group; these are observations, not proof of cause."
        ),
    },
    "history.effect.none": {
        "id": "Belum ada program dengan dua periode atau lebih untuk dibandingkan.",
        "en": "No program has two or more periods to compare yet.",
    },
    "history.effect.targets": {"id": "Sasaran", "en": "Targets"},
    "history.effect.done": {"id": "Dilaksanakan", "en": "Carried out"},
    "history.effect.not_done": {"id": "Tidak dilaksanakan", "en": "Not carried out"},
    "history.effect.difference": {"id": "Selisih", "en": "Difference"},
    "history.effect.programs": {"id": "Program", "en": "Programs"},
    "history.effect.unrecorded": {"id": "{n} tanpa status", "en": "{n} without status"},
    "history.effect.resolved": {"id": "Temuan sasaran teratasi", "en": "Targeted findings resolved"},
    "history.effect.dimension": {"id": "Perubahan skor dimensi sasaran", "en": "Change in targeted dimension scores"},
    "history.effect.insufficient": {
        "id": "data tidak cukup (n={n} < {min})",
        "en": "insufficient data (n={n} < {min})",
    },
    "history.effect.no_data": {"id": "tidak ada data", "en": "no data"},
    # --- authoring ---
    "lint.never_true": {
        "id": "kondisi aturan {rule!r} tidak pernah bisa benar, jadi aturan ini tidak pernah berlaku",
        "en": "the condition of rule {rule!r} can never be true, so the rule never fires",
    },
    "lint.never_true.hint": {"id": "periksa ambang dan kata 'dan'/'atau'", "en": "check the thresholds and 'and'/'or'"},
    "lint.out_of_range": {
        "id": "ambang {value} berada di luar rentang {low}..{high} yang dibandingkan (aturan {rule!r}), jadi perbandingan ini {verdict}",
        "en": "threshold {value} is outside the range {low}..{high} of what it is compared with (rule {rule!r}), so the comparison is {verdict}",
    },
    "lint.out_of_range.hint": {
        "id": "persen dan rating ditulis pada skala 0..100",
        "en": "percentages and ratings are written on 0..100",
    },
    "lint.always_true": {"id": "selalu benar", "en": "always true"},
    "lint.always_false": {"id": "tidak pernah benar", "en": "never true"},
    "lint.shadowed": {
        "id": "aturan {rule!r} tertutup oleh aturan {other!r} ({where}): setiap kali {rule!r} berlaku, {other!r} juga berlaku dengan hasil yang sama atau lebih kuat",
        "en": "rule {rule!r} is shadowed by rule {other!r} ({where}): whenever {rule!r} fires, {other!r} fires too with the same or a stronger result",
    },
    "lint.shadowed.hint": {
        "id": "hapus aturan ini, atau bedakan hasil atau bobotnya dari {other!r}",
        "en": "remove this rule, or make its result or weight differ from {other!r}",
    },
    "lint.duplicate": {
        "id": "aturan {rule!r} sama dengan aturan {other!r} ({where}): kondisi dan hasilnya sama",
        "en": "rule {rule!r} duplicates rule {other!r} ({where}): same condition, same result",
    },
    "lint.duplicate.hint": {"id": "hapus salah satunya", "en": "remove one of them"},
    "lint.unaddressed": {
        "id": "temuan {finding!r} tidak dijawab aturan rekomendasi mana pun",
        "en": "finding {finding!r} is addressed by no recommendation rule",
    },
    "lint.unaddressed.hint": {
        "id": "tambahkan aturan recommend dengan when: has({finding})",
        "en": "add a recommend rule with when: has({finding})",
    },
    "lint.unreachable": {
        "id": "rekomendasi {recommendation!r} tidak dapat dihasilkan aturan mana pun",
        "en": "recommendation {recommendation!r} cannot be produced by any rule",
    },
    "lint.unreachable.hint": {
        "id": "sebutkan di recommend: sebuah aturan, atau hapus dari katalog",
        "en": "name it in a rule's recommend:, or remove it from the catalog",
    },
    "lint.translation": {
        "id": "{field} dari {item!r} tidak punya teks bahasa {language!r}",
        "en": "the {field} of {item!r} has no {language!r} text",
    },
    "lint.translation.hint": {
        "id": "tulis {id: teks Indonesia, en: English text}",
        "en": "write {id: Indonesian text, en: English text}",
    },
    "lint.escalation_never": {
        "id": "escalate ke-{index} aturan {rule!r} tidak pernah berlaku bersama kondisi aturannya",
        "en": "escalation {index} of rule {rule!r} can never hold together with the rule's condition",
    },
    "lint.escalation_never.hint": {
        "id": "ambang escalate harus lebih ketat daripada when",
        "en": "an escalation's threshold must be stricter than the rule's when",
    },
    "lint.escalation_shadowed": {
        "id": "escalate ke-{index} aturan {rule!r} tidak pernah dipakai: escalate sebelumnya sudah cocok setiap kali yang ini cocok",
        "en": "escalation {index} of rule {rule!r} is never used: an earlier one already matches whenever it does",
    },
    "lint.escalation_shadowed.hint": {
        "id": "entri pertama yang cocok yang berlaku; tulis ambang paling ketat lebih dulu",
        "en": "the first matching entry wins; list the strictest threshold first",
    },
    "lint.rating_scale": {
        "id": "rating {name} dibandingkan dengan {value} pada aturan {rule!r}, padahal rating dinormalisasi ke 0..100",
        "en": "rating {name} is compared with {value} in rule {rule!r}, but ratings are normalized to 0..100",
    },
    "lint.rating_scale.hint": {
        "id": "pada skala 1-4 itu {four}, pada skala 1-5 itu {five}",
        "en": "on a 1-4 scale that is {four}, on a 1-5 scale {five}",
    },
    "check.summary": {
        "id": "{pack}: {errors} galat, {warnings} peringatan.",
        "en": "{pack}: {errors} error(s), {warnings} warning(s).",
    },
    "check.strict": {
        "id": "--strict: peringatan dihitung sebagai kegagalan.",
        "en": "--strict: warnings count as failures.",
    },
    "test.ok": {"id": "LULUS", "en": "PASS"},
    "test.fail": {"id": "GAGAL", "en": "FAIL"},
    "test.coverage": {
        "id": "Cakupan: {covered} dari {total} aturan paket ini dijalankan oleh sedikitnya satu kasus.",
        "en": "Coverage: {covered} of the pack's {total} rules are fired by at least one case.",
    },
    "test.uncovered": {
        "id": "aturan {rule!r} tidak dijalankan oleh kasus mana pun",
        "en": "rule {rule!r} is fired by no case",
    },
    "test.summary": {
        "id": "{pack}: {passed} kasus lulus, {failed} gagal.",
        "en": "{pack}: {passed} case(s) passed, {failed} failed.",
    },
    "test.unknown": {"id": "{kind} {id!r} tidak dikenal paket ini", "en": "unknown {kind} {id!r}"},
    "test.profile_outside": {
        "id": "profil harus berada di dalam direktori paket",
        "en": "the profile must be inside the pack directory",
    },
    "test.profile_outside.hint": {
        "id": "salin profil ke dalam paket, mis. uji/profil/contoh.yaml",
        "en": "copy the profile into the pack, e.g. uji/profil/contoh.yaml",
    },
    "test.finding_missing": {
        "id": "temuan {id!r} diharapkan ada, tetapi tidak muncul (temuan: {got})",
        "en": "finding {id!r} was expected but is absent (findings: {got})",
    },
    "test.finding_severity": {
        "id": "temuan {id!r} diharapkan bertingkat {expected}, ternyata {got}",
        "en": "finding {id!r} was expected with severity {expected}, got {got}",
    },
    "test.finding_present": {
        "id": "temuan {id!r} tidak boleh muncul, tetapi muncul ({severity})",
        "en": "finding {id!r} must not appear, but it does ({severity})",
    },
    "test.rec_missing": {
        "id": "rekomendasi {id!r} diharapkan ada, tetapi tidak muncul (urutan: {got})",
        "en": "recommendation {id!r} was expected but is absent (ranking: {got})",
    },
    "test.rec_not_top": {
        "id": "rekomendasi {id!r} diharapkan di {top} teratas, ternyata peringkat {rank} (urutan: {got})",
        "en": "recommendation {id!r} was expected in the top {top}, got rank {rank} (ranking: {got})",
    },
    "test.rec_rank": {
        "id": "rekomendasi {id!r} diharapkan peringkat {expected}, ternyata {rank} (urutan: {got})",
        "en": "recommendation {id!r} was expected at rank {expected}, got {rank} (ranking: {got})",
    },
    "test.rec_present": {
        "id": "rekomendasi {id!r} tidak boleh muncul, tetapi muncul di peringkat {rank}",
        "en": "recommendation {id!r} must not appear, but it ranks {rank}",
    },
    "test.rule_not_fired": {
        "id": "aturan {id!r} diharapkan berlaku, tetapi tidak",
        "en": "rule {id!r} was expected to fire but did not",
    },
    "test.rule_fired": {
        "id": "aturan {id!r} tidak boleh berlaku, tetapi berlaku",
        "en": "rule {id!r} must not fire, but it did",
    },
    "test.score": {
        "id": "skor keseluruhan diharapkan antara {low} dan {high}, ternyata {got}",
        "en": "overall score was expected between {low} and {high}, got {got}",
    },
    "test.band": {
        "id": "kategori diharapkan {expected}, ternyata {got}",
        "en": "band was expected to be {expected}, got {got}",
    },
    "test.no_cases": {
        "id": "berkas kasus uji harus berisi cases: berupa daftar",
        "en": "a test case file must hold cases: as a list",
    },
    "test.duplicate_name": {
        "id": "nama kasus {name!r} sudah dipakai (pertama di {first})",
        "en": "case name {name!r} is used twice (first at {first})",
    },
    "test.no_files": {
        "id": "paket ini tidak punya berkas kasus uji (tambahkan tests: [uji/*.yaml] di pack.yaml)",
        "en": "this pack has no test case files (add tests: [uji/*.yaml] to pack.yaml)",
    },
    "schema.no_dir": {"id": "direktori tujuan skema tidak ada", "en": "the schema target directory does not exist"},
    "init.bad_name": {
        "id": "nama paket harus huruf kecil, angka dan tanda -",
        "en": "a pack name is lowercase letters, digits and '-'",
    },
    "init.exists": {"id": "direktori sudah ada dan tidak kosong", "en": "the directory exists and is not empty"},
    "init.not_dir": {
        "id": "sudah ada berkas (bukan direktori) dengan nama ini",
        "en": "a file (not a directory) of this name already exists",
    },
    "init.not_dir.hint": {
        "id": "pilih nama lain dengan --dir",
        "en": "choose another name with --dir",
    },
    "init.done": {
        "id": "Paket {name} dibuat di {path}. Berikutnya: asn-advisor rules check {path} && asn-advisor rules test {path}",
        "en": "Pack {name} created in {path}. Next: asn-advisor rules check {path} && asn-advisor rules test {path}",
    },
    "diff.title": {"id": "Perubahan saran antarpaket", "en": "Advice changes between packs"},
    "diff.no_dir": {
        "id": "--profiles harus berupa direktori berisi profil",
        "en": "--profiles must be a directory of profiles",
    },
    "diff.error_old": {"id": "tidak dapat dinilai dengan paket lama", "en": "cannot be advised with the old pack"},
    "diff.error_new": {"id": "tidak dapat dinilai dengan paket baru", "en": "cannot be advised with the new pack"},
    "diff.added": {"id": "baru muncul", "en": "added"},
    "diff.removed": {"id": "hilang", "en": "removed"},
    "diff.changed": {"id": "berubah", "en": "changed"},
    "diff.rank": {"id": "peringkat", "en": "rank"},
    "diff.recommendation": {"id": "Rekomendasi", "en": "Recommendation"},
    "diff.summary": {"id": "{changed} dari {total} profil berubah.", "en": "{changed} of {total} profile(s) change."},
    # --- batch and compare
    "batch.summary": {
        "id": "{total} entri: {ok} berhasil dinilai, {failed} gagal",
        "en": "{total} record(s): {ok} advised, {failed} failed",
    },
    "batch.progress": {"id": "{count} entri ({rate:,.0f}/detik)", "en": "{count} record(s) ({rate:,.0f}/s)"},
    "batch.failed": {
        "id": "entri gagal; berhenti karena --on-error fail",
        "en": "a record failed; stopping because of --on-error fail",
    },
    "batch.partial": {
        "id": "{failed} entri gagal (lihat di atas dan entri galat pada keluaran)",
        "en": "{failed} record(s) failed (see above and the error records in the output)",
    },
    "batch.jobs": {"id": "--jobs harus 1 atau lebih", "en": "--jobs must be 1 or more"},
    "compare.title": {"id": "Perbandingan {count} program", "en": "Comparison of {count} program(s)"},
    "compare.findings": {"id": "Temuan yang paling sering", "en": "Most frequent findings"},
    "compare.recommendations": {
        "id": "Rekomendasi yang paling sering (di antara {top} teratas tiap program)",
        "en": "Most frequent recommendations (among each program's top {top})",
    },
    "compare.shared_by": {"id": "dialami oleh", "en": "shared by"},
    "compare.failed": {
        "id": "{count} entri gagal dan tidak dibandingkan.",
        "en": "{count} record(s) failed and are not compared.",
    },
    "compare.empty": {"id": "tidak ada program yang dapat dibandingkan", "en": "no program could be compared"},
    "compare.ranking": {"id": "Peringkat program", "en": "Programs ranked"},
    "compare.chart.title": {"id": "Jumlah program per kategori", "en": "Programs per band"},
    "compare.chart.desc": {
        "id": "{count} program menurut kategori skor: {parts}.",
        "en": "{count} program(s) by score band: {parts}.",
    },
    "compare.no_score": {"id": "tanpa skor", "en": "no score"},
    "compare.coverage": {"id": "Cakupan data", "en": "Data coverage"},
    "compare.top": {"id": "Saran teratas", "en": "Top recommendations"},
}


def resolve_lang(lang: str | None) -> str:
    """``lang`` if given, else ``ASN_ADVISOR_LANG``, else Indonesian."""
    chosen = (lang or os.environ.get("ASN_ADVISOR_LANG") or DEFAULT_LANG).strip().lower()
    return chosen if chosen in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``values``."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text
