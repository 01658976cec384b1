"""Say clearly, before the suite runs, whether browser tests will run (they need Debian's Chromium)."""

import shutil

from govhall_testing_browser import chromium_path  # noqa: F401 — see tests/browser/conftest.py

path = chromium_path()
if path:
    print(f"Browser tests: Chromium found at {path}; they will run.")
else:
    print("Browser tests: Chromium NOT found (install Debian's 'chromium' package); they will be reported as skipped.")
_ = shutil
