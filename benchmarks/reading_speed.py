"""Time and output size of the report reader against the size and shape of its input.

Usage::

    python benchmarks/reading_speed.py               # 100 KB and 400 KB, three shapes
    python benchmarks/reading_speed.py --kb 100 400 1000

Three shapes of input, each built by repeating the sentences of the shipped
seed-like sample below until the size is reached:

* ``prose``: ordinary sentences and paragraphs;
* ``one-line``: the same words with every full stop and line break removed,
  so the whole text is a single unpunctuated sentence (the worst case for a
  reader that quotes whole sentences);
* ``figures``: one unpunctuated sentence dense with percentages.

For each it prints the seconds ``extract`` takes (wall clock, and CPU time
of this process, which other sessions' load on a shared machine moves less),
CPU seconds per 100 KB, the size of the JSON output, and the largest quote.  The goal: at most 1 s per
100 KB, output proportional to what was found.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SAMPLE = (
    "Evaluasi pelatihan ASN di Kabupaten Contoh tahun 2024 menunjukkan beberapa kendala. "
    "Tingkat partisipasi hanya 53% dari target karena jadwal diklat sering berbenturan dengan pekerjaan kantor. "
    "Anggaran pelatihan terbatas, hanya Rp 2,5 juta per peserta, dan kuota yang tersedia tidak sebanding dengan "
    "jumlah ASN yang membutuhkan.\n"
    "Materi dinilai terlalu teoritis dan kurang relevan dengan kebutuhan jabatan. "
    "Dukungan atasan kurang sehingga alumni sulit menerapkan hasil pelatihan. "
    "Baru 35,23% ASN yang memenuhi 20 JP per tahun.\n\n"
    "Rekomendasi\n"
    "- Perlu peningkatan anggaran untuk pengembangan kompetensi.\n"
    "- Jadwal pelatihan sebaiknya lebih fleksibel, misalnya secara daring.\n\n"
)
FIGURES = (
    "tingkat kehadiran peserta diklat ASN yang dinilai adalah 53% dan tingkat kepuasan peserta pada pelatihan itu "
    "sebesar 81% dengan kelulusan 97% serta partisipasi 40% "
)


def build(shape: str, size: int) -> str:
    if shape == "prose":
        unit = SAMPLE
    elif shape == "one-line":
        unit = SAMPLE.replace(".", " ").replace("\n", " ").replace("- ", " ")
    else:
        unit = FIGURES
    return (unit * (size // len(unit) + 1))[:size]


def main(argv: list[str] | None = None) -> int:
    from asn_advisor.reader import extract, load_patterns

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, nargs="+", default=[100, 400])
    args = parser.parse_args(argv)
    patterns = load_patterns(ROOT / "rules" / "ekstraksi.yaml")
    extract("Pelatihan ASN: partisipasi rendah.", patterns, assume_report=True)  # compile and warm up
    print(
        f"{'shape':<9} {'input':>8} {'wall s':>8} {'CPU s':>8} {'CPU s/100KB':>12} {'items':>6} {'JSON':>10} "
        f"{'max quote':>10}"
    )
    for kb in args.kb:
        for shape in ("prose", "one-line", "figures"):
            text = build(shape, kb * 1000)
            t0, c0 = time.perf_counter(), time.process_time()
            result = extract(text, patterns, source=shape)
            seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
            out = result.model_dump_json()
            items = [*result.findings, *result.indicators, *result.recommendations]
            longest = max((len(i.quote) for i in items), default=0)
            print(
                f"{shape:<9} {kb:>6}KB {seconds:>8.2f} {cpu:>8.2f} {cpu / kb * 100:>12.2f} {len(items):>6} "
                f"{len(out) / 1e6:>8.2f}MB {longest:>10,}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
