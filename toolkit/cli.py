"""The ``toolkit`` command: ingest articles into a corpus, describe it, export its tables.

The one place in the package that prints. Errors a user can fix (a missing corpus, a bad
path, an unknown table) print one line on stderr and exit with status 2, without a traceback.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from toolkit import __version__
from toolkit import io as tkio
from toolkit.corpus import CACHE as CACHE_DIR
from toolkit.corpus import MARKER, TABLE_NAMES, Corpus, CorpusError

log = logging.getLogger(__name__)

FORMATS = ("csv", "parquet", "jsonl")
_SUFFIX_FORMAT = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl",
                  ".ndjson": "jsonl"}


class UsageError(Exception):
    """A mistake the user can fix: reported on stderr, exit status 2."""


class _Formatter(argparse.HelpFormatter):
    """Wraps descriptions to the terminal; keeps the examples epilog as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


# -- commands ---------------------------------------------------------------------------------

def _non_negative(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"{n} is negative; give 0 or more")
    return n


def _open_existing(path: str) -> Corpus:
    """The corpus at ``path``, or a UsageError saying it is not one (never creates it)."""
    root = Path(path)
    if not root.exists():
        raise UsageError(f"no corpus at path={str(root)!r}: no such folder")
    if root.is_dir() and not Corpus.is_corpus(root):
        raise UsageError(f"{root} is not a corpus (no {MARKER}); "
                         "'toolkit ingest SOURCE --corpus NEW-FOLDER' creates one")
    return Corpus.open(root, create=False)


def _ingest(args: argparse.Namespace, out: TextIO) -> int:
    root = Corpus.check_path(args.corpus)  # before loading: a bad corpus path fails fast
    if args.cache and Path(args.cache).exists() and not Path(args.cache).is_dir():
        raise UsageError(f"--cache {args.cache}: is a file; give a folder to keep downloaded pages in")
    options: dict[str, Any] = {"progress": sys.stderr.isatty() and not args.quiet}
    if args.no_fetch:
        options["fetch"] = False
    if args.allow_private:
        options["allow_private"] = True
    if args.max_file_mb is not None:
        options["max_file_mb"] = args.max_file_mb
    if not args.no_cache:  # downloaded pages are kept, so a re-run never downloads them again
        options["cache_dir"] = str(args.cache or root / CACHE_DIR)
    # one SOURCE is loaded on its own, so that a bad one is an error (exit 2) naming it;
    # several are a batch, in which bad inputs are skipped and listed
    source = args.sources[0] if len(args.sources) == 1 else list(args.sources)
    try:
        articles = tkio.load_articles(source, **options)
    except tkio.LoadError as exc:
        raise UsageError(_cli_words(str(exc))) from exc
    load_report = articles.attrs.get("load_report")
    skipped = [(str(i), _cli_words(str(r))) for i, r in getattr(load_report, "skipped", None) or []]
    degraded = [(str(i), str(r)) for i, r in getattr(load_report, "degraded", None) or []]
    duplicates = getattr(load_report, "duplicates", 0) or 0
    loaded = getattr(load_report, "loaded", None)

    print(f"Loaded {len(articles) if loaded is None else loaded} article(s) "
          f"from {len(args.sources)} source argument(s).", file=out)
    if duplicates:
        print(f"Dropped {duplicates} duplicate(s) (same URL or same text).", file=out)
    _listing(out, "Skipped", skipped, args.top)
    _listing(out, "Degraded", degraded, args.top)
    if articles.empty and not Corpus.is_corpus(root):
        print(f"Nothing loaded: corpus {root} not created.", file=out)
        return 1
    corpus = Corpus.open(root)
    report = corpus.add(articles, workers=args.workers)
    if report.no_id:
        print(f"Dropped {report.no_id} article(s) without an article_id.", file=out)
    print(f"Corpus {corpus.path}: {report.added} new, {report.already_present} already present; "
          f"now {len(corpus)} article(s).", file=out)
    if report.added:
        print(f"  + {report.mentions} mention(s), {report.statements} statement(s), "
              f"{report.sources} cited source(s)", file=out)
    return 1 if articles.empty and skipped else 0


def _cli_words(reason: str) -> str:
    """A loader's reason in the command's words (its option names)."""
    return reason.replace("allow_private=True", "--allow-private").replace("max_file_mb", "--max-file-mb")


def _listing(out: TextIO, label: str, rows: list[tuple[str, str]], top: int) -> None:
    if not rows:
        return
    print(f"{label} {len(rows)} input(s):", file=out)
    for inp, reason in rows[:top]:
        print(f"  {inp}: {reason}", file=out)
    if len(rows) > top:
        print(f"  ... and {len(rows) - top} more (--top N shows more)", file=out)


def _summary(corpus: Corpus, *, top: int) -> dict[str, Any]:
    arts = corpus.table("articles", columns=["article_id", "outlet", "outlet_domain", "published"])
    counts = {"articles": len(arts)}
    for name in ("mentions", "statements", "sources"):
        counts[name] = len(corpus.table(name, columns=["article_id"]))
    published = arts["published"].dropna()
    outlet = arts["outlet"].fillna(arts["outlet_domain"]).fillna("(unknown)")
    outlets = outlet.value_counts(sort=True)
    skipped = corpus.skipped
    return {
        "corpus": str(corpus.path),
        "counts": counts,
        "published": {
            "first": published.min().isoformat() if len(published) else None,
            "last": published.max().isoformat() if len(published) else None,
            "undated": int(arts["published"].isna().sum()),
        },
        "outlets": {str(k): int(v) for k, v in outlets.head(top).items()},
        "outlets_total": len(outlets),
        "skipped": [{"input": r.input, "reason": r.reason} for r in skipped.itertuples()],
        "adds": len(corpus.history),
    }


def _verify(corpus: Corpus, out: TextIO) -> int:
    problems = corpus.verify()
    if not problems:
        print(f"Verified corpus {corpus.path}: every committed part file reads, row counts "
              "match the commit records.", file=out)
        return 0
    print(f"Corpus {corpus.path}: {len(problems)} problem(s):", file=out)
    for where, why in problems:
        print(f"  {where}: {why}", file=out)
    return 1


def _info(args: argparse.Namespace, out: TextIO) -> int:
    corpus = _open_existing(args.corpus)
    if args.verify:
        return _verify(corpus, out)
    info = _summary(corpus, top=args.top)
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False), file=out)
        return 0
    print(f"Corpus {info['corpus']}", file=out)
    for name, n in info["counts"].items():
        print(f"  {name:<11} {n:>8}", file=out)
    pub = info["published"]
    if pub["first"]:
        print(f"Published: {pub['first'][:10]} .. {pub['last'][:10]}"
              + (f" ({pub['undated']} undated)" if pub["undated"] else ""), file=out)
    elif info["counts"]["articles"]:
        print(f"Published: no dates ({pub['undated']} undated)", file=out)
    print(f"Outlets ({info['outlets_total']}):", file=out)
    for name, n in info["outlets"].items():
        print(f"  {n:>8}  {name}", file=out)
    if info["outlets_total"] > len(info["outlets"]):
        print(f"  ... and {info['outlets_total'] - len(info['outlets'])} more (--top N shows more)",
              file=out)
    print(f"Skipped inputs ({len(info['skipped'])}):", file=out)
    for row in info["skipped"][: args.top]:
        print(f"  {row['input']}: {row['reason']}", file=out)
    if len(info["skipped"]) > args.top:
        print(f"  ... and {len(info['skipped']) - args.top} more (--top N or --json shows more)",
              file=out)
    return 0


def _for_text_formats(df: pd.DataFrame) -> pd.DataFrame:
    """CSV has no lists: join list cells with '|' (the knowledge base's multi-value separator)."""
    df = df.copy()
    for col in df.columns:
        if df[col].dtype == object and df[col].map(lambda v: isinstance(v, list)).any():
            df[col] = df[col].map(lambda v: "|".join(map(str, v)) if isinstance(v, list) else v)
    return df


def _export(args: argparse.Namespace, out: TextIO) -> int:
    fmt = args.format
    output = Path(args.output) if args.output and args.output != "-" else None
    if output is not None:
        if output.resolve().is_relative_to(Path(args.corpus).resolve()):
            raise UsageError(f"--output {output} is inside the corpus folder {args.corpus}; "
                             "write it elsewhere (the folder holds only the corpus' own files)")
        suffix = output.suffix.lower()
        if fmt is None and suffix not in _SUFFIX_FORMAT:
            raise UsageError(f"--output {output}: cannot write {suffix or '(no suffix)'!r}; use a "
                             "file ending in .csv, .parquet, .jsonl (or .pq, .ndjson), or say --format")
        if fmt is not None and suffix in _SUFFIX_FORMAT and _SUFFIX_FORMAT[suffix] != fmt:
            raise UsageError(f"--output {output} ends in {suffix!r} but --format {fmt} was asked")
    if fmt is None:
        fmt = _SUFFIX_FORMAT.get(output.suffix.lower(), "csv") if output else "csv"
    if fmt == "parquet" and output is None:
        raise UsageError("--format parquet needs --output FILE (Parquet is binary)")
    corpus = _open_existing(args.corpus)
    df = corpus.table(args.table)
    if fmt == "parquet":
        assert output is not None
        df.to_parquet(output, index=False)
    elif fmt == "csv":
        text = _for_text_formats(df).to_csv(index=False)
        _emit(text, output, out)
    else:
        text = df.to_json(orient="records", lines=True, date_format="iso", force_ascii=False) or ""
        _emit(text, output, out)
    if output is not None:
        print(f"Wrote {len(df)} row(s) of {args.table} to {output} ({fmt}).", file=sys.stderr)
    return 0


def _emit(text: str, output: Path | None, out: TextIO) -> None:
    if output is None:
        out.write(text)
    else:
        output.write_text(text, encoding="utf-8")


# -- argument parsing -------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    fmt = _Formatter
    verbosity = argparse.ArgumentParser(add_help=False)
    verbosity.add_argument("-v", "--verbose", action="store_true", help="log progress (INFO)")
    verbosity.add_argument("-q", "--quiet", action="store_true", help="log errors only")

    parser = argparse.ArgumentParser(
        prog="toolkit", formatter_class=fmt,
        description="Media-analysis toolkit: turn news articles into tables of mentions, "
                    "statements and cited sources, kept in a corpus folder.",
        epilog="examples:\n"
               "  toolkit ingest saved-pages/ exports/*.csv --corpus my-corpus\n"
               "  toolkit info my-corpus\n"
               "  toolkit export my-corpus --table statements --format csv -o statements.csv\n\n"
               "'toolkit COMMAND --help' describes each command.")
    parser.add_argument("--version", action="version", version=f"toolkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "ingest", parents=[verbosity], formatter_class=fmt,
        help="load articles and add the new ones to a corpus",
        description="Load articles from files, folders, globs, URLs or files listing URLs "
                    "(HTML, Markdown, .txt, JSON Lines, JSON, CSV, Parquet, RSS/Atom), run the "
                    "extractors on those not yet in the corpus and store all four tables. "
                    "Downloaded pages are cached in the corpus folder, so running the same "
                    "ingest again downloads nothing twice. One SOURCE that cannot be read is an "
                    "error (exit status 2); among several, unreadable ones are skipped. Exit "
                    "status 1 when nothing at all could be loaded. "
                    "The corpus folder is created when missing. Inputs that cannot be read are "
                    "skipped, listed in the summary and kept in the corpus log "
                    "('toolkit info' shows them).",
        epilog="examples:\n"
               "  toolkit ingest saved-pages/ --corpus my-corpus\n"
               "  toolkit ingest 'exports/*.csv' urls.txt --corpus my-corpus\n"
               "  toolkit ingest https://www.themoscowtimes.com/2024/05/08/... --corpus my-corpus")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="file, folder, glob, URL or URL list")
    p.add_argument("--corpus", required=True, metavar="DIR", help="corpus folder (created when missing)")
    p.add_argument("--cache", metavar="DIR",
                   help=f"keep downloaded pages here (default: DIR/{CACHE_DIR} inside the corpus)")
    p.add_argument("--no-cache", action="store_true", help="do not keep downloaded pages")
    p.add_argument("--no-fetch", action="store_true", help="skip URLs instead of downloading them")
    p.add_argument("--allow-private", action="store_true",
                   help="also download from private, loopback and link-local addresses (an "
                        "intranet, a local server); refused by default, also after a redirect")
    p.add_argument("--max-file-mb", type=float, default=None, metavar="MB",
                   help="refuse larger files (default 50)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes running the extractors (default 1)")
    p.add_argument("--top", type=_non_negative, default=20, metavar="N",
                   help="skipped inputs to list (default 20)")
    p.set_defaults(run=_ingest)

    p = sub.add_parser(
        "info", parents=[verbosity], formatter_class=fmt,
        help="describe a corpus: counts, dates, outlets, skipped inputs",
        description="Print the number of rows of each table, the range of publication dates, "
                    "the outlets with their article counts and the inputs skipped by earlier "
                    "ingests. With --verify, check every file of the corpus instead.",
        epilog="examples:\n"
               "  toolkit info my-corpus\n"
               "  toolkit info my-corpus --top 50\n"
               "  toolkit info my-corpus --json > info.json")
    p.add_argument("corpus", metavar="DIR", help="corpus folder")
    p.add_argument("--top", type=_non_negative, default=20, metavar="N",
                   help="outlets and skipped inputs to list (default 20)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--verify", action="store_true",
                   help="read every committed part file and check the row counts; name any "
                        "missing or damaged file (exit status 1 if there is one)")
    p.set_defaults(run=_info)

    p = sub.add_parser(
        "export", parents=[verbosity], formatter_class=fmt,
        help="write one table of a corpus as CSV, Parquet or JSON Lines",
        description="Write one of the corpus tables (articles, mentions, statements, sources). "
                    "CSV and JSON Lines go to standard output unless --output is given; Parquet "
                    "needs --output. In CSV, list cells (authors) are joined with '|'. Dates are "
                    "ISO 8601 in UTC. Without --format, the format follows the output's suffix "
                    "(.csv, .parquet, .jsonl), else CSV.",
        epilog="examples:\n"
               "  toolkit export my-corpus --table articles --format csv > articles.csv\n"
               "  toolkit export my-corpus --table statements --format jsonl -o statements.jsonl\n"
               "  toolkit export my-corpus --table mentions -o mentions.parquet")
    p.add_argument("corpus", metavar="DIR", help="corpus folder")
    p.add_argument("--table", required=True, choices=TABLE_NAMES, help="table to export")
    p.add_argument("--format", choices=FORMATS, default=None, help="output format")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(run=_export)
    return parser


def _configure_logging(args: argparse.Namespace) -> None:
    level = logging.WARNING
    if getattr(args, "verbose", False):
        level = logging.INFO
    if getattr(args, "quiet", False):
        level = logging.ERROR
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr,
                        force=True)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``toolkit`` command; returns the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors (argparse exits with 2)
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    _configure_logging(args)
    try:
        return int(args.run(args, sys.stdout))
    except (UsageError, CorpusError, ValueError, TypeError, OSError) as exc:
        print(f"toolkit {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except NotImplementedError as exc:
        print(f"toolkit {args.command}: error: not available yet: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("toolkit: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so briefly; -v shows the traceback
        if getattr(args, "verbose", False):
            log.exception("unexpected error")
        print(f"toolkit {args.command}: unexpected {exc.__class__.__name__}: {exc} "
              "(run with -v for the traceback)", file=sys.stderr)
        return 1
