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
    # --- plan (issue 3) ---
    "plan.title": {"id": "Rencana perbaikan", "en": "Improvement plan"},
    "roadmap": {"id": "Peta jalan", "en": "Roadmap"},
    "roadmap.none": {"id": "Tidak ada langkah.", "en": "No steps."},
    "phase": {"id": "Fase", "en": "Phase"},
    "quick_win": {"id": "quick win", "en": "quick win"},
    "expected_gain": {"id": "Perkiraan kenaikan skor", "en": "Expected score gain"},
    "expected_gain.unknown": {"id": "tidak diketahui (skor belum dapat dihitung)", "en": "unknown (no score yet)"},
    "expected_gain.unscored": {"id": "tanpa dimensi tanpa data: {dimensions}", "en": "not counting dimensions without data: {dimensions}"},
    "plan.order": {"id": "Urutan dalam fase: quick win dulu, lalu {order}", "en": "Order within a phase: quick wins first, then {order}"},
    "plan.order.priority": {"id": "prioritas", "en": "priority"},
    "plan.order.gain": {"id": "perkiraan kenaikan skor", "en": "expected score gain"},
    "plan.root_cause": {
        "id": "Menjawab akar masalah dari {effects} (melalui {causes}).",
        "en": "Addresses the root cause of {effects} (through {causes}).",
    },
    "plan.root_cause.term": {"id": "akar masalah dari {finding} (melalui {via})", "en": "root cause of {finding} (through {via})"},
    "plan.added_prerequisite": {
        "id": "Ditambahkan sebagai prasyarat untuk {steps}; tidak ada aturan yang merekomendasikannya langsung.",
        "en": "Added as a prerequisite of {steps}; no rule recommended it directly.",
    },
    "plan.prerequisite": {"id": "Prasyarat untuk {steps}.", "en": "A prerequisite of {steps}."},
    "plan.after": {"id": "Fase {phase}: setelah prasyaratnya {steps}.", "en": "Phase {phase}: after its prerequisites {steps}."},
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
    "plan.dropped.kept_for": {"id": "({kept} adalah prasyarat untuk {owner}.)", "en": "({kept} is a prerequisite of {owner}.)"},
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
    "whatif.nothing": {"id": "beri paling sedikit satu --set atau --resolve", "en": "give at least one --set or --resolve"},
    "pack.summary": {
        "id": "{errors} galat, {warnings} peringatan",
        "en": "{errors} error(s), {warnings} warning(s)",
    },
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
