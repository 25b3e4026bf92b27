// VS Code client for the blameless language server.

import * as vscode from "vscode";
import {
  CloseAction,
  ErrorAction,
  Executable,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from "vscode-languageclient/node";

import {
  SECTION,
  ServerCommand,
  buildInitializationOptions,
  filterConfigurationResult,
  findExecutable,
  installHint,
  needsRestart,
  readSettings,
  resolveServerCommand,
} from "./settings";

const CLIENT_ID = "blameless";
const CLIENT_NAME = "Blameless";

const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

type ServerState = "starting" | "running" | "stopped" | "error";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let statusItem: vscode.StatusBarItem;
let serverState: ServerState = "stopped";
/** Serialises start/stop/restart so config changes and the command cannot interleave. */
let queue: Promise<void> = Promise.resolve();

function setStatus(state: ServerState, detail?: string): void {
  serverState = state;
  const icons: Record<ServerState, string> = {
    starting: "$(sync~spin)",
    running: "$(check)",
    stopped: "$(circle-slash)",
    error: "$(error)",
  };
  statusItem.text = `${icons[state]} Blameless`;
  statusItem.tooltip = `Blameless language server: ${state}${detail ? ` (${detail})` : ""}. Click to show output.`;
  statusItem.backgroundColor =
    state === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  statusItem.show();
}

function firstWorkspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** Logs the failure, marks the status item and shows the install hint (without waiting for the user). */
function showStartError(cmd: ServerCommand, detail?: string): void {
  const message = installHint(cmd, detail);
  output.error(message);
  setStatus("error", detail ?? "server not found");
  void vscode.window.showErrorMessage(`Blameless: ${message}`, "Open Settings", "Show Output").then((choice) => {
    if (choice === "Open Settings") {
      void vscode.commands.executeCommand("workbench.action.openSettings", "@ext:blameless.blameless");
    } else if (choice === "Show Output") {
      output.show(true);
    }
  });
}

async function startClient(): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const settings = readSettings((key) => config.get(key));
  const cwd = firstWorkspaceFolder();
  const cmd = resolveServerCommand(settings, { workspaceFolder: cwd });

  const resolved = findExecutable(cmd.command, process.env, process.platform, cwd ?? process.cwd());
  if (resolved === undefined) {
    showStartError(cmd, `${cmd.command}: not found`);
    return;
  }
  output.info(`Starting server: ${[resolved, ...cmd.args].join(" ")}`);

  const executable: Executable = { command: resolved, args: cmd.args, options: { cwd } };
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const selector = ["markdown", "plaintext"].flatMap((language) =>
    ["file", "untitled"].map((scheme) => ({ scheme, language })),
  );
  let crashed = false;
  const crashes: number[] = [];
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    initializationOptions: buildInitializationOptions(settings),
    synchronize: { configurationSection: SECTION },
    outputChannel: output,
    traceOutputChannel: output,
    middleware: {
      workspace: {
        // Answer `workspace/configuration` for "blameless" with exactly the contract keys.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) {
            return result;
          }
          return result.map((value, i) => filterConfigurationResult(params.items[i]?.section, value));
        },
      },
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        // Restart after a crash, but give up after MAX_RESTARTS crashes within RESTART_WINDOW_MS.
        const now = Date.now();
        crashes.push(now);
        while (crashes.length > 0 && now - crashes[0] > RESTART_WINDOW_MS) {
          crashes.shift();
        }
        if (crashes.length <= MAX_RESTARTS) {
          output.warn(`The server exited; restarting (${crashes.length}/${MAX_RESTARTS}).`);
          return { action: CloseAction.Restart, handled: true };
        }
        crashed = true;
        setStatus("error", "server keeps exiting");
        return {
          action: CloseAction.DoNotRestart,
          message: `The blameless language server exited ${crashes.length} times in a row. Run "Blameless: Restart Language Server" after fixing it; details are in the Blameless output.`,
        };
      },
    },
  };

  const newClient = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  newClient.onDidChangeState((event) => {
    if (event.newState === State.Starting) {
      setStatus("starting");
    } else if (event.newState === State.Running) {
      setStatus("running");
    } else if (event.newState === State.StartFailed) {
      setStatus("error", "start failed");
    } else if (!crashed) {
      setStatus("stopped");
    }
  });
  client = newClient;
  setStatus("starting");
  try {
    await newClient.start();
  } catch (err) {
    client = undefined;
    const detail = err instanceof Error ? err.message : String(err);
    showStartError(cmd, detail);
  }
}

async function stopClient(): Promise<void> {
  const old = client;
  client = undefined;
  if (old !== undefined) {
    try {
      await old.stop();
    } catch (err) {
      output.warn(`Stopping the server failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  setStatus("stopped");
}

function enqueue(job: () => Promise<void>): Promise<void> {
  queue = queue.then(job, job);
  return queue;
}

function restart(): Promise<void> {
  return enqueue(async () => {
    await stopClient();
    await startClient();
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  statusItem = vscode.window.createStatusBarItem("blameless.status", vscode.StatusBarAlignment.Right, 100);
  statusItem.name = "Blameless";
  statusItem.command = "blameless.showOutput";
  context.subscriptions.push(output, statusItem);

  context.subscriptions.push(
    vscode.commands.registerCommand("blameless.restart", () => restart()),
    vscode.commands.registerCommand("blameless.showOutput", () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // enable/select/ignore/severity reach the running server through didChangeConfiguration;
      // the command that starts it needs a new process.
      if (needsRestart((key) => event.affectsConfiguration(key))) {
        output.info("blameless.path or blameless.interpreter changed: restarting the server.");
        void restart();
      }
    }),
  );

  setStatus("stopped");
  await enqueue(startClient);
}

export async function deactivate(): Promise<void> {
  await enqueue(stopClient);
}

/** For tests and other extensions: the current server state. */
export function getServerState(): ServerState {
  return serverState;
}
