"""Authoring tools shared by the CLI: ``rules check`` reports and ``rules init`` scaffolds."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from asn_advisor._base import write_atomic
from asn_advisor.authoring.cases import load_cases
from asn_advisor.authoring.schema import SCHEMAS, schema_text
from asn_advisor.errors import MAX_PROBLEMS, AdvisorError, Location, OutputError, Problem, RulePackError
from asn_advisor.i18n import Message, t
from asn_advisor.pack import NATIONAL_PACK, RulePack, lint, load_rules

__all__ = ["CheckReport", "check_pack"]


def _problem_line(problem: Problem, lang: str) -> str:
    return problem.render(lang)


@dataclass
class CheckReport:
    """Every problem of a pack: load errors, load warnings and lint warnings, sorted."""

    pack: str
    problems: list[Problem] = field(default_factory=list)
    loaded: RulePack | None = None

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity != "error")

    def render(self, fmt: str, lang: str) -> str:
        """``text``: one ``file:line:column: [error|warning] CODE message (hint)`` per line and a summary.

        ``json``: a list.
        """
        if fmt == "json":
            items = [
                {
                    "file": p.location.file,
                    "line": p.location.line,
                    "column": p.location.column,
                    "severity": p.severity,
                    "code": p.code,
                    "message": p.message,
                    "hint": p.hint,
                }
                for p in self.problems
            ]
            return (
                json.dumps(
                    {"pack": self.pack, "errors": self.errors, "warnings": self.warnings, "problems": items},
                    ensure_ascii=False,
                    indent=2,
                )
                + "\n"
            )
        # The severity word stays English: editors and CI problem matchers parse it.
        lines = [_problem_line(p, lang) for p in self.problems]
        lines.append(t("check.summary", lang, pack=self.pack, errors=self.errors, warnings=self.warnings))
        return "\n".join(lines) + "\n"


def check_pack(path: str | None, *, lang: str = "id", ignore: Iterable[str] = ()) -> CheckReport:
    """Load the pack at ``path`` (``None``: the shipped pack) and lint it if it loads.

    Load errors (including keys defined twice, E101) are gathered, not raised;
    an unreadable file still raises :class:`~asn_advisor.errors.InputError`.
    """
    try:
        pack = load_rules(path) if path and not (path == NATIONAL_PACK and not Path(path).exists()) else load_rules()
    except RulePackError as error:
        problems = list(error.problems)
        if not problems or sum(p.severity == "error" for p in problems) >= MAX_PROBLEMS:
            # The loader stopped early (or found nothing to list): its own message says why.
            problems.append(
                Problem(
                    error.location or Location(path or "rules"),
                    error.message,
                    code=error.code or "E100",
                    hint=error.hint,
                )
            )
        return CheckReport(path or "rules", sorted(problems, key=Problem.sort_key))
    # The pack's test files are part of it: their structure is checked too.
    _, case_problems = load_cases(pack, lang=lang)
    problems = [*pack.warnings, *case_problems, *lint(pack, lang=lang, ignore=ignore)]
    name = f"{pack.id} {pack.version}"
    return CheckReport(name, sorted(problems, key=Problem.sort_key), pack)


_INIT_PACK = """\
# yaml-language-server: $schema={schema}rules.schema.json
#
# Paket aturan daerah "{name}". Paket ini MEWARISI paket nasional (extends:
# nasional): semua indikator, temuan, rekomendasi, penilaian dan aturan
# nasional berlaku, kecuali yang diubah (override:) atau dimatikan (disable:)
# di aturan.yaml. Periksa dan uji setiap perubahan:
#
#   asn-advisor rules check {name}
#   asn-advisor rules test {name}
#
# Panduan: docs/authoring.md (bahasa Indonesia dan Inggris).

pack:
  id: {name}
  version: "0.1"
  name:
    id: Paket aturan daerah {name}
    en: Regional rule pack {name}

extends: nasional            # paket nasional yang terpasang bersama asn-advisor

include:
  - aturan.yaml              # perubahan dan aturan tambahan daerah

tests:
  - uji/*.yaml               # kasus uji: asn-advisor rules test
"""

_INIT_RULES = """\
# yaml-language-server: $schema={schema}rules.schema.json
#
# Perubahan daerah terhadap paket nasional. Hapus tanda # di depan baris
# contoh untuk memakainya. Setiap ambang sebaiknya menyebut sumbernya
# (peraturan daerah, laporan evaluasi) di `source:`.

# Mengubah ambang, tingkat keparahan atau bobot aturan nasional, menurut id:
# override:
#   rules:
#     partisipasi-rendah:
#       when: participation_rate < 75 or nominee_attendance_rate < 80
#       source: "Target partisipasi daerah 75% (RPJMD)"
#     partisipasi-jadwal-fleksibel:
#       weight: 1.25
#   dimensions:
#     access: {{weight: 25}}
#   findings:
#     low_participation:
#       label: {{id: Partisipasi ASN dalam pelatihan rendah, en: Low participation of civil servants in training}}

# Mematikan aturan nasional yang tidak berlaku di daerah ini:
# disable: [ikm-rendah]

# Menambah aturan daerah (id harus baru, huruf kecil dan tanda -):
recommend:
  - id: {name}-dukungan-pimpinan-benturan-waktu
    when: has(time_conflict) and has(weak_supervisor_support)
    recommend: [leadership_support]
    addresses: [time_conflict, weak_supervisor_support]
    weight: 1.5
    because:
      id: Di daerah ini benturan waktu biasanya berarti atasan tidak memberi izin; \
pimpinan perlu melindungi waktu belajar.
      en: Here a time conflict usually means superiors do not give leave; leaders need to protect learning time.
    source: "Contoh aturan daerah: ganti dengan dasar dari evaluasi daerah sendiri"
"""

_INIT_CASES = """\
# yaml-language-server: $schema={schema}tests.schema.json
#
# Kasus uji paket daerah. Setiap kasus memberi beberapa indikator dan temuan,
# lalu menyebut apa yang harus (dan tidak boleh) muncul. Jalankan:
#   asn-advisor rules test {name}

cases:
  - name: benturan-waktu-dan-atasan
    description:
      id: Benturan waktu dan dukungan atasan lemah memunculkan dukungan pimpinan di tiga teratas.
      en: A time conflict with weak supervisor support puts leadership support in the top three.
    findings: [time_conflict, weak_supervisor_support]
    expect:
      fires: [{name}-dukungan-pimpinan-benturan-waktu]
      recommendations: [leadership_support, flexible_scheduling]
      top: 3
      not_recommendations: [increase_budget]
"""


def init_pack(directory: str, name: str) -> list[str]:
    """Write a regional pack scaffold in ``directory`` (which must not exist, or be empty).

    The pack extends the national pack, holds one example rule and one test
    case, passes ``rules check`` and ``rules test``, and carries its own copy
    of the JSON Schemas (``schemas/``) so editors complete and validate
    offline.  Returns the paths written.

    Raises:
        AdvisorError: ``name`` is not a valid pack id.
        OutputError: ``directory`` exists and is not empty.
    """
    if not name or not name[0].isalnum() or not all(c.islower() or c.isdigit() or c == "-" for c in name):
        raise AdvisorError(
            Message(
                "{indonesian} / {english}: {name}",
                indonesian=t("init.bad_name", "id"),
                english=t("init.bad_name", "en"),
                name=repr(name),
            ),
            hint=Message("jabar, kota-binjai"),
        )
    root = Path(directory)
    if (root.exists() or root.is_symlink()) and not root.is_dir():
        raise OutputError(
            Message("{indonesian} / {english}", indonesian=t("init.not_dir", "id"), english=t("init.not_dir", "en")),
            location=Location(str(root)),
            hint=Message(
                "{indonesian} / {english}",
                indonesian=t("init.not_dir.hint", "id"),
                english=t("init.not_dir.hint", "en"),
            ),
        )
    if root.exists() and any(root.iterdir()):
        raise OutputError(
            Message("{indonesian} / {english}", indonesian=t("init.exists", "id"), english=t("init.exists", "en")),
            location=Location(str(root)),
        )
    (root / "uji").mkdir(parents=True, exist_ok=True)
    (root / "schemas").mkdir(exist_ok=True)
    files = {
        root / "pack.yaml": _INIT_PACK.format(name=name, schema="schemas/"),
        root / "aturan.yaml": _INIT_RULES.format(name=name, schema="schemas/"),
        root / "uji" / "kasus.yaml": _INIT_CASES.format(name=name, schema="../schemas/"),
    }
    for each in SCHEMAS:
        files[root / "schemas" / f"{each}.schema.json"] = schema_text(each)
    for path, text in files.items():
        write_atomic(path, text)
    return [str(path) for path in files]
