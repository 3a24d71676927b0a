import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { describe, findOnPath, resolveServerCommand } from "../src/serverCommand";

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

test("without either, answerlint on PATH runs before python3 (a pipx install)", () => {
  const command = resolveServerCommand({
    answerlintOnPath: "/home/me/.local/bin/answerlint",
    platform: "linux",
  });
  assert.deepEqual(command, {
    command: "/home/me/.local/bin/answerlint",
    args: ["lsp"],
    source: "path",
  });
});

test("the Python extension's interpreter still comes before answerlint on PATH", () => {
  const command = resolveServerCommand({
    pythonInterpreter: ["/venv/bin/python"],
    answerlintOnPath: "/home/me/.local/bin/answerlint",
  });
  assert.equal(describe(command), "/venv/bin/python -m answerlint lsp");
});

test("findOnPath finds the first executable answerlint in PATH's folders", () => {
  const root = mkdtempSync(path.join(tmpdir(), "answerlint-path-"));
  const [empty, notExecutable, bin, later] = ["empty", "plain", "bin", "later"].map((name) => {
    const folder = path.join(root, name);
    mkdirSync(folder);
    return folder;
  });
  writeFileSync(path.join(notExecutable, "answerlint"), "not a program");
  chmodSync(path.join(notExecutable, "answerlint"), 0o644);
  for (const folder of [bin, later]) {
    writeFileSync(path.join(folder, "answerlint"), "#!/bin/sh\n");
    chmodSync(path.join(folder, "answerlint"), 0o755);
  }
  mkdirSync(path.join(empty, "answerlint")); // a folder of that name is not a program
  const PATH = ["", empty, notExecutable, bin, later].join(path.delimiter);
  assert.equal(findOnPath("answerlint", { PATH }, "linux"), path.join(bin, "answerlint"));
  assert.equal(findOnPath("answerlint", { PATH: empty }, "linux"), undefined);
  assert.equal(findOnPath("answerlint", {}, "linux"), undefined);
});

test("findOnPath on Windows tries PATHEXT's extensions", () => {
  const seen: string[] = [];
  const found = findOnPath(
    "answerlint",
    { PATH: "C:\\Python\\Scripts;C:\\Users\\me\\.local\\bin", PATHEXT: ".COM;.EXE" },
    "win32",
    (file) => {
      seen.push(file);
      return file === "C:\\Users\\me\\.local\\bin\\answerlint.exe";
    },
  );
  assert.equal(found, "C:\\Users\\me\\.local\\bin\\answerlint.exe");
  assert.deepEqual(seen, [
    "C:\\Python\\Scripts\\answerlint.com",
    "C:\\Python\\Scripts\\answerlint.exe",
    "C:\\Users\\me\\.local\\bin\\answerlint.com",
    "C:\\Users\\me\\.local\\bin\\answerlint.exe",
  ]);
});

test("without any of them, python3 runs the module (python on Windows)", () => {
  assert.equal(describe(resolveServerCommand({ platform: "linux" })), "python3 -m answerlint lsp");
  assert.equal(describe(resolveServerCommand({ platform: "win32", pythonInterpreter: [] })),
    "python -m answerlint lsp");
});
