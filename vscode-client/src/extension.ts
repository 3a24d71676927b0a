// The VS Code client: starts `answerlint lsp` and lets vscode-languageclient do the rest.
// Every check, fix and summary comes from the server; this file only wires it into VS Code.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from "vscode-languageclient/node";
import { describe, findOnPath, resolveServerCommand, ServerCommand } from "./serverCommand";
import { toServerSettings } from "./settings";
import { AnswerSummary, fromLens, statusText, summaryAt } from "./summary";

const SETUP_HELP = "Install it with `pip install answerlint`, or set answerlint.server.path.";

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;
let output: vscode.OutputChannel;
let startFailureShown = false;

async function pythonInterpreter(resource: vscode.Uri | undefined): Promise<string[] | undefined> {
  const python = vscode.extensions.getExtension("ms-python.python");
  if (!python) {
    return undefined;
  }
  try {
    const api = python.isActive ? python.exports : await python.activate();
    const details = api?.settings?.getExecutionDetails?.(resource);
    const argv = details?.execCommand;
    return Array.isArray(argv) && argv.length > 0 ? argv : undefined;
  } catch {
    return undefined;
  }
}

async function serverCommand(): Promise<ServerCommand> {
  const config = vscode.workspace.getConfiguration("answerlint");
  const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
  return resolveServerCommand({
    configuredPath: config.get<string>("server.path"),
    configuredArgs: config.get<unknown>("server.args"),
    pythonInterpreter: await pythonInterpreter(resource),
    answerlintOnPath: findOnPath("answerlint"),
  });
}

async function showStartFailure(command: ServerCommand, error: unknown): Promise<void> {
  if (startFailureShown) {
    return; // one notification, not one per retry
  }
  startFailureShown = true;
  const reason = error instanceof Error ? error.message : String(error);
  output.appendLine(`Could not start \`${describe(command)}\`: ${reason}`);
  const choice = await vscode.window.showErrorMessage(
    `answerlint could not start its server (\`${describe(command)}\`): ${reason}. ${SETUP_HELP}`,
    "Open setup docs",
    "Open settings",
  );
  if (choice === "Open setup docs") {
    const readme = vscode.Uri.joinPath(extensionUri, "README.md");
    await vscode.commands.executeCommand("markdown.showPreview", readme);
  } else if (choice === "Open settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "answerlint.server");
  }
}

let extensionUri: vscode.Uri;

async function startClient(): Promise<void> {
  const command = await serverCommand();
  output.appendLine(`Starting the server: ${describe(command)} (from ${command.source})`);
  const serverOptions: ServerOptions = { command: command.command, args: command.args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
    ],
    synchronize: {
      configurationSection: "answerlint", // setting changes reach the server at once
      fileEvents: vscode.workspace.createFileSystemWatcher("**/.answerlint.{yaml,yml}"),
    },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationFailedHandler: (error) => {
      void showStartFailure(command, error);
      return false; // no retry loop
    },
    middleware: {
      workspace: {
        // Hand the server only its own settings, cleaned of client-only keys.
        configuration: async (params, token, next) => {
          const values = await next(params, token);
          if (!Array.isArray(values)) {
            return values;
          }
          return values.map((value, index) =>
            params.items[index]?.section === "answerlint"
              ? toServerSettings(value as Record<string, unknown>)
              : value,
          );
        },
      },
    },
  };
  client = new LanguageClient("answerlint", "answerlint", serverOptions, clientOptions);
  try {
    await client.start();
    startFailureShown = false;
  } catch (error) {
    await showStartFailure(command, error);
    const failed = client;
    client = undefined;
    try {
      await failed.dispose();
    } catch {
      // already stopped
    }
  }
}

async function restartClient(): Promise<void> {
  if (client) {
    const running = client;
    client = undefined;
    try {
      await running.stop();
    } catch {
      // it may have died already; start afresh either way
    }
  }
  startFailureShown = false;
  await startClient();
  await updateStatus();
}

async function fixAllInFile(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor || editor.document.languageId !== "markdown") {
    void vscode.window.showInformationMessage("answerlint: open a Markdown draft first.");
    return;
  }
  // The server carries the command out itself, through workspace/applyEdit.
  await client.sendRequest("workspace/executeCommand", {
    command: "answerlint.fixAll",
    arguments: [editor.document.uri.toString()],
  });
}

async function showRuleDocs(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const pages = new Map<string, vscode.Uri>();
  const all = editor ? vscode.languages.getDiagnostics(editor.document.uri) : [];
  const cursor = editor?.selection.active;
  const here = all.filter((d) => cursor && d.range.contains(cursor));
  for (const diagnostic of here.length > 0 ? here : all) {
    const code = diagnostic.code;
    if (diagnostic.source === "answerlint" && typeof code === "object" && code.target) {
      pages.set(String(code.value), code.target);
    }
  }
  if (pages.size === 0) {
    void vscode.window.showInformationMessage("answerlint: no finding here to explain.");
    return;
  }
  const picked =
    pages.size === 1
      ? [...pages.keys()][0]
      : await vscode.window.showQuickPick([...pages.keys()], { placeHolder: "Which rule?" });
  if (picked) {
    await vscode.commands.executeCommand("markdown.showPreview", pages.get(picked));
  }
}

let summaries: { uri: string; version: number; items: AnswerSummary[] } | undefined;

async function updateStatus(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!client || client.state !== State.Running || !editor || editor.document.languageId !== "markdown") {
    status.hide();
    return;
  }
  const document = editor.document;
  const uri = document.uri.toString();
  if (!summaries || summaries.uri !== uri || summaries.version !== document.version) {
    try {
      const lenses = await client.sendRequest<unknown[]>("textDocument/codeLens", {
        textDocument: { uri },
      });
      const items = (lenses ?? []).map(fromLens).filter((s): s is AnswerSummary => !!s);
      summaries = { uri, version: document.version, items };
    } catch {
      status.hide();
      return;
    }
  }
  const summary = summaryAt(summaries.items, editor.selection.active.line);
  if (!summary) {
    status.hide();
    return;
  }
  status.text = statusText(summary);
  status.tooltip = `answerlint: ${summary.title}. Click for the summary.`;
  // answerlint.showSummary is the server's own command; the client registers it for us.
  status.command = {
    title: "Show answer summary",
    command: "answerlint.showSummary",
    arguments: [uri, summary.answer],
  };
  status.show();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionUri = context.extensionUri;
  output = vscode.window.createOutputChannel("answerlint");
  status = vscode.window.createStatusBarItem("answerlint.answer", vscode.StatusBarAlignment.Right, 100);
  status.name = "answerlint: answer level";
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand("answerlint.restartServer", restartClient),
    vscode.commands.registerCommand("answerlint.fixAllInFile", fixAllInFile),
    vscode.commands.registerCommand("answerlint.showRuleDocs", showRuleDocs),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("answerlint.server")) {
        await restartClient(); // a new command line needs a new process
      }
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void updateStatus()),
    vscode.window.onDidChangeTextEditorSelection(() => void updateStatus()),
    vscode.languages.onDidChangeDiagnostics(() => void updateStatus()),
  );
  await startClient();
  await updateStatus();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
