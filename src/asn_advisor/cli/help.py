"""The command line's help in Indonesian and English, chosen at startup.

Click reads a command's help from its docstring when the module is imported,
before any option is parsed, so the language cannot come from the parsed
``--lang``.  Instead :func:`lang_from_args` reads ``--lang`` from the raw
arguments (else ``ASN_ADVISOR_LANG``, else Indonesian) and :func:`apply_help`
writes the texts of :data:`HELP` into the command tree before click parses
anything.  Docstrings stay English, for Python readers and as the fallback of
a command added without a catalog entry (``tests/test_i18n.py`` fails then).

Keys: ``""`` is the main command; ``"rules check"`` a command by its path;
``"advise --format"`` an option of one command; ``"--lang"`` an option shared
by every command that has it (used when no command-specific key exists).
Click's own words (``Usage:``, ``Options``...) are under ``"click.*"``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

import click

from asn_advisor.i18n import DEFAULT_LANG

__all__ = ["HELP", "apply_help", "help_keys", "lang_from_args", "text"]

HELP: dict[str, dict[str, str]] = {
    # --- batch ---
    "batch": {
        "id": "Nilai setiap profil dalam INPUT: direktori, berkas JSON Lines, atau berkas CSV.\n\nMenulis satu baris per entri, sesuai urutan masukan: saran lengkap (JSON Lines) atau id, skor, kategori dan rekomendasi teratas (CSV); entri yang gagal menghasilkan entri galat. Kode keluar 8 bila ada entri yang gagal.",
        "en": "Advise every profile of INPUT: a directory, a JSON Lines file or a CSV file.\n\nWrites one line per record, in input order: the full advice (JSON Lines) or id, score, band and top recommendations (CSV); a record that fails gives an error record instead. Exit code 8 when some records failed.",
    },
    "batch --input-format": {
        "id": "Cara membaca INPUT (bawaan: dari namanya; '-' berarti JSON Lines).",
        "en": "How to read INPUT (default: from its name; '-' is JSON Lines).",
    },
    "batch --jobs": {
        "id": "Jumlah proses pekerja; keluarannya tidak bergantung padanya.",
        "en": "Worker processes; the output does not depend on it.",
    },
    "batch --on-error": {
        "id": "skip: laporkan entri yang buruk lalu lanjutkan (kode keluar 8 di akhir); fail: berhenti pada yang pertama.",
        "en": "skip: report a bad record and go on (exit 8 at the end); fail: stop at the first.",
    },
    "batch --top": {
        "id": "Jumlah rekomendasi per baris pada keluaran CSV.",
        "en": "Recommendations per row in CSV output.",
    },
    "compare": {
        "id": "Bandingkan program-program dalam INPUT: peringkat, dimensi, temuan dan rekomendasi yang sama.\n\nINPUT dibaca seperti pada 'batch'. '-o perbandingan.html' menulis satu halaman mandiri dengan grafik jumlah program per kategori.",
        "en": "Compare the programs of INPUT: ranking, dimensions, shared findings and recommendations.\n\nINPUT is read as by 'batch'. '-o comparison.html' writes one self-contained page with a chart of the programs per band.",
    },
    "compare --format": {
        "id": "Format keluaran; bawaan: dari ekstensi berkas keluaran (.html, .md, .json), selain itu teks.",
        "en": "Output format; default: from the output file's extension (.html, .md, .json), else text.",
    },
    "compare --input-format": {
        "id": "Cara membaca INPUT (bawaan: dari namanya; '-' berarti JSON Lines).",
        "en": "How to read INPUT (default: from its name; '-' is JSON Lines).",
    },
    "compare --jobs": {
        "id": "Jumlah proses pekerja; keluarannya tidak bergantung padanya.",
        "en": "Worker processes; the output does not depend on it.",
    },
    "compare --on-error": {
        "id": "skip: laporkan entri yang buruk lalu lanjutkan (kode keluar 8 di akhir); fail: berhenti pada yang pertama.",
        "en": "skip: report a bad record and go on (exit 8 at the end); fail: stop at the first.",
    },
    "compare --top": {
        "id": "Jumlah rekomendasi teratas per program yang dihitung sebagai rekomendasi bersama.",
        "en": "Recommendations per program counted as shared.",
    },
    # --- the main command and click's own words ---
    "": {
        "id": "Menilai evaluasi program pengembangan ASN dan memberi rekomendasi perbaikan yang diprioritaskan "
        "dan dijelaskan.\n\nBahasa: --lang id|en pada setiap perintah, atau variabel ASN_ADVISOR_LANG "
        "(bawaan: Indonesia).",
        "en": "Score an ASN development program's evaluation and recommend prioritized, explained "
        "improvements.\n\nLanguage: --lang id|en on every command, or the ASN_ADVISOR_LANG variable "
        "(default: Indonesian).",
    },
    "click.usage": {"id": "Penggunaan: ", "en": "Usage: "},
    "click.options": {"id": "Opsi", "en": "Options"},
    "click.commands": {"id": "Perintah", "en": "Commands"},
    "click.arguments": {"id": "Argumen", "en": "Arguments"},
    "click.error": {"id": "Galat: {message}", "en": "Error: {message}"},
    "click.try": {"id": "Coba '{command} {option}' untuk bantuan.", "en": "Try '{command} {option}' for help."},
    "click.aborted": {"id": "Dibatalkan.", "en": "Aborted!"},
    "click.interrupted": {"id": "asn-advisor: dihentikan", "en": "asn-advisor: interrupted"},
    "--help": {"id": "Tampilkan bantuan ini lalu keluar.", "en": "Show this message and exit."},
    "--version": {"id": "Tampilkan versi lalu keluar.", "en": "Show the version and exit."},
    # --- options shared by many commands ---
    "--rules": {
        "id": "Direktori paket aturan (bawaan: paket nasional yang disertakan; atau ASN_ADVISOR_RULES).",
        "en": "Rule pack directory (default: the shipped national pack; or ASN_ADVISOR_RULES).",
    },
    "--lang": {
        "id": "Bahasa keluaran: id (bawaan) atau en; atau atur ASN_ADVISOR_LANG.",
        "en": "Language of the output: id (default) or en; or set ASN_ADVISOR_LANG.",
    },
    "--output": {
        "id": "Tulis ke berkas ini (secara atomik), bukan ke keluaran standar.",
        "en": "Write to this file (atomically) instead of standard output.",
    },
    "--force": {"id": "Timpa berkas keluaran yang sudah ada.", "en": "Overwrite an existing output file."},
    "--format": {"id": "Format keluaran.", "en": "Output format."},
    # --- advise, score, explain ---
    "advise": {
        "id": "Menilai PROFILE dan menampilkan langkah perbaikan utama, berikut alasannya, dalam satu layar.\n\n"
        "PROFILE berupa berkas YAML atau JSON, atau laporan naratif (.txt, .md); '-' membaca masukan standar. "
        "--rinci menampilkan semua temuan, aturan, berkas, syarat dan peta jalan.",
        "en": "Score PROFILE and show the main improvement steps, with their reasons, on one screen.\n\n"
        "PROFILE is a YAML or JSON profile, or a narrative report (.txt, .md); '-' reads standard input. "
        "--detail shows every finding, rule, file, condition and the roadmap.",
    },
    "advise --rinci": {
        "id": "Teks: semua temuan, aturan, berkas, syarat dan peta jalan, bukan hanya langkah utama.",
        "en": "Text: every finding, rule, file, condition and the roadmap, not only the main steps.",
    },
    "score": {
        "id": "Cetak skor PROFILE saja (keseluruhan, kategori, cakupan, dimensi).",
        "en": "Print only the score of PROFILE (overall, band, coverage, dimensions).",
    },
    "explain": {
        "id": "Jelaskan alasan setiap rekomendasi (atau RECOMMENDATION saja) dan rincian prioritasnya.",
        "en": "Explain why each recommendation (or RECOMMENDATION) is made and how its priority adds up.",
    },
    # --- rules ---
    "rules": {"id": "Kelola paket aturan.", "en": "Work with rule packs."},
    "rules check": {
        "id": "Laporkan setiap masalah PACK (bawaan: paket yang disertakan): galat, lalu peringatan lint.\n\n"
        "Setiap baris berbentuk 'berkas:baris:kolom: [error|warning] KODE pesan (petunjuk)', diurutkan menurut "
        "berkas dan posisi. Kode keluar 0 bila tidak ada galat, 4 bila ada galat (atau peringatan dengan "
        "--strict), 3 bila sebuah berkas tidak dapat dibaca.",
        "en": "Report every problem of PACK (default: the shipped pack): errors, then lint warnings.\n\n"
        "Each line reads 'file:line:column: [error|warning] CODE message (hint)', sorted by file and position. "
        "Exit code 0 when there is no error, 4 when there are errors (or warnings with --strict), 3 when a file "
        "cannot be read.",
    },
    # --- reports ---
    "report": {
        "id": "Tulis laporan untuk dibaca: skor, grafik, temuan, rekomendasi, peta jalan, data yang belum ada.\n\n"
        "PROFILE_OR_ADVICE berupa profil (YAML atau JSON, '-' untuk masukan standar) atau saran yang disimpan "
        "dengan 'advise --format json'. '-o laporan.html' menulis satu halaman HTML mandiri yang dapat dicetak "
        "di kertas A4; '-o laporan.md' menulis Markdown.",
        "en": "Write a report people read: score, chart, findings, recommendations, roadmap, data gaps.\n\n"
        "PROFILE_OR_ADVICE is a profile (YAML or JSON, '-' for standard input) or an advice saved with "
        "'advise --format json'. '-o report.html' writes one self-contained HTML page that prints on A4; "
        "'-o report.md' writes Markdown.",
    },
    "report --format": {
        "id": "Format laporan; bawaan: dari akhiran berkas keluaran (.html, .md), selain itu markdown.",
        "en": "Report format; default: from the output file's extension (.html, .md), else markdown.",
    },
    # --- input limits (options of the main command) ---
    "--max-bytes": {
        "id": "Ukuran terbesar berkas masukan, dalam bita (bawaan 10485760; variabel ASN_ADVISOR_MAX_BYTES).",
        "en": "Largest input file, in bytes (default 10485760; env ASN_ADVISOR_MAX_BYTES).",
    },
    "--max-depth": {
        "id": "Tingkat bersarang terdalam dalam berkas masukan (bawaan 64; variabel ASN_ADVISOR_MAX_DEPTH).",
        "en": "Deepest nesting of an input file (default 64; env ASN_ADVISOR_MAX_DEPTH).",
    },
    "--max-nodes": {
        "id": "Jumlah nilai terbanyak dalam berkas masukan, setelah alias dijabarkan (bawaan 100000; "
        "variabel ASN_ADVISOR_MAX_NODES).",
        "en": "Most values in an input file, aliases expanded (default 100000; env ASN_ADVISOR_MAX_NODES).",
    },
    # --- narrative reports (advise, score, extract) ---
    "--report": {
        "id": "Baca masukan sebagai laporan naratif (otomatis untuk .txt dan .md).",
        "en": "Read the input as a narrative report (implied for .txt and .md).",
    },
    "extract": {
        "id": "Baca laporan naratif: temuan, angka, dan usulan yang dinyatakannya.\n\n"
        "REPORT berupa teks biasa atau Markdown; '-' membaca masukan standar. Setiap temuan ditampilkan "
        "bersama kalimatnya, posisinya dalam teks, dan pola yang cocok. Dengan -o ditulis profil yang dapat "
        "dipakai 'advise'. Kode keluar 3 bila teks itu bukan laporan evaluasi (berbahasa Inggris, resep, "
        "kosong, biner).",
        "en": "Read a narrative report: the findings, figures and proposals it states.\n\n"
        "REPORT is plain text or Markdown; '-' reads standard input. Every finding is shown with its sentence, "
        "offsets and the pattern that matched. With -o a profile is written that 'advise' accepts. Exit code 3 "
        "when the text is not an evaluation report (English, a recipe, empty, binary).",
    },
    "extract --program-id": {
        "id": "Id program untuk profil yang ditulis dengan -o (bawaan: dari nama berkas).",
        "en": "Program id of the profile written with -o (default: from the file name).",
    },
    # --- rules check, test, diff, init, graph ---
    "rules check --strict": {
        "id": "Peringatan juga dianggap gagal (kode keluar 4).",
        "en": "Warnings fail too (exit 4).",
    },
    "rules check --ignore": {
        "id": "Lewati sebuah pemeriksaan, menurut kodenya (W403) atau namanya (shadowed-rule).",
        "en": "Skip a check, by code (W403) or name (shadowed-rule).",
    },
    "rules test": {
        "id": "Jalankan kasus uji PACK (bagian 'tests:' di pack.yaml) dan contoh-contoh pola ekstraksinya, "
        "lalu laporkan cakupan aturan.\n\n"
        "PACK boleh 'nasional' untuk paket nasional yang terpasang. Kode keluar 0 bila semua kasus lulus, "
        "7 bila ada yang gagal (atau, dengan --require-coverage, bila ada aturan yang tidak dipicu oleh kasus "
        "mana pun), 4 bila paket aturannya sendiri tidak sah.",
        "en": "Run the test cases of PACK (its pack.yaml 'tests:') and the examples of its extraction patterns, "
        "and report coverage.\n\n"
        "PACK may be 'nasional' for the installed national pack. Exit code 0 when every case passes, 7 when "
        "one fails (or, with --require-coverage, when a rule is fired by no case), 4 when the pack itself is "
        "invalid.",
    },
    "rules test -k": {
        "id": "Jalankan hanya kasus uji yang namanya memuat TEXT.",
        "en": "Run only cases whose name contains TEXT.",
    },
    "rules test --require-coverage": {
        "id": "Gagal (kode keluar 7) bila ada aturan paket yang tidak dipicu oleh kasus uji mana pun.",
        "en": "Fail (exit 7) when a rule of the pack is fired by no case.",
    },
    "rules diff": {
        "id": "Tampilkan, profil demi profil, skor, temuan dan rekomendasi yang berubah dari paket aturan OLD "
        "ke paket NEW.\n\nOLD atau NEW boleh 'nasional' untuk paket nasional yang terpasang.",
        "en": "Show, profile by profile, which scores, findings and recommendations change from pack OLD to "
        "pack NEW.\n\nOLD or NEW may be 'nasional' for the installed national pack.",
    },
    "rules diff --profiles": {
        "id": "Direktori profil yang dipakai sebagai bahan perbandingan.",
        "en": "Directory of profiles to compare on.",
    },
    "rules init": {
        "id": "Buat paket aturan daerah NAME yang mewarisi paket nasional, lengkap dengan komentar berbahasa "
        "Indonesia dan kasus uji pertama.",
        "en": "Create a regional pack NAME that extends the national pack, with Indonesian comments and a "
        "first test case.",
    },
    "rules init --dir": {
        "id": "Tempat paket aturan dibuat (bawaan: ./NAME).",
        "en": "Where to create the pack (default: ./NAME).",
    },
    "rules graph": {
        "id": "Ekspor graf pengetahuan PACK (bawaan: paket yang disertakan).\n\n"
        'JSON berupa data node-link: {"nodes": [{"id", "kind"}], "links": [{"source", "target", "relation"}]}.',
        "en": "Export the knowledge graph of PACK (default: the shipped pack).\n\n"
        'JSON is node-link data: {"nodes": [{"id", "kind"}], "links": [{"source", "target", "relation"}]}.',
    },
    "rules graph --view": {
        "id": "full: temuan, rekomendasi, aturan; relations: hanya causes/requires/supports/conflicts_with.",
        "en": "full: findings, recommendations, rules; relations: only causes/requires/supports/conflicts_with.",
    },
    # --- schema ---
    "schema": {
        "id": "Cetak JSON Schema untuk berkas aturan, profil, saran (keluaran JSON) atau kasus uji.",
        "en": "Print the JSON Schema of rule files, profiles, the advice (JSON output) or test cases.",
    },
    "schema --write": {
        "id": "Tulis keempat skema sebagai DIR/NAME.schema.json.",
        "en": "Write all four schemas as DIR/NAME.schema.json.",
    },
    # --- plan and what-if ---
    "plan": {
        "id": "Tampilkan rencana perbaikan PROFILE: fase, prasyarat, hasil cepat, perkiraan kenaikan skor.",
        "en": "Show the improvement plan of PROFILE: phases, prerequisites, quick wins, expected gains.",
    },
    "plan --order": {
        "id": "Urutan dalam satu fase setelah hasil cepat: priority (prioritas) atau gain (perkiraan kenaikan skor).",
        "en": "Order within a phase after quick wins: priority or expected score gain.",
    },
    "whatif": {
        "id": "Tampilkan bagaimana skor, temuan dan rencana perbaikan PROFILE berubah dalam sebuah skenario.\n\n"
        "Contoh: asn-advisor whatif p.yaml --set participation_rate=80 --resolve time_conflict",
        "en": "Show how the score, findings and plan of PROFILE change under a scenario.\n\n"
        "Example: asn-advisor whatif p.yaml --set participation_rate=80 --resolve time_conflict",
    },
    "whatif --set": {
        "id": "Ubah nilai sebuah indikator (dapat diulang; 'null' menghapusnya).",
        "en": "Set an indicator (repeatable; 'null' removes it).",
    },
    "whatif --resolve": {
        "id": "Anggap sebuah temuan sudah teratasi (dapat diulang).",
        "en": "Assume a finding resolved (repeatable).",
    },
    "whatif --order": {
        "id": "Urutan peta jalan: priority (prioritas) atau gain (perkiraan kenaikan skor).",
        "en": "Roadmap order.",
    },
    # --- history ---
    "history": {
        "id": "Riwayat evaluasi dari waktu ke waktu: catat, tren, tindak lanjut, dan dampak rekomendasi.",
        "en": "Evaluations over time: record, trends, follow-up, effect of recommendations.",
    },
    "--db": {
        "id": "Penyimpanan riwayat: berkas SQLite atau URL postgresql:// "
        "(bawaan: $XDG_DATA_HOME/asn-advisor/history.db).",
        "en": "History store: a SQLite file or a postgresql:// URL (default: $XDG_DATA_HOME/asn-advisor/history.db).",
    },
    "history record": {
        "id": "Nilai PROFILE lalu simpan profil, saran, dan versi paket aturan ke dalam riwayat.\n\n"
        "PROFILE berupa profil YAML atau JSON; '-' membaca masukan standar.",
        "en": "Advise PROFILE and store the profile, the advice and the rule pack's version in the history.\n\n"
        "PROFILE is a YAML or JSON profile; '-' reads standard input.",
    },
    "history record --period": {
        "id": "Periode evaluasi, misalnya 2025 (bawaan: program.period).",
        "en": "Period of the evaluation, e.g. 2025 (default: program.period).",
    },
    "history show": {
        "id": "Tampilkan evaluasi PROGRAM dari waktu ke waktu (tanpa PROGRAM: daftar program yang tercatat).",
        "en": "Show PROGRAM's evaluations over time (without PROGRAM: list the programs).",
    },
    "history show --svg": {
        "id": "Tulis juga grafik tren ke berkas SVG ini.",
        "en": "Also write a trend chart to this SVG file.",
    },
    "history status": {
        "id": "Catat tindak lanjut kantor atas RECOMMENDATION yang diberikan kepada PROGRAM.",
        "en": "Record what the office did about RECOMMENDATION made to PROGRAM.",
    },
    "history status --set": {
        "id": "Tindak lanjut atas rekomendasi itu: planned (direncanakan), in_progress (sedang berjalan), "
        "done (selesai) atau dropped (dibatalkan).",
        "en": "What was done about it.",
    },
    "history status --note": {
        "id": "Catatan singkat: apa yang dilakukan, oleh siapa, rujukan dokumen.",
        "en": "A short note: what was done, by whom, a document reference.",
    },
    "history status --period": {
        "id": "Periode evaluasi yang memberikan rekomendasi itu (bawaan: periode terakhir yang memberikannya).",
        "en": "Period of the evaluation that made the recommendation (default: the latest that did).",
    },
    "history effect": {
        "id": "Antarprogram: apa yang berubah setelah setiap rekomendasi, di program yang melaksanakannya "
        "dan yang tidak.",
        "en": "Across programs: what changed after each recommendation, where it was carried out and where not.",
    },
    "history effect --min-programs": {
        "id": "Jumlah program paling sedikit yang boleh menjadi dasar sebuah angka, per kelompok.",
        "en": "Least number of programs a figure may rest on, per group.",
    },
    "history effect --recommendation": {
        "id": "Hanya rekomendasi ini (dapat diulang).",
        "en": "Only this recommendation (repeatable).",
    },
}


def text(key: str, lang: str) -> str:
    """The help text ``key`` in ``lang`` (Indonesian when ``lang`` lacks it)."""
    entry = HELP[key]
    return entry.get(lang) or entry[DEFAULT_LANG]


def lang_from_args(args: Sequence[str]) -> str:
    """The language asked for by ``--lang X`` / ``--lang=X`` anywhere, else the environment."""
    chosen: str | None = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            chosen = args[index + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    chosen = (chosen or os.environ.get("ASN_ADVISOR_LANG") or DEFAULT_LANG).strip().lower()
    return chosen if chosen in ("id", "en") else DEFAULT_LANG


def _option_name(param: click.Parameter) -> str:
    """The long name of an option (``--format``), or its first name."""
    names = [*param.opts, *param.secondary_opts]
    longs = [n for n in names if n.startswith("--")]
    return longs[0] if longs else names[0]


def walk(command: click.Command, path: str = "") -> Iterator[tuple[str, click.Command]]:
    """Every command of the tree with its path (``""`` for the main command)."""
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from walk(command.commands[name], f"{path} {name}".strip())


def help_keys(root: click.Command) -> dict[str, list[str]]:
    """For each help text the tree needs, the catalog keys that would give it (first wins)."""
    needed: dict[str, list[str]] = {}
    for path, command in walk(root):
        needed[f"command {path or '(main)'}"] = [path]
        for param in command.params:
            if isinstance(param, click.Option):
                option = _option_name(param)
                needed[f"option {path} {option}".replace("  ", " ")] = [f"{path} {option}".strip(), option]
    needed["option --help"] = ["--help"]
    return needed


def apply_help(root: click.Command, lang: str) -> None:
    """Write the help texts of ``lang`` into every command and option of ``root``."""
    for path, command in walk(root):
        if path in HELP:
            command.help = text(path, lang)
            # Let click derive the one-line summary from the help of this language.
            command.short_help = None
        for param in command.params:
            if isinstance(param, click.Option):
                option = _option_name(param)
                for key in (f"{path} {option}".strip(), option):
                    if key in HELP:
                        param.help = text(key, lang)
                        break
