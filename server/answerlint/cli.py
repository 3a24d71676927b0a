"""The command line: `answerlint check`, `report`, `rules`, `explain`, `lsp`.

Exit codes: 0 clean, 1 findings at or above --fail-level, 2 usage or configuration errors.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from answerlint import __version__

if TYPE_CHECKING:
    from answerlint.output import FileReport
    from answerlint.rules.model import Rule
    from answerlint.settings import Settings

# Larger files are refused with a message rather than read: about 3.5 million words, which
# lint in about half a minute and 1.3 GB (a 1,000,000-word draft: about 8 s and 400 MB).
MAX_BYTES = 20_000_000


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="answerlint",
        description="Coach Markdown drafts of interview answers ('tell me about a difficult customer').",
    )
    parser.add_argument("--version", action="version", version=f"answerlint {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="lint drafts (files, folders of *.md, or - for stdin)")
    check.add_argument("paths", nargs="+", help="files, folders (searched for *.md) or -")
    check.add_argument("--format", choices=["human", "json", "github", "sarif"], default="human",
                       help="human lines, JSON, GitHub workflow annotations or SARIF 2.1.0")
    check.add_argument("--target", choices=["basic", "professional", "expert"],
                       help="the level to coach towards (overrides config and front matter)")
    check.add_argument("--config", type=Path, help="a .answerlint.yaml to use instead of searching")
    check.add_argument("--fail-level", choices=["error", "warning", "info", "hint", "never"],
                       default="warning", help="exit 1 when a finding is at least this severe")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    check.add_argument("--stdin-filename", default="<stdin>", help="the name to show for -")
    check.add_argument("--allow-empty", action="store_true",
                       help="a folder with no drafts is no error (exit 0, not 2)")
    check.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                       help="lint in up to N processes (default 0: one per CPU), when there "
                            "is enough to repay the start of one: files in parallel, or a "
                            "long file's sections and answers")

    report = commands.add_parser("report", help="write one HTML page reviewing a folder of "
                                 "drafts: levels, spoken time, shares and findings")
    report.add_argument("paths", nargs="+", help="files or folders (searched for *.md)")
    report.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")
    report.add_argument("--target", choices=["basic", "professional", "expert"],
                        help="the level to coach towards (overrides config and front matter)")
    report.add_argument("--config", type=Path, help="a .answerlint.yaml to use instead of searching")
    report.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                        help="lint in up to N processes (default 0: one per CPU), as check")
    report.set_defaults(stdin_filename="<stdin>")

    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=["human", "json"], default="human")
    rules.add_argument("--config", type=Path, help="a .answerlint.yaml whose rule_paths to load "
                       "(default: the nearest one above the current folder)")

    explain = commands.add_parser("explain", help="why a rule matters, with examples")
    explain.add_argument("rule")
    explain.add_argument("--config", type=Path, help="a .answerlint.yaml whose rule_paths to load")

    server = commands.add_parser("lsp", help="run the language server (stdio unless --tcp)")
    server.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default)")
    server.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP port instead")
    server.add_argument("--log-file", type=Path, help="write the server's log to this file")
    server.add_argument("--no-starter", action="store_true",
                        help="do not fork a helper that lints the first drafts while the "
                             "server loads (it lives about a second and uses about 100 MB)")
    return parser


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return number or os.cpu_count() or 1


def _markdown_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*.md") if p.is_file()
                      and not any(part.startswith(".") for part in p.relative_to(path).parts))
    return [path]


def _read(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"file is {size:,} bytes; answerlint reads drafts up to {MAX_BYTES:,}")
    raw = path.read_bytes()
    return _decode(raw)


def _decode(raw: bytes) -> str:
    if b"\0" in raw[:8192]:
        raise ValueError("binary file, not a Markdown draft")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not valid UTF-8 (byte {error.start})") from None


def _drafts(args: argparse.Namespace) -> tuple[list[Draft], bool] | None:
    """The drafts named by `args.paths`, each with its settings, and whether a rule file
    had an error (printed); None, with the error printed, on a usage or config error.
    Shared by `check` and `report`, so both find the same drafts."""
    from answerlint.settings import resolve_settings

    pins = {"target": args.target} if args.target else None
    if args.config:
        resolved = resolve_settings(None, config=args.config)
        if resolved.config_error is not None:
            print(f"answerlint: {resolved.config_error}", file=sys.stderr)
            return None

    inputs: list[tuple[str, Path | None]] = []
    for raw in args.paths:
        if raw == "-":
            inputs.append((args.stdin_filename, None))
            continue
        path = Path(raw)
        if not path.exists():
            print(f"answerlint: {raw}: no such file or folder", file=sys.stderr)
            return None
        found = _markdown_files(path)
        if not found and not getattr(args, "allow_empty", False):
            print(f"answerlint: no Markdown drafts found in {raw} (--allow-empty to accept "
                  f"that)", file=sys.stderr)
            return None
        inputs.extend((str(p), p) for p in found)

    drafts: list[Draft] = []
    rule_error = False
    rule_errors_shown: set[str] = set()
    for name, where in inputs:
        resolved = resolve_settings(where or Path.cwd() / name, config=args.config, pins=pins)
        if resolved.config_error is not None:
            print(f"answerlint: {resolved.config_error}", file=sys.stderr)
            return None
        for problem in resolved.rule_errors:
            if str(problem) not in rule_errors_shown:
                rule_errors_shown.add(str(problem))
                print(f"answerlint: rule file error: {problem}", file=sys.stderr)
                rule_error = True
        drafts.append((name, where, resolved.settings))
    return drafts, rule_error


def _run_check(args: argparse.Namespace) -> int:
    from answerlint.output import render_github, render_human, render_json

    found = _drafts(args)
    if found is None:
        return 2
    drafts, usage_error = found
    reports = list(_lint_all(drafts, args.jobs))
    usage_error = usage_error or any(report.error is not None for report in reports)

    if args.format == "json":
        print(render_json(reports))
    elif args.format == "github":
        print(render_github(reports))
    elif args.format == "sarif":
        print(_sarif(reports, [draft[2] for draft in drafts]))
    else:
        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                             and not os.environ.get("NO_COLOR"))
        print(render_human(reports, colour))
    if usage_error:
        return 2
    return 1 if _failing(reports, args.fail_level) else 0


def _run_report(args: argparse.Namespace) -> int:
    from answerlint.report import render_report

    # refused before linting: a folder of drafts takes seconds to check
    if not args.output.parent.is_dir() or args.output.is_dir():
        print(f"answerlint: cannot write {args.output}: no such folder, or it is a folder",
              file=sys.stderr)
        return 2
    found = _drafts(args)
    if found is None:
        return 2
    drafts, usage_error = found
    reports = list(_lint_all(drafts, args.jobs))
    try:
        args.output.write_text(render_report(reports), encoding="utf-8")
    except OSError as error:
        print(f"answerlint: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 2
    # a draft that could not be read is shown in the report, and exits 2 as in check
    return 2 if usage_error or any(r.error is not None for r in reports) else 0


def _sarif(reports: list[FileReport], settings: list[Settings]) -> str:
    """The SARIF log, describing every rule the drafts were checked with (their configs
    may add different rule files)."""
    from answerlint.rules.loader import rules_at
    from answerlint.sarif import render_sarif

    rules: dict[str, Rule] = {}
    for paths in dict.fromkeys(s.rule_paths for s in settings):
        for rule_id, rule in rules_at(paths).rules.items():
            rules.setdefault(rule_id, rule)
    return render_sarif(reports, rules)


def _failing(reports: list[FileReport], fail_level: str) -> bool:
    """Whether a finding (not a level, which is information about the answer) is at least
    as severe as `fail_level`."""
    from answerlint.output import SEVERITY_RANK

    if fail_level == "never":
        return False
    threshold = SEVERITY_RANK[fail_level]
    return any(SEVERITY_RANK[f.severity] >= threshold and f.grade is None
               for r in reports if r.result for f in r.result.findings)


# A draft to check: its name as shown, its path (None: standard input), its settings.
Draft = tuple[str, "Path | None", "Settings"]


def _lint_one(draft: Draft, processes: int = 1) -> FileReport:
    from answerlint.engine.lint import lint
    from answerlint.output import FileReport

    name, path, settings = draft
    try:
        text = _decode(sys.stdin.buffer.read()) if path is None else _read(path)
    except (OSError, ValueError) as error:
        return FileReport(name, None, str(error))
    result = lint(text, settings, jobs=processes)
    result.models = []  # the analysis behind the findings: not reported, and heavy to send
    return FileReport(name, result)


def _lint_all(drafts: list[Draft], processes: int) -> Iterator[FileReport]:
    """Reports in the order of `drafts`. With several processes the pipeline and rules are
    loaded once, here, before the workers fork, so none of them loads them again."""
    from answerlint.engine.lint import prepare
    from answerlint.engine.parallel import worth_forking

    if drafts:
        prepare(drafts[0][2])  # and, with several processes, before they fork
    files = [draft for draft in drafts if draft[1] is not None]
    if len(files) < 2 or not worth_forking(processes, sum(map(_size, files))):
        # one file at a time; a long one has its answers checked in several processes
        yield from map(partial(_lint_one, processes=processes), drafts)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(min(processes, len(files))) as pool:
        done = iter(pool.imap(_lint_one, files, chunksize=max(1, len(files) // (processes * 8))))
        for draft in drafts:  # standard input is read here, not in a worker
            yield _lint_one(draft) if draft[1] is None else next(done)


def _size(draft: Draft) -> int:
    try:
        return os.stat(draft[1]).st_size if draft[1] is not None else 0
    except OSError:
        return 0  # reported when the file is read


def _settings_here(config: Path | None) -> Settings | None:
    """The settings of a draft in the current folder (or of --config), for `rules` and
    `explain`; None, with the error printed, when the config file is broken."""
    from answerlint.settings import UnknownRule, resolve_settings

    resolved = resolve_settings(Path.cwd() / "draft.md", config=config)
    error = resolved.config_error
    if isinstance(error, UnknownRule):
        # the rules are still listed (their ids are what the user needs to fix the file)
        print(f"answerlint: warning: {error}", file=sys.stderr)
        return error.settings
    if error is not None:
        print(f"answerlint: {error}", file=sys.stderr)
        return None
    return resolved.settings


def _run_rules(args: argparse.Namespace) -> int:
    from answerlint.docs import summary_line
    from answerlint.engine.lint import rules_for

    settings = _settings_here(args.config)
    if settings is None:
        return 2
    ruleset = rules_for(settings)
    for problem in ruleset.errors:
        print(f"answerlint: rule file error: {problem}", file=sys.stderr)
    rules = sorted(ruleset.rules.values(), key=lambda r: r.id)
    if args.format == "json":
        print(json.dumps([{"id": r.id, "kind": r.kind, "level": r.severity,
                           "severity_by_target": r.severity_by_target, "seed": r.seed,
                           "coaching": r.coaching,
                           "origin": r.origin} for r in rules], indent=2))
    else:
        width = max(len(r.id) for r in rules)
        for rule in rules:
            print(f"{rule.id:<{width}}  {rule.kind:<12} {rule.severity:<8} {summary_line(rule)}")
    return 2 if ruleset.errors else 0


def _run_explain(args: argparse.Namespace) -> int:
    from answerlint.docs import rule_page
    from answerlint.engine.lint import rules_for

    settings = _settings_here(args.config)
    if settings is None:
        return 2
    rules = rules_for(settings).rules
    if args.rule not in rules:
        print(f"answerlint: unknown rule '{args.rule}' (see `answerlint rules`)", file=sys.stderr)
        return 2
    print(rule_page(rules[args.rule]))
    return 0


def _run_lsp(args: argparse.Namespace) -> int:
    if args.tcp and ":" not in args.tcp:
        print("answerlint: --tcp takes HOST:PORT, e.g. 127.0.0.1:2087", file=sys.stderr)
        return 2
    from answerlint.lsp.starter import Starter

    # Before pygls is imported: the starter loads the engine on another core meanwhile.
    starter = None if args.no_starter else Starter.fork()
    import logging

    from answerlint.lsp.server import serve

    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
        # pygls logs every message it sends, in full, at INFO: a bank's 150 KB of
        # diagnostics at every keystroke. Its warnings and errors are kept.
        logging.getLogger("pygls").setLevel(logging.WARNING)
    try:
        code = serve(args.tcp, starter)  # `exit` before `shutdown` gives 1, as LSP asks
    finally:
        if starter is not None:
            starter.close()
    # Leave at once: the interpreter's shutdown would kill the warm-up thread inside spaCy's
    # C++ if `exit` comes while it still runs ("FATAL: exception not rethrown", an abort
    # instead of the exit code the client asked for). Nothing is left to write but the log.
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(ValueError, OSError):  # (the transport may have closed it)
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _run_check(args)
        if args.command == "report":
            return _run_report(args)
        if args.command == "rules":
            return _run_rules(args)
        if args.command == "lsp":
            return _run_lsp(args)
        return _run_explain(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
