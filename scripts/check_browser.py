"""Say clearly, before the suite runs, whether the browser tests will run (they need Debian's Chromium)."""

import os
import shutil

path = os.environ.get("GOVHALL_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if path:
    print(f"Browser tests: Chromium found at {path}; they will run.")
else:
    print(
        "Browser tests: Chromium NOT found — install Debian's 'chromium' and 'fonts-noto-cjk' packages "
        "(.ci/run does this); the browser tests will be reported as SKIPPED."
    )
