"""toolkit.identity: surname-only speakers and bare titles resolved across a corpus."""
from __future__ import annotations

import pandas as pd
import pytest

import toolkit as tk
from toolkit import identity, schema
from toolkit.corpus import Corpus
from toolkit.kb import names


def arts(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """(article_id, published, outlet_country, text) -> an articles table."""
    return schema.from_records([
        {"article_id": a, "url": f"https://example.org/{a}", "outlet": "Example",
         "outlet_domain": "example.org", "outlet_country": c, "title": "", "authors": [],
         "published": f"{d}T10:00:00Z", "language": "en", "text": t, "source": a}
        for a, d, c, t in rows], "articles")


FULL = ("a", "2022-05-02", "USA", ('Taras Kovalchuk, a local official, said the bridge was closed. '
                                   '"We will reopen it," Kovalchuk said.'))
LATER = ("b", "2022-05-04", "USA", '"The repairs will take a month," Kovalchuk said on Wednesday.')
FAR = ("c", "2022-07-20", "USA", '"The bridge is open again," Kovalchuk said on Monday.')


def speakers(st: pd.DataFrame, article: str) -> list[tuple[str, str]]:
    rows = st[st["article_id"] == article]
    return list(zip(rows["speaker"], rows["speaker_id"].fillna(""), strict=True))


def test_surname_takes_the_one_full_name_in_the_corpus_at_that_date() -> None:
    a = arts([FULL, LATER, FAR])
    raw = tk.extract_statements(a)
    assert speakers(raw, "b") == [("Kovalchuk", "kovalchuk")]  # alone, the article cannot tell
    st = identity.resolve(a, {"statements": raw, "mentions": tk.extract_mentions(a)})["statements"]
    assert speakers(st, "a") == [("Taras Kovalchuk", "taras-kovalchuk")] * 2
    assert speakers(st, "b") == [("Taras Kovalchuk", "taras-kovalchuk")]
    # eleven weeks later no full name fits: the surname keeps its own id, with less confidence
    assert speakers(st, "c") == [("Kovalchuk", "kovalchuk")]
    far = raw["article_id"] == "c"
    assert (st.loc[far, "confidence"] < raw.loc[far, "confidence"]).all()
    assert raw.equals(tk.extract_statements(a))  # the input is not modified


def test_surname_shared_by_two_people_is_never_guessed() -> None:
    a = arts([("a", "2022-05-02", "USA", ("Olena Berg, a teacher, said the school was shut. "
                                          "Ivan Berg, her brother, said the road was shut.")),
              ("b", "2022-05-03", "USA", '"Nobody came," Berg said.')])
    st = identity.resolve(a, {"statements": tk.extract_statements(a)})["statements"]
    assert speakers(st, "b") == [("Berg", "berg")]


def test_bare_title_takes_the_person_named_with_that_role_in_the_article() -> None:
    text = ("Governor Ivan Petrenko met farmers on Monday. "
            '"We will pay for the seed," the Governor said.')
    a = arts([("a", "2022-05-02", "RUS", text)])
    tables = {"statements": tk.extract_statements(a), "mentions": tk.extract_mentions(a)}
    st = identity.resolve(a, tables)["statements"]
    assert ("Ivan Petrenko", "ivan-petrenko") in speakers(st, "a")


def test_bare_title_takes_the_kb_holder_for_the_outlets_country() -> None:
    text = ('"Weapons are on the way," said the Head of the President\'s Office. '
            "He spoke after the talks.")
    a = arts([("a", "2022-05-02", "UKR", text), ("b", "2022-05-02", "USA", text)])
    st = identity.resolve(a, {"statements": tk.extract_statements(a)})["statements"]
    assert speakers(st, "a")[0] == ("Andriy Yermak", "andriy-yermak")
    assert speakers(st, "b")[0][1] == ""  # no such office for the USA: unresolved


def test_corpus_add_resolves_against_stored_batches(tmp_path) -> None:
    corpus = Corpus.open(tmp_path / "c")
    corpus.add(arts([FULL]))
    corpus.add(arts([LATER]))
    assert speakers(corpus.statements, "b") == [("Taras Kovalchuk", "taras-kovalchuk")]


def test_add_extracted_resolves_too(tmp_path) -> None:
    # toolkit.distributed commits through add_extracted: the same resolution applies
    a = arts([FULL, LATER])
    corpus = Corpus.open(tmp_path / "c")
    corpus.add_extracted(a, mentions=tk.extract_mentions(a), statements=tk.extract_statements(a),
                         sources=tk.extract_sources(a))
    assert speakers(corpus.statements, "b") == [("Taras Kovalchuk", "taras-kovalchuk")]


def test_people_lists_full_names_with_their_ids() -> None:
    a = arts([FULL])
    found = identity.people(a, tk.extract_statements(a), tk.extract_mentions(a))
    assert set(found["id"]) == {"taras-kovalchuk"} and set(found["surname"]) == {"kovalchuk"}
    assert identity.people(a).empty and list(identity.people(a).columns) == list(found.columns)


@pytest.mark.parametrize("text,speaker", [
    ('"Please tell us what you need," the governor asked. Please report back today.', "Please"),
    (("We reply accordingly. Following our reply, they start finding fault with us and say that "
      "we are wrong."), "Following"),
])
def test_ordinary_words_are_not_people(text: str, speaker: str) -> None:
    st = tk.extract_statements(arts([("a", "2022-05-02", "RUS", text)]))
    rows = st[st["speaker"] == speaker]
    assert (rows["speaker_type"] == "unknown").all() and rows["speaker_id"].isna().all()
    # the same word as a surname named in full earlier stays a person
    text = 'Anna Following spoke first. "We are ready," Following said.'
    named = tk.extract_statements(arts([("a", "2022-05-02", "RUS", text)]))
    assert named["speaker_id"].tolist() == [names.person_id("Anna Following")]


@pytest.mark.parametrize("text,speaker,typ,sid", [
    ("The Ministry of Health said that 500 people were vaccinated.", "Ministry of Health", "organization", None),
    ("According to international experts, the plan works.", "international experts", "person", None),
    ("Local residents said that the water was cut.", "Local residents", "person", None),
    ("The United Nations said that aid was on its way.", "United Nations", "organization", "un"),
    ("FAO said that the harvest was poor.", "FAO", "organization", None),
    ("Head of the President's Office Mykhailo Podoliak said that talks went on.", "Mykhailo Podolyak",
     "official", "mykhailo-podolyak"),
    ("Mr Peskov said that the talks went on.", "Dmitry Peskov", "official", "dmitry-peskov"),
])
def test_speaker_types_and_ids(text: str, speaker: str, typ: str, sid: str | None) -> None:
    a = arts([("a", "2022-05-02", "RUS", text)])
    st = identity.resolve(a, {"statements": tk.extract_statements(a)})["statements"]
    row = st.iloc[0]
    assert (row["speaker"], row["speaker_type"], row["speaker_id"]) == (speaker, typ, sid)


def test_a_failure_keeps_the_batch(monkeypatch, caplog) -> None:
    a = arts([FULL, LATER])
    raw = tk.extract_statements(a)
    monkeypatch.setattr(identity, "people", lambda *args, **kw: 1 / 0)
    out = identity.resolve(a, {"statements": raw})
    assert out["statements"] is raw and "resolution failed" in caplog.text
    with pytest.raises(TypeError, match="tables must be a dict"):
        identity.resolve(a, raw)  # type: ignore[arg-type]


def test_bare_title_prefers_the_outlets_own_holder_among_two() -> None:
    text = ("Volodymyr Zelenskyy and Vladimir Putin did not meet. Russia's President Vladimir Putin "
            'stayed in Moscow. "We will fight," the head of state said.')
    a = arts([("a", "2022-05-02", "UKR", text)])
    tables = {"statements": tk.extract_statements(a), "mentions": tk.extract_mentions(a)}
    st = identity.resolve(a, tables)["statements"]
    assert ("Volodymyr Zelenskyy", "volodymyr-zelenskyy") in speakers(st, "a")
