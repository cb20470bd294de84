"""The design card as a test: the packages' import rules, read from the source with `ast`.

- No import cycles between modules (imports under `if TYPE_CHECKING:` do not run, and count
  for nothing).
- Layers: bot → intents, voice, pdf, consent → ledger. Nothing imports `bot`; `ledger` imports
  none of the others; `pdf` reads only ledger's read models and money; `voice` stands alone.
- Channel modules (`bot/channels/`) turn platform updates into messages and send replies: they
  import no SQLAlchemy or SQLModel (the inbox, outbox and chat links in `bot/transport/` do the
  SQL for them).
- Only `ledger/` imports the books' table classes (`ledger.tables`).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "intents", "ledger", "voice", "pdf", "consent")

# Outside ledger/, who still imports ledger.tables (the books' table classes).
ALLOWED = {
    "ledger": frozenset({"ledger"}),
    "voice": frozenset({"voice"}),
    "intents": frozenset({"intents"}),
    "pdf": frozenset({"pdf", "ledger.views", "ledger.money", "ledger.places"}),
    "consent": frozenset({"consent", "ledger"}),
    "bot": frozenset(PACKAGES),
}


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = _modules()


def _runtime_imports(name: str) -> set[str]:
    """Every module name this module imports when it runs (ours or not), TYPE_CHECKING aside."""
    path = MODULES[name]
    tree = ast.parse(path.read_text("utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for n in ast.walk(node))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            for alias in node.names:
                child = f"{target}.{alias.name}"
                out.add(child if child in MODULES else target)
    return out


def _ours(imported: str) -> str | None:
    """The module of ours an import names (a name inside a module maps to the module)."""
    while imported and imported not in MODULES:
        imported = imported.rpartition(".")[0]
    return imported or None


GRAPH = {
    name: {m for m in map(_ours, _runtime_imports(name)) if m is not None and m != name}
    for name in MODULES
}


def test_no_module_imports_itself_back_through_others() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in GRAPH[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in MODULES:
        if name not in index:
            visit(name)
    assert cycles == []


def test_each_package_imports_only_the_layers_below_it() -> None:
    wrong = []
    for name, imported in GRAPH.items():
        allowed = ALLOWED[name.split(".")[0]]
        for target in imported:
            if not any(target == a or target.startswith(a + ".") for a in allowed):
                wrong.append(f"{name} -> {target}")
    assert wrong == []


def test_the_books_tables_stay_inside_ledger() -> None:
    """Only ledger/ knows the books' tables; consent/ asks `ledger.rights` to pseudonymise,
    export or purge, bot/ reads views."""
    importers = {
        name for name, imported in GRAPH.items()
        if not name.startswith("ledger") and "ledger.tables" in imported
    }  # fmt: skip
    assert importers == set()


def test_channel_modules_touch_no_sql() -> None:
    sql = {
        name
        for name in MODULES
        if name.startswith("bot.channels.")
        and any(i.split(".")[0] in ("sqlalchemy", "sqlmodel") for i in _runtime_imports(name))
    }
    assert sql == set()


# Every `# type: ignore` left in the source, and why (docs/architecture.md keeps the same
# list): a library without types, subclassed or called where mypy cannot see it. A new one
# needs a reason here; a removed one leaves this list in the same change.
TYPE_IGNORES = {
    ("bot/channels/whatsapp_api.py", "misc"): 1,  # subclassing twilio's untyped HTTP client
    ("bot/channels/whatsapp_api.py", "arg-type"): 1,  # twilio's request params are untyped
    ("pdf/flowables.py", "misc"): 2,  # subclassing reportlab's untyped Flowable
    ("pdf/chart.py", "no-untyped-call"): 1,  # matplotlib's Agg canvas print_png
}


def test_type_ignores_are_only_the_documented_few() -> None:
    found: dict[tuple[str, str], int] = {}
    for path in MODULES.values():
        for line in path.read_text("utf-8").splitlines():
            marker = line.find("# type: ignore[")
            if marker < 0:
                continue
            codes = line[marker + len("# type: ignore[") :].split("]")[0]
            for code in codes.split(","):
                key = (str(path.relative_to(ROOT)), code.strip())
                found[key] = found.get(key, 0) + 1
    assert found == TYPE_IGNORES


def test_channels_know_no_conversation() -> None:
    """A channel turns platform updates into messages and sends replies; what a message means
    is the conversation's business, reached through the inbox (or, for the console, a
    `handle` it is given)."""
    wrong = sorted(
        f"{name} -> {target}"
        for name, imported in GRAPH.items()
        if name.startswith("bot.channels.")
        for target in imported
        if target.startswith("bot.conversation")
    )
    assert wrong == []
