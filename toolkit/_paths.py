"""Where the bundled data lives. TOOLKIT_DATASETS overrides it (e.g. for a non-editable install)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = Path(os.environ.get("TOOLKIT_DATASETS", ROOT / "datasets"))
KB_DIR = DATASETS / "kb"
LEXICONS = DATASETS / "lexicons"
SHARED = ROOT.parent / "shared"  # development data beside the project; absent on users' machines
