import assert from "node:assert/strict";
import { test } from "node:test";
import { describe, resolveServerCommand } from "../src/serverCommand";

test("the server.path setting wins, with lsp as its default argument", () => {
  const command = resolveServerCommand({
    configuredPath: "/home/me/.venv/bin/answerlint",
    configuredArgs: [],
    pythonInterpreter: ["/usr/bin/python3.12"],
  });
  assert.deepEqual(command, {
    command: "/home/me/.venv/bin/answerlint",
    args: ["lsp"],
    source: "setting",
  });
});

test("server.args replace the default when given", () => {
  const command = resolveServerCommand({
    configuredPath: "python3.12",
    configuredArgs: ["-m", "answerlint", "lsp"],
  });
  assert.equal(describe(command), "python3.12 -m answerlint lsp");
});

test("args that are not a list of strings are ignored", () => {
  const command = resolveServerCommand({ configuredPath: "answerlint", configuredArgs: "lsp --tcp" });
  assert.deepEqual(command.args, ["lsp"]);
});

test("a blank server.path falls through to the Python extension's interpreter", () => {
  const command = resolveServerCommand({
    configuredPath: "   ",
    pythonInterpreter: ["conda", "run", "-n", "coach", "python"],
  });
  assert.deepEqual(command, {
    command: "conda",
    args: ["run", "-n", "coach", "python", "-m", "answerlint", "lsp"],
    source: "python-extension",
  });
});

test("without either, python3 runs the module (python on Windows)", () => {
  assert.equal(describe(resolveServerCommand({ platform: "linux" })), "python3 -m answerlint lsp");
  assert.equal(describe(resolveServerCommand({ platform: "win32", pythonInterpreter: [] })),
    "python -m answerlint lsp");
});
