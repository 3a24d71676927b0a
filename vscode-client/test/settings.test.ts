import assert from "node:assert/strict";
import { test } from "node:test";
import { toServerSettings } from "../src/settings";

test("every server setting is passed through, client-only keys are not", () => {
  const settings = toServerSettings({
    target: "expert",
    wordsPerMinute: 170,
    disabledRules: ["hedging"],
    severity: { "we-not-i": "hint" },
    rulePaths: ["team-rules/"],
    server: { path: "/usr/bin/answerlint", args: [] },
    trace: { server: "verbose" },
  });
  assert.deepEqual(settings, {
    target: "expert",
    wordsPerMinute: 170,
    disabledRules: ["hedging"],
    severity: { "we-not-i": "hint" },
    rulePaths: ["team-rules/"],
  });
});

test("values of the wrong type or outside the enums are dropped", () => {
  const settings = toServerSettings({
    target: "wizard",
    wordsPerMinute: "fast",
    disabledRules: "hedging",
    severity: { drama: "loud", hedging: "off" },
    rulePaths: [1, 2],
  });
  assert.deepEqual(settings, { severity: { hedging: "off" } });
});

test("a missing section gives no settings", () => {
  assert.deepEqual(toServerSettings(undefined), {});
  assert.deepEqual(toServerSettings(null), {});
});
