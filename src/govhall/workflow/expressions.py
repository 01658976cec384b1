"""Restricted expressions (受限表达式) for gateway conditions, multi-instance and timer expressions.

A BPMN document may carry expressions — ``outcome == "refused"``, ``needs_preliminary``,
``len(co_departments) > 0``, ``"P5D"`` — which SpiffWorkflow would hand to Python's ``eval``. We
never do that: an expression is parsed with :mod:`ast` and only this small language is accepted:

- names (looked up in the task data; an unknown name is ``None``), literals (str, int, float,
  bool, None) and list/tuple literals of them;
- comparisons ``== != < <= > >= in not in`` (chains allowed), ``and`` / ``or`` / ``not``;
- unary ``-``; the single function ``len(x)``.

Attribute access, subscripts, calls other than ``len``, lambdas, comprehensions, f-strings —
everything else — is refused with a Chinese message. Parsed trees are cached per expression text.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

MAX_LENGTH = 500

_COMPARE = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}
_LITERALS = (str, int, float, bool, type(None))


class ExpressionError(ValueError):
    """An expression outside the restricted language, or one that fails on the data (Chinese message)."""


def _check(node: ast.AST) -> None:
    if isinstance(node, ast.Expression):
        _check(node.body)
    elif isinstance(node, ast.Constant):
        if not isinstance(node.value, _LITERALS):
            raise ExpressionError(f"不支持的常量：{node.value!r}")
    elif isinstance(node, ast.Name):
        if node.id.startswith("_"):
            raise ExpressionError(f"不允许以下划线开头的名称：{node.id}")
    elif isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            _check(element)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            _check(value)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        _check(node.operand)
    elif isinstance(node, ast.Compare):
        if not all(type(op) in _COMPARE for op in node.ops):
            raise ExpressionError("不支持的比较运算")
        _check(node.left)
        for comparator in node.comparators:
            _check(comparator)
    elif isinstance(node, ast.Call):
        if not (isinstance(node.func, ast.Name) and node.func.id == "len"):
            raise ExpressionError("表达式中只允许调用 len()")
        if len(node.args) != 1 or node.keywords:
            raise ExpressionError("len() 只接受一个参数")
        _check(node.args[0])
    else:
        raise ExpressionError(f"表达式中不允许使用 {type(node).__name__}")


@lru_cache(maxsize=1024)
def expression_parse(text: str) -> ast.Expression:
    """The checked syntax tree of ``text``; raises ``ExpressionError`` for anything outside the language."""
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("表达式为空")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"表达式过长（最多 {MAX_LENGTH} 个字符）")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"表达式语法错误：{exc.msg}") from None
    _check(tree)
    return tree


def _evaluate(node: ast.AST, names: Mapping[str, Any]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.List):
        return [_evaluate(e, names) for e in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(_evaluate(e, names) for e in node.elts)
    if isinstance(node, ast.BoolOp):
        result: Any = isinstance(node.op, ast.And)
        for value in node.values:
            result = _evaluate(value, names)
            if isinstance(node.op, ast.And) and not result:
                return result
            if isinstance(node.op, ast.Or) and result:
                return result
        return result
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, names)
        return (not operand) if isinstance(node.op, ast.Not) else -operand
    if isinstance(node, ast.Compare):
        left = _evaluate(node.left, names)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _evaluate(comparator, names)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Call):
        return len(_evaluate(node.args[0], names))
    raise ExpressionError(f"表达式中不允许使用 {type(node).__name__}")  # unreachable after _check


def expression_evaluate(text: str, names: Mapping[str, Any]) -> Any:
    """Evaluate ``text`` against ``names`` (task data). Type errors become ``ExpressionError``."""
    tree = expression_parse(text)
    try:
        return _evaluate(tree.body, names)
    except ExpressionError:
        raise
    except (TypeError, ValueError) as exc:
        raise ExpressionError(f"表达式“{text}”无法求值：{exc}") from None
