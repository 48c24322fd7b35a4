"""extract_mentions / article_mentions on sentences written for the tests."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from toolkit import kb, schema
from toolkit._paths import DATASETS
from toolkit.extract.mentions import article_mentions, extract_mentions, quote_spans
from toolkit.kb import surfaces


def countries(text: str, **kw) -> list[tuple[str, str]]:
    return [(r["surface"], r["entity_id"]) for r in article_mentions(text, **kw)
            if r["entity_type"] == "country"]


def codes(text: str) -> list[str]:
    return [iso for _s, iso in countries(text)]


def officials(text: str, **kw) -> list[dict]:
    return [r for r in article_mentions(text, **kw) if r["entity_type"] == "official"]


# --- countries ----------------------------------------------------------------------------

def test_names_aliases_demonyms_metonyms():
    text = ("Lithuania and the U.K. back Kyiv; the Kremlin and Downing Street disagree. "
            "Dutch and British troops joined American ones, said the White House.")
    assert countries(text) == [("Lithuania", "LTU"), ("U.K.", "GBR"), ("Kyiv", "UKR"),
                               ("Kremlin", "RUS"), ("Downing Street", "GBR"), ("Dutch", "NLD"),
                               ("British", "GBR"), ("American", "USA"),
                               ("White House", "USA")]


def test_offsets_point_at_the_surface():
    text = "Talks between Russia and Ukraine stalled."
    for r in article_mentions(text):
        assert text[r["start"]:r["end"]] == r["surface"]


def test_longest_match_first():
    assert codes("Papua New Guinea and Guinea-Bissau met Guinea.") == ["PNG", "GNB", "GIN"]
    assert codes("Equatorial Guinea signed.") == ["GNQ"]
    assert codes("New Mexico and New Jersey are states; Mexico is not.") == ["MEX"]
    assert codes("Niger and Nigeria border each other.") == ["NER", "NGA"]
    assert codes("Dominica is not the Dominican Republic.") == ["DMA", "DOM"]
    assert codes("South Korea and North Korea talked.") == ["KOR", "PRK"]
    assert codes("Seoul said Korea would respond.") == ["KOR", "KOR"]


def test_georgia_the_state_is_not_the_country():
    assert codes("He was born in Atlanta, Georgia, in 1960.") == []
    assert codes("Georgia voters went to the polls on Tuesday.") == []
    assert codes("Georgia's governor signed the bill.") == []
    assert codes("Georgia, Arizona and Nevada decided the election.") == []


def test_georgia_the_country():
    assert codes("Russia invaded Georgia in 2008.") == ["RUS", "GEO"]
    assert codes("Tbilisi protested as Georgia's parliament voted.") == ["GEO", "GEO"]
    assert codes("The Georgian government and Georgia's president clashed.") == ["GEO", "GEO"]
    # A U.S. article context turns a bare "Georgia" into the state ...
    assert codes("Kemp won in Georgia. Turnout in Georgia was high.") == []
    # ... unless the article talks about the country.
    assert "GEO" in codes("Kemp met Georgian leaders; Georgia wants to join NATO.")


def test_jordan_and_chad_as_first_names():
    assert codes("Michael Jordan scored 40 points.") == []
    assert codes("Jordan Peterson gave a talk.") == []
    assert codes("Chad Smith played the drums.") == []
    assert codes("Coach Chad said the team was ready.") == []
    assert codes("Egypt, Jordan and Chad signed the accord.") == ["EGY", "JOR", "TCD"]
    assert codes("In Jordan, refugees wait.") == ["JOR"]
    assert codes("King Abdullah of Jordan met the president of Chad.") == ["JOR", "TCD"]


def test_turkey_the_bird_and_china_the_porcelain():
    assert codes("We ate turkey and served it on fine china.") == []
    assert codes("Turkey and China signed a deal.") == ["TUR", "CHN"]
    assert codes("Turkey sandwiches were served.") == []


def test_america_the_continent():
    for text in ("Exports to North America rose.", "Latin America is growing.",
                 "South America and Central America trade.", "Many Latin American leaders came."):
        assert codes(text) == [], text
    assert codes("America will respond, the American envoy said.") == ["USA", "USA"]


def test_washington_city_state_government():
    assert codes("The Washington Post reported it.") == []
    assert codes("Farmers in Washington state protested.") == []
    assert codes("George Washington crossed the Delaware.") == []
    assert codes("Denzel Washington starred in the film.") == []
    assert codes("Washington said it would send more aid.") == ["USA"]
    assert codes("Relations between Washington and Moscow soured.") == ["USA", "RUS"]


def test_capital_as_a_place_is_not_the_country():
    assert codes("He studied in London and lives in Copenhagen.") == []
    assert codes("A Kyiv-based analyst spoke.") == []
    assert codes("Kyiv has the right to strike, London said.") == ["UKR", "GBR"]
    assert codes("Paris Hilton and the Moscow Mule were there.") == []


def test_nationality_of_a_person_or_a_name_is_not_the_country():
    assert codes("The Israeli mathematician and writer spoke.") == []
    assert codes("She ordered Baileys Irish Cream.") == []
    assert codes("He was quoted by The Canadian Press on Monday.") == []
    assert codes("The discoverer was German.") == []
    assert codes("The book was translated into Spanish, then into German.") == []
    assert codes("He spoke in French politics circles.") == ["FRA"]
    assert codes("Lithuanian Prime Minister Ingrida Simonyte spoke.") == ["LTU"]
    assert codes("Italian daily Corriere Della Sera reported.") == ["ITA"]


def test_title_case_headline_keeps_demonyms():
    df = pd.DataFrame([{"article_id": "h", "title": "Ukraine Says Russian Troops Advance Near Kharkiv",
                        "text": "She ordered Baileys Irish Cream."}])
    m = extract_mentions(df)
    got = [(f, s) for f, s in zip(m["field"], m["surface"], strict=True)]
    assert got == [("title", "Ukraine"), ("title", "Russian")]


def test_organisation_with_a_country_inside():
    recs = article_mentions("The Russian Defense Ministry and the Pentagon replied; NATO did not.")
    orgs = [(r["surface"], r["entity_id"], r["country"]) for r in recs
            if r["entity_type"] == "organization"]
    assert orgs == [("Russian Defense Ministry", "rus-mod", "RUS"),
                    ("Pentagon", "usa-dod", "USA"), ("NATO", "nato", None)]
    assert codes("The Russian Defense Ministry replied.") == ["RUS"]


# --- officials ----------------------------------------------------------------------------

def test_official_full_name_then_surname_with_role_on_the_date():
    text = ("Cameron was not yet named. U.K. Foreign Secretary David Cameron spoke. "
            "Later Cameron left.")
    recs = officials(text, published="2024-05-08")
    assert [r["surface"] for r in recs] == ["David Cameron", "Cameron"]
    assert {r["role"] for r in recs} == {"Foreign Secretary"}
    assert {r["country"] for r in recs} == {"GBR"}
    then = officials("David Cameron resigned.", published="2016-06-24")
    assert then[0]["role"] == "Prime Minister"


def test_official_alias_without_diacritics():
    recs = officials("Ingrida Šimonytė and Ingrida Simonyte are one person.",
                     published="2024-05-08")
    assert len(recs) == 2
    assert {r["name"] for r in recs} == {"Ingrida Šimonytė"}
    assert {r["country"] for r in recs} == {"LTU"}


@pytest.fixture
def no_kb_officials(monkeypatch):
    """The KB knows no officials: everything must come from the text."""
    empty = kb.officials().iloc[0:0]
    monkeypatch.setattr(kb, "officials", lambda: empty.copy())
    surfaces.clear_cache()
    yield
    monkeypatch.undo()
    surfaces.clear_cache()


@pytest.mark.parametrize("text,name,role,country", [
    ("Lithuanian Prime Minister Ingrida Simonyte said so.", "Ingrida Simonyte",
     "Prime Minister", "LTU"),
    ("Kremlin spokesman Dmitry Peskov said so.", "Dmitry Peskov", "Spokesperson", "RUS"),
    ("Russia blasted U.K. Foreign Secretary David Cameron on Monday.", "David Cameron",
     "Foreign Secretary", "GBR"),
    ("Maria Zakharova, a spokeswoman for the Russian Foreign Ministry, said Kyiv lied.",
     "Maria Zakharova", "Spokesperson", "RUS"),
    ("Dmitry Peskov, the Kremlin's spokesman, said so.", "Dmitry Peskov", "Spokesperson", "RUS"),
    ("State Department spokesman Matthew Miller said so.", "Matthew Miller", "Spokesperson",
     "USA"),
    ("Minister of Industry and Trade of Russia Denis Manturov spoke.", "Denis Manturov",
     "Minister", "RUS"),
    ("President of Ukraine Volodymyr Zelenskyy spoke.", "Volodymyr Zelenskyy", "President",
     "UKR"),
])
def test_officials_not_in_the_kb_introduced_by_a_title(no_kb_officials, text, name, role,
                                                        country):
    recs = officials(text)
    assert len(recs) == 1, recs
    r = recs[0]
    assert (r["name"], r["role"], r["country"]) == (name, role, country)
    assert text[r["start"]:r["end"]] == name


def test_unknown_official_surname_later_and_not_before(no_kb_officials):
    text = "Zakharova is quoted. Kremlin spokesman Dmitry Peskov said no. Peskov added more."
    recs = officials(text)
    assert [r["surface"] for r in recs] == ["Dmitry Peskov", "Peskov"]
    assert all(r["country"] == "RUS" for r in recs)


def test_title_without_a_name_or_used_as_a_noun(no_kb_officials):
    assert officials("The president said the minister was wrong.") == []
    assert [r["role"] for r in officials("The Office of the President Kyrylo Budanov came.")] \
        in ([], ["Head"])
    assert officials("Deputy Head of the Office of the President Ihor Zhovkva spoke.")[0][
        "role"] == "Deputy Head"
    assert officials("Minister of Foreign Affairs said so.") == []


def test_headline_surname_resolves_against_the_body():
    df = pd.DataFrame([{"article_id": "a", "title": "Peskov Warns Europe",
                        "text": "Kremlin spokesman Dmitry Peskov said it.",
                        "published": pd.Timestamp("2024-05-08", tz="UTC")}])
    m = extract_mentions(df)
    head = m[(m["field"] == "title") & (m["entity_type"] == "official")]
    assert list(head["surface"]) == ["Peskov"]
    assert list(head["country"]) == ["RUS"]


# --- quotes -------------------------------------------------------------------------------

def test_in_quote_straight_and_curly():
    text = ('"Russia will lose," said the envoy. Ukraine agreed. '
            '“France is ready,” Macron said. Germany waited.')
    got = {r["surface"]: r["in_quote"] for r in article_mentions(text)
           if r["entity_type"] == "country"}
    assert got == {"Russia": True, "Ukraine": False, "France": True, "Germany": False}


def test_quote_spans_close_at_paragraph_end():
    text = '"Unclosed quote about Russia\n\nUkraine is outside.'
    spans = quote_spans(text)
    assert spans == [(0, text.index("\n"))]


# --- the table ----------------------------------------------------------------------------

def seed_frame() -> pd.DataFrame:
    """The founding example as the loader gives it: title + clean body (no caption, no
    'Related article' line, no footer)."""
    src = (DATASETS / "articles" / "lithuania-troops-2024-05-08.md").read_text(encoding="utf-8")
    body = []
    for line in src.splitlines():
        line = line.strip()
        if (not line or line.startswith(("#", "May 08", "Original url", "<http", "**Related"))
                or "Kmu.gov.ua" in line):
            continue
        body.append(re.sub(r"\[([^\]]*)\]\(#\)", r"\1", line))
    return pd.DataFrame([{"article_id": "seed",
                          "title": "Lithuania Ready to Send Troops to Ukraine, PM Says",
                          "text": "\n\n".join(body),
                          "published": pd.Timestamp("2024-05-08", tz="UTC")}])


def test_founding_example_counts():
    df = seed_frame()
    before = df.copy()
    m = extract_mentions(df)
    pd.testing.assert_frame_equal(df, before)  # input untouched
    c = m[m["entity_type"] == "country"].groupby("entity_id").size().to_dict()
    assert c == {"LTU": 5, "UKR": 10, "RUS": 9, "FRA": 1, "GBR": 1, "ITA": 1}
    off = m[m["entity_type"] == "official"]
    got = {n: (len(g), set(g["country"])) for n, g in off.groupby("name")}
    assert got == {"Ingrida Šimonytė": (3, {"LTU"}), "Emmanuel Macron": (2, {"FRA"}),
                   "Dmitry Peskov": (2, {"RUS"}), "David Cameron": (1, {"GBR"})}
    assert set(off.loc[off["name"] == "David Cameron", "role"]) == {"Foreign Secretary"}
    for row in m.itertuples():
        src = df.iloc[0][row.field]
        assert src[row.start:row.end] == row.surface


def test_table_schema_and_empty_input():
    m = extract_mentions(seed_frame())
    assert list(m.columns[:len(schema.MENTIONS)]) == list(schema.MENTIONS)
    assert set(m["field"]) == {"title", "text"}
    assert m["in_quote"].dtype == bool and m["in_quote"].any()
    empty = extract_mentions(pd.DataFrame({"article_id": [], "text": []}))
    assert empty.empty and list(empty.columns[:len(schema.MENTIONS)]) == list(schema.MENTIONS)


def test_only_text_column_needed_and_bad_rows_degrade():
    df = pd.DataFrame({"article_id": ["a", "b", "c"], "text": ["Russia.", None, 42]})
    m = extract_mentions(df)
    assert list(m["article_id"]) == ["a"]
    assert m.attrs["degraded"] == 2 and m.attrs["skipped"] == 0
    assert list(m["kb_id"]) == ["RUS"]


def test_caller_mistakes_raise():
    with pytest.raises(TypeError, match="articles"):
        extract_mentions(["not", "a", "frame"])  # type: ignore[arg-type]
    with pytest.raises(schema.SchemaError, match="text"):
        extract_mentions(pd.DataFrame({"article_id": ["a"]}))
    with pytest.raises(TypeError, match="text"):
        article_mentions(None)  # type: ignore[arg-type]


def test_title_and_kb_surname_is_enough():
    recs = officials("President Macron said no. Later Macron left.", published="2024-05-08")
    assert [(r["surface"], r["name"], r["country"]) for r in recs] == [
        ("Macron", "Emmanuel Macron", "FRA"), ("Macron", "Emmanuel Macron", "FRA")]
    # The title must fit the office the KB knows: Macron was never a prime minister.
    assert officials("Prime Minister Macron spoke.", published="2024-05-08") == []


def test_honorific_introduces_a_person_not_an_official():
    recs = [r for r in article_mentions("Mr. John Smith, a farmer, said so. Smith left.")
            if r["entity_type"] in ("person", "official")]
    assert [(r["entity_type"], r["surface"], r["name"]) for r in recs] == [
        ("person", "John Smith", "John Smith"), ("person", "Smith", "John Smith")]


def test_user_kb_rows_reach_the_extractor(tmp_path, monkeypatch):
    (tmp_path / "countries.csv").write_text(
        "iso3,iso2,name,aliases,demonyms,metonyms\n"
        "LTU,LT,Lithuania,Lietuva,Lithuanian,Vilnius|Seimas\n", encoding="utf-8")
    (tmp_path / "organizations.csv").write_text(
        "org_id,name,aliases,country,org_type\n"
        "ltu-seimas-office,Seimas Office,,LTU,legislature\n", encoding="utf-8")
    monkeypatch.setenv("TOOLKIT_USER_KB", str(tmp_path))
    kb.clear_cache()
    try:
        recs = article_mentions("The Seimas voted; the Seimas Office agreed.")
        # The organisation's name holds the country's metonym: both are counted.
        assert [(r["entity_type"], r["surface"]) for r in recs] == [
            ("country", "Seimas"), ("country", "Seimas"), ("organization", "Seimas Office")]
    finally:
        monkeypatch.undo()
        kb.clear_cache()
    assert codes("The Seimas voted.") == []


def test_bare_office_is_its_holder_on_the_date():
    def who(text, published="2024-05-08"):
        return [(r["surface"], r["name"], r["country"]) for r in officials(text, published=published)]

    assert who("The Foreign Secretary said no.") == [
        ("Foreign Secretary", "David Cameron", "GBR")]
    assert who("Lithuania's prime minister said so.") == [
        ("prime minister", "Ingrida Šimonytė", "LTU")]
    assert who("The prime minister of Lithuania agreed.") == [
        ("prime minister", "Ingrida Šimonytė", "LTU")]
    assert who("The prime minister said so.") == []  # which country?
    assert who("The Foreign Secretary said no.", published=None) == []  # which date?


def test_title_of_country_then_surname():
    recs = officials("Talks with Prime Minister of Israel Bennett went well.",
                     published="2022-03-08")
    assert [(r["surface"], r["name"]) for r in recs] == [("Bennett", "Naftali Bennett")]


def test_occupation_introduces_a_person():
    recs = [r for r in article_mentions("Biologist Nick Bos studies ants. Bos said so.\n\n"
                                        "Noam Chomsky\n\nChomsky replied.")
            if r["entity_type"] in ("person", "official")]
    assert [(r["entity_type"], r["surface"], r["name"]) for r in recs] == [
        ("person", "Nick Bos", "Nick Bos"), ("person", "Bos", "Nick Bos")]


def test_bare_surname_shared_by_two_people_is_left_alone(no_kb_officials):
    text = ("President Bill Clinton spoke, and then Hillary Clinton answered. Clinton said no. "
            "Kremlin spokesman Dmitry Peskov agreed. Peskov left.")
    recs = officials(text)
    assert [r["surface"] for r in recs] == ["Bill Clinton", "Dmitry Peskov", "Peskov"]


def test_full_name_with_middle_initial_and_honorifics():
    recs = officials("Vladimir V. Putin spoke. Mr. Putin left.", published="2022-03-01")
    assert [(r["surface"], r["name"], r["role"]) for r in recs] == [
        ("Vladimir V. Putin", "Vladimir Putin", "President"),
        ("Putin", "Vladimir Putin", "President")]
    # An honorific alone does not pick a KB person the article has not named.
    assert officials("Ms. Sanders said so.", published="2018-01-01") == []


def test_no_role_outside_every_known_term():
    rec = officials("David Cameron spoke.", published="2019-01-01")[0]
    assert rec["role"] is None and rec["country"] == "GBR"


def test_surnames_that_are_words_or_regnal_numbers_are_not_matched_alone():
    recs = officials("Theresa May met King Charles III in May. I said May was late.",
                     published="2017-01-01")
    assert [r["surface"] for r in recs if r["name"] == "Theresa May"] == ["Theresa May"]
    assert all(r["surface"] not in ("I", "May") for r in recs)


# --- issue 12: mention precision ------------------------------------------------------------

def test_demonym_starting_a_proper_name_is_not_the_country():
    # North Korea's agency and army are no mention of South Korea ("Korean" is its demonym)
    text = ("The Korean Central News Agency said the Korean People's Army fired a missile. "
            "Korean officials and the South Korean President condemned it.")
    assert countries(text) == [("Korean", "KOR"), ("South Korean", "KOR")]
    # a title or a body of the state after the demonym keeps it
    assert codes("Canadian Prime Minister Justin Trudeau met Russian officials.") == ["CAN", "RUS"]


def test_capital_named_as_a_city_is_not_its_government():
    text = ("Protesters gathered in Wellington on Sunday. Ottawa police closed the roads, and the "
            "capital, Ottawa, was quiet. Wellington City Council met. Ottawa's streets were empty.")
    assert codes(text) == []
    assert codes("Ottawa said it would respond, and Wellington protested.") == ["CAN", "NZL"]


def test_title_case_phrases_after_a_title_are_not_people(no_kb_officials):
    text = ("Maria Andersson is director of the International Council for the Control of Iodine "
            "Deficiency Disorders, which fights iodine deficiency. Speaking for the LA Sheriff, "
            "spokesman LA Sheriff said nothing. Director of the Global Network for Iodine Nutrition "
            "Werner Schultink said iodine matters.")
    people = [r["name"] for r in article_mentions(text) if r["entity_type"] in ("official", "person")]
    assert "Deficiency Disorders" not in people and "LA Sheriff" not in people
    assert "Iodine Nutrition" not in people
    assert "Werner Schultink" in people  # a name after the same kind of title is still found


def test_official_ids_are_the_kb_official_id():
    # one id scheme for the KB: official_id, also where a Wikidata QID is known (extra column)
    recs = officials("President Emmanuel Macron spoke.", published="2024-05-08")
    assert [r["entity_id"] for r in recs] == ["emmanuel-macron"]


def test_korean_in_a_text_about_north_korea_alone_is_not_south_korea():
    assert codes("Pyongyang said the Korean leader inspected a new missile.") == ["PRK"]
    assert codes("Korean automakers and Seoul officials met.") == ["KOR", "KOR"]
