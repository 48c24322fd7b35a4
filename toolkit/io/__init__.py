"""The only layer that touches disk or network: loaders per format, fetching, the corpus store.

    from toolkit.io import load_articles
    df = load_articles("datasets/articles/")
    df.attrs["load_report"]          # LoadReport: loaded, skipped [(input, reason)], duplicates
"""
from __future__ import annotations

from toolkit.io.loaders import load_articles, load_articles_with_report
from toolkit.io.report import LoadError, LoadReport, SourceNotFoundError

__all__ = ["LoadError", "LoadReport", "SourceNotFoundError", "load_articles", "load_articles_with_report"]
