"""Document structure (toolkit/extract/statements/structure.py): transcript turns and first-person texts;
and speakers that name no one (an unresolved pronoun: no name, type unknown, span kept)."""
from __future__ import annotations

import pandas as pd
import pytest
from statement_helpers import PUB, run, spoken

from toolkit.extract.statements import article_statements, extract_statements

TRANSCRIPT = ("Meeting with the mayor of Lindau. Anna Berg: Good afternoon. We will finish the bridge by May, "
              "and the school after it. Tom Lind: Is the money there? Anna Berg: Most of it, yes. I said that "
              "we would ask the region for the rest.")


def by_start(rows: list[dict], text: str, words: str) -> dict:
    at = text.index(words)
    hit = [r for r in rows if r["quote_start"] == at]
    assert len(hit) == 1, [(r["quote"], r["speaker"]) for r in rows]
    return hit[0]


def test_turns_are_direct_statements_of_the_labelled_speaker():
    rows = run(TRANSCRIPT)
    first = by_start(rows, TRANSCRIPT, "Good afternoon")
    assert first["speaker"] == "Anna Berg" and first["kind"] == "direct" and first["cue"] == ":"
    assert spoken(TRANSCRIPT, first) == "Anna Berg"
    assert first["quote"].endswith("the school after it")  # runs to the next turn, not past it
    assert by_start(rows, TRANSCRIPT, "Is the money")["speaker"] == "Tom Lind"
    last = by_start(rows, TRANSCRIPT, "Most of it")
    assert last["speaker"] == "Anna Berg" and last["quote"].endswith("for the rest")
    # the turn already holds the speaker's own "I said that ...": no second row for it
    assert not [r for r in rows if r["quote"].startswith("we would ask")]


def test_turn_label_with_office_title_after_a_heading():
    text = ("Beginning of talks with the Government President of Russia Vladimir Putin: Colleagues, good "
            "afternoon. Today we will discuss the budget for next year.")
    r = by_start(run(text), text, "Colleagues")
    assert r["speaker"] == "Vladimir Putin" and r["speaker_type"] == "official"
    assert spoken(text, r) == "Vladimir Putin"


def test_question_turn_is_the_journalists_with_no_name():
    text = ("Anna Berg: The bridge opens in May. Question: Will the tolls go up after that? "
            "Anna Berg: No, they will stay as they are this year.")
    rows = run(text)
    q = by_start(rows, text, "Will the tolls")
    assert q["speaker"] == "" and q["speaker_type"] == "media" and spoken(text, q) == "Question"
    assert by_start(rows, text, "No, they will")["speaker"] == "Anna Berg"


def test_long_turn_is_cut_at_sentence_ends():
    body = " ".join(f"Point number {i} of the plan is about the harbour and its new cranes." for i in range(40))
    text = f"Anna Berg: {body} Tom Lind: Thank you very much for this plan."
    rows = [r for r in run(text) if r["speaker"] == "Anna Berg"]
    assert len(rows) > 2 and all(len(r["quote"]) <= 800 for r in rows)
    assert rows[0]["quote_start"] == text.index("Point number 0")
    assert all(r["quote"].endswith("cranes") for r in rows)  # whole sentences
    assert rows[-1]["quote_end"] < text.index("Tom Lind")


def test_a_news_headline_with_a_colon_is_not_a_turn():
    text = ("Anna Berg: Bridge To Open In May Despite Delays\n\nThe bridge will open in May, Berg said on "
            "Monday.\n\nWork started two years ago.")
    rows = run(text)
    assert [r["quote"] for r in rows] == ["The bridge will open in May"]


def test_a_list_label_in_running_text_is_not_a_turn():
    text = "The plan has three parts. Large Construction: roads, bridges and schools will be built this year."
    assert run(text) == []


def test_first_person_text_from_the_title_keeps_inner_quotes_speakers():
    text = ("Dear friends! Today we opened the new bridge in Lindau. Mayor Anna Berg said: \"We waited "
            "twenty years for this day.\" I thank every builder.")
    arts = pd.DataFrame({"article_id": ["a"], "text": [text], "published": pd.to_datetime([PUB], utc=True),
                         "title": ["Bridges unite us - address by President Volodymyr Zelenskyy"]})
    st = extract_statements(arts)
    own = st[st["speaker"] == "Volodymyr Zelenskyy"]
    assert len(own) >= 1 and own.iloc[0]["quote_start"] == 0
    assert own["speaker_start"].isna().all()  # named in the title only
    assert own["speaker_type"].eq("official").all()
    inner = st[st["speaker"] == "Anna Berg"]
    assert len(inner) == 1 and inner.iloc[0]["quote"].startswith("\"We waited")


def test_joint_statement_title_is_not_one_persons_text():
    rows = article_statements("We agree on the following points. Trade will grow.", article_id="a",
                              title="Joint statement by the President of Ukraine and the President of Poland")
    assert rows == []


def test_message_on_a_head_of_states_site_is_the_heads():
    text = "The message reads, in part: \"I congratulate you on the anniversary of your theatre.\""
    rows = article_statements(text, article_id="a", published="2022-06-01", country="RUS", outlet="Kremlin",
                              title="Greetings to the theatre")
    assert len(rows) == 1 and rows[0]["speaker"] == "Vladimir Putin"
    assert spoken(text, rows[0]) == "The message"
    # elsewhere a message with no sender named has no speaker we can name
    assert article_statements(text, article_id="a", published="2022-06-01", country="GBR",
                              outlet="The Guardian") == []


def test_unresolved_pronoun_names_no_one_and_keeps_its_span():
    text = "After the talks it was stressed that the border would stay open."
    rows = run(text)
    assert len(rows) == 1
    r = rows[0]
    assert r["speaker"] == "" and r["speaker_type"] == "unknown" and spoken(text, r) == "it"
    text = "You say the bridge is too expensive."
    assert run(text) == []  # the reader: not a source


def test_group_words_name_no_one():
    for text, word in [("Some said the bridge was too expensive.", "Some"),
                       ("People say the bridge is too expensive.", "People")]:
        rows = run(text)
        assert len(rows) == 1 and rows[0]["speaker"] == "" and rows[0]["speaker_type"] == "unknown"
        assert spoken(text, rows[0]) == word


def test_ordinary_words_name_no_one():
    # a sentence-initial adverb or imperative is not a speaker's name; a surname is
    for text in ["Please tell us what kind of help the region needs. They please no one.",
                 "First, they have managed to build a new port, he said at the forum.",
                 "Go out on the squares and demand that the shelling stop. Many go there daily."]:
        for row in run(text):
            assert row["speaker"] != text.split()[0].strip(","), row
    [row] = run("Kowalczyk said the bridge was too expensive.")
    assert row["speaker"] == "Kowalczyk"


def test_turn_label_with_a_pages_tooltip_glued_to_its_role():
    # a scraped label: the name, the same words surname first, then the role with no space
    text = ("Talks with the Chancellor of Austria. Vladimir Putin: Good afternoon, Mr Lenz. Welcome to Moscow. "
            "Karl Lenz Lenz KarlFederal Chancellor of Austria: Thank you, Mr President. We came to talk about gas. "
            "Vladimir Putin: Please go ahead. Anna Maria Kovalenko Kovalenko Anna MariaMinister of Energy: "
            "The pipeline is ready, colleagues. The talks went on after that, and later the Federal Chancellor "
            "said that the price was fair.")
    rows = run(text)
    r = by_start(rows, text, "Thank you, Mr President")
    assert r["speaker"] == "Karl Lenz" and r["speaker_role"] == "Federal Chancellor of Austria"
    assert spoken(text, r) == "Karl Lenz"
    r = by_start(rows, text, "The pipeline")
    assert r["speaker"] == "Anna Maria Kovalenko" and spoken(text, r) == "Anna Maria Kovalenko"
    # a later role noun resolves to the person, not to the label's glued words
    assert not [x for x in rows if "Lenz Lenz" in x["speaker"] or "Kovalenko Kovalenko" in x["speaker"]]


def test_tooltip_label_after_a_title_and_comma():
    text = ("Vladimir Putin: Go ahead, please. President of the Republic of Ostria, Jan Vold Vold JanPresident of Ostria: "
            "Mr Putin, dear friends! I will be brief today.")
    r = by_start(run(text), text, "Mr Putin, dear")
    assert r["speaker"] == "Jan Vold" and spoken(text, r) == "Jan Vold"


def test_he_in_a_turn_or_an_address_is_not_its_speaker():
    # a speaker says "I" of himself: his text's "he" is someone named before it, else no one
    turn = ("Jan Vold: Good evening. In 1950, Peter Holm became the head of the party. He said that the state "
            "should be built on new principles. In 1960, Holm left. Later, he said that he had been wrong. "
            "Tom Lind: Thank you, Mr Vold.")
    rows = run(turn)
    assert by_start(rows, turn, "that the state")["speaker"] == "Peter Holm"
    address = ("Friends, this is a hard day. Our founder was a poet, and long ago he said that the sea would "
               "save us. I believe it still will.")
    rows = article_statements(address, article_id="t", published=PUB, title="Address by President Jan Vold to the nation")
    inner = by_start(rows, address, "that the sea")
    assert inner["speaker"] == "" and inner["speaker_type"] == "unknown"
    assert by_start(rows, address, "Friends")["speaker"] == "Jan Vold"


def test_a_long_tooltip_label_before_a_spaced_colon_is_the_person():
    text = ("Vladimir Putin: Mr Vold, please. Deputy Chairman of the Maritime Council of Ostria Jan Vold Vold "
            "JanDeputy Chairman of the Maritime Council of the Republic of Ostria : Mr President, colleagues, the "
            "fleet is ready. Vladimir Putin: Thank you.")
    r = by_start(run(text), text, "Mr President, colleagues")
    assert r["speaker"] == "Jan Vold" and spoken(text, r) == "Jan Vold"


def test_a_label_whose_title_has_for_to_or_a_dash():
    text = ("Vladimir Putin: Go ahead, please. Commissioner for Harbour Rights Anna Vold Vold AnnaCommissioner for "
            "Harbour Rights: Thank you, the harbours are open. Vladimir Putin: Good. Envoy to the Northern District "
            "Jan Holm Holm JanDeputy Chairman– Envoy to the Northern District: The roads are ready, Mr President.")
    rows = run(text)
    assert by_start(rows, text, "Thank you, the harbours")["speaker"] == "Anna Vold"
    assert by_start(rows, text, "The roads are ready")["speaker"] == "Jan Holm"


def test_a_label_with_the_name_before_a_comma_and_a_long_title():
    text = ("Vladimir Putin: Ms Vold, go ahead please. Anna Vold, Head of the Federal Service for the Oversight of "
            "Harbours and Welfare (Harbournadzor): Thank you. The harbours are open. Vladimir Putin: Good.")
    r = by_start(run(text), text, "Thank you. The harbours")
    assert r["speaker"] == "Anna Vold" and spoken(text, r) == "Anna Vold"
    assert r["speaker_role"].startswith("Head of the Federal Service")


def test_a_name_then_of_and_where_they_work_is_the_person():
    [row] = run("Maria Kowalczyk of Westfield University said the bridge was too expensive.")
    assert row["speaker"] == "Maria Kowalczyk" and spoken("Maria Kowalczyk of Westfield University said the bridge was too expensive.", row) == "Maria Kowalczyk"


def test_a_noun_in_ly_after_a_determiner_is_not_an_adverb():
    # "-ly" words are skipped as adverbs before a cue ("repeatedly said"), not a noun after "the"
    text = "The head of the rally said the bridge was too expensive."
    [row] = run(text)
    assert spoken(text, row) == "head of the rally" and row["quote"] == "the bridge was too expensive"
    text = "The mayor repeatedly said the bridge was too expensive."
    [row] = run(text)
    assert spoken(text, row) == "mayor"


def test_according_to_set_inside_its_clause_takes_the_whole_sentence():
    text = "The upshot, according to the harbour board, is that the ferry will stop in May."
    [row] = run(text)
    assert row["quote"] == text.rstrip(".") and spoken(text, row) == "harbour board"


def test_according_to_a_possessive_document():
    text = "According to Berg's court filing, the pier was never inspected."
    [row] = run(text)
    assert spoken(text, row) == "Berg's court filing" and row["quote"] == "the pier was never inspected"


def test_asked_with_a_place_before_the_question():
    text = "Asked in Westfield recently whether she would run again, Berg gave a vague answer."
    [row] = run(text)
    assert row["quote"] == "whether she would run again" and row["speaker"] == "" and row["cue"] == "Asked"


def test_the_name_given_ends_a_call_content():
    text = 'In a tweet, Berg called the mayor the "worst planner," linking to a story about the pier.'
    [row] = run(text)
    assert row["quote"] == 'the mayor the "worst planner,"'


@pytest.mark.parametrize("text, span", [
    ("The 62-year-old engineer says the pier was never inspected.", "62-year-old engineer"),
    ("Sen. Jane Berg (D-Vt.), said on Tuesday that the pier was never inspected.", "Jane Berg"),
    ("Local harbour workers here said the pier was never inspected.", "Local harbour workers"),
])
def test_ages_party_tags_and_here_before_the_cue(text, span):
    [row] = run(text)
    assert spoken(text, row) == span and row["quote"].endswith("the pier was never inspected")
