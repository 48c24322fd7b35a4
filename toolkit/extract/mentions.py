"""PLACEHOLDER until the extractor lands: returns an empty mentions table."""
from __future__ import annotations

import pandas as pd

from toolkit import schema


def extract_mentions(articles: pd.DataFrame) -> pd.DataFrame:
    schema.validate(articles, "articles", required=("article_id", "text"), name="articles")
    return schema.empty("mentions")
