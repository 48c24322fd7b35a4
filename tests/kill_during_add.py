"""SIGKILL during ``Corpus.add``: does the next add recover exactly, and is the lock free?

Method: a corpus holding one committed batch is copied for each trial; a child process adds a
second batch (``--articles`` articles, default 400, made from sentence templates naming
officials and countries) with ``workers`` 1 or 2 and is killed with SIGKILL at a point of the
add: ``--points`` (default 12) fractions of a clean add's duration, evenly spread from 5 % to
95 % (the clean duration is measured first, from the moment the child starts ``add``). After
the kill, the pool workers the child had are given 10 s to exit (they must die with their
parent); any still alive is counted. Then this process runs the same add again (workers=1);
refused as "being written by another process", it counts as "locked", and is run again once
the leftover workers are killed (by their ids). The four tables are then compared, row for
row, with a corpus that was never killed: "exact" when equal. Linux only (/proc is read to find the pool workers).

Run from the project root:  .venv/bin/python tests/kill_during_add.py [--points 12] [--articles 400]
(``--child-toolkit /path/to/other/checkout`` runs the killed adds with another checkout's
toolkit, e.g. the code before a fix; the recovery and the reference use this one.)
tests/test_corpus.py runs a few of these kills in CI (with extractors slowed down, so that the
kill surely lands while the pool workers run).
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import schema
from toolkit.corpus import TABLE_NAMES, Corpus, CorpusError

# the child: imports, opens the corpus, says "adding", adds; SLOW seconds of sleep in each
# extractor call (forked pool workers inherit the slowed extractors)
CHILD = r"""
import sys, time
from pathlib import Path
sys.path[:0] = [sys.argv[6], str(Path(sys.argv[1]) / "tests")]
corpus_dir, workers, slow, n = sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
import toolkit.extract.mentions as m, toolkit.extract.statements as st, toolkit.extract.sources as so
from toolkit.corpus import Corpus
from kill_during_add import make_articles

def slowed(fn):
    def run(df):
        time.sleep(slow)
        return fn(df)
    return run

if slow:
    m.extract_mentions = slowed(m.extract_mentions)
    st.extract_statements = slowed(st.extract_statements)
    so.extract_sources = slowed(so.extract_sources)
corpus = Corpus.open(corpus_dir)
batch = make_articles(n, first=1000)
print("adding", flush=True)
corpus.add(batch, workers=workers)
print("added", flush=True)
"""

_SENTENCES = [
    "Lithuanian Prime Minister Ingrida Simonyte said on Monday that Vilnius was ready to help.",
    '"We will not accept this," Kremlin spokesman Dmitry Peskov told reporters in Moscow.',
    "French President Emmanuel Macron has said that troops could be sent to Ukraine.",
    "According to Reuters, the talks in Warsaw ended without an agreement.",
    "Ukraine's foreign minister Dmytro Kuleba said the decision was long overdue.",
    "The German chancellor told the Financial Times that Berlin would keep its promise.",
]


def make_articles(n: int, *, first: int = 0) -> pd.DataFrame:
    """``n`` small articles with ids first..first+n-1, each a different mix of the sentences."""
    rows = []
    for i in range(first, first + n):
        picked = [_SENTENCES[(i + k) % len(_SENTENCES)] for k in range(1 + i % 4)]
        rows.append({"article_id": f"art-{i:05d}", "url": f"https://example.org/{i}", "outlet": "Example",
                     "outlet_domain": "example.org", "title": f"Story {i}",
                     "published": f"2024-0{1 + i % 6}-1{i % 10}T10:00:00Z", "language": "en",
                     "text": f"Story number {i}. " + " ".join(picked), "source": f"https://example.org/{i}"})
    return schema.from_records(rows, "articles")


def children(pid: int) -> list[int]:
    """Ids of the live processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


def canonical(corpus: Corpus) -> dict[str, list[tuple[str, ...]]]:
    """Each table as a sorted list of rows (as strings): equal when the tables hold the same rows."""
    return {name: sorted(tuple(map(str, row)) for row in corpus.table(name).astype(str).to_numpy().tolist())
            for name in TABLE_NAMES}


def base_corpus(folder: Path, n: int) -> Path:
    """A corpus with one committed batch of ``n`` articles."""
    Corpus.open(folder).add(make_articles(n), workers=1)
    return folder


def reference(folder: Path, base: Path, n: int) -> dict[str, list[tuple[str, ...]]]:
    shutil.copytree(base, folder)
    corpus = Corpus.open(folder)
    corpus.add(make_articles(n, first=1000), workers=1)
    return canonical(corpus)


@dataclass
class Trial:
    workers: int
    delay: float  # seconds after the child said "adding" (None-like -1: when its workers are seen)
    finished: bool = False  # the add ended before the kill
    pool_seen: int = 0  # pool workers the child had when killed
    orphans: int = 0  # of those, still alive 10 s after the kill
    locked: bool = False  # the recovery add was refused by the lock
    exact: bool = False  # the recovered corpus equals the reference


def start_child(corpus_dir: Path, workers: int, slow: float, n: int,
                toolkit: Path = ROOT) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), str(corpus_dir), str(workers),
                              str(slow), str(n), str(toolkit)], stdout=subprocess.PIPE, text=True,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(toolkit)})
    assert child.stdout is not None
    line = child.stdout.readline()
    if line.strip() != "adding":
        child.kill()
        raise RuntimeError(f"child did not start adding: {line!r}")
    return child


def kill_trial(base: Path, folder: Path, ref: dict[str, list[tuple[str, ...]]], *, workers: int,
               delay: float | None, n: int, slow: float = 0.0, wait_for_pool: bool = False,
               toolkit: Path = ROOT) -> Trial:
    """One kill: copy ``base`` to ``folder``, start the child, kill it ``delay`` s after it
    starts adding (or, with ``wait_for_pool``, as soon as it has ``workers`` pool workers),
    then recover and compare."""
    shutil.copytree(base, folder)
    trial = Trial(workers, -1.0 if delay is None else delay)
    child = start_child(folder, workers, slow, n, toolkit)
    pool: list[int] = []
    if wait_for_pool:
        limit = time.monotonic() + 60
        while len(pool) < workers and time.monotonic() < limit and child.poll() is None:
            time.sleep(0.05)
            pool = children(child.pid)
        time.sleep(0.3)  # inside their first task
    else:
        ends = time.monotonic() + (delay or 0.0)
        while time.monotonic() < ends and child.poll() is None:
            pool = children(child.pid) or pool
            time.sleep(min(0.02, max(0.0, ends - time.monotonic())))
    pool = children(child.pid) or pool
    if child.poll() is not None:
        trial.finished = True
    else:
        os.kill(child.pid, signal.SIGKILL)
    child.wait()
    if child.stdout is not None:
        child.stdout.close()
    trial.pool_seen = len(pool)
    limit = time.monotonic() + 10
    while any(alive(p) for p in pool) and time.monotonic() < limit:
        time.sleep(0.05)
    left = [p for p in pool if alive(p)]
    trial.orphans = len(left)
    corpus = Corpus.open(folder)
    try:  # first with any orphans still there: do they hold the lock?
        corpus.add(make_articles(n, first=1000), workers=1)
    except CorpusError as exc:
        trial.locked = "being written by another process" in str(exc)
        if not trial.locked:
            raise
    for p in left:  # started (indirectly) here: ended here, by id
        os.kill(p, signal.SIGKILL)
    if trial.locked:  # once they are gone, does the add recover?
        while any(alive(p) for p in left):
            time.sleep(0.05)
        corpus.add(make_articles(n, first=1000), workers=1)
    trial.exact = canonical(corpus) == ref
    return trial


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=12)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--child-toolkit", type=Path, default=ROOT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = base_corpus(work / "base", 50)
        ref = reference(work / "ref", base, args.articles)
        print(f"load average: {os.getloadavg()[0]:.2f}; {args.articles} articles per add; "
              f"killed adds run the toolkit of {args.child_toolkit}", flush=True)
        for workers in (int(w) for w in args.workers.split(",")):
            shutil.copytree(base, work / f"clean-{workers}")
            child = start_child(work / f"clean-{workers}", workers, 0.0, args.articles, args.child_toolkit)
            started = time.monotonic()  # from "adding", as the kill delays
            child.wait()
            duration = time.monotonic() - started
            trials = []
            for k in range(args.points):
                delay = duration * (0.05 + 0.9 * k / max(1, args.points - 1))
                trials.append(kill_trial(base, work / f"w{workers}-{k}", ref, workers=workers,
                                         delay=delay, n=args.articles, toolkit=args.child_toolkit))
                t = trials[-1]
                print(f"  workers={workers} kill at {delay:5.2f}s: finished={t.finished} pool={t.pool_seen} "
                      f"orphans={t.orphans} locked={t.locked} exact={t.exact}", flush=True)
            killed = [t for t in trials if not t.finished]
            print(f"workers={workers}: clean add {duration:.2f}s; {len(killed)} kill(s) during the add "
                  f"({len(trials) - len(killed)} came after it ended); exact recoveries "
                  f"{sum(t.exact for t in trials)}/{len(trials)}; refused by the lock "
                  f"{sum(t.locked for t in trials)}; pool workers alive 10 s after the kill "
                  f"{sum(t.orphans for t in trials)} (of {sum(t.pool_seen for t in trials)})", flush=True)


if __name__ == "__main__":
    main()
