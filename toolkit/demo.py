"""The demo corpus: the bundled press releases (``datasets/demo/``) stored as a corpus once.

    from toolkit.demo import demo_corpus
    corpus = demo_corpus()          # built on first use (~10 s), then opened from the cache

The corpus is kept in the user's cache folder (``$TOOLKIT_CACHE``, else
``$XDG_CACHE_HOME/toolkit``, else ``~/.cache/toolkit``) under a name holding the extraction
version: a digest of everything that decides what the four tables contain (the loader, the
extractors, the knowledge base, the word lists and the demo files themselves). Any change to
one of them gives a new version and the corpus is built again; there is no number to bump
and so none to forget. Older demo corpora in the cache are removed after a build.
``make lab``, the notebooks and the tests all call ``demo_corpus()``, so they share one build.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit._paths import DATASETS, ROOT

if TYPE_CHECKING:
    from toolkit.corpus import Corpus

log = logging.getLogger(__name__)

DEMO_DIR = DATASETS / "demo"
PREFIX = "demo-corpus-"
# What decides the tables' contents (code under the package, data under datasets/).
_CODE = ("toolkit/io", "toolkit/extract", "toolkit/kb", "toolkit/corpus.py", "toolkit/schema.py")
_DATA = ("kb", "lexicons")


def _files() -> list[tuple[str, Path]]:
    """(name, path) of every file the digest covers, in a fixed order."""
    found: list[tuple[str, Path]] = []
    for rel in _CODE:
        p = ROOT / rel
        found += [(str(f.relative_to(ROOT)), f) for f in (sorted(p.rglob("*.py")) if p.is_dir() else [p])]
    for name, folder in [*((d, DATASETS / d) for d in _DATA), ("demo", DEMO_DIR)]:
        found += [(f"{name}/{f.relative_to(folder)}", f) for f in sorted(folder.rglob("*"))
                  if f.is_file() and f.suffix != ".md"]
    return found


def extraction_version() -> str:
    """A 12-hex-digit digest of the code and data that decide what a corpus of the demo holds."""
    h = hashlib.sha256()
    for name, f in _files():
        h.update(name.encode())
        h.update(b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def cache_root() -> Path:
    """Where cached demo corpora live (see the module docstring)."""
    env = os.environ.get("TOOLKIT_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg).expanduser() if xdg else Path.home() / ".cache") / "toolkit"


def demo_corpus(*, cache: str | Path | None = None, workers: int = 1) -> Corpus:
    """The demo corpus (1,796 press releases of en.kremlin.ru and president.gov.ua, 24 Oct 2021 -
    24 Jun 2022), built into ``cache`` (default: ``cache_root()``) when this extraction version
    has none yet. Built in a temporary folder renamed into place, so an interrupted build
    leaves nothing half-made and two processes building at once both end with one corpus."""
    from toolkit.corpus import Corpus  # the corpus layer imports the extractors: only when asked
    from toolkit.io import load_articles

    if not DEMO_DIR.is_dir() or not any(DEMO_DIR.glob("*.parquet")):
        raise FileNotFoundError(f"the demo articles are missing: no Parquet files in {DEMO_DIR}")
    root = Path(cache).expanduser() if cache is not None else cache_root()
    target = root / f"{PREFIX}{extraction_version()}"
    if Corpus.is_corpus(target):
        return Corpus.open(target, create=False)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".{target.name}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    log.info("building the demo corpus in %s", target)
    try:
        Corpus.open(tmp).add(load_articles(DEMO_DIR), workers=workers)
        try:
            tmp.rename(target)
        except OSError:  # another process finished first: use its corpus
            if not Corpus.is_corpus(target):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for old in root.glob(f"{PREFIX}*"):  # corpora of earlier versions
        if old != target and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    return Corpus.open(target, create=False)


def main() -> None:
    import time

    t = time.perf_counter()
    corpus = demo_corpus()
    print(f"demo corpus ready in {time.perf_counter() - t:.1f} s: {corpus.path}")


if __name__ == "__main__":
    main()
