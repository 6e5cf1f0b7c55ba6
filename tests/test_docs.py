"""The README's command reference is generated from --help; it must match the code."""

import subprocess
import sys

from .conftest import ROOT


def test_readme_command_reference_is_current():
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "README.md"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, "README.md is stale: run `cog -r README.md`\n" + result.stdout + result.stderr
