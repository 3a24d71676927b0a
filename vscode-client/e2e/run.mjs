// End to end in a real VS Code (code-server 4.100.3 in headless Debian Chromium):
// install the packaged .vsix and the answerlint Python package into a scratch code-server,
// open an example draft, check the Problems panel against the CLI, apply a quick fix,
// change a setting, and save a screenshot for the README.
//
// Run: npm run e2e (after npm run package). Needs Debian's chromium and ripgrep.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = dirname(fileURLToPath(import.meta.url));
const CLIENT = resolve(HERE, "..");
const REPO = resolve(CLIENT, "..");
const VSIX = join(CLIENT, "answerlint.vsix");
const OUT = join(HERE, "out");
const PYTHON = process.env.ANSWERLINT_PYTHON || "python3";
const DRAFT_NAME = "basic.md";

function log(message) {
  console.log(`[e2e] ${message}`);
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
    server.on("error", fail);
  });
}

/** The CLI's JSON report for one draft at a target level. */
function cliReport(path, target) {
  const stdout = execFileSync(PYTHON, ["-m", "answerlint", "check", "--format", "json", "--fail-level", "never",
    "--target", target, path], { encoding: "utf8" });
  return JSON.parse(stdout).files[0];
}

/** What the CLI reports for the draft, as the Problems panel shows it (hints are not shown). */
function cliProblems(path, target) {
  return cliReport(path, target).findings.filter((f) => f.severity !== "hint").map((f) => f.rule).sort();
}

/** Spoken time as the server formats it (Python rounds halves to even; JavaScript does not). */
function spokenAsServer(seconds) {
  return execFileSync(PYTHON, ["-c", "import sys; from answerlint.views import spoken; print(spoken(float(sys.argv[1])))",
    String(seconds)], { encoding: "utf8" }).trim();
}


async function problems(page) {
  // Rows of the Problems panel read "message / answerlint / rule-id / [Ln 3, Col 216]"
  // (the brackets around the code are drawn by CSS).
  const texts = await page.locator('.part.panel [role="treeitem"]').allInnerTexts();
  return texts.map((t) => /\nanswerlint\n([a-z-]+)\n\[Ln/.exec(t)?.[1]).filter(Boolean).sort();
}

async function waitFor(what, check, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last.ok) {
      return last.value;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last?.value)}`);
}

async function command(page, name) {
  await page.keyboard.press("F1");
  await page.locator(".quick-input-widget input").fill(`>${name}`);
  await page.locator(".quick-input-list .monaco-list-row").first().waitFor();
  await page.keyboard.press("Enter");
}

async function main() {
  if (!existsSync(VSIX)) {
    throw new Error(`${VSIX} is missing: run npm run package first`);
  }
  const entry = execFileSync("bash", [join(HERE, "setup-code-server.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  const scratch = mkdtempSync(join(tmpdir(), "answerlint-e2e-"));
  const home = join(scratch, "home");
  const userData = join(scratch, "user-data");
  const extensions = join(scratch, "extensions");
  const workspace = join(scratch, "workspace");
  for (const dir of [home, userData, extensions, workspace, join(userData, "User"), OUT]) {
    mkdirSync(dir, { recursive: true });
  }
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_DATA_HOME: join(home, ".local/share"),
    XDG_CACHE_HOME: join(home, ".cache"),
    TMPDIR: scratch,
  };

  // The Python package, in its own venv so the extension starts exactly this install.
  log("installing the answerlint package into a scratch venv");
  const venv = join(scratch, "venv");
  execFileSync(PYTHON, ["-m", "venv", "--system-site-packages", venv], { stdio: "inherit" });
  execFileSync(join(venv, "bin/python"), ["-m", "pip", "install", "-q", "--no-deps", REPO],
    { stdio: "inherit", env: { ...env, PIP_DISABLE_PIP_VERSION_CHECK: "1" } });
  const server = join(venv, "bin/answerlint");

  const draft = join(workspace, DRAFT_NAME);
  copyFileSync(join(REPO, "examples", DRAFT_NAME), draft);
  const settingsFile = join(userData, "User", "settings.json");
  const settings = {
    "answerlint.server.path": server,
    "answerlint.target": "professional",
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "security.workspace.trust.enabled": false,
    "files.autoSave": "off",
    "editor.wordWrap": "on",
    "extensions.ignoreRecommendations": true,
    "telemetry.telemetryLevel": "off",
  };
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2));

  log("installing the .vsix");
  const base = ["--user-data-dir", userData, "--extensions-dir", extensions];
  execFileSync(process.execPath, [entry, ...base, "--install-extension", VSIX], { env, stdio: "inherit" });

  const port = await freePort();
  log(`starting code-server on port ${port}`);
  const codeServer = spawn(process.execPath, [entry, "--bind-addr", `127.0.0.1:${port}`, "--auth", "none",
    "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", ...base, workspace],
    { env, stdio: ["ignore", "pipe", "pipe"] });
  let serverLog = "";
  codeServer.stdout.on("data", (d) => { serverLog += d; });
  codeServer.stderr.on("data", (d) => { serverLog += d; });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  let page;
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await waitFor("code-server to listen", async () => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        return { ok: response.ok, value: response.status };
      } catch (error) {
        return { ok: false, value: String(error) };
      }
    });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator(".monaco-workbench").waitFor({ timeout: 60000 });
    log("workbench loaded");

    // Open the draft through Quick Open, as a user would.
    await page.keyboard.press("Control+P");
    await page.locator(".quick-input-widget input").fill(DRAFT_NAME);
    await page.locator(".quick-input-list .monaco-list-row").first().waitFor();
    await page.keyboard.press("Enter");
    await page.locator(".monaco-editor .view-lines").first().waitFor();
    await command(page, "View: Focus Problems");
    await command(page, "View: Toggle Maximized Panel");

    // 1. The Problems panel shows what the CLI reports.
    const expected = cliProblems(draft, "professional");
    const shown = await waitFor("answerlint's diagnostics in the Problems panel", async () => {
      const found = await problems(page);
      return { ok: JSON.stringify(found) === JSON.stringify(expected), value: found };
    });
    log(`Problems panel: ${shown.length} answerlint problems (${[...new Set(shown)].join(", ")})`);
    await command(page, "View: Toggle Maximized Panel");
    await page.screenshot({ path: join(OUT, "screenshot.png") });

    // 2. A quick fix on the passive-talk finding rewrites it into owner talk.
    const before = readFileSync(draft, "utf8");
    const passive = cliReport(draft, "professional").findings.find((f) => f.rule === "passive-talk");
    const { line, character } = passive.range.start;
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+G");
    await page.locator(".quick-input-widget input").fill(`:${line + 1}:${character + 2}`);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Control+.");
    // The preferred rewrite comes first and has the focus: Enter applies it.
    const focused = page.locator(".action-widget .monaco-list-row.focused");
    await focused.first().waitFor({ timeout: 20000 });
    const title = (await focused.first().innerText()).trim();
    if (title !== 'Rewrite as "I gave him a free drink"') {
      throw new Error(`the first quick fix is "${title}"`);
    }
    await page.keyboard.press("Enter");
    await waitFor("the rewrite in the editor", async () => {
      const text = await page.locator(".monaco-editor .view-lines").first().innerText();
      return { ok: text.replace(/\s+/g, " ").includes("I gave him a free drink."), value: text };
    }, 20000);
    await page.keyboard.press("Control+S");
    const after = await waitFor("the quick fix to reach the file", async () => {
      const text = readFileSync(draft, "utf8");
      return { ok: text !== before, value: text };
    }, 20000);
    const wanted = before.replace("I was told to give him a free drink, so I did", "I gave him a free drink");
    if (after !== wanted) {
      throw new Error(`the quick fix changed the text wrongly:\n${after}`);
    }
    log("quick fix applied: \"I was told to give him a free drink, so I did\" -> \"I gave him a free drink\"");

    // 3. Changing the target level changes the diagnostics.
    await command(page, "View: Focus Problems");
    const expert = cliProblems(draft, "expert");
    if (JSON.stringify(expert) === JSON.stringify(cliProblems(draft, "professional"))) {
      throw new Error("the draft gives the same problems at both targets; pick another draft");
    }
    // A workspace setting, as a team would commit it in .vscode/settings.json.
    mkdirSync(join(workspace, ".vscode"), { recursive: true });
    writeFileSync(join(workspace, ".vscode", "settings.json"), JSON.stringify({ "answerlint.target": "expert" }));
    // Maximized, so that every row is drawn: the panel's list draws only the rows it can show.
    await command(page, "View: Toggle Maximized Panel");
    const changed = await waitFor("the diagnostics for target expert", async () => {
      const found = await problems(page);
      return { ok: JSON.stringify(found) === JSON.stringify(expert), value: found };
    });
    await command(page, "View: Toggle Maximized Panel");
    log(`after target -> expert: ${changed.length} problems`);

    // 4. The status bar shows the answer's level and spoken time.
    await page.locator(".monaco-editor .view-lines").first().click();
    const status = await waitFor("the status bar item", async () => {
      const items = await page.locator(".statusbar-item").allInnerTexts();
      const text = items.find((t) => /^(Basic|Professional|Expert) · \d+:\d\d$/.test(t.trim())) ?? "";
      return { ok: text !== "", value: text || items };
    }, 20000);
    const answer = cliReport(draft, "expert").answers[0];
    const expectedStatus = `${answer.level_name} · ${spokenAsServer(answer.spoken_seconds)}`;
    if (status.trim() !== expectedStatus) {
      throw new Error(`the status bar shows "${status.trim()}", the CLI says "${expectedStatus}"`);
    }
    log(`status bar: ${status.trim()}`);
    await page.screenshot({ path: join(OUT, "screenshot-after.png") });

    // 5. A server that cannot start gives one clear notification, not a crash loop.
    writeFileSync(join(workspace, ".vscode", "settings.json"), JSON.stringify({
      "answerlint.target": "expert", "answerlint.server.path": join(scratch, "no-such-answerlint"),
    }));
    const toasts = () => page.locator(".notifications-toasts .notification-toast", {
      hasText: "answerlint could not start its server",
    });
    await waitFor("the start-failure notification", async () => {
      const count = await toasts().count();
      return { ok: count > 0, value: count };
    });
    await new Promise((r) => setTimeout(r, 5000)); // time for any retry to show up
    const notices = await toasts().count();
    const text = await toasts().first().innerText();
    if (notices !== 1 || !text.includes("pip install answerlint") || !text.includes("Open setup docs")) {
      throw new Error(`expected one start-failure notification with set-up help, saw ${notices}: ${text}`);
    }
    log("a broken server path gives one notification with set-up help");
    log("passed");
  } catch (error) {
    if (page) {
      await page.screenshot({ path: join(OUT, "failure.png") }).catch(() => {});
    }
    console.error(serverLog.slice(-4000));
    throw error;
  } finally {
    await browser.close();
    const exited = new Promise((done) => codeServer.once("exit", done));
    codeServer.kill();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (!process.env.ANSWERLINT_E2E_KEEP) {
      // code-server's extension host can still be writing as it shuts down: clean up as well
      // as we can, and never let a leftover scratch folder fail the test.
      try {
        rmSync(scratch, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
      } catch (error) {
        log(`left the scratch folder ${scratch}: ${error.message}`);
      }
    }
  }
}

main().catch((error) => {
  console.error(`[e2e] FAILED: ${error.stack || error}`);
  process.exit(1);
});
