"""Media-analysis toolkit: news articles -> tidy tables of mentions, statements and sources.

    import toolkit as tk
    articles = tk.load_articles("datasets/articles/")
    statements = tk.extract_statements(articles)
"""
from __future__ import annotations

from toolkit.corpus import Corpus
from toolkit.extract.mentions import extract_mentions
from toolkit.extract.sources import extract_sources
from toolkit.extract.statements import extract_statements
from toolkit.io import LoadReport, load_articles
from toolkit.schema import SchemaError

__all__ = [
    "Corpus",
    "LoadReport",
    "SchemaError",
    "extract_mentions",
    "extract_sources",
    "extract_statements",
    "load_articles",
]
__version__ = "0.1.0"
