"""Shared test set-up."""
from __future__ import annotations

import pytest

from toolkit import kb


@pytest.fixture(autouse=True, scope="session")
def _no_user_kb(tmp_path_factory):
    # Tests never read the developer's own ~/.config/toolkit/kb.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TOOLKIT_USER_KB", str(tmp_path_factory.mktemp("empty-user-kb")))
        kb.clear_cache()
        yield
    kb.clear_cache()
