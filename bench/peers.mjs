// One peer prose linter over files, for bench/run.py. Installed by the harness into a
// scratch folder (bench/.peers), never a dependency of answerlint.
//
//   node bench/peers.mjs <write-good|harper.js> <scratch folder> <once|timed> <files...>
//
// "timed": sets the linter up, lints one file to warm it, then times three passes over every
// file and prints (for the best pass)
// {"documents", "findings", "per_document_ms", "setup_ms"} as JSON. "once": lints each
// file once, as a command line would (the harness times the whole process).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [peer, scratch, mode, ...files] = process.argv.slice(2);
const modules = join(scratch, 'node_modules');
const started = performance.now();
let lint;
if (peer === 'write-good') {
  const writeGood = createRequire(join(scratch, 'package.json'))('write-good');
  lint = async (text) => writeGood(text);
} else if (peer === 'harper.js') {
  // harper.js is an ES module only; import it from the scratch folder by path
  const dist = join(modules, 'harper.js', 'dist');
  const { LocalLinter } = await import(pathToFileURL(join(dist, 'index.js')).href);
  const { binary } = await import(pathToFileURL(join(dist, 'binary.js')).href);
  const linter = new LocalLinter({ binary });
  await linter.setup();
  lint = (text) => linter.lint(text, { language: 'markdown' });
} else {
  throw new Error(`unknown peer ${peer}`);
}
const setupMs = performance.now() - started;
const texts = files.map((file) => readFileSync(file, 'utf8'));
let findings = 0;
if (mode === 'timed') {
  await lint(texts[0]);
  let perDocumentMs = Infinity;
  for (let pass = 0; pass < 3; pass++) {  // the best of three passes, as for every tool
    findings = 0;
    const begin = performance.now();
    for (const text of texts) findings += (await lint(text)).length;
    perDocumentMs = Math.min(perDocumentMs, (performance.now() - begin) / texts.length);
  }
  console.log(JSON.stringify({ documents: texts.length, findings, per_document_ms: perDocumentMs,
                               setup_ms: setupMs }));
} else {
  for (const text of texts) findings += (await lint(text)).length;
  console.log(JSON.stringify({ documents: texts.length, findings }));
}
