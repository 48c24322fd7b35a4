"""The load report and the errors raised for a caller's mistakes."""
from __future__ import annotations

from dataclasses import dataclass, field


class LoadError(ValueError):
    """An input cannot be loaded; ``input`` names it and ``reason`` says what is wrong."""

    def __init__(self, input: str, reason: str) -> None:
        self.input = input
        self.reason = reason
        super().__init__(f"cannot load {input!r}: {reason}")


class SourceNotFoundError(LoadError, FileNotFoundError):
    """A path or glob given as ``source`` matches nothing (also a FileNotFoundError)."""


@dataclass
class LoadReport:
    """What happened during one load.

    ``loaded``: rows in the returned table. ``skipped``: inputs (files, URLs, rows) left out, as
    (input, reason). ``duplicates``: rows dropped because an earlier row had the same URL or text.
    ``degraded``: rows kept with a field emptied (e.g. a future or unparseable date -> NaT, a file
    decoded as cp1252), as (input, reason).
    """

    loaded: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: int = 0
    degraded: list[tuple[str, str]] = field(default_factory=list)

    def summary(self, *, limit: int = 10) -> str:
        """A few readable lines: counts, then up to ``limit`` skipped and degraded inputs."""
        head = (f"loaded {self.loaded} article(s); skipped {len(self.skipped)} input(s); "
                f"dropped {self.duplicates} duplicate(s); degraded {len(self.degraded)}")
        lines = [head]
        for title, items in (("skipped", self.skipped), ("degraded", self.degraded)):
            for where, why in items[:limit]:
                lines.append(f"  {title}: {where}: {why}")
            if len(items) > limit:
                lines.append(f"  ... and {len(items) - limit} more {title}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()
