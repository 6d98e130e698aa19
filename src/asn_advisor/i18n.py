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
    # --- authoring (issue 4) ---
    "lint.never_true": {"id": "kondisi aturan {rule!r} tidak pernah bisa benar, jadi aturan ini tidak pernah berlaku", "en": "the condition of rule {rule!r} can never be true, so the rule never fires"},
    "lint.never_true.hint": {"id": "periksa ambang dan kata 'dan'/'atau'", "en": "check the thresholds and 'and'/'or'"},
    "lint.out_of_range": {
        "id": "ambang {value} berada di luar rentang {low}..{high} yang dibandingkan (aturan {rule!r}), jadi perbandingan ini {verdict}",
        "en": "threshold {value} is outside the range {low}..{high} of what it is compared with (rule {rule!r}), so the comparison is {verdict}",
    },
    "lint.out_of_range.hint": {"id": "persen dan rating ditulis pada skala 0..100", "en": "percentages and ratings are written on 0..100"},
    "lint.always_true": {"id": "selalu benar", "en": "always true"},
    "lint.always_false": {"id": "tidak pernah benar", "en": "never true"},
    "lint.shadowed": {
        "id": "aturan {rule!r} tertutup oleh aturan {other!r} ({where}): setiap kali {rule!r} berlaku, {other!r} juga berlaku dengan hasil yang sama atau lebih kuat",
        "en": "rule {rule!r} is shadowed by rule {other!r} ({where}): whenever {rule!r} fires, {other!r} fires too with the same or a stronger result",
    },
    "lint.shadowed.hint": {"id": "hapus aturan ini, atau bedakan hasil atau bobotnya dari {other!r}", "en": "remove this rule, or make its result or weight differ from {other!r}"},
    "lint.duplicate": {"id": "aturan {rule!r} sama dengan aturan {other!r} ({where}): kondisi dan hasilnya sama", "en": "rule {rule!r} duplicates rule {other!r} ({where}): same condition, same result"},
    "lint.duplicate.hint": {"id": "hapus salah satunya", "en": "remove one of them"},
    "lint.unaddressed": {"id": "temuan {finding!r} tidak dijawab aturan rekomendasi mana pun", "en": "finding {finding!r} is addressed by no recommendation rule"},
    "lint.unaddressed.hint": {"id": "tambahkan aturan recommend dengan when: has({finding})", "en": "add a recommend rule with when: has({finding})"},
    "lint.unreachable": {"id": "rekomendasi {recommendation!r} tidak dapat dihasilkan aturan mana pun", "en": "recommendation {recommendation!r} cannot be produced by any rule"},
    "lint.unreachable.hint": {"id": "sebutkan di recommend: sebuah aturan, atau hapus dari katalog", "en": "name it in a rule's recommend:, or remove it from the catalog"},
    "lint.translation": {"id": "{field} dari {item!r} tidak punya teks bahasa {language!r}", "en": "the {field} of {item!r} has no {language!r} text"},
    "lint.translation.hint": {"id": "tulis {id: teks Indonesia, en: English text}", "en": "write {id: Indonesian text, en: English text}"},
    "lint.escalation_never": {"id": "escalate ke-{index} aturan {rule!r} tidak pernah berlaku bersama kondisi aturannya", "en": "escalation {index} of rule {rule!r} can never hold together with the rule's condition"},
    "lint.escalation_never.hint": {"id": "ambang escalate harus lebih ketat daripada when", "en": "an escalation's threshold must be stricter than the rule's when"},
    "lint.escalation_shadowed": {"id": "escalate ke-{index} aturan {rule!r} tidak pernah dipakai: escalate sebelumnya sudah cocok setiap kali yang ini cocok", "en": "escalation {index} of rule {rule!r} is never used: an earlier one already matches whenever it does"},
    "lint.escalation_shadowed.hint": {"id": "entri pertama yang cocok yang berlaku; tulis ambang paling ketat lebih dulu", "en": "the first matching entry wins; list the strictest threshold first"},
    "check.summary": {"id": "{pack}: {errors} galat, {warnings} peringatan.", "en": "{pack}: {errors} error(s), {warnings} warning(s)."},
    "check.strict": {"id": "--strict: peringatan dihitung sebagai kegagalan.", "en": "--strict: warnings count as failures."},
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
