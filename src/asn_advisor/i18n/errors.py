"""Indonesian for the library's error messages, without rewriting the loaders.

The loaders (``_yaml``, ``rulepack``, ``profile``, ``condition``) raise their
messages in English, where they are made; they are tested in English and
other code may read them.  Rather than thread a language through every
loader, the CLI translates a message when it prints it:
:func:`translate` matches the text against :data:`ERRORS`, a table keyed by
the English *template* (``{name}`` marks a value), and fills the Indonesian
template with the same values.  Values are translated too when they are
themselves a message (``"expected {what}"`` inside ``"{message}, found
{found}"``).

Adding a message to a loader needs one line here; ``tests/test_i18n.py``
scans the source for message templates and fails when one has no entry
(``python -m tests.i18n_scan`` prints the missing ones).  A message that is
somehow missed is printed in English, never dropped.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

__all__ = ["ERRORS", "catalog_templates", "translate"]

# English template -> Indonesian template.  Placeholder names are free, but
# the same names must appear on both sides; {{ and }} are literal braces.
ERRORS: dict[str, str] = {
    # --- batch ---
    "the CSV header has no 'id' column": "judul CSV tidak memiliki kolom 'id'",
    "name the program id column 'id'": "beri nama 'id' pada kolom id program",
    "input not found": "masukan tidak ditemukan",
    "give a directory of profiles, a .jsonl or a .csv file": "berikan direktori berisi profil, berkas .jsonl atau berkas .csv",
    "not a directory": "bukan direktori",
    "cannot read the input: {reason}": "masukan tidak dapat dibaca: {reason}",
    "the CSV file has no header row": "berkas CSV tidak memiliki baris judul",
    "the first row names the columns: id, indicators, findings": "baris pertama menamai kolom: id, indikator, findings",
    "column {column} appears twice": "kolom {column} muncul dua kali",
    "the file is not UTF-8 text": "berkas ini bukan teks UTF-8",
    "save it as UTF-8": "simpan sebagai UTF-8",
    "CSV syntax error: {reason}": "kesalahan sintaks CSV: {reason}",
    "the row has {cells} cells but the header names {columns} columns": "baris ini berisi {cells} sel, padahal judul menamai {columns} kolom",
    "unknown column {column}": "kolom {column} tidak dikenal",
    "columns: id, name, region, type, period, program.X, findings, and indicator ids": "kolom: id, name, region, type, period, program.X, findings, dan id indikator",
    "column {column}: {name} has no part {part}": "kolom {column}: {name} tidak memiliki bagian {part}",
    "only map indicators (keys) and ratings (.scale) take a part after the dot": "hanya indikator map (kunci) dan rating (.scale) yang boleh memiliki bagian setelah titik",
    "the row has {count} error(s)": "baris ini memiliki {count} galat",
    "internal error on this record: {kind}: {error}": "kesalahan internal pada entri ini: {kind}: {error}",
    "line {number} is not an advice written by batch": "baris {number} bukan saran yang ditulis oleh batch",
    "please report it with the record": "mohon laporkan bersama entri tersebut",
    "JSON syntax error: {reason} (column {column})": "kesalahan sintaks JSON: {reason} (kolom {column})",
    "the line is nested too deeply": "baris ini bersarang terlalu dalam",
    "the line is longer than the limit of {limit} characters": "baris ini lebih panjang dari batas {limit} karakter",
    "raise ASN_ADVISOR_MAX_BYTES if the profile is genuine": "naikkan ASN_ADVISOR_MAX_BYTES bila profilnya memang asli",
    "the row has more than {limit} errors; checking stopped after the first {count}": (
        "baris ini memiliki lebih dari {limit} galat; pemeriksaan dihentikan setelah {count} galat pertama"
    ),
    "line {line} is longer than the limit of {limit} bytes": "baris {line} lebih panjang dari batas {limit} bita",
    "check for a quote that is never closed, or raise ASN_ADVISOR_MAX_BYTES": (
        "periksa tanda kutip yang tidak pernah ditutup, atau naikkan ASN_ADVISOR_MAX_BYTES"
    ),
    "a quote opened on this row is never closed, or text follows a closing quote": (
        "tanda kutip yang dibuka pada baris ini tidak pernah ditutup, atau ada teks setelah tanda kutip penutup"
    ),
    "the record was not advised: a worker process was lost": "rekaman ini tidak dinilai: sebuah proses pekerja hilang",
    "records from line {first} to line {last} were not advised: a worker process was lost": (
        "rekaman dari baris {first} sampai baris {last} tidak dinilai: sebuah proses pekerja hilang"
    ),
    "a worker process stopped unexpectedly (killed, or out of memory); {count} record(s) in progress failed": (
        "sebuah proses pekerja berhenti tiba-tiba (dimatikan, atau kehabisan memori); {count} rekaman yang sedang diproses gagal"
    ),
    "nothing was written; run again, with fewer --jobs if memory is short": (
        "tidak ada yang ditulis; jalankan lagi, dengan --jobs lebih sedikit bila memori kurang"
    ),
    # --- the Python API given None, a wrong type or an invalid model ---
    "expected a path, '-' or a binary stream, got {kind}": "diharapkan jalur, '-' atau aliran biner, diberi {kind}",
    "give the file name of the profile or pack": "berikan nama berkas profil atau paket",
    "lang must be 'id' or 'en'": "lang harus 'id' atau 'en'",
    "advise_many() needs an iterable of profiles, got {kind}": "advise_many() memerlukan kumpulan profil, diberi {kind}",
    "a list of Profile objects or profile mappings": "daftar objek Profile atau pemetaan profil",
    "advise_many() needs a RulePack, got {kind}": "advise_many() memerlukan RulePack, diberi {kind}",
    "advise() needs a RulePack, got {kind}": "advise() memerlukan RulePack, diberi {kind}",
    "load one with load_rules()": "muat dengan load_rules()",
    "advise() needs a Profile, got {kind}": "advise() memerlukan Profile, diberi {kind}",
    "read one with load_profile(path) or Profile.model_validate(mapping)": (
        "baca dengan load_profile(path) atau Profile.model_validate(mapping)"
    ),
    "the profile or rule pack is not in a valid state: {kind}: {error}": (
        "profil atau paket aturan tidak dalam keadaan sah: {kind}: {error}"
    ),
    "load them with load_profile and load_rules, and change them only through validated models": (
        "muat dengan load_profile dan load_rules, dan ubah hanya melalui model yang divalidasi"
    ),
    "the profile is not valid: {where}: {reason}": "profil tidak sah: {where}: {reason}",
    "a profile changed after loading must still be a valid profile": (
        "profil yang diubah setelah dimuat harus tetap profil yang sah"
    ),
    "render() needs an Advice, got {kind}": "render() memerlukan Advice, diberi {kind}",
    "make one with advise()": "buat dengan advise()",
    "unknown format {name}": "format {name} tidak dikenal",
    "the advice is not in a valid state: {kind}: {error}": "saran tidak dalam keadaan sah: {kind}: {error}",
    "render the advice as advise() returned it": "tampilkan saran sebagaimana dikembalikan advise()",
    # --- reading files (_yaml.py, _io.py) ---
    "is a directory": "adalah direktori",
    "the output directory does not exist": "direktori keluaran tidak ada",
    "is a directory, not a file": "adalah direktori, bukan berkas",
    "give a file": "berikan sebuah berkas",
    "file is {size} bytes, over the limit of {limit}": "berkas berukuran {size} bita, melebihi batas {limit}",
    "file not found": "berkas tidak ditemukan",
    "check the path": "periksa jalurnya",
    "permission denied": "akses ditolak",
    "cannot read: {reason}": "tidak dapat dibaca: {reason}",
    "input is over the limit of {limit} bytes": "masukan melebihi batas {limit} bita",
    "raise ASN_ADVISOR_MAX_BYTES if the file is genuine": "naikkan ASN_ADVISOR_MAX_BYTES bila berkas ini memang benar",
    "looks like a binary file (it contains NUL bytes)": "tampaknya berkas biner (berisi bita NUL)",
    "give a UTF-8 text file": "berikan berkas teks UTF-8",
    "not valid UTF-8 (byte 0x{byte})": "bukan UTF-8 yang sah (bita 0x{byte})",
    "the number {value} is hexadecimal or binary": "angka {value} ditulis dalam heksadesimal atau biner",
    "write the number in decimal": "tulis angka dalam desimal",
    "{value} is a base-60 number to YAML (1:10 reads as 70)": "{value} adalah angka basis 60 bagi YAML (1:10 dibaca 70)",
    "quote it if it is a time or a ratio ('1:10'), or write the number in decimal": (
        "beri tanda kutip bila itu waktu atau rasio ('1:10'), atau tulis angkanya dalam desimal"
    ),
    "the number {value} has '_' between its digits": "angka {value} memiliki '_' di antara digitnya",
    "write the number without '_'": "tulis angka tanpa '_'",
    "the number {value} starts with 0, which YAML reads as octal": "angka {value} diawali 0, yang dibaca YAML sebagai oktal",
    "write it without the leading 0, or quote it if it is a code ('075')": (
        "tulis tanpa 0 di depan, atau beri tanda kutip bila itu sebuah kode ('075')"
    ),
    "the number has {count} digits, more than the {limit} a number may have": (
        "angka ini memiliki {count} digit, lebih dari {limit} digit yang diizinkan"
    ),
    "no indicator needs such a number; check the value": "tidak ada indikator yang memerlukan angka seperti itu; periksa nilainya",
    "save the file as UTF-8": "simpan berkas sebagai UTF-8",
    "a mapping key must be a plain value, not a list or mapping": "kunci pemetaan harus berupa nilai biasa, bukan daftar atau pemetaan",
    "a mapping key cannot be NaN": "kunci pemetaan tidak boleh NaN",
    "key {key} is defined twice in this mapping (first at line {line})": "kunci {key} didefinisikan dua kali dalam pemetaan ini (pertama di baris {line})",
    "remove or rename one of them; only one value can count": "hapus atau ganti nama salah satunya; hanya satu nilai yang berlaku",
    "document has more than {count} values": "dokumen berisi lebih dari {count} nilai",
    "raise ASN_ADVISOR_MAX_NODES if genuine": "naikkan ASN_ADVISOR_MAX_NODES bila memang benar",
    "YAML merge keys (<<) are not supported": "kunci gabungan YAML (<<) tidak didukung",
    "write the keys out": "tuliskan kunci-kuncinya satu per satu",
    "YAML tag {tag} is not allowed": "tag YAML {tag} tidak diizinkan",
    "write plain values without ! tags": "tulis nilai biasa tanpa tag !",
    "cannot read value {value}: {reason}": "nilai {value} tidak dapat dibaca: {reason}",
    "unknown alias *{alias}": "alias *{alias} tidak dikenal",
    "aliases expand the document past {count} values": "alias memperbesar dokumen melebihi {count} nilai",
    "this looks like an alias bomb; write the values out": "ini tampak seperti bom alias; tuliskan nilainya satu per satu",
    "file holds more than one YAML document": "berkas berisi lebih dari satu dokumen YAML",
    "keep one document per file (remove '---')": "simpan satu dokumen per berkas (hapus '---')",
    "a value contains ': ' without quotes": "sebuah nilai memuat ': ' tanpa tanda petik",
    "write the key as a word or a number": "tulis kuncinya sebagai kata atau angka",
    "a backslash inside double quotes starts an unknown escape": "garis miring terbalik di dalam tanda petik ganda memulai urutan escape yang tidak dikenal",
    "use single quotes, or write two backslashes": "gunakan tanda petik tunggal, atau tulis dua garis miring terbalik",
    "'*' must be followed by the name of an anchor": "'*' harus diikuti nama sebuah jangkar",
    "put a value that starts with '*' in quotes": "apit dengan tanda petik nilai yang diawali '*'",
    "'&' must be followed by a name": "'&' harus diikuti sebuah nama",
    "put a value that starts with '&' in quotes": "apit dengan tanda petik nilai yang diawali '&'",
    "put the value in quotes": "apit nilai itu dengan tanda petik",
    "a key has no ':' after it": "sebuah kunci tidak diikuti ':'",
    "a quote is opened but never closed": "tanda petik dibuka tetapi tidak ditutup",
    "close the quote on the same value": "tutup tanda petik pada nilai yang sama",
    "a '[' is not closed by ']'": "tanda '[' tidak ditutup dengan ']'",
    "close each bracket, or quote a value with brackets": "tutup setiap kurung, atau apit dengan tanda petik nilai yang memuat kurung",
    "a '{{' is not closed by '}}'": "tanda '{{' tidak ditutup dengan '}}'",
    "close each brace, or quote a value with braces": "tutup setiap kurung kurawal, atau apit dengan tanda petik nilai yang memuat kurung kurawal",
    "a '[' or '{{' is not closed": "tanda '[' atau '{{' tidak ditutup",
    "a value starts with a character YAML reserves": "sebuah nilai diawali karakter yang dicadangkan YAML",
    "the indentation does not line up": "indentasi tidak sejajar",
    "align keys of one level at the same column": "tulis kunci yang setingkat pada kolom yang sama",
    "a list item is not aligned with the others": "butir daftar tidak sejajar dengan butir lainnya",
    "align the '-' of one list": "sejajarkan tanda '-' dalam satu daftar",
    "the file holds a control character (U+{code}) that YAML does not allow": "berkas memuat karakter kendali (U+{code}) yang tidak diizinkan YAML",
    "remove the character or save the text again": "hapus karakter itu atau simpan ulang teksnya",
    "a tab is used for indentation": "indentasi memakai tab",
    "indent with spaces": "gunakan spasi untuk indentasi",
    "the YAML is not well-formed here": "susunan YAML tidak benar di sini",
    "check the indentation, quotes and brackets at this point and the line before": "periksa indentasi, tanda petik, dan kurung di titik ini dan di baris sebelumnya",
    "the JSON is not well-formed here": "susunan JSON tidak benar di sini",
    "check the quotes, commas and brackets at this point": "periksa tanda petik, koma, dan kurung di titik ini",
    "YAML error: {detail}": "galat YAML: {detail}",
    "put quotes around a value that contains ': '": "beri tanda kutip pada nilai yang berisi ': '",
    "indent with spaces, not tabs": "gunakan spasi untuk indentasi, bukan tab",
    "each key needs a ':' after it": "setiap kunci perlu ':' sesudahnya",
    "document is nested deeper than {limit} levels": "dokumen bersarang lebih dalam dari {limit} tingkat",
    "raise ASN_ADVISOR_MAX_DEPTH if genuine": "naikkan ASN_ADVISOR_MAX_DEPTH bila memang benar",
    "JSON syntax error: {detail}": "galat sintaks JSON: {detail}",
    "document is nested too deeply": "dokumen bersarang terlalu dalam",
    "key {key} is defined twice in one object": "kunci {key} didefinisikan dua kali dalam satu objek",
    "remove one of them": "hapus salah satunya",
    # --- the command line (cli.py) ---
    "recommendation {id} is not in the advice for this profile": "rekomendasi {id} tidak ada dalam saran untuk profil ini",
    "recommended: {ids}": "yang direkomendasikan: {ids}",
    # --- the condition language (condition/) ---
    "compare it, e.g. participation_rate < 60": "bandingkan, misalnya participation_rate < 60",
    "the condition must give {wanted}, but it gives {kind}": "kondisi harus menghasilkan {wanted}, tetapi menghasilkan {kind}",
    "true or false": "benar atau salah",
    "a number": "angka",
    "true/false": "benar/salah",
    "a text": "teks",
    "a list": "daftar",
    "a group of values": "kelompok nilai",
    "unsupported expression": "ungkapan tidak didukung",
    "compare the number, e.g. participation_rate < 60": "bandingkan angkanya, misalnya participation_rate < 60",
    "remove the quotes around a number": "hapus tanda kutip di sekitar angka",
    "{where} needs {wanted}, but this is {got}": "{where} memerlukan {wanted}, tetapi ini {got}",
    "'{op}' needs a list on its right": "'{op}' memerlukan daftar di sebelah kanannya",
    'e.g. "donor" in funding_sources': 'misalnya "donor" in funding_sources',
    "'{op}' needs a text or a number on its left": "'{op}' memerlukan teks atau angka di sebelah kirinya",
    "'{op}' cannot compare {kind}": "'{op}' tidak dapat membandingkan {kind}",
    "use 'in', count() or len()": "gunakan 'in', count() atau len()",
    "'{op}' compares numbers, but this is {kind}": "'{op}' membandingkan angka, tetapi ini {kind}",
    "'{op}' compares {left} with {right}": "'{op}' membandingkan {left} dengan {right}",
    "both sides must be of the same kind": "kedua sisi harus sejenis",
    "{value} is not a value of {name}": "{value} bukan nilai dari {name}",
    "did you mean {suggestion}?": "maksud Anda {suggestion}?",
    "values: {values}": "nilai: {values}",
    "unknown function {name}": "fungsi {name} tidak dikenal",
    "functions: {names}": "fungsi: {names}",
    "{function}() takes {expected} argument(s), got {count}": "{function}() menerima {expected} argumen, diberi {count}",
    "write the finding id without quotes": "tulis id temuan tanpa tanda kutip",
    "has({id})": "has({id})",
    "has() takes a finding id": "has() menerima id temuan",
    "e.g. has(time_conflict)": "misalnya has(time_conflict)",
    "unknown finding {id}": "temuan {id} tidak dikenal",
    "finding ids are defined under findings:": "id temuan didefinisikan di bawah findings:",
    'the severity must be "low", "medium" or "high"': 'tingkat keparahan harus "low", "medium" atau "high"',
    "{function}() takes an indicator name": "{function}() menerima nama indikator",
    "{function}() takes a list": "{function}() menerima daftar",
    'e.g. count(funding_sources, ["donor"])': 'misalnya count(funding_sources, ["donor"])',
    "count() takes a list of values as its second argument": "count() menerima daftar nilai sebagai argumen kedua",
    'e.g. ["university", "donor"]': 'misalnya ["university", "donor"]',
    "a list must hold values of one kind": "daftar harus berisi nilai yang sejenis",
    "{name} is a finding, not an indicator": "{name} adalah temuan, bukan indikator",
    "write has({name})": "tulis has({name})",
    "unknown key {key} of {name}": "kunci {key} dari {name} tidak dikenal",
    "did you mean {name}.{key}?": "maksud Anda {name}.{key}?",
    "known keys: {keys}": "kunci yang dikenal: {keys}",
    "unknown name {name}": "nama {name} tidak dikenal",
    "names are indicator ids of the pack": "nama adalah id indikator dalam paket",
    "expected {what}": "seharusnya {what}",
    "end of condition": "akhir kondisi",
    "use a dot for decimals: 0.34, not 0,34": "gunakan titik untuk desimal: 0.34, bukan 0,34",
    "two operators in a row": "dua operator berturut-turut",
    "{message}, found {found}": "{message}, ditemukan {found}",
    "the condition is empty": "kondisi kosong",
    "write a condition such as: participation_rate < 60": "tulis kondisi seperti: participation_rate < 60",
    "join conditions with 'and' or 'or'": "gabungkan kondisi dengan 'and' atau 'or' ('dan' atau 'atau')",
    "a comparison cannot be chained; write: 10 < x and x < 20": "perbandingan tidak dapat dirangkai; tulis: 10 < x and x < 20",
    "unexpected {token}": "{token} tidak diharapkan di sini",
    "the condition is nested deeper than {limit} levels": "kondisi bersarang lebih dalam dari {limit} tingkat",
    "number is out of range": "angka di luar jangkauan",
    "expected ')'": "seharusnya ')'",
    "expected a value, a name or '('": "seharusnya nilai, nama atau '('",
    "expected ',' or ')'": "seharusnya ',' atau ')'",
    "a list holds only numbers, texts, true or false": "daftar hanya berisi angka, teks, true atau false",
    "expected ',' or ']'": "seharusnya ',' atau ']'",
    "a condition must be text": "kondisi harus berupa teks",
    "put the condition in quotes": "beri tanda kutip pada kondisi",
    "the condition is longer than {limit} characters": "kondisi lebih panjang dari {limit} karakter",
    "split it into several rules": "pecah menjadi beberapa aturan",
    "write percentages as plain numbers: participation_rate < 60": "tulis persentase sebagai angka biasa: participation_rate < 60",
    "use == to compare for equality": "gunakan == untuk membandingkan kesamaan",
    "write 'and' / 'or' (or 'dan' / 'atau')": "tulis 'and' / 'or' (atau 'dan' / 'atau')",
    "write 'not' (or 'tidak'), or != for 'not equal'": "tulis 'not' (atau 'tidak'), atau != untuk 'tidak sama dengan'",
    "close the text with the same quote on the same line": "tutup teks dengan tanda kutip yang sama pada baris yang sama",
    "names use plain letters a-z, digits and _; check for look-alike characters": "nama memakai huruf biasa a-z, angka dan _; periksa karakter yang mirip",
    "unexpected character {char}": "karakter {char} tidak diharapkan",
    # --- profiles (profile.py) ---
    "the profile is empty": "profil kosong",
    "a profile needs program:, indicators: and findings:": "profil memerlukan program:, indicators: dan findings:",
    "a profile must be a mapping with program, indicators and findings": "profil harus berupa pemetaan dengan program, indicators dan findings",
    "the profile has {count} error(s)": "profil memiliki {count} galat",
    "it contains characters that only look like plain letters: {chars}": "berisi karakter yang hanya mirip huruf biasa: {chars}",
    "finding ids are listed by 'asn-advisor rules show'": "id temuan dapat dilihat dengan 'asn-advisor rules show'",
    "indicator ids are listed by 'asn-advisor rules show'": "id indikator dapat dilihat dengan 'asn-advisor rules show'",
    "unknown indicator {name}": "indikator {name} tidak dikenal",
    "{name} must be true or false, got {value}": "{name} harus true atau false, diberi {value}",
    "write true or false": "tulis true atau false",
    "{name} must be a list of values": "{name} harus berupa daftar nilai",
    "e.g. [{values}]": "misalnya [{values}]",
    "{name} must map keys to percentages": "{name} harus memetakan kunci ke persentase",
    "e.g. {{{key}: 35}}": "misalnya {{{key}: 35}}",
    "keys: {keys}": "kunci: {keys}",
    "{name}.{key} must be a finite number, got {value}": "{name}.{key} harus angka terhingga, diberi {value}",
    "{name}.{key} is {value}, but a percentage is between 0 and 100": "{name}.{key} bernilai {value}, padahal persentase antara 0 dan 100",
    '{name} must be a number 0..100 or {{value: V, scale: "1-4"}}': '{name} harus angka 0..100 atau {{value: V, scale: "1-4"}}',
    "unknown rating scale {scale}": "skala penilaian {scale} tidak dikenal",
    "scales: {scales}": "skala: {scales}",
    "{name} is {value}, outside its scale {scale}": "{name} bernilai {value}, di luar skalanya {scale}",
    "{name} must be a number, got {value}": "{name} harus angka, diberi {value}",
    "remove quotes or units such as '%'": "hapus tanda kutip atau satuan seperti '%'",
    "{name} must be a finite number, got {value}": "{name} harus angka terhingga, diberi {value}",
    "leave the indicator out when it is not known": "jangan isi indikator bila nilainya tidak diketahui",
    "{name} is {value}: is that on a 1-4 or 1-5 scale?": "{name} bernilai {value}: apakah itu skala 1-4 atau 1-5?",
    'write {{value: {value}, scale: "1-4"}} (or "1-5"), or convert it to 0..100': 'tulis {{value: {value}, scale: "1-4"}} (atau "1-5"), atau ubah ke 0..100',
    "a percentage": "persentase",
    "a rating": "nilai penilaian",
    "{name} is {value}, but {unit} must be between {low} and {high}": "{name} bernilai {value}, padahal {unit} harus antara {low} dan {high}",
    "{name} is {value}, out of range": "{name} bernilai {value}, di luar jangkauan",
    # --- rule packs (rulepack.py) ---
    "an include must be a file name": "include harus berupa nama berkas",
    "include {pattern} is an absolute path; includes must stay inside the pack": "include {pattern} adalah jalur mutlak; include harus tetap di dalam paket",
    "write a path relative to pack.yaml": "tulis jalur relatif terhadap pack.yaml",
    "include {pattern} leaves the pack directory": "include {pattern} keluar dari direktori paket",
    "keep every file of the pack inside its directory": "simpan setiap berkas paket di dalam direktorinya",
    "include {pattern}: file not found": "include {pattern}: berkas tidak ditemukan",
    "include {pattern} resolves outside the pack (through a link)": "include {pattern} mengarah ke luar paket (melalui tautan)",
    "copy the file into the pack instead of linking it": "salin berkas ke dalam paket, jangan ditautkan",
    "allowed keys: {keys}": "kunci yang diizinkan: {keys}",
    'a comma inside {{ }} starts a new key: put quotes around text that has commas, e.g. {{id: "a, b", en: "a, b"}}': 'koma di dalam {{ }} memulai kunci baru: beri tanda kutip pada teks yang berisi koma, misalnya {{id: "a, b", en: "a, b"}}',
    "unknown key {key}": "kunci {key} tidak dikenal",
    "required key {key} is missing": "kunci wajib {key} tidak ada",
    "add {key}: ...": "tambahkan {key}: ...",
    "{value} is not allowed here; expected {expected}": "{value} tidak diizinkan di sini; seharusnya {expected}",
    "{value} is not a valid id": "{value} bukan id yang sah",
    "use lowercase letters, digits and '-' (for example partisipasi-rendah)": "gunakan huruf kecil, angka dan '-' (misalnya partisipasi-rendah)",
    "expected a number, got {value}": "seharusnya angka, diberi {value}",
    "expected true or false, got {value}": "seharusnya true atau false, diberi {value}",
    "expected a mapping of keys and values here": "di sini seharusnya pemetaan kunci dan nilai",
    "expected a list here": "di sini seharusnya daftar",
    "write items on lines starting with '- ' or as [a, b]": "tulis butir pada baris yang diawali '- ' atau sebagai [a, b]",
    "no pack.yaml found: this is not a rule pack directory": "pack.yaml tidak ditemukan: ini bukan direktori paket aturan",
    "give the directory that holds pack.yaml, or create one with 'asn-advisor rules init'": "berikan direktori yang berisi pack.yaml, atau buat dengan 'asn-advisor rules init'",
    "the file is empty": "berkas kosong",
    "a pack file holds sections such as findings: or derive:": "berkas paket berisi bagian seperti findings: atau derive:",
    "a pack file must be a mapping of sections": "berkas paket harus berupa pemetaan bagian-bagian",
    "sections: {sections}": "bagian: {sections}",
    "{key} belongs in pack.yaml only": "{key} hanya boleh ada di pack.yaml",
    "the rule pack has {count} error(s)": "paket aturan memiliki {count} galat",
    "{kind} {id} is defined twice (first at {where})": "{kind} {id} didefinisikan dua kali (pertama di {where})",
    "keep one definition": "pertahankan satu definisi",
    "unknown section {name}": "bagian {name} tidak dikenal",
    "id {id} must be text": "id {id} harus berupa teks",
    "pack.yaml needs a 'pack:' section with id and version": "pack.yaml memerlukan bagian 'pack:' dengan id dan version",
    'pack: {{id: nasional, version: "1"}}': 'pack: {{id: nasional, version: "1"}}',
    "'scoring' is defined twice (first in {file})": "'scoring' didefinisikan dua kali (pertama di {file})",
    "the pack has no 'scoring' section": "paket tidak memiliki bagian 'scoring'",
    "define scales, bands and severity_factors": "definisikan scales, bands dan severity_factors",
    "indicator {name} of type map needs 'keys'": "indikator {name} berjenis map memerlukan 'keys'",
    "indicator {name} of type list needs 'values'": "indikator {name} berjenis list memerlukan 'values'",
    "bands must be listed from the highest min to the lowest": "kategori (bands) harus diurutkan dari min tertinggi ke terendah",
    "the last band must start at min: 0 so every score has a band": "kategori terakhir harus mulai dari min: 0 agar setiap skor punya kategori",
    "unknown dimension {name}": "dimensi {name} tidak dikenal",
    "dimensions: {names}": "dimensi: {names}",
    "a metric needs exactly one of 'indicator' or 'expr'": "metrik memerlukan tepat satu dari 'indicator' atau 'expr'",
    "unknown or unscorable indicator {name}": "indikator {name} tidak dikenal atau tidak dapat dinilai",
    "metric {name} is true/false: give a map such as {{true: 100, false: 0}}": "metrik {name} bernilai benar/salah: berikan map seperti {{true: 100, false: 0}}",
    "dimension {name} has no primary metric, so it can never be scored": "dimensi {name} tidak memiliki metrik utama, sehingga tidak pernah dapat dinilai",
    "mark one metric with primary: true": "tandai satu metrik dengan primary: true",
    "rule id {id} is used twice (first at {where})": "id aturan {id} dipakai dua kali (pertama di {where})",
    "every rule needs its own id": "setiap aturan memerlukan id sendiri",
    "unknown recommendation {id}": "rekomendasi {id} tidak dikenal",
    "recommendation ids are defined under recommendations:": "id rekomendasi didefinisikan di bawah recommendations:",
    "rule {id} addresses no finding": "aturan {id} tidak menjawab temuan apa pun",
    "add addresses: [finding_id], or test a finding with has(...)": "tambahkan addresses: [finding_id], atau uji temuan dengan has(...)",
    "derivation rules form a cycle through the findings they produce and read: {members}": "aturan turunan membentuk siklus melalui temuan yang dihasilkan dan dibacanya: {members}",
    "break the cycle: a rule cannot depend, directly or not, on its own finding": "putus siklusnya: aturan tidak boleh bergantung, langsung atau tidak, pada temuannya sendiri",
    # --- limits, output and look-alikes (_yaml.py, _io.py, _lookalike.py) ---
    "the alias *{alias} nests the document deeper than {limit} levels": "alias *{alias} membuat dokumen bersarang lebih dalam dari {limit} tingkat",
    "a number has more than 4300 digits": "ada angka yang lebih dari 4300 digit",
    "write a finite number of ordinary size, or leave the value out": "tulis angka terhingga dengan ukuran wajar, atau hilangkan nilainya",
    "raise it with --max-{limit} or ASN_ADVISOR_MAX_{env} if the file is genuine": "naikkan dengan --max-{limit} atau ASN_ADVISOR_MAX_{env} bila berkas ini memang benar",
    "cannot write here: {reason}": "tidak dapat menulis di sini: {reason}",
    "cannot write to standard output: {reason}": "tidak dapat menulis ke keluaran standar: {reason}",
    "malformed PostgreSQL URL: its host or port cannot be read": (
        "URL PostgreSQL salah bentuk: host atau port-nya tidak dapat dibaca"
    ),
    "malformed PostgreSQL URL: it contains spaces or control characters": (
        "URL PostgreSQL salah bentuk: berisi spasi atau karakter kendali"
    ),
    "write postgresql://USER:PASSWORD@HOST:PORT/DATABASE, with special characters of the password %-encoded": (
        "tulis postgresql://USER:PASSWORD@HOST:PORT/DATABASE, dengan karakter khusus pada kata sandi dikodekan dengan %"
    ),
    "the reader closed the pipe": "pembacanya menutup pipa",
    "check the disk or the command reading the output, or write to a file with -o": (
        "periksa disk atau perintah yang membaca keluaran, atau tulis ke berkas dengan -o"
    ),
    "standard input is closed": "masukan standar tertutup",
    "give a file, or pipe the input into the command": "berikan sebuah berkas, atau alirkan masukan ke perintah ini",
    "the output is not a regular file (a device, a pipe or a socket)": "keluaran bukan berkas biasa (perangkat, pipa, atau soket)",
    "name a regular file, or leave out -o to write to standard output": "sebutkan berkas biasa, atau hilangkan -o agar ditulis ke keluaran standar",
    "cannot write the output: {reason}": "keluaran tidak dapat ditulis: {reason}",
    "{hint}; did you mean {name}?": "{hint}; maksud Anda {name}?",
    "it contains {what}": "berisi {what}",
    "look-alike characters: {chars}": "karakter yang hanya mirip huruf biasa: {chars}",
    # --- the command line and the condition language (cli.py, condition/) ---
    "{hint}; recommended: {ids}": "{hint}; yang direkomendasikan: {ids}",
    "names use plain letters a-z, digits and _": "nama memakai huruf biasa a-z, angka dan _",
    "names use plain letters a-z, digits and _; found {chars}": "nama memakai huruf biasa a-z, angka dan _; ditemukan {chars}",
    # --- what-if scenarios (plan.py) ---
    "--set {name}: unknown indicator": "--set {name}: indikator tidak dikenal",
    "indicator ids are listed in the rule pack's indicators": "id indikator tercantum di bagian indicators paket aturan",
    "--resolve {id}: unknown finding": "--resolve {id}: temuan tidak dikenal",
    "finding ids are listed in the rule pack's findings": "id temuan tercantum di bagian findings paket aturan",
    "--resolve {id}: the profile has no such finding": "--resolve {id}: profil tidak memiliki temuan tersebut",
    "present findings: {ids}": "temuan yang ada: {ids}",
    # --- the history store (history.py, _history_sql.py) ---
    "another program kept the store locked for more than {seconds} s; try again": "program lain mengunci penyimpanan riwayat lebih dari {seconds} detik; coba lagi",
    "it is not an asn-advisor history store; use another --db": "ini bukan penyimpanan riwayat asn-advisor; gunakan --db yang lain",
    "{count} program(s) recorded; 'asn-advisor history show' without a program lists them": "{count} program tercatat; 'asn-advisor history show' tanpa nama program menampilkan daftarnya",
    "the store is empty; record an evaluation with 'asn-advisor history record PROFILE'": "penyimpanan riwayat masih kosong; catat evaluasi dengan 'asn-advisor history record PROFILE'",
    # --- rule packs: new-pack names, test cases, extraction patterns (authoring.py, casetest.py, extract.py) ---
    # The name error of 'rules init' is already bilingual ("<id> / <en>: 'name'"),
    # and its hint is a pair of example names: the same in both languages.
    "{indonesian} / {english}: {name}": "{indonesian} / {english}: {name}",
    "{indonesian} / {english}": "{indonesian} / {english}",
    "jabar, kota-binjai": "jabar, kota-binjai",
    "cases: [{{name: ..., expect: {{...}}}}]": "cases: [{{name: ..., expect: {{...}}}}]",
    "a case file holds only cases:": "berkas kasus uji hanya berisi cases:",
    "pattern id {id} is used twice (first at {where})": "id pola {id} dipakai dua kali (pertama di {where})",
    "every pattern needs its own id": "setiap pola memerlukan id sendiri",
    "unknown {kind} id {id} in pattern {pattern}": "id {kind} {id} dalam pola {pattern} tidak dikenal",
    "{kind} are defined under {section}: in the pack": "id {kind} didefinisikan di bawah {section}: dalam paket",
    # --- the knowledge graph (graph.py) ---
    "findings form a cycle through 'causes': {members}": "temuan membentuk siklus melalui 'causes': {members}",
    "a finding cannot cause itself, directly or through others: remove one of these causes": "temuan tidak dapat menjadi penyebab dirinya sendiri, langsung atau melalui temuan lain: hapus salah satu causes ini",
    "recommendations form a cycle through 'requires': {members}": "rekomendasi membentuk siklus melalui 'requires': {members}",
    "a prerequisite must be doable before what needs it: remove one of these requires": "prasyarat harus dapat dilaksanakan sebelum rekomendasi yang memerlukannya: hapus salah satu requires ini",
    "recommendation {id} conflicts with itself": "rekomendasi {id} bertentangan dengan dirinya sendiri",
    "recommendation {id} supports itself": "rekomendasi {id} mendukung dirinya sendiri",
    "remove this entry": "hapus entri ini",
    "{id} both {relation} and conflicts with {other}": "{id} sekaligus {relation} dan bertentangan (conflicts_with) dengan {other}",
    "two recommendations that conflict can never be done together: keep one of the two relations": "dua rekomendasi yang bertentangan tidak pernah dapat dilaksanakan bersama: pertahankan salah satu dari kedua relasi itu",
    "recommendation {id} can never be planned: it needs both {first} and {second}, which conflict (prerequisites: {ids})": "rekomendasi {id} tidak pernah dapat direncanakan: memerlukan {first} dan {second} sekaligus, padahal keduanya bertentangan (prasyarat: {ids})",
    "remove the conflict or one of the prerequisites": "hapus pertentangannya atau salah satu prasyaratnya",
    # --- rule packs: files, extends, override, disable (rulepack.py) ---
    "an entry of {key} must be a file name": "entri {key} harus berupa nama berkas",
    "{key} {pattern} is an absolute path; files must stay inside the pack": "{key} {pattern} adalah jalur mutlak; berkas harus tetap di dalam paket",
    "{key} {pattern} leaves the pack directory": "{key} {pattern} keluar dari direktori paket",
    "{key} {pattern}: file not found": "{key} {pattern}: berkas tidak ditemukan",
    "{key} {pattern} resolves outside the pack (through a link)": "{key} {pattern} mengarah ke luar paket (melalui tautan)",
    "include {pattern}: {name} is not a regular file": "include {pattern}: {name} bukan berkas biasa",
    "{name} is not a regular file": "{name} bukan berkas biasa",
    "a pack holds plain files only, not pipes, sockets or devices": "paket hanya berisi berkas biasa, bukan pipe, soket atau perangkat",
    "pack.yaml resolves outside the pack directory (through a link)": "pack.yaml mengarah ke luar direktori paket (melalui tautan)",
    "the rule pack has more than {limit} errors; checking stopped after the first {count}": "paket aturan memiliki lebih dari {limit} galat; pemeriksaan dihentikan setelah {count} galat pertama",
    "the profile has more than {limit} errors; checking stopped after the first {count}": "profil memiliki lebih dari {limit} galat; pemeriksaan dihentikan setelah {count} galat pertama",
    "extends {name} leads back to a pack already being extended": "extends {name} mengarah kembali ke paket yang sedang diwarisi",
    "a pack cannot extend itself, directly or not": "paket tidak dapat mewarisi dirinya sendiri, langsung maupun tidak langsung",
    "extends chains more than {limit} packs": "rantai extends melebihi {limit} paket",
    "extends must name a pack": "extends harus menyebut sebuah paket",
    "extends: nasional": "extends: nasional",
    "extends {name} is an absolute path; a pack may only extend '{national}' or a pack inside its own directory": "extends {name} adalah jalur mutlak; paket hanya boleh mewarisi '{national}' atau paket di dalam direktorinya sendiri",
    "extends: {national}": "extends: {national}",
    "extends {name} leaves the pack directory": "extends {name} keluar dari direktori paket",
    "extends: {national}, or copy the base pack into a sub-directory": "extends: {national}, atau salin paket dasar ke sebuah subdirektori",
    "extends {name}: no pack.yaml found there": "extends {name}: tidak ada pack.yaml di sana",
    "extends: {national} (the installed national pack) or a sub-directory holding pack.yaml": "extends: {national} (paket nasional yang terpasang) atau subdirektori yang berisi pack.yaml",
    "extends {name} resolves outside the pack (through a link)": "extends {name} mengarah ke luar paket (melalui tautan)",
    "copy the base pack into the pack instead of linking it": "salin paket dasar ke dalam paket, jangan ditautkan",
    "to change an inherited entry use override:": "untuk mengubah entri warisan gunakan override:",
    "'extract' is defined twice (first in {file})": "'extract' didefinisikan dua kali (pertama di {file})",
    "every rule needs its own id; to change an inherited rule use override: or disable:": "setiap aturan memerlukan id sendiri; untuk mengubah aturan warisan gunakan override: atau disable:",
    "override of unknown {kind} {id}": "override atas {kind} {id} yang tidak dikenal",
    "only what the pack defines or inherits can be overridden": "hanya yang didefinisikan atau diwarisi paket yang dapat di-override",
    "override of unknown rule {id}": "override atas aturan {id} yang tidak dikenal",
    "rule ids are the id: of derive and recommend rules": "id aturan adalah id: pada aturan derive dan recommend",
    "{name} applies only to {kind} rules, and {id} is not one": "{name} hanya berlaku untuk aturan {kind}, sedangkan {id} bukan aturan jenis itu",
    "cannot disable unknown rule {id}": "aturan {id} yang tidak dikenal tidak dapat dinonaktifkan",
    # click's usage errors (the CLI prints them through this catalog too).
    "No such option {name}.": "opsi {name} tidak ada.",
    "No such option {name}. Did you mean {other}?": "opsi {name} tidak ada. Maksud Anda {other}?",
    "No such option {name}. (Did you mean one of: {others}?)": "opsi {name} tidak ada. (Maksud Anda salah satu dari: {others}?)",
    "No such command {name}.": "perintah {name} tidak ada.",
    "No such command {name}. Did you mean {other}?": "perintah {name} tidak ada. Maksud Anda {other}?",
    "No such command {name}. (Did you mean one of: {others}?)": "perintah {name} tidak ada. (Maksud Anda salah satu dari: {others}?)",
    "Missing argument {name}.": "argumen {name} belum diberikan.",
    "Missing option {name}.": "opsi {name} belum diberikan.",
    "Missing parameter: {name}": "parameter belum diberikan: {name}",
    "Missing command.": "perintah belum diberikan.",
    "Invalid value for {param}: {detail}": "nilai tidak sah untuk {param}: {detail}",
    "Invalid value: {detail}": "nilai tidak sah: {detail}",
    "{value} is not one of {choices}.": "{value} bukan salah satu dari {choices}.",
    "{value} is not {choice}.": "{value} bukan {choice}.",
    "{value} is not in the range {range}.": "{value} tidak dalam rentang {range}.",
    "{value} is not a valid {kind}.": "{value} bukan {kind} yang sah.",
    "Option {name} requires an argument.": "opsi {name} memerlukan nilai.",
    "Option {name} requires {count} arguments.": "opsi {name} memerlukan {count} nilai.",
    "Option {name} does not take a value.": "opsi {name} tidak menerima nilai.",
    "Got unexpected extra argument ({args})": "ada argumen tambahan yang tidak diharapkan ({args})",
    "Got unexpected extra arguments ({args})": "ada argumen tambahan yang tidak diharapkan ({args})",
    "{kind} {name} does not exist.": "{kind} {name} tidak ada.",
    "{kind} {name} is a file.": "{kind} {name} adalah berkas.",
    "{kind} {name} is a directory.": "{kind} {name} adalah direktori.",
    "{kind} {name} is not readable.": "{kind} {name} tidak dapat dibaca.",
    "{kind} {name} is not writable.": "{kind} {name} tidak dapat ditulis.",
    "File": "Berkas",
    "Directory": "Direktori",
    "Path": "Jalur",
    # pydantic's own messages that validation_problems passes on (first letter lowered).
    "input should be greater than {n}": "nilai harus lebih besar dari {n}",
    "input should be greater than or equal to {n}": "nilai harus lebih besar dari atau sama dengan {n}",
    "input should be less than {n}": "nilai harus lebih kecil dari {n}",
    "input should be less than or equal to {n}": "nilai harus lebih kecil dari atau sama dengan {n}",
    "input should be a valid string": "nilai harus berupa teks",
    "input should be a valid dictionary": "nilai harus berupa pemetaan",
    "input should be a valid list": "nilai harus berupa daftar",
    "input should be a finite number": "nilai harus angka terhingga",
    "string should have at least {n} character": "teks harus berisi paling sedikit {n} karakter",
    "string should have at least {n} characters": "teks harus berisi paling sedikit {n} karakter",
    "string should have at most {n} characters": "teks harus berisi paling banyak {n} karakter",
    "list should have at least {n} item after validation, not {m}": "daftar harus berisi paling sedikit {n} butir, bukan {m}",
    "value error, {detail}": "nilai salah: {detail}",
    # Words that the loaders put inside other messages ("{kind} {id} is defined twice").
    "finding": "temuan",
    "recommendation": "rekomendasi",
    "indicator": "indikator",
    "dimension": "dimensi",
    "rule": "aturan",
}


def _normalize(template: str) -> str:
    """Every placeholder as ``{}``: how the source scan and the catalog are compared."""
    out: list[str] = []
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if field is not None:
            out.append("{}")
    return "".join(out)


def catalog_templates() -> set[str]:
    """The English templates of the catalog, placeholders written ``{}``."""
    return {_normalize(key) for key in ERRORS}


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[re.Pattern[str], list[str], str]]:
    """Each template as a regular expression; the most specific ones first."""
    entries: list[tuple[int, str, re.Pattern[str], list[str], str]] = []
    for english, indonesian in ERRORS.items():
        names: list[str] = []
        pattern = ""
        literal_length = 0
        for literal, field, _spec, _conv in string.Formatter().parse(english):
            pattern += re.escape(literal)
            literal_length += len(literal)
            if field is not None:
                names.append(field)
                pattern += "(.+?)"
        entries.append((-literal_length, english, re.compile(pattern + r"\Z", re.DOTALL), names, indonesian))
    entries.sort(key=lambda e: (e[0], e[1]))
    return [(regex, names, indonesian) for _, _, regex, names, indonesian in entries]


def _translate_id(text: str, depth: int) -> str | None:
    for regex, names, indonesian in _compiled():
        match = regex.match(text)
        if match is None:
            continue
        values: dict[str, str] = {}
        for name, value in zip(names, match.groups(), strict=False):
            inner = _translate_id(value, depth + 1) if depth < 3 else None
            values[name] = inner if inner is not None else value
        return indonesian.format(**values)
    return None


def translate(text: str | None, lang: str) -> str | None:
    """``text`` (an English message or hint) in ``lang``; unchanged if untranslatable."""
    if text is None or lang != "id":
        return text
    translated = _translate_id(text, 0)
    return text if translated is None else translated
