"""What the Makefile runs (`make -n`: printed, not run): torch's index, the system packages' check."""
from __future__ import annotations

import subprocess

import pytest

from tests.conftest import REPO


def _dry(*args: str) -> str:
    return subprocess.run(["make", "--no-print-directory", "-n", "-W", "requirements.txt", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=True).stdout


@pytest.mark.fast
def test_torch_comes_from_pytorchs_cpu_index_when_asked():
    assert "--extra-index-url https://download.pytorch.org/whl/cpu -r requirements.txt" in _dry(".venv/.installed", "TORCH_INDEX=cpu")
    assert "extra-index-url" not in _dry(".venv/.installed")


@pytest.mark.fast
def test_grading_checks_bubblewrap_only_when_it_sandboxes():
    assert "system-packages.sh bubblewrap" in _dry("grade", "ARGS=grade 01_training_loop")
    assert "system-packages.sh" not in _dry("grade", "ARGS=export --canvas c.csv")
    assert "system-packages.sh" not in _dry("grade", "ARGS=grade --no-sandbox")
    assert "system-packages.sh" not in _dry("lab")
