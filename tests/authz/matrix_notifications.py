"""Rows for the operators' outbox and simulator page: operators only."""

from django.urls import reverse

from .matrix import OK, Row, staff_page

ROWS = [
    Row("workbench:simulator_inbox", lambda a: reverse("workbench:simulator_inbox"), staff_page(operator=OK)),
    Row(
        "workbench:simulator_inbox",
        lambda a: reverse("workbench:simulator_inbox") + "?view=deliveries&channel=sms",
        staff_page(operator=OK),
        note="模拟器收件",
    ),
]
