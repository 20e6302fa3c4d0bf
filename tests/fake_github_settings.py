"""The stand-in's answers about a repository's settings, for `cocreate doctor`.

Handlers register with `@rest(operationId)` (see tests/fake_github.py) and keep
their state in `FakeGitHub.setup`.
"""

from __future__ import annotations
