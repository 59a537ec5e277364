"""Collects the translatable strings of `counter_app/` into the Qt .ts catalogues.

`make update-translations` runs this. It replaces `pyside6-lupdate` for our Python code
because lupdate misreads a common idiom: with `tr = QCoreApplication.translate`, it takes
`tr("Context", "text")` for the `tr(text, comment)` method and files the context name as the
text. This reads the code's syntax tree instead and understands:

- `QCoreApplication.translate(context, text[, disambiguation[, n]])` (also through
  `QApplication`/`QGuiApplication`, and through any name bound to one of them),
- `QT_TRANSLATE_NOOP(context, text)`,
- `self.tr(text[, disambiguation[, n]])` inside a class (the class name is the context),
- small helpers that pass their own parameters on, such as
  `def _tr(text, n=-1): return QCoreApplication.translate("MainWindow", text, "", n)`:
  each call `_tr("Ready")` (or `self._tr(...)`) is collected under the helper's context.

Texts that only exist as data (the domain's scan message sources, shown translated by
`counter_app.ui.domain_texts`) come from the functions named in `PROVIDERS`.

Only literal strings are collected; a call built from variables is ignored on purpose (the
self-test checks one of Qt's own strings that way). The .ts files stay in Qt's format, so Qt
Linguist and `pyside6-lrelease` read them as usual. Existing translations are kept; new
strings come in unfinished; strings gone from the code are dropped.

Usage: python packaging/i18n_extract.py SOURCE_DIR TS_FILE...
"""

from __future__ import annotations

import ast
import importlib
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

# "module:function" returning (context, text) pairs; imported from the folder being read.
PROVIDERS: tuple[str, ...] = (
    "counter_app.ui.domain_texts:catalogue_strings",
    "counter_app.printing.message_texts:catalogue_strings",
)

_TRANSLATE_OWNERS = {"QCoreApplication", "QApplication", "QGuiApplication"}
_NOOP_NAMES = {"QT_TRANSLATE_NOOP"}


@dataclass(frozen=True)
class SourceString:
    """One string to translate, as Qt looks it up at run time."""

    context: str
    source: str
    comment: str = ""
    numerus: bool = False


@dataclass
class TsMessage:
    """A message of a .ts file with its translation (one form, or one per plural form)."""

    key: SourceString
    forms: list[str] = field(default_factory=list)
    finished: bool = False


def _is_translate_attr(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "translate"
        and isinstance(node.value, ast.Name)
        and node.value.id in _TRANSLATE_OWNERS
    )


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _argument(call: ast.Call, position: int, keyword: str) -> ast.AST | None:
    if len(call.args) > position:
        return call.args[position]
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    return None


def _has_count(call: ast.Call, position: int) -> bool:
    count = _argument(call, position, "n")
    # n = -1 is Qt's "no plural" default.
    return count is not None and not (
        isinstance(count, ast.UnaryOp)
        and isinstance(count.operand, ast.Constant)
        and count.operand.value == 1
    )


@dataclass(frozen=True)
class _Helper:
    """A function that hands its parameters to translate: where each one comes from."""

    context: str | int  # a literal context, or the index of the parameter holding it
    text: int
    count: int | None
    method: bool  # its first parameter is self/cls, not passed at the call site


def _is_translate_call(call: ast.Call, aliases: set[str]) -> bool:
    func = call.func
    return _is_translate_attr(func) or (isinstance(func, ast.Name) and func.id in aliases)


def _helpers(tree: ast.AST, aliases: set[str]) -> tuple[dict[str, _Helper], set[int]]:
    """Functions whose translate call takes its text from one of their parameters.

    Also returns the lines of those inner calls, which are not "dynamic" text themselves.
    """
    found: dict[str, _Helper] = {}
    inner_lines: set[int] = set()
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        params = [a.arg for a in func.args.posonlyargs + func.args.args]
        method = bool(params) and params[0] in ("self", "cls")
        for call in ast.walk(func):
            if not (isinstance(call, ast.Call) and _is_translate_call(call, aliases)):
                continue
            ctx_node = _argument(call, 0, "context")
            text_node = _argument(call, 1, "sourceText")
            count_node = _argument(call, 3, "n")
            if not (isinstance(text_node, ast.Name) and text_node.id in params):
                continue
            context: str | int | None = _literal(ctx_node)
            if context is None and isinstance(ctx_node, ast.Name) and ctx_node.id in params:
                context = params.index(ctx_node.id)
            if context is None:
                continue
            count = (
                params.index(count_node.id)
                if isinstance(count_node, ast.Name) and count_node.id in params
                else None
            )
            shift = 1 if method else 0
            inner_lines.add(call.lineno)
            found[func.name] = _Helper(
                context if isinstance(context, str) else context - shift,
                params.index(text_node.id) - shift,
                None if count is None else count - shift,
                method,
            )
            break
    return found, inner_lines


class _Collector(ast.NodeVisitor):
    def __init__(
        self, aliases: set[str], helpers: dict[str, _Helper], inner_lines: set[int]
    ) -> None:
        self.aliases = aliases
        self.helpers = helpers
        self.inner_lines = inner_lines
        self.classes: list[str] = []
        self.found: list[SourceString] = []
        self.dynamic: list[int] = []  # lines of calls whose text is not a literal
        self._line = 0

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        self._line = node.lineno
        if _is_translate_attr(func) or (isinstance(func, ast.Name) and func.id in self.aliases):
            self._add(
                _literal(_argument(node, 0, "context")),
                _literal(_argument(node, 1, "sourceText")),
                _literal(_argument(node, 2, "disambiguation")) or "",
                _has_count(node, 3),
            )
        elif helper := self._helper_for(func):
            self._add_from_helper(node, helper)
        elif isinstance(func, ast.Name) and func.id in _NOOP_NAMES:
            self._add(_literal(_argument(node, 0, "context")), _literal(_argument(node, 1, "")))
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "tr"
            and isinstance(func.value, ast.Name)
            and func.value.id == "self"
            and self.classes
        ):
            self._add(
                self.classes[-1],
                _literal(_argument(node, 0, "sourceText")),
                _literal(_argument(node, 1, "disambiguation")) or "",
                _has_count(node, 2),
            )
        self.generic_visit(node)

    def _helper_for(self, func: ast.AST) -> _Helper | None:
        if isinstance(func, ast.Name):
            return self.helpers.get(func.id)
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id in ("self", "cls")
        ):
            return self.helpers.get(func.attr)
        return None

    def _add_from_helper(self, call: ast.Call, helper: _Helper) -> None:
        def positional(index: int) -> ast.AST | None:
            return call.args[index] if 0 <= index < len(call.args) else None

        context = (
            helper.context
            if isinstance(helper.context, str)
            else _literal(positional(helper.context))
        )
        count = None if helper.count is None else positional(helper.count)
        if count is None and helper.count is not None:
            count = next((k.value for k in call.keywords if k.arg in ("n", "count")), None)
        self._add(context, _literal(positional(helper.text)), "", count is not None)

    def _add(
        self, context: str | None, source: str | None, comment: str = "", numerus: bool = False
    ) -> None:
        if context and source:
            self.found.append(SourceString(context, source, comment, numerus))
        elif self._line not in self.inner_lines:
            self.dynamic.append(self._line)


def _aliases(tree: ast.AST) -> set[str]:
    """Names bound to QCoreApplication.translate anywhere in the module."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _is_translate_attr(node.value):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif (
            isinstance(node, ast.AnnAssign)
            and node.value is not None
            and _is_translate_attr(node.value)
            and isinstance(node.target, ast.Name)
        ):
            names.add(node.target.id)
    return names


def extract_file(path: Path) -> tuple[list[SourceString], list[int]]:
    """The strings of one file, and the lines of translate calls built from variables."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    aliases = _aliases(tree)
    collector = _Collector(aliases, *_helpers(tree, aliases))
    collector.visit(tree)
    return collector.found, collector.dynamic


def dynamic_calls(source_dir: Path) -> list[str]:
    """`file:line` of translate calls whose text is not a literal (they cannot be collected)."""
    return [
        f"{path}:{line}"
        for path in sorted(source_dir.rglob("*.py"))
        for line in extract_file(path)[1]
    ]


def provided(source_dir: Path) -> list[SourceString]:
    """The strings the `PROVIDERS` found under `source_dir` hand over."""
    found: list[SourceString] = []
    root = source_dir.resolve().parent
    for provider in PROVIDERS:
        module_name, function = provider.split(":")
        if not (root / (module_name.replace(".", "/") + ".py")).is_file():
            continue
        if str(root) not in sys.path:
            sys.path.insert(0, str(root))
        module = importlib.import_module(module_name)
        # (context, text), or (context, text, True) for a plural ("%n item(s)").
        for item in getattr(module, function)():
            found.append(SourceString(item[0], item[1], numerus=len(item) > 2 and item[2]))
    return found


def extract(source_dir: Path) -> list[SourceString]:
    """Every translatable string under `source_dir`, once each, in file and line order."""
    seen: dict[SourceString, None] = {}
    for path in sorted(source_dir.rglob("*.py")):
        for item in extract_file(path)[0]:
            seen.setdefault(item, None)
    for item in provided(source_dir):
        seen.setdefault(item, None)
    return list(seen)


def read_ts(path: Path) -> tuple[str, list[TsMessage]]:
    """The target language and the live messages of a .ts file."""
    root = ET.parse(path).getroot()
    messages = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            kind = tr.get("type", "") if tr is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            numerus = msg.get("numerus") == "yes"
            if tr is None:
                forms: list[str] = []
            elif numerus:
                forms = [f.text or "" for f in tr.iter("numerusform")]
            else:
                forms = [tr.text or ""]
            key = SourceString(
                name, msg.findtext("source") or "", msg.findtext("comment") or "", numerus
            )
            messages.append(TsMessage(key, forms, kind != "unfinished"))
    return root.get("language", ""), messages


def _indent(text: str, level: int) -> str:
    return "    " * level + text


def write_ts(path: Path, language: str, messages: list[TsMessage]) -> None:
    """Write a .ts file the way lupdate lays it out (contexts sorted by name)."""

    def esc(text: str) -> str:
        return (
            text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&quot;")
            .replace("'", "&apos;")
        )

    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{esc(language)}" sourcelanguage="en">',
    ]
    contexts: dict[str, list[TsMessage]] = {}
    for m in messages:
        contexts.setdefault(m.key.context, []).append(m)
    for name in sorted(contexts):
        lines += ["<context>", _indent(f"<name>{esc(name)}</name>", 1)]
        for m in contexts[name]:
            numerus = ' numerus="yes"' if m.key.numerus else ""
            lines.append(_indent(f"<message{numerus}>", 1))
            lines.append(_indent(f"<source>{esc(m.key.source)}</source>", 2))
            if m.key.comment:
                lines.append(_indent(f"<comment>{esc(m.key.comment)}</comment>", 2))
            state = "" if m.finished else ' type="unfinished"'
            if m.key.numerus:
                lines.append(_indent(f"<translation{state}>", 2))
                for form in m.forms or ["", ""]:
                    lines.append(_indent(f"<numerusform>{esc(form)}</numerusform>", 3))
                lines.append(_indent("</translation>", 2))
            else:
                text = m.forms[0] if m.forms else ""
                lines.append(_indent(f"<translation{state}>{esc(text)}</translation>", 2))
            lines.append(_indent("</message>", 1))
        lines.append("</context>")
    lines.append("</TS>")
    tmp = path.with_suffix(".ts.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


def update_ts(path: Path, strings: list[SourceString], default_language: str) -> tuple[int, int]:
    """Merge the strings into one .ts file; returns (new, unfinished) counts."""
    language, old = read_ts(path) if path.exists() else (default_language, [])
    known = {m.key: m for m in old}
    merged = []
    for key in strings:
        merged.append(known.get(key) or TsMessage(key))
    write_ts(path, language or default_language, merged)
    new = sum(1 for key in strings if key not in known)
    unfinished = sum(1 for m in merged if not m.finished)
    return new, unfinished


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    strings = extract(Path(argv[0]))
    for ts in argv[1:]:
        path = Path(ts)
        # counter_fr.ts -> fr_FR, counter_en.ts -> en_GB, as lupdate would guess.
        code = path.stem.rsplit("_", 1)[-1]
        default = {"fr": "fr_FR", "en": "en_GB"}.get(code, code)
        new, unfinished = update_ts(path, strings, default)
        print(f"{path}: {len(strings)} strings, {new} new, {unfinished} to translate")
    for where in dynamic_calls(Path(argv[0])):
        print(f"not collected (text is not a literal): {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
