"""The house: every setting defined once and the editors' lists agreeing with it, the docs
generated from the code, imports running one way, and a built package that works."""

import ast
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from answerlint.docs import KINDS_END, KINDS_START, with_kinds_table
from answerlint.settings import KEYS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "server" / "answerlint"
FRONT_ENDS = ("answerlint.cli", "answerlint.output", "answerlint.docs", "answerlint.eval",
              "answerlint.views", "answerlint.fixes", "answerlint.lsp", "answerlint.report")
CORE = ("answerlint.engine", "answerlint.rules", "answerlint.settings", "answerlint.shipped")


def test_vscode_manifest_contributes_exactly_the_editor_settings():
    manifest = json.loads((ROOT / "vscode-client" / "package.json").read_text(encoding="utf-8"))
    contributed = {name.removeprefix("answerlint.")
                   for name in manifest["contributes"]["configuration"]["properties"]
                   if not name.startswith(("answerlint.server.", "answerlint.trace."))}
    assert contributed == {k.editor for k in KEYS.values() if k.editor and k.in_vscode}


def test_vscode_client_passes_every_contributed_setting_to_the_server():
    code = (ROOT / "vscode-client" / "src" / "settings.ts").read_text(encoding="utf-8")
    read = set(re.findall(r'section\["(\w+)"\]', code))
    assert read == {k.editor for k in KEYS.values() if k.editor and k.in_vscode}


def test_docs_list_every_setting():
    editors = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    table = editors[editors.index("## Settings"):editors.index("## VS Code")]
    assert set(re.findall(r"^\| `(\w+)` \|", table, re.M)) == {
        k.editor for k in KEYS.values() if k.editor}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    config = readme[readme.index("## Configuration"):readme.index("## In your editor")]
    assert set(re.findall(r"^(\w+):", config, re.M)) == {
        k.name for k in KEYS.values() if k.name != "role"}
    assert "`role:" in config or "`role: " in config


def test_rule_format_page_has_the_kinds_table_the_code_declares():
    page = (ROOT / "docs" / "rules-format.md").read_text(encoding="utf-8")
    assert KINDS_START in page and KINDS_END in page
    assert page == with_kinds_table(page), "run `python -m answerlint.docs`"


def _imports(path: Path) -> set[str]:
    """The answerlint modules a module imports when it runs (not those only for types)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = [n for n in ast.walk(tree) if isinstance(n, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(n.test)]
    skipped = {id(inner) for block in typing_only for inner in ast.walk(block)}
    out = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("answerlint"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("answerlint"))
    return out


def _modules() -> dict[str, set[str]]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(("answerlint", *path.relative_to(PACKAGE).with_suffix("").parts))
        modules[name.removesuffix(".__init__")] = _imports(path)
    # a package importing its own modules (kinds/__init__ listing the kinds) is no cycle
    return {name: {i for i in found if i in modules and i != name}
            for name, found in modules.items()}


def test_the_core_never_imports_a_front_end():
    for name, imported in _modules().items():
        if name.startswith(CORE):
            wrong = sorted(i for i in imported if i.startswith(FRONT_ENDS))
            assert not wrong, f"{name} imports {wrong}"


def test_no_import_cycle():
    graph = _modules()
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for following in graph[name]:
            if state.get(following) == 1:
                cycle = path[path.index(following):] + [following]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if following not in state:
                visit(following, [*path, following])
        state[name] = 2

    for name in graph:
        if name not in state:
            visit(name, [name])


def test_no_links_in_the_package():
    assert not [p for p in PACKAGE.rglob("*") if p.is_symlink()]


def test_a_built_wheel_lints_the_examples_as_the_checkout_does(tmp_path):
    """`pip install .` (not editable) gets the rules and rule pages inside the package."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                            str(tmp_path / "dist"), str(ROOT)], capture_output=True, text=True,
                           timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("answerlint-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    assert "answerlint/builtin_rules/doormat.yaml" in names
    assert "answerlint/rule_docs/doormat.md" in names

    def check(pythonpath: str | None) -> subprocess.CompletedProcess:
        env = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
        if pythonpath:
            env["PYTHONPATH"] = pythonpath
        return subprocess.run(
            [sys.executable, "-c", "import answerlint, sys; print(answerlint.__file__, "
             "file=sys.stderr); from answerlint.cli import main; sys.exit(main())",
             "check", "--format", "json", "examples/"],
            cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)

    installed, checkout = check(str(tmp_path / "site")), check(None)
    assert str(tmp_path / "site") in installed.stderr  # the wheel's package, not the checkout
    assert installed.returncode == checkout.returncode == 1
    assert installed.stdout == checkout.stdout
