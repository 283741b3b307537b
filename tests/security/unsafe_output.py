"""Finds every place in the source that can put unescaped HTML on a page, by where it is.

Python files are read as syntax trees, so a use cannot hide behind line breaks, an import
alias or a copy of an approved line elsewhere: each use is reported with the function that
holds it (module path + qualified name, "<module>" outside functions) and what it is:

- a reference to mark_safe, format_html, format_html_join, SafeString, ... (called or passed);
- HTML built from a string literal holding "<": an f-string, "%", "+", .format() or .join().

Templates are read with Django's own lexer: every |safe or |safeseq (also in
{% filter %}) and every {% autoescape off %}, labelled by the enclosing {% block %} and the
tag's own text, so that moving it or changing what it marks safe is a new use.
"""

import ast
import re
from collections import Counter

from django.template.base import Lexer, TokenType

UNSAFE_NAMES = {"mark_safe", "format_html", "format_html_join", "SafeString", "SafeText"}
SAFE_FILTER = re.compile(r"\|\s*safe(seq)?\b")
BLOCK_NAME = re.compile(r"^block\s+(\S+)")


def _holds_markup(node):
    """A string literal with "<" in it, or an f-string whose literal parts have one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and "<" in node.value
    if isinstance(node, ast.JoinedStr):
        return any(_holds_markup(part) for part in node.values)
    return False


def _has_markup_literal(node):
    """Whether `node` or anything inside it is a string literal holding "<"."""
    return any(_holds_markup(inner) for inner in ast.walk(node))


class _PythonScanner(ast.NodeVisitor):
    def __init__(self):
        self.scope = []
        self.aliases = set(UNSAFE_NAMES)  # names bound by `from ... import mark_safe as x` too
        self.uses = Counter()

    def _add(self, kind):
        self.uses[".".join(self.scope) or "<module>", kind] += 1

    def _visit_scope(self, node):
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _visit_scope

    def visit_ImportFrom(self, node):
        for alias in node.names:
            if alias.name in UNSAFE_NAMES and alias.asname:
                self.aliases.add(alias.asname)

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load) and node.id in self.aliases:
            self._add(node.id if node.id in UNSAFE_NAMES else f"{node.id} (alias)")

    def visit_Attribute(self, node):
        if isinstance(node.ctx, ast.Load) and node.attr in UNSAFE_NAMES:
            self._add(node.attr)
        self.generic_visit(node)

    def visit_JoinedStr(self, node):
        if _holds_markup(node):
            self._add("f-string with <")
        self.generic_visit(node)

    def visit_FormattedValue(self, node):
        self.visit(node.value)  # not the format spec: "{label:<28}" aligns, it is no markup

    def visit_BinOp(self, node):
        if isinstance(node.op, ast.Mod) and _holds_markup(node.left):
            self._add("% with <")
        elif isinstance(node.op, ast.Add) and any(
            _holds_markup(side) for side in (node.left, node.right)
        ):
            self._add("+ with <")
        self.generic_visit(node)

    def visit_Call(self, node):
        method = node.func.attr if isinstance(node.func, ast.Attribute) else None
        if method == "format" and _holds_markup(node.func.value):
            self._add(".format with <")
        elif method == "join" and (
            _holds_markup(node.func.value) or any(map(_has_markup_literal, node.args))
        ):
            self._add(".join with <")
        self.generic_visit(node)


def python_uses(source):
    """Counter of (qualified function name, kind) for one module's source text."""
    scanner = _PythonScanner()
    scanner.visit(ast.parse(source))
    return scanner.uses


def _marks_safe(token_type, contents):
    """{{ x|safe }}, {{ x|safeseq }} or {% filter ...|safe %}."""
    if token_type == TokenType.VAR:
        return bool(SAFE_FILTER.search(contents))
    return (
        token_type == TokenType.BLOCK
        and contents.startswith("filter ")
        and bool(SAFE_FILTER.search("|" + contents.removeprefix("filter ")))
    )


def template_uses(source):
    """Counter of (label, kind) for one template's source text; the label is the enclosing
    {% block %} (or "<top>") and the tag's text with its spacing normalised."""
    uses = Counter()
    blocks = []
    for token in Lexer(source).tokenize():
        contents = " ".join(token.contents.split())
        if token.token_type == TokenType.BLOCK:
            if match := BLOCK_NAME.match(contents):
                blocks.append(match[1])
            elif contents == "endblock" or contents.startswith("endblock "):
                blocks = blocks[:-1]
        label = f"{blocks[-1] if blocks else '<top>'}: {contents}"
        if token.token_type == TokenType.BLOCK and re.fullmatch(r"autoescape\s+off", contents):
            uses[label, "autoescape off"] += 1
        elif _marks_safe(token.token_type, contents):
            uses[label, "|safe"] += 1
    return uses


def scan(base, folders):
    """{(relative path, function or template label, kind): count} for every .py, .html and
    .txt file under `folders` of `base`."""
    found = Counter()
    for folder in folders:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix == ".py":
                uses = python_uses(path.read_text(encoding="utf-8"))
            elif path.suffix in (".html", ".txt") and "templates" in path.parts:
                uses = template_uses(path.read_text(encoding="utf-8"))
            else:
                continue
            relative = str(path.relative_to(base))
            for (where, kind), count in uses.items():
                found[relative, where, kind] += count
    return found
