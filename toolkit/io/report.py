"""The load report and the errors raised for a caller's mistakes."""
from __future__ import annotations


class LoadError(ValueError):
    """An input cannot be loaded; ``input`` names it and ``reason`` says what is wrong."""

    def __init__(self, input: str, reason: str) -> None:
        self.input = input
        self.reason = reason
        super().__init__(f"cannot load {input!r}: {reason}")


class SourceNotFoundError(LoadError, FileNotFoundError):
    """A path or glob given as ``source`` matches nothing (also a FileNotFoundError)."""


def _field(name: str) -> property:
    return property(lambda self: self[name], lambda self, value: self.__setitem__(name, value))


class LoadReport(dict):  # type: ignore[type-arg]
    """What happened during one load.

    ``loaded``: rows in the returned table. ``skipped``: inputs (files, URLs, rows) left out, as
    (input, reason). ``duplicates``: rows dropped because an earlier row had the same URL or text.
    ``degraded``: rows kept with a field emptied (e.g. a future or unparseable date -> NaT, a file
    decoded as cp1252), as (input, reason).

    A dict with attribute access, so that a table carrying it in ``attrs`` can still be written
    by ``DataFrame.to_parquet`` (pandas stores attrs as JSON).
    """

    def __init__(self, loaded: int = 0, skipped: list[tuple[str, str]] | None = None,
                 duplicates: int = 0, degraded: list[tuple[str, str]] | None = None) -> None:
        super().__init__(loaded=loaded, skipped=list(skipped or []), duplicates=duplicates,
                         degraded=list(degraded or []))

    loaded = _field("loaded")
    skipped = _field("skipped")
    duplicates = _field("duplicates")
    degraded = _field("degraded")

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
