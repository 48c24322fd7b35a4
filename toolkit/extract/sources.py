"""PLACEHOLDER until the extractor lands: returns an empty sources table."""
from __future__ import annotations

import pandas as pd

from toolkit import schema


def extract_sources(articles: pd.DataFrame) -> pd.DataFrame:
    schema.validate(articles, "articles", required=("article_id", "text"), name="articles")
    return schema.empty("sources")
