"""Cited sources: each citing cue, typing from the KB and the text, exclusions, robustness."""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from toolkit import schema
from toolkit._paths import SHARED
from toolkit.extract.sources import article_sources, extract_sources


def names(text: str, **kw) -> list[tuple[str, str]]:
    return [(r["source"], r["source_type"]) for r in article_sources(text, **kw)]


def one(text: str, **kw) -> dict:
    found = article_sources(text, **kw)
    assert len(found) == 1, found
    return found[0]


# --- each cue pattern --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "source", "kind"), [
    ("Simonyte told FT about the plan.", "Financial Times", "media"),
    ("Simonyte told the Financial Times that it was ready.", "Financial Times", "media"),
    ("Troops are ready, according to Reuters.", "Reuters", "agency"),
    ("According to the Associated Press, troops are ready.", "Associated Press", "agency"),
    ("Reuters reported that troops were ready.", "Reuters", "agency"),
    ("Kyiv has not asked, as FT notes, for troops.", "Financial Times", "media"),
    ("Macron's comments to The Economist last week drew fire.", "The Economist", "media"),
    ("She said in an interview with the Financial Times published Wednesday.", "Financial Times", "media"),
    ("The minister was quoted by TASS as saying so.", "TASS", "agency"),
    ("The figure was cited by Interfax on Monday.", "Interfax", "agency"),
    ("RIA Novosti reported the strike.", "RIA Novosti", "agency"),
    ("Bloomberg first reported the talks.", "Bloomberg", "agency"),
    ("The Kremlin said the talks failed.", "Kremlin", "government"),
    ("The State Department said the talks failed.", "State Department", "government"),
    ("NATO said the talks failed.", "NATO", "organization"),
])
def test_cue_patterns(text, source, kind):
    rec = one(text)
    assert (rec["source"], rec["source_type"]) == (source, kind)
    assert text[rec["start"]:rec["end"]] == rec["surface"]


def test_descriptor_and_aside_italian_daily():
    text = ("Despite that, the Italian daily Corriere Della Sera, citing a NATO draft document, "
            "reported on Sunday that the alliance is planning a resolution.")
    found = article_sources(text)
    by_name = {r["source"]: r for r in found}
    corriere = by_name["Corriere della Sera"]
    assert (corriere["source_type"], corriere["source_country"]) == ("media", "ITA")
    assert corriere["surface"] == "Corriere Della Sera"
    doc = by_name["NATO draft document"]
    assert doc["source_type"] == "document"
    assert doc["surface"] == "NATO draft document"


def test_unknown_outlet_typed_by_descriptor_with_country_from_demonym():
    rec = one("The Lithuanian daily Zzyzx Kurjeris reported the plan.")
    assert (rec["source"], rec["source_type"], rec["source_country"]) == ("Zzyzx Kurjeris", "media", "LTU")


def test_unknown_outlet_typed_by_last_word():
    rec = one("The Zzyzx Times reported the plan.")
    assert (rec["source"], rec["source_type"]) == ("Zzyzx Times", "media")


def test_possessive_announcement_is_government_with_country():
    rec = one("Her comments follow the Russian Defense Ministry's announcement that forces were ready.")
    assert (rec["source"], rec["source_type"], rec["source_country"]) == ("Russian Defense Ministry", "government", "RUS")
    assert rec["surface"] == "Russian Defense Ministry"


def test_report_by_outlet_is_the_outlet_not_a_document():
    rec = one("The plan was described in a Reuters report on Friday, according to a Reuters report.")
    assert (rec["source"], rec["source_type"]) == ("Reuters", "agency")


def test_document_with_country_owner():
    rec = one("The newspaper, citing a U.S. intelligence assessment, said so.")
    assert rec["source_type"] == "document"
    assert rec["source_country"] == "USA"


def test_newspaper_anaphor_refers_to_last_named_outlet():
    text = "The Guardian reported the plan on Monday. The newspaper said the plan was old."
    found = article_sources(text)
    assert [r["source"] for r in found] == ["The Guardian", "The Guardian"]
    assert found[1]["surface"] == "The newspaper"


def test_one_row_per_citation():
    text = "Simonyte told FT about it. As FT notes, Kyiv did not ask. She repeated her remarks to FT."
    assert names(text) == [("Financial Times", "media")] * 3


def test_dateline_counts_as_agency():
    rec = one("MOSCOW (Reuters) - Russia summoned the ambassador.")
    assert (rec["source"], rec["source_type"], rec["cue"]) == ("Reuters", "agency", "dateline")


# --- exclusions --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Reuters is a news agency founded in London.",                # mentioned, not cited
    "The Financial Times has a new editor.",
    "Lithuanian Prime Minister Ingrida Simonyte said it was ready.",  # a person: not reported
    "Kremlin spokesman Dmitry Peskov said it was new.",
    "Kmu.gov.ua (CC BY 4.0)",
    "Photo: Reuters said nothing here",                           # photo credit
    "AP Photo/Efrem Lukatsky said",
    "Simonyte told reporters about it.",
    "Russia may send troops, he said.",
])
def test_not_cited_sources(text):
    assert article_sources(text) == []


def test_publisher_is_not_its_own_source():
    text = "The Moscow Times reported earlier that FT said so. As The Moscow Times noted, Reuters reported it."
    got = names(text, outlet="The Moscow Times", outlet_domain="themoscowtimes.com")
    assert ("The Moscow Times", "media") not in got
    assert ("Reuters", "agency") in got
    got = names(text, outlet_domain="www.themoscowtimes.com")
    assert all(n != "The Moscow Times" for n, _ in got)


def test_publisher_alias_is_excluded():
    assert names("FT reported the plan.", outlet="Financial Times") == []


# --- the founding example ----------------------------------------------------------------------

SEED = (
    "Lithuania is prepared to send its soldiers on a training mission to Ukraine despite Russia's nuclear "
    "threats, Lithuanian Prime Minister Ingrida Simonyte said in an interview with the Financial Times "
    "published Wednesday.\n\nHer comments follow the Russian Defense Ministry's announcement that its forces "
    "were preparing to conduct tactical nuclear weapons exercises.\n\n\"If we just thought about the Russian "
    "response, then we could not send anything,\" Simonyte told FT about the possibility.\n\nLithuania had "
    "previously proposed sending its troops, but as FT notes, Kyiv has not yet made such a request.\n\n"
    "Russia on Monday summoned France's ambassador following President Emmanuel Macron's comments to The "
    "Economist last week that Western troops could be sent to Ukraine.\n\n\"This is a completely new round "
    "of escalating tensions,\" Kremlin spokesman Dmitry Peskov said.\n\nDespite Simonyte's remarks to FT, "
    "the Italian daily Corriere Della Sera, citing a NATO draft document, reported on Sunday that the "
    "alliance is planning a resolution."
)


def test_seed_sources():
    arts = pd.DataFrame({"article_id": ["seed"], "text": [SEED], "outlet": ["The Moscow Times"],
                         "outlet_domain": ["themoscowtimes.com"]})
    df = extract_sources(arts)
    got = set(zip(df["source"], df["source_type"], strict=True))
    assert {("Financial Times", "media"), ("The Economist", "media"), ("Corriere della Sera", "media")} <= got
    allowed = {("Financial Times", "media"), ("The Economist", "media"), ("Corriere della Sera", "media"),
               ("NATO draft document", "document"), ("Russian Defense Ministry", "government")}
    assert got <= allowed
    assert (df["source"] == "Financial Times").sum() == 4
    for row in df.itertuples():
        assert SEED[row.start:row.end] == row.surface


# --- the table and robustness ------------------------------------------------------------------

def test_extract_sources_table_shape_and_input_untouched():
    arts = pd.DataFrame({"article_id": ["a", "b"], "text": ["Reuters reported it.", "Nothing here."]})
    before = arts.copy()
    df = extract_sources(arts)
    pd.testing.assert_frame_equal(arts, before)
    assert list(df.columns[:len(schema.SOURCES)]) == list(schema.SOURCES)
    assert df["article_id"].tolist() == ["a"]
    assert df.attrs["extract_report"] == {"articles": 2, "skipped": []}


def test_empty_input_has_every_column():
    df = extract_sources(pd.DataFrame({"article_id": pd.Series(dtype=str), "text": pd.Series(dtype=str)}))
    assert df.empty and set(schema.SOURCES) <= set(df.columns)


@pytest.mark.parametrize("text", ["", "   ", None, np.nan, pd.NA])
def test_empty_or_missing_text(text):
    arts = pd.DataFrame({"article_id": ["a"], "text": [text]}, dtype=object)
    assert extract_sources(arts).empty


def test_bad_article_is_skipped_and_logged(caplog):
    arts = pd.DataFrame({"article_id": ["bad", "good"], "text": [b"\x00\x01binary", "Reuters reported it."]},
                        dtype=object)
    with caplog.at_level(logging.WARNING, logger="toolkit.extract.sources"):
        df = extract_sources(arts)
    assert df["article_id"].tolist() == ["good"]
    assert [aid for aid, _ in df.attrs["extract_report"]["skipped"]] == ["bad"]
    assert "bad" in caplog.text


def test_caller_mistakes_raise():
    with pytest.raises(TypeError, match="articles"):
        extract_sources("not a frame")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="text"):
        extract_sources(pd.DataFrame({"article_id": ["a"]}))
    with pytest.raises(TypeError, match="outlet"):
        article_sources("Reuters reported it.", outlet=3)  # type: ignore[arg-type]


def test_huge_text_without_punctuation():
    text = "word " * 60000 + "according to Reuters, " + "word " * 60000
    found = article_sources(text)
    assert [r["source"] for r in found] == ["Reuters"]


# --- ambiguity rules ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Romania will be one of the next EU states to recognize it.",      # "states" the noun
    "He urged all G7 states, which are rich, to help.",
    "Russia is to act as a mediator according to the Minsk agreements.",  # name modifies a noun
    "Troops train according to NATO standards.",
    "Sooner or later we start talking to Russia.",                     # "talking to" needs media
    "Today, when I spoke to the British Parliament, the number was 50.",
    "The President's recent visit to Moscow confirmed the relations.",  # object of a preposition
    "The Head of the President's Office noted that it was hard.",
    "I said this at the forum.",                                        # "I" is not the newspaper "i"
    "The Commonwealth of Independent States met.",
])
def test_ambiguous_contexts_are_not_sources(text):
    assert article_sources(text) == []


def test_strict_cue_counts_before_that_or_after_as():
    assert names("The Joint Declaration states that the talks go on.") == [("Joint Declaration", "document")]
    assert names("Kyiv did not ask, as FT notes.") == [("Financial Times", "media")]


def test_government_body_named_with_of():
    rec = one("According to the US Department of Agriculture, grain prices rose.")
    assert (rec["source"], rec["source_type"], rec["source_country"]) == (
        "US Department of Agriculture", "government", "USA")


def test_interview_with_media_outlet_is_a_source():
    assert names("Zelensky gave an interview to The Washington Post.") == [("The Washington Post", "media")]


def test_lowercase_words_spelling_iso_codes_give_no_country():
    rec = one("According to the National Security and Defense Council, cases rose.")
    assert rec["source_country"] is None


def test_lone_generic_head_word_is_not_typed():
    assert article_sources("According to the Group, attempts failed.") == []


def test_country_name_used_as_a_surname_is_not_a_government():
    text = "Rep. Jim Jordan spoke first. Mills got immunity, Jordan said."
    assert article_sources(text) == []
    assert names("Talks failed, Russia said.") == [("Russia", "government")]


def test_outlet_after_of_in_a_person_run():
    rec = one("Trump told Bill O'Reilly of Fox News this week.")
    assert (rec["source"], rec["surface"]) == ("Fox News", "Fox News")


def test_news_anywhere_in_unknown_name_is_media():
    rec = one("However, Zzyzx News Service reported that it was late.")
    assert rec["source_type"] == "media"


def test_network_is_not_an_anaphor():
    text = "The registration issue was first reported by The Washington Post. The network said it would act."
    assert [r["source"] for r in article_sources(text)] == ["The Washington Post"]


# --- on real text (skipped without ../shared) ---------------------------------------------------

PRESS = SHARED / "data" / "press-releases-2021-2022" / "zelenskyy.csv"


@pytest.mark.shared
@pytest.mark.skipif(not PRESS.exists(), reason="needs ../shared/data/press-releases-2021-2022")
def test_press_releases_sources_are_plausible():
    raw = pd.read_csv(PRESS)
    arts = pd.DataFrame({"article_id": raw.index.astype(str), "text": raw["body"],
                         "outlet": "President of Ukraine", "outlet_domain": "president.gov.ua"})
    df = extract_sources(arts)
    assert df.attrs["extract_report"]["skipped"] == []
    assert len(df) >= 20
    assert set(df["source_type"]) <= {"media", "agency", "government", "organization", "document"}
    assert (df["source"].str.len() >= 2).all()
    assert "President of Ukraine" not in set(df["source"])  # the publisher
    media = set(df.loc[df["source_type"] == "media", "source"])
    assert {"The Washington Post", "CNN"} <= media
    for row in df.merge(arts, on="article_id").itertuples():
        assert row.text[row.start:row.end] == row.surface
