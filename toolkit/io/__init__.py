"""PLACEHOLDER until the loaders land. The only layer that touches disk or network."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LoadReport:
    loaded: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: int = 0


def load_articles(source, **kwargs):  # type: ignore[no-untyped-def]
    raise NotImplementedError("load_articles is being written")
