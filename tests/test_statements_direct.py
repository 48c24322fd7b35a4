"""Direct quotes: boundaries and attributions that the PolNeAR convention asks for (issue 11).
Sentences written for these tests."""
from __future__ import annotations

import pytest

from tests.statement_helpers import run, spoken


def _direct(text: str) -> list[tuple[str, str]]:
    return [(r["quote"], spoken(text, r)) for r in run(text) if r["speaker_start"] is not None]


@pytest.mark.parametrize("text, quote, speaker", [
    ('The mayor was asked whether he would quit.\n\n"Never," he said, as the crowd cheered.', '"Never,"', "he"),
    ('"Quiet!" the judge demanded.', '"Quiet!"', "judge"),
    ('"Perfect," said Anna Berg. "We could not have asked for more."',
     '"Perfect," said Anna Berg. "We could not have asked for more."', "Anna Berg"),
])
def test_a_short_reply_with_its_attribution_is_a_quote(text, quote, speaker):
    assert any(q == quote and speaker in s for q, s in _direct(text)), _direct(text)


@pytest.mark.parametrize("text", [
    'The so-called "deal," he said, was a bad one.',  # a scare quote inside the sentence
    'He called it "Operation Blue" and left.',
])
def test_a_short_quote_inside_a_sentence_is_not_a_quote(text):
    assert not any(q.startswith('"') and q.endswith('"') for q, _ in _direct(text)), _direct(text)


@pytest.mark.parametrize("text, speaker", [
    ('"We will win this fight," said a 2008 campaign veteran, who asked not to be named.', "a 2008 campaign veteran"),
    ('"We will win this fight," the bespectacled, 71-year-old diplomat said in an interview.',
     "the bespectacled, 71-year-old diplomat"),
    ('"We will win this fight," said retired Army Lt. Gen. Mark Stone, who served in Iraq.',
     "Mark Stone"),  # the name; its titles are the role
])
def test_a_descriptor_next_to_the_cue_is_the_speaker(text, speaker):
    assert ('"We will win this fight,"', speaker) in _direct(text), _direct(text)


@pytest.mark.parametrize("text", [
    '"We will win this fight," said Tuesday the group.',
    '"We will win this fight," but the plan said nothing of the kind.',
])
def test_no_descriptor_from_a_date_or_a_new_clause(text):
    assert not any(q == '"We will win this fight,"' for q, _ in _direct(text)), _direct(text)


@pytest.mark.parametrize("text, quote, speaker", [
    ('Anna Berg spoke first. She went on to say, "We have a lot of work to do."', "We have a lot", "She"),
    ('Asked about it, Mrs. Berg shook her head and said, "No way at all."', "No way", "Berg"),
    ('One tweet said: "This is a very sad day for all of us."', "sad day", "One tweet"),
    ('Berg was not done. She went on to say:\n\n"Nobody in this town will vote for a plan like that one."',
     "Nobody in this town", "She"),
    ('The Daily Star confirmed the story, reporting:\n\n"The mayor met the builder twice before the vote."',
     "The mayor met", "Star"),
])
def test_the_subject_of_a_verb_chain_before_the_quote(text, quote, speaker):
    assert any(quote in q and speaker in s for q, s in _direct(text)), _direct(text)


def test_it_is_no_subject_of_a_chain():
    text = 'It was time to say, "Goodbye to all of you now."'
    assert not any(s == "It" for _, s in _direct(text)), _direct(text)


@pytest.mark.parametrize("text, speaker", [
    ('The vote was close.\n\n"Why would anyone do that?" Lichtman said about the effort to hide the plan.',
     "Lichtman"),
    ('He paused.\n\n"Did you know it was him?" Todd asked the real estate mogul.', "Todd"),
])
def test_a_question_then_its_attribution_as_a_sentence_of_its_own(text, speaker):
    assert any(q.startswith('"') and s == speaker for q, s in _direct(text)), _direct(text)


def test_a_question_then_a_new_statement_is_not_its_attribution():
    text = '"Who knows?" She said the plan would fail because nobody had read it.'
    assert not any(q == '"Who knows?"' for q, _ in _direct(text)), _direct(text)


def test_a_quote_the_sentence_goes_on_from_runs_to_the_clause_end():
    rows = [r for r in run('Berg said "the fear is as high as it has ever been" in the capital, and left.')
            if r["speaker"] == "Berg"]
    assert [(r["quote"], r["kind"]) for r in rows] == [
        ('"the fear is as high as it has ever been" in the capital', "mixed")]


@pytest.mark.parametrize("text", [
    'Berg said "the fear is high," and left the room.',  # the quote closes on its own comma
    'Berg said "the fear is high" and declared an emergency.',  # a new verb, not a run-on
])
def test_no_run_on_past_a_closed_quote_or_into_a_new_verb(text):
    assert all(r["quote"].endswith(('"', "high")) for r in run(text)), [r["quote"] for r in run(text)]


@pytest.mark.parametrize("text, speaker", [
    ('The talks ended.\n\n"Officials expect to finish their work in a few weeks," according to the radio station.',
     "radio station"),
    ('The talks ended.\n\n"Officials expect to finish their work in a few weeks," according to Reuters.',
     "Reuters"),
    ('"The city will not pay for the new stadium this year," the document states.', "document"),
    ('"The city will not pay for the new stadium this year," the two lawyers conclude in the filing.', "lawyers"),
])
def test_according_to_and_noun_like_cues_right_after_a_quote(text, speaker):
    assert any(q.startswith('"') and speaker in s for q, s in _direct(text)), _direct(text)


@pytest.mark.parametrize("text", [
    '"We will not give up," the EU states that signed the pact have said.',
    'Most voters say Berg "cares about people like them," according to the poll.',
])
def test_no_noun_cue_before_a_clause_and_no_according_inside_a_sentence(text):
    assert not any(q.startswith('"') and q.endswith('"') for q, _ in _direct(text)), _direct(text)


@pytest.mark.parametrize("text, speaker", [
    ('"We will not give up on the town that we love," he will say.', "he"),
    ('"We will not give up on the town," Berg later wrote in a letter.', "Berg"),
    ('The meeting ended. Obama also said, "We will not give up on the town that we love."', "Obama"),
    ('The next day, her Twitter account posted: "We will not give up on the town that we love."',
     "her Twitter account"),
    ('At the same time, the person added, "We will not give up on the town that we love."', "the person"),
])
def test_modals_and_a_lead_before_the_subject(text, speaker):
    assert any(q.startswith('"We will') and s == speaker for q, s in _direct(text)), _direct(text)



def test_a_hypothetical_before_a_quote_is_no_attribution():
    text = 'What will they do? They will say: "We have no money for any of this."'
    assert not any(q.startswith('"We have') for q, _ in _direct(text)), _direct(text)


@pytest.mark.parametrize("text, quote", [
    ('No new name, he said, "hides what the plan really is."', 'No new name, he said, "hides what the plan really is."'),
    ('If the council votes no, Berg said, "we will go to court and win."',
     'If the council votes no, Berg said, "we will go to court and win."'),
])
def test_the_part_before_an_inserted_attribution_is_content(text, quote):
    assert [(r["quote"], r["kind"]) for r in run(text)] == [(quote, "mixed")]


@pytest.mark.parametrize("text", [
    'In a statement, Berg said, "We will go to court and win."',  # a circumstance, not content
    'When asked about it, Berg said, "We will go to court and win."',
])
def test_a_circumstance_before_the_attribution_is_not_content(text):
    assert [r["quote"] for r in run(text)] == ['"We will go to court and win."']


def test_an_indirect_content_ends_at_a_quote_with_a_participle_cue_after_it():
    text = 'On Tuesday Berg insisted that she had "grown the party," claiming that turnout was up.'
    got = sorted((r["quote"], r["kind"]) for r in run(text))
    assert ('that she had "grown the party,"', "mixed") in got, got
    assert ("that turnout was up", "indirect") in got, got


@pytest.mark.parametrize("text, speaker", [
    ('"We have to really increase the bombings," the presumptive Republican nominee told "Fox and Friends."',
     "Republican nominee"),
    ('"There will not be a path for him to succeed," said one of those advisers, who spoke on condition of anonymity.',
     "one of those advisers"),
    ('"There will not be a path for him to succeed," tweeted another.', "another"),
    ('"We have to go now," this Trump look-alike declared in Mexico City.', "this Trump look-alike"),
])
def test_more_descriptors_of_a_quote_s_speaker(text, speaker):
    assert any(q.startswith('"') and speaker in s for q, s in _direct(text)), _direct(text)


@pytest.mark.parametrize("text, quote, speaker", [
    ('Asked whether he would fire the writer, Priebus said, "Probably."', '"Probably."', "Priebus"),
    ('Said Comey, "The thought that an error on our part led to this is painful."', "The thought", "Comey"),
    ('And then Trump went fully on the attack, saying, "Is the president going to resign now?"', "Is the", "Trump"),
])
def test_short_replies_inverted_comma_and_a_conjunction_before_the_subject(text, quote, speaker):
    assert any(quote in q and s == speaker for q, s in _direct(text)), _direct(text)


def test_a_chant_is_no_attribution():
    assert not _direct('The crowd chanted, "Dump Trump."')


def test_a_quote_after_an_attribution_ending_in_an_abbreviation_joins_it():
    text = ('"With a job like this, you can pay the rent," says Gavin Hall, 23, a student from Fresno, Calif. '
            '"I think it will offer more jobs."')
    assert [r["quote"] for r in run(text)] == [text]


@pytest.mark.parametrize("text", [
    'There is a sign there. It says: "A City for Life."',
    'That is, as they said in Moscow, "a divided nation."',
])
def test_a_short_quote_after_it_or_as_they_said_is_no_statement(text):
    assert not _direct(text), _direct(text)
