"""The floors of issue 3 on the shared development data (skipped when ../shared is absent):
GUM interviews country precision and recall >= 0.95, person precision >= 0.95, and every
country and official check of the founding example."""
from __future__ import annotations

import subprocess
import sys

import pytest

from toolkit._paths import ROOT, SHARED

EVAL = SHARED / "eval"
pytestmark = pytest.mark.skipif(not (SHARED / "data").exists() or not EVAL.exists(),
                                reason="../shared (development data and scorers) is absent")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


def test_gum_interview_floors():
    out = run(str(EVAL / "score_mentions.py"), str(SHARED / "data" / "gum-interviews"),
              "--min-country-p", "0.95", "--min-country-r", "0.95", "--min-person-p", "0.95")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "mentions: country_p=" in out.stdout


def test_founding_example_country_and_official_checks():
    out = run(str(EVAL / "score_seed.py"))
    assert "checks pass" in out.stdout, out.stdout + out.stderr
    mention_failures = [line for line in out.stdout.splitlines()
                        if line.startswith(("FAIL country ", "FAIL no other countries",
                                            "FAIL official ", "FAIL extract_mentions"))]
    assert not mention_failures, "\n".join(mention_failures)
