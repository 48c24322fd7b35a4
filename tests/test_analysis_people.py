"""people, search_people and top_per_period on small hand-made tables."""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit import schema
from toolkit.analysis import (
    AnalysisArgumentError,
    mention_counts,
    people,
    search_people,
    speaker_keys,
    top_per_period,
)


def statements(rows: list[tuple[str | None, str | None, str | None]]) -> pd.DataFrame:
    """(speaker, speaker_id, speaker_type) per statement."""
    return schema.from_records([
        {"statement_id": f"s{i}", "article_id": "a1", "quote": "q", "quote_start": 0, "quote_end": 1,
         "speaker": spk,
         "speaker_id": sid, "speaker_type": typ, "speaker_country": "UKR" if sid else None,
         "statement_date": "2022-05-01T00:00:00Z"}
        for i, (spk, sid, typ) in enumerate(rows)], "statements")


STATEMENTS = statements([
    ("Andriy Yermak", "andriy-yermak", "official"),
    ("Andriy Yermak", "andriy-yermak", "official"),
    ("Office of the President of Ukraine Andriy Yermak", "andriy-yermak", "official"),
    ("Mykhailo Podolyak", None, "person"),
    ("Mykhailo Podoliak", None, "person"),
    ("Mykhailo Podolyak", None, "person"),
    ("Please", None, "unknown"),
    ("", None, None),
    (None, None, None),
])
MENTIONS = schema.from_records([
    {"article_id": "a1", "field": "text", "entity_type": t, "entity_id": e, "name": n,
     "country": "UKR", "surface": n, "start": 0, "end": 1, "in_quote": False}
    for t, e, n in [("official", "andriy-yermak", "Andriy Yermak"),
                    ("official", "andriy-yermak", "Yermak"),
                    ("person", None, "Mykhailo Podolyak"),
                    ("country", "UKR", "Ukraine"),
                    ("official", "denys-shmyhal", "Denys Shmyhal")]], "mentions")


def test_people_groups_name_variants_by_id_and_counts_both_tables() -> None:
    p = people(STATEMENTS, MENTIONS).set_index("key")
    yermak = p.loc["andriy-yermak"]
    assert yermak["id"] == "andriy-yermak" and yermak["name"] == "Andriy Yermak"
    # statements' spellings first, most frequent first; then the mentions' own
    assert yermak["variants"] == ["Andriy Yermak", "Office of the President of Ukraine Andriy Yermak",
                                  "Yermak"]
    assert (yermak["statements"], yermak["mentions"], yermak["n_variants"]) == (3, 2, 3)
    assert yermak["resolved"] and yermak["country"] == "UKR"
    # rows without an id fall back to the name as written: two spellings, two rows
    assert p.loc["Mykhailo Podolyak", "statements"] == 2 and p.loc["Mykhailo Podolyak", "mentions"] == 1
    assert p.loc["Mykhailo Podoliak", "statements"] == 1
    assert not p.loc["Mykhailo Podolyak", "resolved"] and not p.loc["Please", "resolved"]
    # a person only mentioned is listed; a country is not; empty speakers give no row
    assert p.loc["denys-shmyhal", "statements"] == 0 and p.loc["denys-shmyhal", "mentions"] == 1
    assert "UKR" not in p.index and "" not in p.index
    # most statements first
    assert list(people(STATEMENTS, MENTIONS)["key"][:2]) == ["andriy-yermak", "Mykhailo Podolyak"]


def test_speaker_keys_match_people_keys() -> None:
    keys = speaker_keys(STATEMENTS)
    assert list(keys[:4]) == ["andriy-yermak"] * 3 + ["Mykhailo Podolyak"]
    assert keys[7] is None and keys[8] is None
    assert {k for k in keys if k} <= set(people(STATEMENTS)["key"])


def test_people_without_mentions_types_and_empty_input() -> None:
    p = people(STATEMENTS, speaker_types=["official"])
    assert list(p["key"]) == ["andriy-yermak"] and p["mentions"].iat[0] == 0
    empty = people(schema.empty("statements"))
    assert empty.empty and "variants" in empty.columns
    no_ids = STATEMENTS.drop(columns=["speaker_id"])
    assert people(no_ids).set_index("key").loc["Andriy Yermak", "statements"] == 2


def test_search_people_by_name_part_accents_and_id() -> None:
    p = people(STATEMENTS, MENTIONS)
    assert set(search_people(p, "PODOL")["key"]) == {"Mykhailo Podolyak", "Mykhailo Podoliak"}
    assert list(search_people(p, "yérmak")["key"]) == ["andriy-yermak"]
    assert list(search_people(p, "shmyhal")["key"]) == ["denys-shmyhal"]  # by id or mention name
    assert len(search_people(p, "", limit=2)) == 2
    with pytest.raises(TypeError, match="text must be a str"):
        search_people(p, None)  # type: ignore[arg-type]


def test_top_per_period_keeps_each_periods_own_leaders() -> None:
    articles = schema.from_records([
        {"article_id": f"a{i}", "url": f"https://x/{i}", "outlet": "X",
         "published": f"2022-0{m}-0{1 + i % 5}T00:00:00Z", "text": "t"}
        for i, m in enumerate([1, 1, 1, 2, 2, 2])], "articles")
    rows = []
    # January: UKR 3, RUS 2, GBR 1; February: UKR 3, KAZ 2, RUS 1.
    for art, countries in [("a0", ["UKR", "RUS", "GBR"]), ("a1", ["UKR", "RUS"]), ("a2", ["UKR"]),
                           ("a3", ["UKR", "KAZ", "RUS"]), ("a4", ["UKR", "KAZ"]), ("a5", ["UKR"])]:
        rows += [{"article_id": art, "field": "text", "entity_type": "country", "entity_id": c,
                  "name": c, "country": c, "surface": c, "start": 0, "end": 1, "in_quote": False}
                 for c in countries]
    counts = mention_counts(schema.from_records(rows, "mentions"), articles, by="country", freq="M")
    top = top_per_period(counts, n=2)
    got = [(p.strftime("%m"), k, r) for p, k, r in top[["period", "key", "rank"]].itertuples(index=False)]
    assert got == [("01", "UKR", 1), ("01", "RUS", 2), ("02", "UKR", 1), ("02", "KAZ", 2)]
    assert top.attrs["freq"] == "M"
    # the overall top 2 would have missed Kazakhstan in February
    assert "KAZ" not in set(mention_counts(schema.from_records(rows, "mentions"), articles,
                                           by="country", freq="M", top=2)["key"])
    with pytest.raises(AnalysisArgumentError, match="n=0"):
        top_per_period(counts, n=0)
    assert top_per_period(counts.iloc[:0], n=3).empty
