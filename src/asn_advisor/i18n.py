"""User-facing texts in Indonesian (default) and English.

Every message the CLI and the renderers print is a key of :data:`MESSAGES`
with both languages; a test fails if one lacks a translation.  The language
comes from ``--lang``, else ``ASN_ADVISOR_LANG``, else Indonesian.
"""

from __future__ import annotations

import os

__all__ = ["DEFAULT_LANG", "MESSAGES", "resolve_lang", "t"]

DEFAULT_LANG = "id"

MESSAGES: dict[str, dict[str, str]] = {
    "advice.title": {"id": "Saran perbaikan program", "en": "Program improvement advice"},
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
    "output.exists": {"id": "berkas keluaran sudah ada", "en": "output file already exists"},
    "output.exists.hint": {"id": "gunakan --force untuk menimpanya", "en": "use --force to overwrite it"},
    "output.is_input": {"id": "berkas keluaran sama dengan berkas masukan", "en": "the output file is an input file"},
    "output.is_input.hint": {"id": "pilih nama berkas lain", "en": "choose another file name"},
    "output.written": {"id": "ditulis ke {path}", "en": "written to {path}"},
    "pack.ok": {"id": "Paket aturan {pack} versi {version}: tidak ada galat.", "en": "Rule pack {pack} version {version}: no errors."},
    "pack.summary": {
        "id": "{errors} galat, {warnings} peringatan",
        "en": "{errors} error(s), {warnings} warning(s)",
    },
    # --- batch and compare (issue 6)
    "batch.summary": {
        "id": "{total} rekaman: {ok} berhasil dinilai, {failed} gagal",
        "en": "{total} record(s): {ok} advised, {failed} failed",
    },
    "batch.progress": {"id": "{count} rekaman ({rate:,.0f}/detik)", "en": "{count} record(s) ({rate:,.0f}/s)"},
    "batch.failed": {"id": "rekaman gagal; berhenti karena --on-error fail", "en": "a record failed; stopping because of --on-error fail"},
    "batch.partial": {
        "id": "{failed} rekaman gagal (lihat di atas dan rekaman galat pada keluaran)",
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
    "compare.failed": {"id": "{count} rekaman gagal dan tidak dibandingkan.", "en": "{count} record(s) failed and are not compared."},
    "compare.empty": {"id": "tidak ada program yang dapat dibandingkan", "en": "no program could be compared"},
}


def resolve_lang(lang: str | None) -> str:
    """``lang`` if given, else ``ASN_ADVISOR_LANG``, else Indonesian."""
    chosen = (lang or os.environ.get("ASN_ADVISOR_LANG") or DEFAULT_LANG).strip().lower()
    return chosen if chosen in ("id", "en") else DEFAULT_LANG


def t(key: str, lang: str, **values: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``values``."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text
