// How the extension starts the server, in order: the user's answerlint.server.path (with
// answerlint.server.args), the interpreter chosen in the Python extension, `answerlint` on
// PATH (where pipx puts it), then python3. No VS Code here, so the Node test runner can
// check it.
import { accessSync, constants, statSync } from "node:fs";
import * as path from "node:path";

export interface ServerCommand {
  command: string;
  args: string[];
  source: "setting" | "python-extension" | "path" | "default";
}

export interface ServerCommandInputs {
  configuredPath?: string;
  configuredArgs?: unknown;
  /** The Python extension's interpreter as argv, e.g. ["/venv/bin/python"] or ["conda", "run", ...]. */
  pythonInterpreter?: string[];
  /** The `answerlint` executable found on PATH, if any (see findOnPath). */
  answerlintOnPath?: string;
  platform?: NodeJS.Platform;
}

const SERVER_MODULE_ARGS = ["-m", "answerlint", "lsp"];

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    return undefined;
  }
  return value as string[];
}

export function resolveServerCommand(inputs: ServerCommandInputs): ServerCommand {
  const path = inputs.configuredPath?.trim();
  if (path) {
    const args = stringList(inputs.configuredArgs);
    return { command: path, args: args && args.length > 0 ? args : ["lsp"], source: "setting" };
  }
  const interpreter = inputs.pythonInterpreter?.filter((part) => part.length > 0);
  if (interpreter && interpreter.length > 0) {
    return {
      command: interpreter[0],
      args: [...interpreter.slice(1), ...SERVER_MODULE_ARGS],
      source: "python-extension",
    };
  }
  if (inputs.answerlintOnPath) {
    return { command: inputs.answerlintOnPath, args: ["lsp"], source: "path" };
  }
  const python = (inputs.platform ?? process.platform) === "win32" ? "python" : "python3";
  return { command: python, args: SERVER_MODULE_ARGS, source: "default" };
}

export function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first `name` in the folders of PATH that is an executable file (on Windows, with
 * one of PATHEXT's extensions, as the shell would find it). */
export function findOnPath(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  isExecutable: (file: string) => boolean = isExecutableFile,
): string | undefined {
  const windows = platform === "win32";
  const paths = windows ? path.win32 : path.posix;
  const extensions = windows ? (env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";") : [""];
  for (const folder of (env.PATH ?? "").split(paths.delimiter)) {
    if (!folder) {
      continue; // an empty entry: not the current folder, which a server should not run from
    }
    for (const extension of extensions) {
      const candidate = paths.join(folder, name + extension.toLowerCase());
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

export function describe(command: ServerCommand): string {
  return [command.command, ...command.args].join(" ");
}
