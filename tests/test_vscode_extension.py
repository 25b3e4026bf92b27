"""Builds, unit-tests and packages the VS Code extension in editors/vscode, then checks the .vsix.

VS Code itself cannot run here (``@vscode/test-electron`` downloads it), so this covers what can be
checked headlessly: the TypeScript compiles, the settings logic passes its ``node --test`` suite,
``vsce package`` produces a .vsix, the packaged manifest declares what the extension needs, and the
packaged ``main`` loads and activates against a stub ``vscode`` module.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

EXT_DIR = Path(__file__).resolve().parents[1] / "editors" / "vscode"
NPM = shutil.which("npm")
NODE = shutil.which("node")

# The server contract: keys the language server reads from the "blameless" section.
CONTRACT_KEYS = {"enable", "select", "ignore", "severity"}
# Every contributed setting and its JSON-schema type.
EXPECTED_SETTINGS = {
    "blameless.enable": "boolean",
    "blameless.path": "array",
    "blameless.interpreter": "string",
    "blameless.select": "array",
    "blameless.ignore": "array",
    "blameless.severity": "object",
    "blameless.trace.server": "string",
}
SEVERITY_LEVELS = {"error", "warning", "info", "hint", "off"}

if NPM is None or NODE is None:
    pytest.skip("npm/node not on PATH: cannot build the VS Code extension", allow_module_level=True)


def _run(args: list[str], cwd: Path, timeout: float = 600, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CI="1", npm_config_fund="false", npm_config_audit="false", npm_config_update_notifier="false")
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if check:
        assert proc.returncode == 0, _describe(args, proc)
    return proc


def _describe(args: list[str], proc: subprocess.CompletedProcess[str]) -> str:
    return f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Copies the extension to a temp dir and runs npm ci / compile / test / package there."""
    work = tmp_path_factory.mktemp("vscode") / "ext"
    shutil.copytree(
        EXT_DIR,
        work,
        ignore=shutil.ignore_patterns("node_modules", "out", "dist", "*.vsix"),
    )
    _run([NPM, "ci", "--no-audit", "--no-fund"], work)
    _run([NPM, "run", "compile"], work)
    # Recorded, asserted in test_unit_tests_ran_and_passed, so the package checks still run.
    test_run = _run([NPM, "test"], work, check=False)
    _run([NPM, "run", "package"], work)
    manifest = json.loads((work / "package.json").read_text(encoding="utf-8"))
    vsix = work / f"{manifest['name']}-{manifest['version']}.vsix"
    return {"dir": work, "manifest": manifest, "vsix": vsix, "test_run": test_run}


@pytest.fixture(scope="module")
def vsix_manifest(build: dict) -> dict:
    with zipfile.ZipFile(build["vsix"]) as zf:
        return json.loads(zf.read("extension/package.json"))


def test_unit_tests_ran_and_passed(build: dict) -> None:
    run = build["test_run"]
    assert run.returncode == 0, _describe(["npm", "test"], run)
    out = run.stdout
    passed = [line for line in out.splitlines() if line.startswith("# pass ")]
    failed = [line for line in out.splitlines() if line.startswith("# fail ")]
    assert passed and int(passed[-1].split()[-1]) >= 5, out[-2000:]
    assert failed == ["# fail 0"], out[-2000:]


def test_vsix_contains_manifest_main_and_runtime_deps(build: dict, vsix_manifest: dict) -> None:
    assert build["vsix"].is_file(), "vsce package did not produce the expected .vsix"
    main = os.path.normpath(vsix_manifest["main"]).replace(os.sep, "/")
    if not main.endswith(".js"):
        main += ".js"
    with zipfile.ZipFile(build["vsix"]) as zf:
        names = set(zf.namelist())
    assert "extension/package.json" in names
    assert f"extension/{main}" in names, f"compiled main {main} missing from the .vsix"
    # Not bundled, so the client library must ship inside the .vsix.
    assert "extension/node_modules/vscode-languageclient/package.json" in names
    assert "extension/LICENSE" in names or "extension/LICENSE.txt" in names
    # Sources and test builds stay out of the package.
    assert not any(n.startswith("extension/src/") for n in names)
    assert not any(n.startswith("extension/out/test/") for n in names)


def test_metadata(vsix_manifest: dict) -> None:
    assert vsix_manifest["name"] == "blameless"
    assert vsix_manifest["publisher"] == "blameless"
    assert vsix_manifest["version"] == "0.1.0"
    assert vsix_manifest["license"] == "MIT"
    assert vsix_manifest.get("repository")
    assert vsix_manifest["engines"]["vscode"] == "^1.91.0"
    assert vsix_manifest["dependencies"]["vscode-languageclient"].lstrip("^~") == "11.0.0"


def test_activation_events(vsix_manifest: dict) -> None:
    events = set(vsix_manifest["activationEvents"])
    assert {"onLanguage:markdown", "onLanguage:plaintext"} <= events


def test_contributed_settings_and_types(vsix_manifest: dict) -> None:
    props = vsix_manifest["contributes"]["configuration"]["properties"]
    for key, typ in EXPECTED_SETTINGS.items():
        assert key in props, f"setting {key} is not contributed"
        assert props[key]["type"] == typ, f"{key}: type {props[key]['type']!r}, want {typ!r}"
    for key in ("blameless.path", "blameless.select", "blameless.ignore"):
        assert props[key]["items"]["type"] == "string", key
        assert props[key]["default"] == [], key
    assert props["blameless.enable"]["default"] is True
    assert props["blameless.interpreter"]["default"] == ""
    assert set(props["blameless.severity"]["additionalProperties"]["enum"]) == SEVERITY_LEVELS
    assert set(props["blameless.trace.server"]["enum"]) == {"off", "messages", "verbose"}
    # Every key the server reads has a setting of the same name.
    assert {f"blameless.{k}" for k in CONTRACT_KEYS} <= set(props)


def test_restart_command_contributed(vsix_manifest: dict) -> None:
    commands = {c["command"] for c in vsix_manifest["contributes"]["commands"]}
    assert "blameless.restart" in commands


# Feeds every contributed setting (with non-default values) through the compiled settings module,
# the way extension.ts does, and prints what would reach the server.
_FORWARD_JS = r"""
const s = require(process.argv[2]);
const values = JSON.parse(process.argv[3]);
const settings = s.readSettings((k) => values[k]);
const out = {
  init: s.buildInitializationOptions(settings),
  config: s.filterConfigurationResult("blameless", Object.assign({trace: {server: "verbose"}}, values)),
  defaultCmd: s.resolveServerCommand(s.readSettings(() => undefined)),
  interpCmd: s.resolveServerCommand(s.readSettings((k) => (k === "interpreter" ? "/opt/py/bin/python" : undefined))),
  pathCmd: s.resolveServerCommand(settings),
};
console.log(JSON.stringify(out));
"""


def test_settings_forwarded_to_server_match_contract(build: dict, vsix_manifest: dict, tmp_path: Path) -> None:
    props = vsix_manifest["contributes"]["configuration"]["properties"]
    values = {
        "enable": False,
        "path": ["/opt/bin/blameless-lsp", "--verbose"],
        "interpreter": "/usr/bin/python3",
        "select": ["B1", "timeline"],
        "ignore": ["B205"],
        "severity": {"B101": "error", "structure": "off"},
    }
    # Every top-level contributed setting (not trace.*) is exercised.
    assert {k.removeprefix("blameless.") for k in props if not k.startswith("blameless.trace.")} == set(values)
    script = tmp_path / "forward.js"
    script.write_text(_FORWARD_JS, encoding="utf-8")
    proc = _run([NODE, str(script), str(build["dir"] / "out" / "settings.js"), json.dumps(values)], tmp_path)
    out = json.loads(proc.stdout)

    assert set(out["init"]) == {"settings"}
    assert set(out["init"]["settings"]) == CONTRACT_KEYS
    assert out["init"]["settings"] == {k: values[k] for k in CONTRACT_KEYS}
    assert set(out["config"]) == CONTRACT_KEYS
    assert out["defaultCmd"]["command"] == "blameless-lsp" and out["defaultCmd"]["args"] == []
    assert out["interpCmd"]["command"] == "/opt/py/bin/python"
    assert out["interpCmd"]["args"] == ["-m", "blameless_lsp"]
    assert out["pathCmd"]["command"] == "/opt/bin/blameless-lsp"
    assert out["pathCmd"]["args"] == ["--verbose"]


# Loads the packaged extension with a stub `vscode` module, activates it with an empty PATH and
# reports the error message shown to the user and the commands registered.
_ACTIVATE_JS = r"""
const Module = require("module");
const calls = [];
function deep(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(t, p) {
      if (p === "prototype") return fn.prototype;
      if (p === "then") return undefined;
      return deep(name + "." + String(p));
    },
    set() { return true; },
    apply(t, self, args) {
      calls.push({ name, args: args.filter((a) => typeof a === "string") });
      if (name.endsWith("showErrorMessage")) return Promise.resolve(undefined);
      if (name.endsWith("getConfiguration().get")) return undefined;
      return deep(name + "()");
    },
    construct(t, args) { return deep("new " + name); },
  });
}
const load = Module._load;
Module._load = function (request) {
  if (request === "vscode") return deep("vscode");
  return load.apply(this, arguments);
};
process.env.PATH = "";
const ext = require(process.argv[2]);
ext.activate({ subscriptions: [] }).then(() => {
  console.log(JSON.stringify({
    errors: calls.filter((c) => c.name === "vscode.window.showErrorMessage").map((c) => c.args[0]),
    commands: calls.filter((c) => c.name === "vscode.commands.registerCommand").map((c) => c.args[0]),
    state: ext.getServerState(),
  }));
}, (e) => { console.error(e); process.exit(1); });
"""


def test_packaged_extension_activates_and_explains_missing_server(build: dict, vsix_manifest: dict, tmp_path: Path) -> None:
    unpacked = tmp_path / "vsix"
    with zipfile.ZipFile(build["vsix"]) as zf:
        zf.extractall(unpacked)
    main = unpacked / "extension" / vsix_manifest["main"]
    script = tmp_path / "activate.js"
    script.write_text(_ACTIVATE_JS, encoding="utf-8")
    proc = _run([NODE, str(script), str(main)], tmp_path, timeout=60)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(out["errors"]) == 1, out
    message = out["errors"][0]
    assert "pip install blameless" in message
    assert "blameless.path" in message and "blameless.interpreter" in message
    assert "blameless-lsp" in message
    assert {"blameless.restart", "blameless.showOutput"} <= set(out["commands"])
    assert out["state"] == "error"
