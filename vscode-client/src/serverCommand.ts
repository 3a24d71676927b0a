// How the extension starts the server, in order: the user's answerlint.server.path (with
// answerlint.server.args), the interpreter chosen in the Python extension, then python3.
// Pure logic, so the Node test runner can check it without VS Code.

export interface ServerCommand {
  command: string;
  args: string[];
  source: "setting" | "python-extension" | "default";
}

export interface ServerCommandInputs {
  configuredPath?: string;
  configuredArgs?: unknown;
  /** The Python extension's interpreter as argv, e.g. ["/venv/bin/python"] or ["conda", "run", ...]. */
  pythonInterpreter?: string[];
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
  const python = (inputs.platform ?? process.platform) === "win32" ? "python" : "python3";
  return { command: python, args: SERVER_MODULE_ARGS, source: "default" };
}

export function describe(command: ServerCommand): string {
  return [command.command, ...command.args].join(" ");
}
