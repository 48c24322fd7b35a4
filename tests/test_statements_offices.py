"""Titles without a name resolve to that office's holder: the person the article names with it,
else the KB holder on the article's date; never another leader in the room (issues 11, 12)."""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit import extract_statements


def _run(text: str, country: str = "UKR", published: str = "2022-05-10") -> pd.DataFrame:
    return extract_statements(pd.DataFrame({
        "article_id": ["a"], "text": [text], "published": pd.to_datetime([published], utc=True),
        "outlet_country": [country]}))


def _row(out: pd.DataFrame, contains: str) -> pd.Series:
    rows = out[out["quote"].str.contains(contains)]
    assert len(rows) == 1, out[["quote", "speaker"]].to_string()
    return rows.iloc[0]


@pytest.mark.parametrize("text, contains, speaker", [
    (('President Volodymyr Zelenskyy welcomed Ursula von der Leyen to Kyiv. "The door is open," said the '
     "President of the European Commission turning to her host."), "door is open", "Ursula von der Leyen"),
    (("President Volodymyr Zelenskyy spoke with Charles Michel and Ursula von der Leyen. Michel said that he "
     "supports the plan. For her part, the President of the European Commission said that the towns can help."),
     "towns can help", "Ursula von der Leyen"),
    (("President Volodymyr Zelenskyy received Charles Michel in Odesa. The President of the European Council "
     "who toured the harbour stressed that the grain must reach Africa."), "grain must reach", "Charles Michel"),
    (("President Volodymyr Zelenskyy received Charles Michel. For his part, the President of the European "
     "Council assured that the Union will keep its word."), "keep its word", "Charles Michel"),
    ('Volodymyr Zelenskyy met Olaf Scholz in Kyiv. "Every effort is worth it," said the Chancellor.',
     "Every effort", "Olaf Scholz"),
])
def test_an_office_word_is_its_holder_not_the_other_leader(text, contains, speaker):
    r = _row(_run(text), contains)
    assert r["speaker"] == speaker and r["speaker_type"] == "official"


def test_an_international_office_with_no_one_named_is_the_kb_holder_on_the_date():
    r = _row(_run("The President of the European Council said that the summit will be held in June."), "summit")
    assert r["speaker"] == "Charles Michel"


def test_an_office_named_in_another_word_order_is_the_same_office():
    text = '"The borders are calm," said the Secretary of the National Security and Defense Council.'
    r = _row(_run(text), "borders")
    assert r["speaker_id"] == "oleksiy-danilov"
    assert text[int(r["speaker_start"]):int(r["speaker_end"])] == \
        "Secretary of the National Security and Defense Council"


def test_a_title_with_its_holders_name_is_that_person():
    text = ("President of Ukraine Volodymyr Zelenskyy met Head of the Office of the President Andriy Yermak. "
            "Deputy Head of the Office of the President Marko Hrytsenko said that the road is repaired. "
            "The President stressed that the schools must reopen.")
    out = _run(text)
    assert _row(out, "road")["speaker"] == "Marko Hrytsenko"
    assert _row(out, "schools")["speaker"] == "Volodymyr Zelenskyy"  # not the Head of his Office


def test_a_deputy_head_resolves_only_when_the_article_names_one():
    named = _run("Ihor Zhovkva met the envoys. The Deputy Head of the Office of the President stressed that "
                 "the talks went well.")
    assert _row(named, "talks")["speaker"] == "Ihor Zhovkva"
    alone = _row(_run("The Deputy Head of the Office of the President stressed that the talks went well."),
                 "talks")
    assert alone["speaker"] == "" and not alone["speaker_id"]
    assert alone["speaker_role"] == "Deputy Head of the Office of the President"


@pytest.mark.parametrize("text", [
    ("The First Lady of Ukraine Olena Zelenska spoke to students. The President’s wife said that the war is "
    "not over."),
    "First Lady Olena Zelenska spoke to students. The First Lady said that the war is not over.",
])
def test_the_presidents_wife_is_the_first_lady_named_in_the_article(text):
    assert _row(_run(text), "war is not over")["speaker"] == "Olena Zelenska"


def test_a_title_with_no_holder_is_no_one():
    for text in ("The Governor said that the bridge will open in May.",
                 "The First Lady said that the bridge will open in May."):
        r = _row(_run(text), "bridge")
        assert r["speaker"] == "" and r["speaker_type"] == "unknown" and r["speaker_role"]


def test_a_governor_named_with_a_place_noun_or_in_the_headline():
    text = "Governor of Lviv region Taras Hnatyuk opened the plant. The Governor said that 300 jobs were created."
    assert _row(_run(text), "jobs")["speaker"] == "Taras Hnatyuk"
    out = extract_statements(pd.DataFrame({
        "article_id": ["a"], "title": ["Meeting with Tula Region Governor Pavel Orlov"],
        "text": ["The Governor reported that the harvest was good. Pavel Orlov also invited the President."],
        "published": pd.to_datetime(["2022-05-10"], utc=True), "outlet_country": ["RUS"]}))
    assert _row(out, "harvest")["speaker"] == "Pavel Orlov"


def test_readout_office_words_and_groups():
    text = ("Volodymyr Zelenskyy had a phone conversation with Olaf Scholz. The leaders acknowledged that the "
            "sanctions work. Both leaders confirmed that they will meet soon. The President stressed that "
            "Ukraine needs air defence. The Chancellor said that Germany will help. The parties noted that the "
            "call was useful.")
    out = _run(text)
    assert _row(out, "air defence")["speaker"] == "Volodymyr Zelenskyy"
    assert _row(out, "Germany will help")["speaker"] == "Olaf Scholz"
    for contains in ("sanctions work", "meet soon", "call was useful"):
        r = _row(out, contains)
        assert r["speaker"] == "" and r["speaker_type"] == "unknown"


def test_readout_of_the_other_side_keeps_the_outlets_president():
    text = ("Vladimir Putin had a telephone conversation with President of France Emmanuel Macron. The French "
            "President noted that the talks must go on. The President stressed that Russia is open to talks.")
    out = _run(text, "RUS")
    assert _row(out, "must go on")["speaker"] == "Emmanuel Macron"
    assert _row(out, "open to talks")["speaker"] == "Vladimir Putin"


def test_a_countrys_head_of_state_or_leader_is_that_countrys():
    text = ("Vladimir Putin spoke with Andrzej Duda. The Ukrainian head of state said that the grain must move. "
            "The head of the Ukrainian state noted that the ports are blocked. The Polish leader stressed that "
            "the border is open. The Russian leader said that the talks go on.")
    out = _run(text)
    assert _row(out, "grain")["speaker"] == "Volodymyr Zelenskyy"
    assert _row(out, "ports")["speaker"] == "Volodymyr Zelenskyy"
    assert _row(out, "border")["speaker"] == "Andrzej Duda"
    assert _row(out, "talks go on")["speaker"] == "Vladimir Putin"


def test_a_leader_no_one_in_the_article_is_stays_unresolved():
    r = _row(_run("The Polish leader stressed that the border is open."), "border")
    assert r["speaker"] == "" and not r["speaker_id"]


def test_an_office_that_completes_anothers_title_is_the_other_person():
    named = _run("Mykhailo Podolyak met the press. The Adviser to the Head of the President’s Office noted that "
                 "the talks are hard.")
    assert _row(named, "talks are hard")["speaker"] == "Mykhailo Podolyak"
    alone = _row(_run("Zelenskyy met the press. The adviser to the President emphasized that the ports are "
                      "blocked."), "ports")
    assert alone["speaker"] != "Volodymyr Zelenskyy"


def test_the_minister_is_not_the_prime_minister_and_the_president_not_the_deputy_head():
    text = ("Prime Minister Denys Shmyhal opened the meeting. Minister of Infrastructure Oleksandr Kubrakov "
            "reported on the ports. According to the Minister, two terminals will open. Deputy Head of the "
            "Office of the President Kyrylo Tymoshenko spoke on housing. The President said that the homes "
            "must be warm.")
    out = _run(text)
    assert _row(out, "terminals")["speaker"] == "Oleksandr Kubrakov"
    assert _row(out, "homes")["speaker"] == "Volodymyr Zelenskyy"


def test_an_ordinary_word_after_a_title_word_is_no_person():
    text = ("The order was signed in March. According to the Executive Order, the benefits will be paid "
            "from May.")
    r = _row(_run(text, "RUS"), "benefits")
    assert r["speaker_type"] not in ("person", "official") and not r["speaker_id"]


@pytest.mark.parametrize("title", [
    "Deputy Prime Minister - Minister for Reconstruction of the Northern Provinces of Ostria",
    "Secretary of the Security and Defence Council of Ostria",
    "Minister for Coastal Affairs of the Republic of Ostria",
])
def test_a_long_title_with_of_and_for_complements_before_a_name(title):
    from statement_helpers import run, spoken
    text = f"{title} Anna Berg said that the new bridges would open in May."
    rows = run(text)
    assert [r["speaker"] for r in rows] == ["Anna Berg"]
    assert spoken(text, rows[0]) == "Anna Berg" and rows[0]["speaker_type"] in ("person", "official")
    assert rows[0]["speaker_role"].endswith("Ostria")


def test_an_office_whose_complement_has_an_and_is_the_office_not_its_last_word():
    from statement_helpers import run
    text = "The Minister of Fisheries and Forests reported that the spring season has begun."
    rows = run(text)
    assert [r["speaker"] for r in rows] == [""] and rows[0]["speaker_role"] == "Minister of Fisheries and Forests"
    text = "Minister of Fisheries and Forests Anna Berg reported that the spring season has begun."
    assert [r["speaker"] for r in run(text)] == ["Anna Berg"]


def test_documents_of_state_speak_as_documents():
    from statement_helpers import run
    text = "According to the Executive Order, as of May 1 the harbour of Lindau is closed to tankers."
    assert [r["speaker_type"] for r in run(text)] == ["document"]
