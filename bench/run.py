"""answerlint's performance, measured on this machine in one run.

    python bench/run.py [--quick] [--json bench/out/results.json]

Prints a table and writes JSON. Every figure comes from this run:
  1. keystroke latency through the protocol (pull and push) on a ~400-word answer;
  2. an edit in one answer of a 50-answer, ~20,000-word bank;
  3. cold start: process start -> initialize answered -> first diagnostics;
  4. server memory after opening 100 drafts and after 10,000 edits;
  5. CLI throughput over 1,000 answers, in one process and with --jobs;
  6. scaling: one document of 1k, 10k, 100k and 1M words (time and peak memory, in one
     process; the largest also through the CLI with --jobs 1 and one per CPU).
  7. peers on the same 50 answers: proselint (PyPI), write-good and harper.js (npm),
     installed by this script into bench/.peers (never dependencies of answerlint).
The protocol figures come from a plain JSON-RPC client over stdio, as an editor talks.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT.parent / "shared" / "dev-set"
SERVER = [sys.executable, "-m", "answerlint", "lsp"]
CHECK = [sys.executable, "-m", "answerlint", "check", "--fail-level", "never", "--format", "json"]
DEBOUNCE_MS = 100  # answerlint.lsp.drafts.DEBOUNCE_SECONDS


def corpus() -> list[str]:
    """Real answers: the dev set when it is beside the project, else the bundled examples."""
    paths = sorted(DEV_SET.glob("*.md")) or sorted((ROOT / "examples").glob("*.md"))
    out = []
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        body = "\n".join(line for line in lines if not line.startswith("<!--"))
        out.append(body.strip())
    return out


def answer_of(words: int, texts: list[str], title: str = "A difficult customer") -> str:
    """One answer of about `words` words, made of real answers' paragraphs."""
    parts, count, n = [], 0, 0
    while count < words:
        text = texts[n % len(texts)].replace("#", "")
        parts.append(text)
        count += len(text.split())
        n += 1
    return f"# {title}\n\n" + "\n\n".join(parts) + "\n"


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    return {"p50": round(pick(0.50), 2), "p95": round(pick(0.95), 2), "p99": round(pick(0.99), 2),
            "n": len(samples)}


def rss_mb(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            name, value = line.split(":")
            fields[name] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mb": fields.get("VmRSS", 0.0), "peak_mb": fields.get("VmHWM", 0.0)}


class Session:
    """A client process driving `answerlint lsp` over stdio with plain JSON-RPC, as an
    editor does: the figures are the server's and the pipe's, not a client library's."""

    def __init__(self, pull: bool, options: tuple[str, ...] = ()) -> None:
        self.pull = pull
        self.options = options
        self.first_publish: float | None = None
        self.waiters: dict[tuple[str, int], asyncio.Future[float]] = {}
        self.replies: dict[int, asyncio.Future[object]] = {}
        self.next_id = 0
        self.result_ids: dict[str, str] = {}
        self.published: dict[str, list[int | None]] = {}  # each push's version, by document

    async def start(self) -> float:
        started = time.perf_counter()
        self.process = await asyncio.create_subprocess_exec(
            *SERVER, *self.options, stdin=subprocess.PIPE, stdout=subprocess.PIPE, limit=2**26)
        self.reader = asyncio.create_task(self._read())
        capabilities: dict = {"textDocument": {"publishDiagnostics": {"versionSupport": True}}}
        if self.pull:
            capabilities["textDocument"]["diagnostic"] = {}
        await self.request("initialize", {"processId": os.getpid(), "rootUri": None,
                                          "capabilities": capabilities})
        self.notify("initialized", {})
        self.started = started
        return (time.perf_counter() - started) * 1000

    @property
    def pid(self) -> int:
        return self.process.pid

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: object) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    async def request(self, method: str, params: object) -> object:
        self.next_id += 1
        reply = self.replies[self.next_id] = asyncio.get_running_loop().create_future()
        self._send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return await reply

    async def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := await stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(await stream.readexactly(length))
            now = time.perf_counter()
            if "id" in message and "method" not in message:
                self.replies.pop(message["id"]).set_result(message.get("result"))
            elif "id" in message:  # a request from the server (configuration, refresh)
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.published.setdefault(params["uri"], []).append(params.get("version"))
                if self.first_publish is None:
                    self.first_publish = now
                waiter = self.waiters.pop((params["uri"], params.get("version") or 0), None)
                if waiter is not None and not waiter.done():
                    waiter.set_result(now)

    def open(self, uri: str, text: str) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}})

    def change(self, uri: str, version: int, line: int, start: int, end: int, text: str) -> None:
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": start},
                                          "end": {"line": line, "character": end}},
                                "text": text}]})

    def expect(self, uri: str, version: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiters[(uri, version)] = future
        return future

    async def pull_diagnostics(self, uri: str) -> int:
        """Pull the document's diagnostics as an editor does (with the last result id);
        returns how many came back."""
        params: dict = {"textDocument": {"uri": uri}}
        if uri in self.result_ids:
            params["previousResultId"] = self.result_ids[uri]
        report = await self.request("textDocument/diagnostic", params)
        assert isinstance(report, dict)
        if report.get("resultId"):
            self.result_ids[uri] = report["resultId"]
        return len(report.get("items", []))

    async def warm(self, uri: str) -> None:
        """Wait until the server itself has linted the draft: while its engine loads, the
        starter answers for it (see docs/performance.md), and typing latency is measured
        after that. A hover needs the server's own lint, so its answer marks the moment."""
        await self.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 0, "character": 0}})

    async def stop(self) -> None:
        await self.request("shutdown", None)
        self.notify("exit", None)
        await self.process.wait()
        self.reader.cancel()


def word_edits(text: str, count: int) -> list[tuple[int, int, int, str]]:
    """`count` single-word edits in the body: (line, start, end, new word). Each turns a word
    into "quickly" or back, so the draft keeps its length however many edits are made."""
    lines = text.split("\n")
    spots = [(number, k) for number, line in enumerate(lines)
             if line and not line.startswith("#")
             for k, word in enumerate(line.split(" ")) if word.isalpha() and len(word) > 3]
    originals: dict[tuple[int, int], str] = {}
    edits = []
    for n in range(count):
        number, k = spots[(n * 7) % len(spots)]
        words = lines[number].split(" ")
        start, now = sum(len(w) + 1 for w in words[:k]), words[k]
        new = originals.pop((number, k), None)
        if new is None:
            originals[(number, k)], new = now, "quickly"
        edits.append((number, start, start + len(now), new))
        words[k] = new
        lines[number] = " ".join(words)
    return edits


async def keystrokes(texts: list[str], edits: int) -> dict:
    text = answer_of(400, texts)
    out = {}
    for mode in ("pull", "push"):
        session = Session(pull=mode == "pull")
        await session.start()
        uri = "file:///bench/answer.md"
        session.open(uri, text)
        if mode == "pull":
            await session.pull_diagnostics(uri)
        else:
            await session.expect(uri, 1)
        await session.warm(uri)
        samples = []
        for version, (line, start, end, new) in enumerate(word_edits(text, edits), start=2):
            if mode == "push":
                waiter = session.expect(uri, version)
            sent = time.perf_counter()
            session.change(uri, version, line, start, end, new)
            if mode == "pull":
                await session.pull_diagnostics(uri)
                samples.append((time.perf_counter() - sent) * 1000)
            else:
                arrived = await asyncio.wait_for(waiter, 10)
                samples.append((arrived - sent) * 1000)
        out[mode] = percentiles(samples)
        await session.stop()
    out["words"] = len(text.split())
    out["debounce_ms"] = DEBOUNCE_MS
    return out


async def answer_bank(texts: list[str], edits: int) -> dict:
    answers = [answer_of(400, texts[n:] + texts[:n], f"Answer {n + 1}").replace("# ", "## ", 1)
               for n in range(50)]
    text = "# My answer bank\n\n" + "\n".join(answers)
    session = Session(pull=True)
    await session.start()
    uri = "file:///bench/bank.md"
    session.open(uri, text)
    await session.pull_diagnostics(uri)
    await session.warm(uri)
    lines = text.split("\n")
    middle = next(n for n, line in enumerate(lines) if line.startswith("## Answer 25"))
    body = next(n for n in range(middle + 1, len(lines)) if len(lines[n]) > 40)
    samples = []
    for version in range(2, edits + 2):
        word = "Quickly " if version % 2 == 0 else ""
        old = 8 if version % 2 == 1 else 0
        sent = time.perf_counter()
        session.change(uri, version, body, 0, old, word)
        await session.pull_diagnostics(uri)
        samples.append((time.perf_counter() - sent) * 1000)
    await session.stop()
    return {"words": len(text.split()), "answers": 50, **percentiles(samples)}


async def cold_start(texts: list[str], runs: int, options: tuple[str, ...] = ()) -> dict:
    text = answer_of(400, texts)
    initialize, first = [], []
    for _ in range(runs):
        session = Session(pull=False, options=options)
        took = await session.start()
        uri = "file:///bench/cold.md"
        waiter = session.expect(uri, 1)
        session.open(uri, text)
        arrived = await asyncio.wait_for(waiter, 30)
        initialize.append(took)
        first.append((arrived - session.started) * 1000)
        await session.stop()
    return {"initialize_ms": percentiles(initialize), "first_diagnostics_ms": percentiles(first)}


async def memory(texts: list[str], drafts: int, edits: int) -> dict:
    session = Session(pull=True)
    await session.start()
    for n in range(drafts):
        uri = f"file:///bench/draft{n}.md"
        session.open(uri, answer_of(300, texts[n % len(texts):] + texts[: n % len(texts)]))
        await session.pull_diagnostics(uri)
        await session.warm(uri)  # every draft's lint held by the server itself
    after_open = rss_mb(session.pid)
    uri = "file:///bench/draft0.md"
    text = answer_of(300, texts)
    session.open("file:///bench/edited.md", text)
    uri = "file:///bench/edited.md"
    readings = []
    for version, (line, start, end, new) in enumerate(word_edits(text, edits), start=2):
        session.change(uri, version, line, start, end, new)
        await session.pull_diagnostics(uri)
        if version % max(1, edits // 5) == 0:
            readings.append(rss_mb(session.pid)["rss_mb"])
    after_edits = rss_mb(session.pid)
    await session.stop()
    return {"drafts": drafts, "after_open": after_open, "edits": edits,
            "after_edits": after_edits, "rss_during_edits_mb": readings}


PEERS = ROOT / "bench" / ".peers"  # scratch installs of the peers, never dependencies
PEER_VERSIONS = {"proselint": "0.16.0", "write-good": "1.0.8", "harper.js": "2.10.0"}

# This machine is shared and noisy: per-document figures are the best of three passes over
# the 50 files (after one warm-up file), whole-process ones the best of three runs, for
# every tool alike.
PASSES = 3
OURS_SNIPPET = """
import json, sys, time
from answerlint.engine.lint import lint, prepare
texts = [open(p, encoding="utf-8").read() for p in sys.argv[1:]]
prepare()  # the pipeline is built once per process, as the command line does
lint(texts[0])
passes = []
for _ in range(PASSES):
    found, started = 0, time.perf_counter()
    for text in texts:
        found += len(lint(text).findings)
    passes.append((time.perf_counter() - started) / len(texts) * 1000)
print(json.dumps({"per_document_ms": min(passes), "findings": found}))
"""

PROSELINT_SNIPPET = """
import json, sys, time
from proselint.checks import __register__
from proselint.registry import CheckRegistry
from proselint.tools import LintFile
CheckRegistry().register_many(__register__)  # as its command line does: else nothing is checked
texts = [open(p, encoding="utf-8").read() for p in sys.argv[1:]]
LintFile("warm-up", texts[0]).lint()
passes = []
for _ in range(PASSES):
    found, started = 0, time.perf_counter()
    for n, text in enumerate(texts):
        found += len(LintFile(f"draft{n}", text).lint())
    passes.append((time.perf_counter() - started) / len(texts) * 1000)
print(json.dumps({"per_document_ms": min(passes), "findings": found}))
"""


def measured(command: list[str], env: dict[str, str] | None = None) -> dict:
    """Run a command to its end: wall seconds, its peak RSS and its standard output."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        took = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return {"seconds": round(took, 3), "peak_mb": round(usage.ru_maxrss / 1024, 1),
                "rc": process.returncode, "stdout": out.read().decode("utf-8", "replace")}


def install_peers() -> dict[str, str]:
    """Install the peers into bench/.peers (once); returns why any of them is missing."""
    missing: dict[str, str] = {}
    python_dir, npm_dir = PEERS / "python", PEERS / "npm"
    if not (python_dir / "proselint").is_dir():
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--target", str(python_dir), f"proselint=={PEER_VERSIONS['proselint']}"],
            capture_output=True, text=True)
        if done.returncode:
            missing["proselint"] = (done.stderr.strip().splitlines() or ["pip failed"])[-1]
    node_peers = ["write-good", "harper.js"]
    if not all((npm_dir / "node_modules" / name).is_dir() for name in node_peers):
        if shutil.which("npm") is None or shutil.which("node") is None:
            missing.update({name: "node and npm are not installed" for name in node_peers})
        else:
            done = subprocess.run(
                ["npm", "install", "--prefix", str(npm_dir), "--no-audit", "--no-fund",
                 "--silent", *(f"{name}@{PEER_VERSIONS[name]}" for name in node_peers)],
                capture_output=True, text=True)
            if done.returncode:
                reason = (done.stderr.strip().splitlines() or ["npm failed"])[-1]
                missing.update({name: reason for name in node_peers})
    return missing


def peers(texts: list[str]) -> dict:
    """Ours and the peers on the same 50 answers of about 500 words: per document in one
    process, and whole processes (start-up included) over the 50 files."""
    missing = install_peers()
    answers = [answer_of(500, texts[n:] + texts[:n]) for n in range(50)]
    python_env = {**os.environ, "PYTHONPATH": str(PEERS / "python")}
    node_script = str(ROOT / "bench" / "peers.mjs")
    out: dict = {"documents": len(answers),
                 "words_each": round(statistics.mean(len(a.split()) for a in answers)),
                 "versions": PEER_VERSIONS, "missing": missing, "tools": {}}
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for n, text in enumerate(answers):
            path = Path(folder, f"{n:02d}.md")
            path.write_text(text, encoding="utf-8")
            files.append(str(path))
        tools: dict[str, tuple[list[str], list[str], dict[str, str] | None]] = {
            "answerlint": ([sys.executable, "-c", f"PASSES = {PASSES}" + OURS_SNIPPET, *files],
                           [*CHECK, *files], None),
            "proselint": ([sys.executable, "-c", f"PASSES = {PASSES}" + PROSELINT_SNIPPET, *files],
                          [sys.executable, "-m", "proselint", "--output-format", "json",
                           "check", *files], python_env),
            "write-good": (["node", node_script, "write-good", str(PEERS / "npm"), "timed", *files],
                           ["node", node_script, "write-good", str(PEERS / "npm"), "once", *files],
                           None),
            "harper.js": (["node", node_script, "harper.js", str(PEERS / "npm"), "timed", *files],
                          ["node", node_script, "harper.js", str(PEERS / "npm"), "once", *files],
                          None),
        }
        for name, (timed, whole, env) in tools.items():
            if name in missing:
                continue
            inside = measured(timed, env)
            process = min((measured(whole, env) for _ in range(PASSES)),
                          key=lambda run: run["seconds"])
            figures = json.loads(inside["stdout"]) if inside["rc"] == 0 else {}
            out["tools"][name] = {
                "per_document_ms": round(figures.get("per_document_ms", float("nan")), 2),
                "findings": figures.get("findings"),
                "whole_process_s": process["seconds"], "whole_process_peak_mb": process["peak_mb"],
                "in_process_peak_mb": inside["peak_mb"]}
        ours = out["tools"]["answerlint"]
        for figures in out["tools"].values():
            figures["per_document_ratio"] = round(figures["per_document_ms"] / ours["per_document_ms"], 2)
            figures["whole_process_ratio"] = round(figures["whole_process_s"] / ours["whole_process_s"], 2)
    return out


def cli_throughput(texts: list[str], count: int) -> dict:
    """The CLI over `count` answers (the corpus repeated), in one process and in one per CPU."""
    out: dict = {"answers": count, "jobs": os.cpu_count() or 1}
    with tempfile.TemporaryDirectory() as folder:
        for n in range(count):
            Path(folder, f"{n:04d}.md").write_text(texts[n % len(texts)] + "\n", encoding="utf-8")
        for label, jobs in (("single", 1), ("parallel", out["jobs"])):
            done = measured([*CHECK, "--jobs", str(jobs), folder])
            out[label] = {"seconds": round(done["seconds"], 2), "peak_mb": done["peak_mb"],
                          "answers_per_second": round(count / done["seconds"])}
    return out


SCALE_SNIPPET = """
import resource, sys, time
from answerlint.engine.lint import lint, prepare
text = sys.stdin.read()
prepare()  # the pipeline is built once per process, as the command line does
started = time.perf_counter()
result = lint(text)
took = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(took, peak, len(result.findings))
"""


PARAGRAPH_END = re.compile(r"(?m)^(?!#)(.+)\n(?=\n|\Z)")  # the last line of a paragraph


def scaling(texts: list[str], sizes: list[int]) -> list[dict]:
    out = []
    for words in sizes:
        answers, count, n = [], 0, 0
        while count < words:
            answer = answer_of(400, texts[n % len(texts):] + texts[: n % len(texts)],
                               f"Answer {n + 1}").replace("# ", "## ", 1)
            answers.append(answer)
            count += len(answer.split())
            n += 1
        # every paragraph made unique, as in a real bank: repeated ones are analysed once
        numbers = iter(range(10**9))
        text = PARAGRAPH_END.sub(lambda m, numbers=numbers: f"{m.group(1)} Case {next(numbers)}.\n",
                                 "\n".join(answers))
        done = subprocess.run([sys.executable, "-c", SCALE_SNIPPET], input=text, text=True,
                              capture_output=True, check=True)
        took, peak, findings = done.stdout.split()
        row = {"words": len(text.split()), "seconds": round(float(took), 3),
               "peak_mb": round(float(peak)), "findings": int(findings),
               "us_per_word": round(float(took) / len(text.split()) * 1e6, 2)}
        if words == sizes[-1]:  # the largest also through the command line, start-up included
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder, "long.md")
                path.write_text(text, encoding="utf-8")
                for jobs in (1, os.cpu_count() or 1):
                    done = measured([*CHECK, "--jobs", str(jobs), str(path)])
                    row[f"cli_jobs_{jobs}"] = {"seconds": round(done["seconds"], 2),
                                               "peak_mb": done["peak_mb"]}
        out.append(row)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples, smaller sizes")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "results.json")
    args = parser.parse_args()
    texts = corpus()
    quick = args.quick
    results = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "keystrokes": asyncio.run(keystrokes(texts, 40 if quick else 200)),
        "answer_bank": asyncio.run(answer_bank(texts, 20 if quick else 100)),
        "cold_start": asyncio.run(cold_start(texts, 2 if quick else 5)),
        "cold_start_no_starter": asyncio.run(cold_start(texts, 2 if quick else 5,
                                                        ("--no-starter",))),
        "memory": asyncio.run(memory(texts, 20 if quick else 100, 500 if quick else 10_000)),
        "peers": peers(texts),
        "cli": cli_throughput(texts, 200 if quick else 1000),
        "scaling": scaling(texts, [1_000, 10_000] if quick else [1_000, 10_000, 100_000, 1_000_000]),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    k, b, c, m = (results["keystrokes"], results["answer_bank"], results["cold_start"],
                  results["memory"])
    rows = [
        ("pull diagnostics after an edit, p50/p95/p99 ms",
         f"{k['pull']['p50']} / {k['pull']['p95']} / {k['pull']['p99']}", f"{k['words']} words"),
        (f"pushed diagnostics after an edit (debounce {DEBOUNCE_MS} ms), p50/p95/p99 ms",
         f"{k['push']['p50']} / {k['push']['p95']} / {k['push']['p99']}", ""),
        ("answer bank edit -> diagnostics, p50/p95 ms", f"{b['p50']} / {b['p95']}",
         f"{b['words']} words, 50 answers"),
        ("process start -> initialize answered, p50 ms", f"{c['initialize_ms']['p50']}", ""),
        ("process start -> first diagnostics, p50 ms", f"{c['first_diagnostics_ms']['p50']}",
         f"{results['cold_start_no_starter']['first_diagnostics_ms']['p50']} with --no-starter"),
        (f"server RSS after {m['drafts']} drafts, MB", f"{m['after_open']['rss_mb']}",
         f"peak {m['after_open']['peak_mb']}"),
        (f"server RSS after {m['edits']} edits, MB", f"{m['after_edits']['rss_mb']}",
         f"during: {m['rss_during_edits_mb']}"),
        (f"CLI over {results['cli']['answers']} answers, one process, answers/s",
         f"{results['cli']['single']['answers_per_second']}",
         f"{results['cli']['single']['seconds']} s, peak {results['cli']['single']['peak_mb']} MB"),
        (f"CLI over {results['cli']['answers']} answers, --jobs {results['cli']['jobs']}, answers/s",
         f"{results['cli']['parallel']['answers_per_second']}",
         f"{results['cli']['parallel']['seconds']} s"),
    ]
    p = results["peers"]
    for name, figures in p["tools"].items():
        version = "" if name == "answerlint" else f" {p['versions'][name]}"
        rows.append((f"{name}{version}: per ~{p['words_each']}-word document, ms (x ours)",
                     f"{figures['per_document_ms']} ({figures['per_document_ratio']}x)",
                     f"{figures['findings']} findings in {p['documents']} files"))
        rows.append((f"{name}{version}: whole process over {p['documents']} files, s (x ours)",
                     f"{figures['whole_process_s']} ({figures['whole_process_ratio']}x)",
                     f"peak {figures['whole_process_peak_mb']} MB"))
    rows += [(f"{name}: not measured", "", why) for name, why in p["missing"].items()]
    rows += [(f"one document of {s['words']:,} words: s / peak MB", f"{s['seconds']} / {s['peak_mb']}",
              f"{s['us_per_word']} us/word") for s in results["scaling"]]
    largest = results["scaling"][-1]
    rows += [(f"CLI on the {largest['words']:,}-word document, --jobs {key.rsplit('_', 1)[1]}, s",
              f"{figures['seconds']}", f"peak {figures['peak_mb']} MB (start-up included)")
             for key, figures in largest.items() if key.startswith("cli_jobs_")]
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>22}  {note}")
    print(f"\nJSON: {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
