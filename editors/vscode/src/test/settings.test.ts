// Unit tests for the vscode-free settings module: `npm run compile && npm test`.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";

import {
  DEFAULT_SERVER_COMMAND,
  SERVER_SETTING_KEYS,
  buildInitializationOptions,
  expandVariables,
  filterConfigurationResult,
  findExecutable,
  installHint,
  needsRestart,
  readSettings,
  resolveServerCommand,
} from "../settings";

const getter = (values: Record<string, unknown>) => (key: string) => values[key];

test("defaults when nothing is set", () => {
  const s = readSettings(getter({}));
  assert.deepEqual(s, { enable: true, path: [], interpreter: "", select: [], ignore: [], severity: {} });
});

test("wrong types fall back to defaults; bad severity values are dropped", () => {
  const s = readSettings(
    getter({
      enable: "yes",
      path: "blameless-lsp",
      interpreter: 3,
      select: ["B1", 7, " blame ", ""],
      ignore: null,
      severity: { B101: "ERROR", timeline: "hint", B201: "loud", "": "off", B301: 1 },
    }),
  );
  assert.equal(s.enable, true);
  assert.deepEqual(s.path, []);
  assert.equal(s.interpreter, "");
  assert.deepEqual(s.select, ["B1", "blame"]);
  assert.deepEqual(s.ignore, []);
  assert.deepEqual(s.severity, { B101: "error", timeline: "hint" });
});

test("initializationOptions carry exactly the contract keys", () => {
  const s = readSettings(
    getter({ enable: false, path: ["x"], interpreter: "/usr/bin/python3", select: ["B1"], ignore: ["B205"], severity: { B101: "info" } }),
  );
  const init = buildInitializationOptions(s);
  assert.deepEqual(Object.keys(init), ["settings"]);
  assert.deepEqual(Object.keys(init.settings).sort(), [...SERVER_SETTING_KEYS].sort());
  assert.deepEqual(init.settings, { enable: false, select: ["B1"], ignore: ["B205"], severity: { B101: "info" } });
});

test("server settings are copies, not aliases of the input", () => {
  const s = readSettings(getter({ select: ["B1"], severity: { B101: "error" } }));
  const init = buildInitializationOptions(s);
  init.settings.select.push("B2");
  init.settings.severity.B102 = "off";
  assert.deepEqual(s.select, ["B1"]);
  assert.deepEqual(s.severity, { B101: "error" });
});

test("workspace/configuration answers for blameless are reduced to contract keys", () => {
  const raw = { enable: true, path: ["a"], interpreter: "py", trace: { server: "verbose" }, select: [], ignore: ["B3"], severity: {} };
  assert.deepEqual(filterConfigurationResult("blameless", raw), { enable: true, select: [], ignore: ["B3"], severity: {} });
  const other = { tabSize: 2 };
  assert.equal(filterConfigurationResult("editor", other), other);
  assert.equal(filterConfigurationResult("blameless", null), null);
});

test("command: default is blameless-lsp on PATH", () => {
  assert.deepEqual(resolveServerCommand({ path: [], interpreter: "" }), {
    command: DEFAULT_SERVER_COMMAND,
    args: [],
    origin: "default",
  });
  assert.equal(DEFAULT_SERVER_COMMAND, "blameless-lsp");
});

test("command: interpreter runs -m blameless_lsp", () => {
  assert.deepEqual(resolveServerCommand({ path: [], interpreter: "/opt/venv/bin/python" }), {
    command: "/opt/venv/bin/python",
    args: ["-m", "blameless_lsp"],
    origin: "interpreter",
  });
});

test("command: path wins over interpreter and keeps its arguments", () => {
  assert.deepEqual(resolveServerCommand({ path: ["/x/python", "-m", "blameless_lsp", "--log"], interpreter: "/y/python" }), {
    command: "/x/python",
    args: ["-m", "blameless_lsp", "--log"],
    origin: "path",
  });
});

test("variables are expanded in path and interpreter", () => {
  const subs = { workspaceFolder: "/ws", home: "/home/u" };
  assert.equal(expandVariables("~/bin/blameless-lsp", subs), "/home/u/bin/blameless-lsp");
  assert.equal(expandVariables("${workspaceFolder}/.venv/bin/python", subs), "/ws/.venv/bin/python");
  assert.equal(expandVariables("${userHome}/x", subs), "/home/u/x");
  assert.equal(expandVariables("a~b", subs), "a~b");
  assert.deepEqual(resolveServerCommand({ path: [], interpreter: "${workspaceFolder}/.venv/bin/python" }, subs).command, "/ws/.venv/bin/python");
});

test("only path and interpreter changes restart the server", () => {
  const affects = (changed: string[]) => (key: string) => changed.includes(key);
  assert.equal(needsRestart(affects(["blameless.path"])), true);
  assert.equal(needsRestart(affects(["blameless.interpreter"])), true);
  assert.equal(needsRestart(affects(["blameless.select", "blameless.severity", "blameless.enable"])), false);
  assert.equal(needsRestart(affects(["editor.fontSize"])), false);
});

test("findExecutable looks on PATH and at explicit paths", { skip: process.platform === "win32" }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "blameless-vscode-"));
  try {
    const exe = path.join(dir, "blameless-lsp");
    fs.writeFileSync(exe, "#!/bin/sh\n");
    fs.chmodSync(exe, 0o755);
    const notExe = path.join(dir, "not-executable");
    fs.writeFileSync(notExe, "");
    fs.chmodSync(notExe, 0o644);
    const env = { PATH: ["/nonexistent", dir].join(":") };
    assert.equal(findExecutable("blameless-lsp", env, "linux"), exe);
    assert.equal(findExecutable("missing-blameless-lsp", env, "linux"), undefined);
    assert.equal(findExecutable(exe, { PATH: "" }, "linux"), exe);
    assert.equal(findExecutable("./blameless-lsp", { PATH: "" }, "linux", dir), exe);
    assert.equal(findExecutable(notExe, env, "linux"), undefined);
    assert.equal(findExecutable("not-executable", env, "linux"), undefined);
    assert.equal(findExecutable(dir, env, "linux"), undefined);
    assert.equal(findExecutable("", env, "linux"), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the install hint says how to install and which setting to use", () => {
  const msg = installHint(resolveServerCommand({ path: [], interpreter: "" }), "spawn blameless-lsp ENOENT");
  assert.match(msg, /pip install blameless/);
  assert.match(msg, /blameless\.path/);
  assert.match(msg, /blameless\.interpreter/);
  assert.match(msg, /not found on PATH/);
  assert.match(msg, /ENOENT/);
  const viaInterp = installHint(resolveServerCommand({ path: [], interpreter: "/p/python" }));
  assert.match(viaInterp, /\/p\/python -m blameless_lsp/);
});
