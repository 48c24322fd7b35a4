"""Person mention spans: a name met again in full spans the full name; a title's last words
before a first name are not part of the name (issue 12, press-release reading)."""
from __future__ import annotations

from toolkit.extract.mentions import article_mentions


def _people(text: str) -> list[tuple[str, str]]:
    return [(r["surface"], r["name"]) for r in article_mentions(text, published="2022-05-01")
            if r["entity_type"] in ("person", "official")]


def test_a_titled_name_written_again_in_full_spans_the_full_name():
    text = ("Deputy Minister of Transport Taras Boiko met the mayors. Later, Taras Boiko said the roads "
            "were open. Boiko left for Lviv.")
    assert _people(text) == [("Taras Boiko", "Taras Boiko"), ("Taras Boiko", "Taras Boiko"),
                             ("Boiko", "Taras Boiko")]


def test_a_name_in_full_after_another_title_is_still_one_mention():
    text = "First Lady Olena Zelenska met the nurses. In addition, Olena Zelenska thanked the doctors."
    assert _people(text) == [("Olena Zelenska", "Olena Zelenska")] * 2


def test_the_end_of_a_long_title_is_not_part_of_the_name():
    text = ("Present were Minister for Civil Defence, Emergencies and Natural Disaster Relief Pavel Orlov, "
            "Special Presidential Envoy for Water Resources Maria Ivanova and others.")
    surfaces = [s for s, _ in _people(text)]
    assert "Pavel Orlov" in surfaces
    assert not any("Relief" in s for s in surfaces)


def test_two_first_names_stay_together():
    text = "Mary Ann Hollis, a spokeswoman for the ministry, said no."
    assert _people(text)[0][0] == "Mary Ann Hollis"


def test_a_title_rules_shorter_name_inside_a_kb_name_is_not_a_second_mention():
    text = "Zelenskyy met President of the Republic of Turkey Recep Tayyip Erdoğan, who came to Lviv."
    people = [p for p in _people(text) if p[1] == "Recep Tayyip Erdoğan"]
    assert people == [("Recep Tayyip Erdoğan", "Recep Tayyip Erdoğan")]


def test_a_sentence_end_stops_a_title_complement():
    text = "He hoped to meet the President of Ukraine. Addressing Hanna, the host said: \"Welcome.\""
    assert not any("Addressing" in s for s, _ in _people(text))


def test_a_deputy_or_former_office_is_not_its_holder():
    for text in ("Assistant Deputy Minister of Foreign Affairs of Canada spoke to the press.",
                 "The former Foreign Minister of Canada spoke to the press."):
        assert _people(text) == []
    assert _people("The Minister of Foreign Affairs of Canada spoke to the press.")  # the holder


def test_a_three_word_name_after_a_title_complement_keeps_its_first_name():
    text = "Zelenskyy met Secretary General of the Council of Europe Marija Pejčinović Burić in Lviv."
    assert ("Marija Pejčinović Burić", "Marija Pejčinović Burić") in _people(text)


def test_a_kb_name_written_with_a_second_surname_keeps_it():
    from toolkit.extract.mentions import article_mentions
    text = "In Madrid, Foreign Minister José Manuel Albares Bueno met the press on Monday."
    recs = [r for r in article_mentions(text, published="2022-03-01") if r["entity_type"] == "official"]
    assert [(r["surface"], r["entity_id"]) for r in recs] == [("José Manuel Albares Bueno", "jose-manuel-albares")]
    # the next capitalised word of another name or a weekday is no second surname
    text = "Foreign Minister José Manuel Albares Monday met his Ukrainian colleague."
    recs = [r for r in article_mentions(text, published="2022-03-01") if r["entity_type"] == "official"]
    assert recs[0]["surface"] == "José Manuel Albares"
