"""Shared fixtures; a hypothesis profile per environment (CI runs fewer examples)."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from asn_advisor import RulePack, load_rules

# The suite's runs are derandomized so that a result is the same on every
# machine and every run; exploring new examples is the fuzz profile's job.
settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("fuzz", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "profiles"
SEEDS = ("cakranegara", "binjai", "medan", "bungo", "makassar")


@pytest.fixture(scope="session")
def pack() -> RulePack:
    """The shipped national pack."""
    return load_rules(ROOT / "rules", display="rules")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def write_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a small pack: files given as name -> YAML text (dedented)."""

    def write(files: dict[str, str], include: list[str] | None = None) -> Path:
        root = tmp_path / "pack"
        root.mkdir(exist_ok=True)
        names = include if include is not None else [n for n in files if n != "pack.yaml"]
        if "pack.yaml" not in files:
            manifest = "pack: {id: uji, version: '1'}\ninclude:\n" + "".join(f"  - {n}\n" for n in names)
            (root / "pack.yaml").write_text(manifest, encoding="utf-8")
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return write


MINIMAL_PACK = {
    "base.yaml": """
        indicators:
          participation_rate: {type: percent, label: {id: Partisipasi, en: Participation}}
          satisfaction: {type: rating, label: {id: Kepuasan, en: Satisfaction}}
          funding_sources: {type: list, values: [apbd, donor, private], label: {id: Sumber dana, en: Funding}}
        findings:
          low_participation: {label: {id: Partisipasi rendah, en: Low participation}, \
dimension: access, severity: medium}
          time_conflict: {label: {id: Benturan waktu, en: Time conflict}, dimension: access}
          low_satisfaction: {label: {id: Kepuasan rendah, en: Low satisfaction}, dimension: reaction}
        recommendations:
          flexible_scheduling: {label: {id: Jadwal fleksibel, en: Flexible scheduling}, \
effort: low, time_to_impact: short}
          promote_benefits: {label: {id: Promosi manfaat, en: Promote benefits}}
          improve_methods: {label: {id: Perbaiki metode, en: Improve methods}}
        scoring:
          scales:
            "1-4": {min: 1, max: 4, factor: 25}
          bands:
            - {id: tinggi, min: 71, label: {id: Tinggi, en: High}}
            - {id: rendah, min: 0, label: {id: Rendah, en: Low}}
          overall_min_coverage: 0.5
        dimensions:
          access:
            label: {id: Akses, en: Access}
            weight: 60
            metrics:
              - {indicator: participation_rate, primary: true}
          reaction:
            label: {id: Reaksi, en: Reaction}
            weight: 40
            metrics:
              - {indicator: satisfaction, primary: true}
        derive:
          - id: partisipasi-rendah
            finding: low_participation
            when: participation_rate < 70
            severity: medium
            escalate:
              - {when: participation_rate < 50, severity: high}
          - id: kepuasan-rendah
            finding: low_satisfaction
            when: satisfaction < 76.61
        recommend:
          - id: fleksibel
            when: has(time_conflict)
            recommend: [flexible_scheduling]
            weight: 1.5
          - id: fleksibel-partisipasi
            when: has(low_participation)
            recommend: flexible_scheduling
          - id: promosi
            when: has(low_participation)
            recommend: [promote_benefits]
          - id: metode
            when: has(low_satisfaction)
            recommend: [improve_methods]
    """
}


@pytest.fixture
def minimal_pack(write_pack: Callable[..., Path]) -> RulePack:
    return load_rules(write_pack(dict(MINIMAL_PACK)))
