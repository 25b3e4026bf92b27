// Turns the extension's settings into what the language client needs: the command that starts
// the server, and the settings sent to it. This module must not import `vscode`, so that it can be
// tested with plain `node --test`.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Default console script installed by `pip install blameless`. */
export const DEFAULT_SERVER_COMMAND = "blameless-lsp";
/** Module run by `<interpreter> -m ...`. */
export const SERVER_MODULE = "blameless_lsp";
/** The configuration section shared by VS Code and the server. */
export const SECTION = "blameless";

/** Keys the server reads from the `blameless` section (the server contract). */
export const SERVER_SETTING_KEYS = ["enable", "select", "ignore", "severity"] as const;
/** Keys that change how the server process is started: a change restarts the client. */
export const RESTART_SETTING_KEYS = ["path", "interpreter"] as const;

export const SEVERITY_VALUES = ["error", "warning", "info", "hint", "off"] as const;
export type SeverityValue = (typeof SEVERITY_VALUES)[number];

/** Settings as the server receives them. */
export interface ServerSettings {
  enable: boolean;
  select: string[];
  ignore: string[];
  severity: Record<string, SeverityValue>;
}

/** All extension settings (the `blameless.*` keys). */
export interface ExtensionSettings extends ServerSettings {
  path: string[];
  interpreter: string;
}

export interface ServerCommand {
  command: string;
  args: string[];
  /** How the command was chosen, for messages: "path", "interpreter" or "default". */
  origin: "path" | "interpreter" | "default";
}

/** Reads one setting; shaped like `vscode.WorkspaceConfiguration.get`. */
export type SettingGetter = (key: string) => unknown;

function asStringList(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter((v) => v !== "");
}

function asSeverityMap(value: unknown): Record<string, SeverityValue> {
  const out: Record<string, SeverityValue> = {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return out;
  }
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const level = typeof raw === "string" ? raw.trim().toLowerCase() : "";
    if (key.trim() !== "" && (SEVERITY_VALUES as readonly string[]).includes(level)) {
      out[key.trim()] = level as SeverityValue;
    }
  }
  return out;
}

/** Normalises raw setting values (wrong types fall back to defaults). */
export function readSettings(get: SettingGetter): ExtensionSettings {
  const enable = get("enable");
  const interpreter = get("interpreter");
  return {
    enable: typeof enable === "boolean" ? enable : true,
    path: asStringList(get("path")),
    interpreter: typeof interpreter === "string" ? interpreter.trim() : "",
    select: asStringList(get("select")),
    ignore: asStringList(get("ignore")),
    severity: asSeverityMap(get("severity")),
  };
}

/** The settings object sent to the server: exactly the contract keys. */
export function toServerSettings(settings: ServerSettings): ServerSettings {
  return {
    enable: settings.enable,
    select: [...settings.select],
    ignore: [...settings.ignore],
    severity: { ...settings.severity },
  };
}

/** `initializationOptions` for the client: `{ settings: {...contract keys} }`. */
export function buildInitializationOptions(settings: ServerSettings): { settings: ServerSettings } {
  return { settings: toServerSettings(settings) };
}

/**
 * Answer for one `workspace/configuration` item: the `blameless` section is reduced to the
 * contract keys (VS Code would otherwise also send `path`, `interpreter` and `trace`); other
 * sections pass through unchanged.
 */
export function filterConfigurationResult(section: string | undefined, value: unknown): unknown {
  if (section !== SECTION || value === null || typeof value !== "object") {
    return value;
  }
  const get: SettingGetter = (key) => (value as Record<string, unknown>)[key];
  return toServerSettings(readSettings(get));
}

export interface Substitutions {
  workspaceFolder?: string;
  home?: string;
}

/** Expands `~`, `${userHome}` and `${workspaceFolder}` in a command element. */
export function expandVariables(value: string, subs: Substitutions = {}): string {
  const home = subs.home ?? os.homedir();
  let out = value.replace(/\$\{userHome\}/g, home);
  if (subs.workspaceFolder !== undefined) {
    out = out.replace(/\$\{workspaceFolder\}/g, subs.workspaceFolder);
  }
  if (out === "~" || out.startsWith("~/") || out.startsWith("~\\")) {
    out = home + out.slice(1);
  }
  return out;
}

/**
 * The command that starts the server:
 * `blameless.path` (if non-empty) > `<blameless.interpreter> -m blameless_lsp` > `blameless-lsp`.
 */
export function resolveServerCommand(
  settings: Pick<ExtensionSettings, "path" | "interpreter">,
  subs: Substitutions = {},
): ServerCommand {
  if (settings.path.length > 0) {
    const [command, ...args] = settings.path.map((p) => expandVariables(p, subs));
    return { command, args, origin: "path" };
  }
  if (settings.interpreter !== "") {
    return { command: expandVariables(settings.interpreter, subs), args: ["-m", SERVER_MODULE], origin: "interpreter" };
  }
  return { command: DEFAULT_SERVER_COMMAND, args: [], origin: "default" };
}

/** True when a change to the given `blameless.*` keys needs a new server process. */
export function needsRestart(affects: (key: string) => boolean): boolean {
  return RESTART_SETTING_KEYS.some((key) => affects(`${SECTION}.${key}`));
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    if (platform === "win32") {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds `command` the way a shell would: as a path when it contains a separator, otherwise on
 * `PATH` (with `PATHEXT` on Windows). Returns the full path, or undefined when not found.
 */
export function findExecutable(
  command: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  cwd: string = process.cwd(),
): string | undefined {
  if (command === "") {
    return undefined;
  }
  const exts =
    platform === "win32" ? ["", ...(env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter((e) => e !== "")] : [""];
  const hasSeparator = command.includes("/") || (platform === "win32" && command.includes("\\"));
  if (hasSeparator) {
    const full = path.resolve(cwd, command);
    for (const ext of exts) {
      if (isExecutableFile(full + ext, platform)) {
        return full + ext;
      }
    }
    return undefined;
  }
  const pathVar = env.PATH ?? env.Path ?? "";
  const sep = platform === "win32" ? ";" : ":";
  for (const dir of pathVar.split(sep)) {
    if (dir === "") {
      continue;
    }
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      if (isExecutableFile(candidate, platform)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** The message shown when the server cannot be found or started. */
export function installHint(cmd: ServerCommand, detail?: string): string {
  const shown = [cmd.command, ...cmd.args].join(" ");
  let what: string;
  switch (cmd.origin) {
    case "path":
      what = `The command in "blameless.path" (${shown}) could not be started.`;
      break;
    case "interpreter":
      what = `"${shown}" failed: the interpreter in "blameless.interpreter" was not found or has no blameless installed.`;
      break;
    default:
      what = `The blameless language server ("${DEFAULT_SERVER_COMMAND}") was not found on PATH.`;
  }
  const fix =
    'Install it with "pip install blameless" (or "pipx install blameless"), or point "blameless.path" at the ' +
    '"blameless-lsp" executable or "blameless.interpreter" at a Python that has blameless installed.';
  return detail ? `${what} ${fix} (${detail})` : `${what} ${fix}`;
}
