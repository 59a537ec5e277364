"""Collects the translatable strings of `counter_app/` into the Qt .ts catalogues.

`make update-translations` runs this. It replaces `pyside6-lupdate` for our Python code
because lupdate misreads a common idiom: with `tr = QCoreApplication.translate`, it takes
`tr("Context", "text")` for the `tr(text, comment)` method and files the context name as the
text. This reads the code's syntax tree instead and understands:

- `QCoreApplication.translate(context, text[, disambiguation[, n]])` (also through
  `QApplication`/`QGuiApplication`, and through any name bound to one of them),
- `QT_TRANSLATE_NOOP(context, text)`,
- `self.tr(text[, disambiguation[, n]])` inside a class (the class name is the context).

Only literal strings are collected; a call built from variables is ignored on purpose (the
self-test checks one of Qt's own strings that way). The .ts files stay in Qt's format, so Qt
Linguist and `pyside6-lrelease` read them as usual. Existing translations are kept; new
strings come in unfinished; strings gone from the code are dropped.

Usage: python packaging/i18n_extract.py SOURCE_DIR TS_FILE...
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

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


class _Collector(ast.NodeVisitor):
    def __init__(self, aliases: set[str]) -> None:
        self.aliases = aliases
        self.classes: list[str] = []
        self.found: list[SourceString] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if _is_translate_attr(func) or (isinstance(func, ast.Name) and func.id in self.aliases):
            self._add(
                _literal(_argument(node, 0, "context")),
                _literal(_argument(node, 1, "sourceText")),
                _literal(_argument(node, 2, "disambiguation")) or "",
                _has_count(node, 3),
            )
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

    def _add(
        self, context: str | None, source: str | None, comment: str = "", numerus: bool = False
    ) -> None:
        if context and source:
            self.found.append(SourceString(context, source, comment, numerus))


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


def extract_file(path: Path) -> list[SourceString]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    collector = _Collector(_aliases(tree))
    collector.visit(tree)
    return collector.found


def extract(source_dir: Path) -> list[SourceString]:
    """Every translatable string under `source_dir`, once each, in file and line order."""
    seen: dict[SourceString, None] = {}
    for path in sorted(source_dir.rglob("*.py")):
        for item in extract_file(path):
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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
