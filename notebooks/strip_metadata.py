"""Remove per-cell execution timestamps that nbconvert writes, so re-runs diff only on outputs."""
from __future__ import annotations

import json
import sys
from pathlib import Path

for name in sys.argv[1:]:
    path = Path(name)
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
