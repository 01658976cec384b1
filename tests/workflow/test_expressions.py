"""The restricted evaluator accepts the small condition language and refuses everything else."""

import pytest

from govhall.workflow.expressions import ExpressionError, expression_evaluate


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ('outcome == "refused"', {"outcome": "refused"}, True),
        ('outcome == "refused"', {}, False),
        ("needs_preliminary", {"needs_preliminary": True}, True),
        ("len(co_departments) > 0 and not urgent", {"co_departments": [1], "urgent": False}, True),
        ('kind in ["renewal", "lost"]', {"kind": "first"}, False),
        ("0 < area <= 100", {"area": 50}, True),
        ('"P5D"', {}, "P5D"),
        ("a or b", {"a": 0, "b": "x"}, "x"),
    ],
)
def test_allowed_expressions_evaluate(text, names, expected):
    assert expression_evaluate(text, names) == expected


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('x')",
        "outcome.__class__",
        "open('/etc/passwd')",
        "[x for x in co_departments]",
        "lambda: 1",
        "data['x']",
        "f'{outcome}'",
        "__builtins__",
        "outcome = 1",
    ],
)
def test_anything_else_is_refused(text):
    with pytest.raises(ExpressionError):
        expression_evaluate(text, {"outcome": "x", "co_departments": [1], "data": {"x": 1}})


def test_type_errors_become_expression_errors():
    with pytest.raises(ExpressionError):
        expression_evaluate("len(count)", {"count": 3})
