"""Pure DataFrame -> DataFrame: counts over time, diversity metrics, timelines.

    from toolkit.analysis import mention_counts, source_diversity, statement_timeline
    mention_counts(mentions, articles, by="country", freq="W", normalize="articles", top=10)
    source_diversity(statements, sources, articles, by=["outlet", "period"], freq="M")
    statement_timeline(statements, articles, speakers=["Macron"], mentioning=["UKR"],
                       mentions=mentions)
    people(statements, mentions)     # each person's id, name variants and counts

For repeated analyses of a large corpus, ``compact(table, kind)`` stores the repetitive text
columns as categoricals, which the functions use directly (several times faster).

Unknown option values raise ``AnalysisArgumentError`` (a ValueError) naming the parameter;
tables lacking columns raise ``toolkit.schema.SchemaError``. Inputs are never modified.
"""
from __future__ import annotations

from toolkit.analysis._common import AnalysisArgumentError, compact
from toolkit.analysis.diversity import distribution_metrics, source_diversity, voice_shares
from toolkit.analysis.mentions import (
    co_mentions,
    mention_counts,
    top_entities,
    top_per_period,
    who_mentions_whom,
)
from toolkit.analysis.people import people, search_people, speaker_keys
from toolkit.analysis.timeline import (
    first_last,
    statement_timeline,
    statements_per_period,
    timeline_order,
)

__all__ = [
    "AnalysisArgumentError",
    "co_mentions",
    "compact",
    "distribution_metrics",
    "first_last",
    "mention_counts",
    "people",
    "search_people",
    "source_diversity",
    "speaker_keys",
    "statement_timeline",
    "statements_per_period",
    "timeline_order",
    "top_entities",
    "top_per_period",
    "voice_shares",
    "who_mentions_whom",
]
