import assert from "node:assert/strict";
import { test } from "node:test";
import { fromLens, statusText, summaryAt } from "../src/summary";

const lens = (line: number, answer: number, level: number, levelName: string, spoken: string) => ({
  range: { start: { line, character: 0 }, end: { line, character: 0 } },
  command: { title: `Level ${level} · ${levelName} · ${spoken} spoken · story 20%`, command: "answerlint.showSummary" },
  data: { answer, level, levelName, spoken },
});

test("the status bar shows the answer the cursor is in", () => {
  const items = [lens(10, 1, 3, "Expert", "1:55"), lens(2, 0, 1, "Basic", "0:25")].map(fromLens);
  const summaries = items.filter((s) => s !== undefined);
  assert.equal(summaries.length, 2);
  assert.equal(summaryAt(summaries, 0), undefined); // above the first answer
  assert.equal(statusText(summaryAt(summaries, 4)!), "$(mortar-board) Basic · 0:25");
  assert.equal(statusText(summaryAt(summaries, 10)!), "$(mortar-board) Expert · 1:55");
  assert.equal(summaryAt(summaries, 99)!.answer, 1);
  assert.match(summaryAt(summaries, 99)!.title, /^Level 3 · Expert/);
});

test("lenses without answerlint's data are ignored", () => {
  assert.equal(fromLens({ range: { start: { line: 1 } }, command: { title: "Run" } }), undefined);
  assert.equal(fromLens(null), undefined);
  assert.equal(fromLens({ range: { start: { line: 1 } }, data: { level: "2" } }), undefined);
});
