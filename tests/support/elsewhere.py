"""Run a piece of the portal again in a fresh interpreter, with another hash seed.

Sets and dictionaries of strings may iterate in another order under another seed;
output that must be the same bytes build after build is compared across processes,
not with a second call in the same one (which would share that order).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from tests.support import REPO


def in_another_process(expression: str, *imports: str) -> Any:
    """The JSON value of `expression`, evaluated after `imports` in a new interpreter."""
    seed = (int(os.environ.get("PYTHONHASHSEED", "0") or 0) + 1) % 4294967296 or 1
    code = "\n".join([*imports, "import json, sys",
                      f"json.dump({expression}, sys.stdout)"])
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, encoding="utf-8", check=False,
                          env={**os.environ, "PYTHONHASHSEED": str(seed)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
