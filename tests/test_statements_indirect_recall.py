"""Indirect-speech constructions of issue 11 (item 5, recall), on sentences written here:
subjects no word list knows, fronted questions ("Asked whether ..."), statements issued as
documents ("issued a statement saying ...")."""
from __future__ import annotations

import pytest
from statement_helpers import run, spoken


@pytest.mark.parametrize("text, span, content", [
    ("But harbour engineers say the pier will not last the winter.", "harbour engineers",
     "the pier will not last the winter"),
    ("The veteran shipbuilder says the yard lost its best welders.", "The veteran shipbuilder",
     "the yard lost its best welders"),
    ("One county delegate has said she will vote against the plan.", "One county delegate",
     "she will vote against the plan"),
    ("The chess federations also argue that the ranking is void.", "The chess federations",
     "that the ranking is void"),
    ("On Monday, local fishermen complained that the quota was too low.", "local fishermen",
     "that the quota was too low"),
    ("The ferry was late again, the harbour staff admitted.", "the harbour staff", "The ferry was late again"),
])
def test_subjects_no_word_list_knows(text, span, content):
    rows = run(text)
    assert len(rows) == 1, rows
    assert spoken(text, rows[0]) == span and rows[0]["quote"] == content


@pytest.mark.parametrize("text", [
    "The mental strain is hard on the family.",
    "His first tweet, an hour later, was about the weather.",
    "The figures will show a rise in exports.",
    "This year we will observe the anniversary of the treaty.",
    "The ferry crews continued the strike into the night.",
    "The main promise of the plan is cheaper bread.",
    "The question suggests itself: who pays for the bridge?",
])
def test_not_subjects_of_a_cue(text):
    assert run(text) == []


@pytest.mark.parametrize("text, content, asker", [
    ("Asked whether he would run again, the mayor said he had not decided.", "whether he would run again", None),
    ("Asked by reporters about the harbour budget, the mayor said it was balanced.", "the harbour budget",
     "reporters"),
    ('"We will see," the mayor said when asked if the bridge would reopen.', "if the bridge would reopen", None),
    ("When asked on Monday why the bus was late, the driver shrugged.", "why the bus was late", None),
    ("The mayor, when asked what the plan would cost, replied that nobody knew.", "what the plan would cost", None),
    ("The mayor was asked whether the port would close.", "whether the port would close", None),
])
def test_questions_put_to_a_speaker(text, content, asker):
    rows = [r for r in run(text) if r["quote"] == content]
    assert len(rows) == 1, run(text)
    if asker is None:
        assert rows[0]["speaker"] == "" and rows[0]["speaker_type"] == "unknown"
    else:
        assert spoken(text, rows[0]) == asker


def test_the_one_told_is_not_the_speaker():
    text = "The mayor was told that the port would close."
    rows = run(text)
    assert len(rows) == 1 and rows[0]["speaker"] == "" and rows[0]["quote"] == "that the port would close"


@pytest.mark.parametrize("text", [
    "She was asked about the bridge during the debate.",
    "He was asked to leave the hall.",
    "Asked about it, the mayor smiled.",
    "The mayor asked whether the port would close.",
])
def test_not_questions_of_this_family(text):
    # the family's own rows have no speaker and the speaker span on the cue
    rows = [r for r in run(text) if r["cue"] in ("asked", "Asked") and r["speaker_type"] == "unknown"
            and r["speaker_start"] == r["cue_start"]]
    assert rows == []


@pytest.mark.parametrize("text, span, cue, content", [
    ("The harbour board issued a statement saying the pier would close in May.", "harbour board",
     "issued a statement saying", "the pier would close in May"),
    ("The mayor's office put out a statement Tuesday urging residents to stay indoors.", "mayor's office",
     "put out a statement Tuesday urging", "residents to stay indoors"),
    ("The union released a video calling for a strike at the port.", "union", "released a video calling",
     "a strike at the port"),
    ("Berg sent a letter that accuses the board of hiding the losses.", "Berg", "sent a letter that accuses",
     "the board of hiding the losses"),
])
def test_statements_issued_as_documents(text, span, cue, content):
    rows = [r for r in run(text) if r["cue"] == cue]
    assert len(rows) == 1, run(text)
    assert spoken(text, rows[0]) == span and rows[0]["quote"] == content


@pytest.mark.parametrize("text", [
    "The club posted a video showing the fire at the stadium.",
    "The museum issued a report of its losses last year.",
    "The ministry issued a new statement, which testifies to the delay.",
])
def test_documents_that_say_nothing(text):
    assert [r for r in run(text) if r["cue"] and r["cue"].startswith(("posted", "issued"))] == []


@pytest.mark.parametrize("text, span", [
    ('"The tide was too high," said former harbour pilot Anna Berg.', "Anna Berg"),
    ('"She never liked the plan," said a 2010 campaign veteran.', "a 2010 campaign veteran"),
    ('"It was chaos," said one of three drivers who saw the crash.', "one of three drivers"),
    ('"The pier is unsafe," said the 46-year-old.', "the 46-year-old"),
])
def test_inverted_speakers_the_finder_misses(text, span):
    rows = run(text)
    assert len(rows) == 1, rows
    assert spoken(text, rows[0]) == span and rows[0]["kind"] == "direct"


def test_an_inverted_object_is_not_a_speaker():
    text = "At the request of the mayor, the minister updated him on the repairs, explained its goals and tasks."
    assert [r for r in run(text) if r["cue"] == "explained"] == []


@pytest.mark.parametrize("text, content", [
    ('Berg mocked the plan, saying at one point, "The answer is not to yell."', '"The answer is not to yell."'),
    ("On Sunday, Berg opened a new line of attack, stating on the radio that the mayor had lied.",
     "that the mayor had lied"),
    ("Berg went after the mayor, saying at a rally in the port that he had broken his word.",
     "that he had broken his word"),
])
def test_a_participle_with_a_time_or_place_before_its_content(text, content):
    rows = run(text)
    assert [r["quote"] for r in rows] == [content] and spoken(text, rows[0]) == "Berg"


@pytest.mark.parametrize("text", [
    "Tom Lind, South Harbour director for the union, said the pier would close.",
    "Tom Lind, the union's senior port adviser, said the pier would close.",
])
def test_a_name_with_an_appositive_the_finder_misses(text):
    rows = run(text)
    assert len(rows) == 1 and spoken(text, rows[0]) == "Tom Lind" and rows[0]["quote"] == "the pier would close"


def test_a_quote_before_according_to():
    text = 'The harbour talks went on. "The visit was the high point of the year," according to Mr. Lind.'
    rows = run(text)
    assert len(rows) == 1 and spoken(text, rows[0]) == "Lind"
    assert rows[0]["quote"] == '"The visit was the high point of the year,"'


@pytest.mark.parametrize("text", [
    "The bridge was built according to the plans of the city engineer.",
    "The talks went according to plan, and the delegates left on Friday.",
])
def test_according_to_as_a_manner(text):
    assert run(text) == []


@pytest.mark.parametrize("text, cue, content", [
    ("Berg complained about the noise from the harbour.", "complained about", "the noise from the harbour"),
    ("Berg joked about moving to the island if she lost.", "joked about", "moving to the island if she lost"),
    ("Berg speaks at length about her plan for the port.", "speaks at length about", "her plan for the port"),
])
def test_topics_of_complaints_and_jokes(text, cue, content):
    rows = [r for r in run(text) if r["cue"] == cue]
    assert len(rows) == 1, run(text)
    assert rows[0]["quote"] == content


def test_an_interrupted_short_clause():
    text = "The harbour talks went on. The answer, the pilot said, was simple."
    rows = run(text)
    assert len(rows) == 1 and rows[0]["quote"] == "The answer, the pilot said, was simple"
