"""Rows for the workbench's own pages: login (both steps), logout and the home page."""

from django.urls import reverse

from .matrix import LOGIN, NOT_ALLOWED, OK, REDIRECT, STAFF, Row, outcomes, staff_page

ROWS = [
    # Staff already verified are sent on to the workbench; everybody else sees the form.
    Row(
        "workbench:login",
        lambda a: reverse("workbench:login"),
        outcomes(OK, **dict.fromkeys(STAFF, REDIRECT)),
    ),
    # Without a pending password step, the code and enrolment steps send everyone back to step 1.
    Row("workbench:login_code", lambda a: reverse("workbench:login_code"), outcomes(LOGIN)),
    Row("workbench:login_enrol", lambda a: reverse("workbench:login_enrol"), outcomes(LOGIN)),
    Row("workbench:logout", lambda a: reverse("workbench:logout"), outcomes(LOGIN), method="post"),
    Row("workbench:logout", lambda a: reverse("workbench:logout"), outcomes(NOT_ALLOWED), note="GET 不退出"),
    Row("workbench:home", lambda a: reverse("workbench:home"), staff_page(OK)),
]
