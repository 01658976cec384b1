"""监察指标汇总 — the daily rollup of the case figures behind the supervision indicators.

``CaseDayStats`` holds, per (day, region, department), the counts the case indicators need;
``CaseMonthStats`` the same per month (added up from the days). The dashboard sums these few
thousand rows instead of grouping a million cases. ``services.rollup_refresh`` recomputes days
set-based from the ``cases`` selectors (never touching the case tables); ``selectors`` reads the
sums. Writes only its own tables. See docs/supervision.md, section "Indicators".
"""
