"""Indirect speech in relative, participial and subordinate clauses (sentences written for the tests)."""
from __future__ import annotations

import pytest
from statement_helpers import one, run, spoken


def test_restrictive_who_clause_on_an_indefinite_noun():
    text = ("The mayor refused to pay a plumber who said he was never paid for the work on the town hall, "
            'saying, "He did a poor job."')
    r = one(text, "never paid")
    assert r["quote"] == "he was never paid for the work on the town hall"
    assert spoken(text, r) == "who" and r["speaker"] == "plumber"
    g = one(text, "poor job")
    assert spoken(text, g) == "mayor"  # the gerund belongs to the main clause's subject


def test_participle_without_a_person_subject_is_not_a_statement():
    text = "The new rules cut emissions sharply, saying nothing about coal or the mines."
    assert run(text) == []


def test_object_relative_what_clause_is_the_content():
    text = "The gap between what Berg says her budget would do and how analysts say it would work has grown."
    r = one(text, "her budget")
    assert r["quote"] == "what Berg says her budget would do"
    assert spoken(text, r) == "Berg"
    a = one(text, "analysts")
    assert a["quote"] == "how analysts say it would work"
    assert spoken(text, a) == "analysts"


def test_what_clause_without_content_is_not_a_statement():
    assert run("That was what Anna Berg said when she resigned from the council in 2014.") == []
    assert run("He repeated what Anna Berg said.") == []


def test_what_she_called_is_not_a_statement_of_its_own():
    text = 'The council rejected what Anna Berg called a "reckless" plan for the harbour.'
    assert not [r for r in run(text) if r["quote"].startswith("what")]


def test_which_after_an_organisation_names_the_speaker():
    text = ("The tax bill levied by the European Commission, which contended that the island undertaxed "
            "the company, is a good example.")
    r = one(text, "undertaxed")
    assert r["quote"].startswith("that the island undertaxed the company")
    assert spoken(text, r) == "which"


def test_which_after_a_common_thing_is_not_a_speaker():
    # Press-release sentences: a lowercase noun no word list knows as a speaker ("quarter",
    # "banner") is a thing; "which adds/confirms" there is not speech.
    for text in ("Investments grew by more than a quarter, which adds stability to the market.",
                 "There is a stamp on this banner, which confirms that it has been in space."):
        assert run(text) == [], text
    r = one("They adopted a joint Statement, which says that talks must resume soon.", "talks")
    assert r["speaker"] == "Statement"  # a document keeps its statements


def test_floating_quantifier_between_subject_and_cue():
    text = "Anna Berg and Tom Lind all suggested that the claims could be grounds for a new inquiry."
    r = one(text, "claims")
    assert r["quote"] == "that the claims could be grounds for a new inquiry"
    assert spoken(text, r) == "Tom Lind"  # the last of the coordinated names, as for "X and Y said"


def test_but_he_said_after_a_quote_is_a_new_statement():
    text = ('The chief said that the footage did not give "absolute visual evidence that a person is pointing '
            'a gun," but he said that the other evidence "supports what we\'ve heard" about the case.')
    first = one(text, "footage")
    assert first["quote"] == 'that the footage did not give "absolute visual evidence that a person is pointing a gun,"'
    assert spoken(text, first) == "chief"
    second = one(text, "other evidence")
    assert second["quote"] == 'that the other evidence "supports what we\'ve heard" about the case'
    assert spoken(text, second) == "he"


def test_indirect_content_ends_where_a_later_direct_quote_is_attributed():
    text = ("She said fathers who adopt would not be eligible for the paid leave, and when pressed on why, "
            'the mother of three replied, "It\'s meant to help the mothers first."')
    r = one(text, "fathers")
    assert r["quote"] == "fathers who adopt would not be eligible for the paid leave, and when pressed on why"
    q = one(text, "mothers first")
    assert spoken(text, q) == "mother of three"


def test_though_she_noted_starts_a_second_statement():
    text = ('Anna Berg said she speaks about the harbour because "it is the issue in front of us," though '
            "she noted she has also pushed for new schools.")
    first = one(text, "harbour")
    assert first["quote"] == 'she speaks about the harbour because "it is the issue in front of us,"'
    second = one(text, "schools")
    assert second["quote"] == "she has also pushed for new schools"
    assert spoken(text, second) == "she"


def test_spoke_of_a_topic():
    text = "Anna Berg spoke emotionally of her years at the harbour office and the friends she made there."
    r = one(text, "harbour")
    assert r["quote"] == "her years at the harbour office and the friends she made there"
    assert spoken(text, r) == "Anna Berg" and r["cue"] == "spoke emotionally of"


def test_speak_without_a_topic_is_not_a_statement():
    assert run("Anna Berg spoke on condition of anonymity because she was not allowed to discuss the talks.") == []
    assert run("Anna Berg spoke against the bronze backdrop of the new museum on the hill.") == []
    r = one("Anna Berg spoke out against the closure of the rural schools.", "closure")
    assert r["quote"] == "the closure of the rural schools"


def test_accused_object_of_charge():
    text = "Anna Berg accused the harbour board of hiding the real costs of the new pier."
    r = one(text, "hiding")
    assert r["quote"] == "the harbour board of hiding the real costs of the new pier"
    assert spoken(text, r) == "Anna Berg" and r["cue"] == "accused"


def test_passive_accused_is_not_the_subjects_statement():
    assert run("Mr. Lind was accused of using public money for his own house in the hills.") == []
    assert run("The accused man stood quietly in the court on Monday morning.") == []


def test_called_a_possessive_object_a_judgement():
    text = "At the forum, Anna Berg called her vote in favour of the harbour plan a mistake."
    r = one(text, "mistake")
    assert r["quote"] == "her vote in favour of the harbour plan a mistake"
    assert spoken(text, r) == "Anna Berg"
    assert run("The governor called the police to the scene after a crowd gathered.") == []


def test_called_friday_for():
    text = "Anna Berg called Friday for releasing the police videos of the arrest."
    r = one(text, "releasing")
    assert r["quote"] == "releasing the police videos of the arrest"
    assert r["cue"] == "called Friday for"


def test_pointed_to_an_object():
    text = "The central bank pointed to the vote to leave the union as an example of rising distrust."
    r = one(text, "vote to leave")
    assert r["quote"] == "the vote to leave the union as an example of rising distrust"
    assert r["cue"] == "pointed to"


def test_new_cues_do_not_break_appositives():
    text = "One official, who spoke on condition of anonymity, said the talks had failed."
    r = one(text, "talks")
    assert r["quote"] == "the talks had failed" and spoken(text, r) == "official"
    text = "Tom Lind, speaking to a veterans group in the city, said he would order a review of the defences."
    r = one(text, "review")
    assert spoken(text, r) == "Tom Lind"


def test_relative_clause_with_a_new_cue_ends_at_its_comma():
    text = "Anna Berg, who accused the board of lying, said the talks had failed."
    a = one(text, "lying")
    assert a["quote"] == "the board of lying" and spoken(text, a) == "who"
    b = one(text, "talks")
    assert b["quote"] == "the talks had failed" and spoken(text, b) == "Anna Berg"


def test_content_ends_before_a_later_cue_inside_it():
    text = ("Anna Berg has said about 20 people want the seat, but she refuses to discuss names, aside from "
            "saying she wants a diverse council.")
    a = one(text, "people")
    # cut at the last comma before the inner cue (the "but" clause stays: no rule for it yet)
    assert a["quote"] == "about 20 people want the seat, but she refuses to discuss names"
    b = one(text, "diverse")
    assert b["quote"] == "she wants a diverse council"


def test_next_quote_over_several_sentences_and_a_short_tail_joins_the_quote():
    text = ("''It's more tinkering at the edges,'' said Tom Lind, an economist at the institute. ''I wouldn't "
            "call it reform. It's basically just a tax increase'' for the top bracket.\n\nThe plan was published "
            "on Monday.")
    r = one(text, "tinkering")
    assert r["quote"].endswith("for the top bracket")
    assert spoken(text, r) == "Tom Lind"


def test_next_quote_before_a_no_break_space_joins_the_quote():
    text = ('"This is not a moment, it is a movement," Anna Berg said. "Hopefully, by the end of the film you '
            'will understand how it came to be."\u00a0\nThe film opens on Friday in the city.')
    r = one(text, "movement")
    assert r["quote"].endswith('how it came to be."')


def test_cue_between_two_quotes_starts_a_new_statement():
    text = ('"I think she has to talk about the real issues," Anna Berg said, suggesting a few questions, '
            'including, "Do you really think the harbour needs a new pier?"')
    first = one(text, "real issues")
    assert first["quote"] == '"I think she has to talk about the real issues,"'
    second = one(text, "harbour")
    assert second["quote"] == 'a few questions, including, "Do you really think the harbour needs a new pier?"'
    assert second["cue"] == "suggesting" and spoken(text, second) == "Anna Berg"


def test_quote_led_postposed_attribution_takes_the_next_quote_sentences():
    text = ("''I have admiration for the mechanics'' of the plan, Mr. Lind said. ''They're more detailed "
            "than the others. But I have serious concerns about the quality.''\n\nThe council meets on Monday.")
    r = one(text, "admiration")
    assert r["quote"].endswith("concerns about the quality.''")
    assert spoken(text, r) == "Lind"


def test_called_for_ends_before_a_clause_with_its_own_named_subject():
    text = ("Anna Berg called for cutting the harbour fee to 2 percent, but Mrs. Lind would leave it at 5 percent "
            "and close the loopholes.")
    r = one(text, "harbour fee")
    assert r["quote"] == "cutting the harbour fee to 2 percent"
    assert r["cue"] == "called for"


def test_going_on_to_say_keeps_the_speaker():
    text = '"We do not want to go back to that time," Anna Berg said, going on to say that the town has moved on.'
    r = one(text, "moved on")
    assert r["quote"] == "that the town has moved on"
    assert r["speaker"] == "Anna Berg"


def test_speaks_more_frequently_in_public_about():
    text = "Anna Berg speaks more frequently in public about the harbour than her predecessor did."
    r = one(text, "harbour")
    assert r["quote"] == "the harbour than her predecessor did"
    assert r["cue"] == "speaks more frequently in public about"


def test_contracted_is_before_a_progressive_cue():
    text = "He’s claiming that the vote count is wrong in every county of the state."
    r = one(text, "vote count")
    assert r["quote"] == "that the vote count is wrong in every county of the state"
    assert spoken(text, r) == "He"
    assert run("That’s said to be the plan for the harbour.") == []


def test_what_clause_that_goes_on_with_a_preposition_is_not_a_statement():
    assert run("It is less about what it says about the town than what it says about the mayor.") == []
    assert run("The rate, which Senator Anna Berg proposed under a flat tax, would be lower.") == []


def test_object_sense_verbs_and_noun_sense_cues():
    assert run("Anna Berg still maintains an overwhelming lead in endorsements from the council.") == []
    assert run("Tom Lind posted a photo of himself eating a taco bowl at the fair.") == []
    assert run("The strong jobs report has cleared the way for a rate rise in the spring.") == []
    assert run("The militia claimed responsibility for the attacks on the northern towns.") == []
    r = one("Anna Berg maintains that the council was never told about the harbour.", "harbour")
    assert r["quote"] == "that the council was never told about the harbour"


def test_spoke_of_before_a_verb_is_not_a_topic():
    assert run("Tom Lind spoke of was changing the harbour rules for the town.") == []


# text, words from the statement, its quote, the speaker as the text names it (None: not checked);
# the id names the construction.
CASES = [
    pytest.param('When Berg noted that the council had not met in a year ― as the minutes show ― the mayor replied, "We were busy with the flood."',
                 'council had not met', 'that the council had not met in a year', 'Berg', id='subordinate_when_clause_ends_at_its_dash'),
    pytest.param('After the mayor said the budget was balanced, the council voted to approve it.',
                 'budget', 'the budget was balanced', 'mayor', id='subordinate_after_clause_ends_at_its_comma'),
    pytest.param('In a long letter to the editor on Monday, two retired engineers urged the council to rebuild the bridge, arguing that the old one would not survive another winter.',
                 'survive', 'that the old one would not survive another winter', 'two retired engineers', id='participle_after_main_clause_with_generic_subject'),
    pytest.param('Several former park rangers have complained they were never consulted about the new trail.',
                 'consulted', 'they were never consulted about the new trail', 'Several former park rangers', id='generic_plural_subject_with_auxiliary'),
    pytest.param('It was a lawsuit in which the Democrats successfully argued that the map was drawn unfairly.',
                 'map', 'that the map was drawn unfairly', 'Democrats', id='which_after_a_preposition_keeps_the_that_clause'),
    pytest.param('Anna Berg told NBC\'s "Meet the Press" that nobody would question the budget.',
                 'nobody', 'that nobody would question the budget', 'Anna Berg', id='listener_with_a_quoted_show_name'),
    pytest.param('Anna Berg pledged to push for a new law that would cap rents in the city.',
                 'push', 'to push for a new law that would cap rents in the city', None, id='pledged_infinitive_wins_over_a_later_that'),
    pytest.param('Anna Berg complained bitterly that the new rules are too complicated.',
                 'rules', 'that the new rules are too complicated', 'Anna Berg', id='manner_adverb_before_that'),
    pytest.param('The latest test, the ministry said, was its biggest yet, although experts doubt the figures.',
                 'latest test', 'The latest test, the ministry said, was its biggest yet', 'ministry', id='parenthetical_attribution_content_is_cut_at_although'),
    pytest.param('Though that transition was smooth, Berg said, replacing the mayor now would be much harder for the party.',
                 'transition', 'Though that transition was smooth, Berg said, replacing the mayor now would be much harder for the party', 'Berg', id='parenthetical_attribution_before_a_gerund_subject'),
    pytest.param('The plant will close in May, the company said, citing falling demand for coal.',
                 'plant', 'The plant will close in May', None, id='postposed_attribution_before_a_participle_stays_short'),
    pytest.param('Mr. Berg generally supported the council during his time in office, which ended in 2015, and said he did not support the new harbour plan.',
                 'harbour', 'he did not support the new harbour plan', 'Berg', id='and_said_after_a_long_predicate_takes_the_named_subject'),
    pytest.param('The mayor gave no figure, though she said "budget reforms" and unpaid taxes would pay for the plan.',
                 'budget reforms', '"budget reforms" and unpaid taxes would pay for the plan', 'she', id='content_may_open_with_a_short_quoted_fragment'),
    pytest.param('On Thursday, however, Anna Berg spoke to a meeting of farmers, promising to lift the new rules on water use.',
                 'lift', 'to lift the new rules on water use', 'Anna Berg', id='participle_after_a_fronted_however'),
    pytest.param('The video shows him with his hands up, but\xa0Berg said\xa0he refused to follow her commands.',
                 'refused', 'he refused to follow her commands', 'Berg', id='no_break_space_after_the_cue'),
    pytest.param('The veto angered the families of the victims, many of whom say the official reasons are unfounded.',
                 'reasons', 'the official reasons are unfounded', 'many of whom', id='many_of_whom_say'),
    pytest.param('Anna Berg has said about 20 people have asked for the seat.',
                 'people', 'about 20 people have asked for the seat', None, id='said_about_a_number_is_content_not_a_topic'),
    pytest.param('"This is in their heads. This is in their hearts," said Tom Lind, speaking of the budget fight.',
                 'budget fight', 'the budget fight', 'Tom Lind', id='speaking_of_after_a_direct_quote'),
    pytest.param('Tom Lind used the old advert against the mayor, accusing her of sleeping through the flood warnings.',
                 'sleeping', 'her of sleeping through the flood warnings', 'Tom Lind', id='accusing_after_a_main_clause'),
    pytest.param('Small groups of protesters continued to call for an inquiry into the shooting, looping the streets around the stadium - where the home team played on Sunday - for hours.',
                 'inquiry', 'an inquiry into the shooting', 'Small groups of protesters', id='continued_to_call_for_and_a_participle_aside'),
    pytest.param('Anna Berg complained about her microphone after the debate, even suggesting it had been tampered with.',
                 'tampered', 'it had been tampered with', 'Anna Berg', id='even_suggesting_after_a_main_clause'),
    pytest.param('Speaker Anna Berg, despite admitting that she had her doubts, voted for the harbour bill.',
                 'doubts', 'that she had her doubts', 'Anna Berg', id='despite_admitting_inside_the_sentence_ends_at_its_comma'),
    pytest.param('The talks included the Saudi government, which has strongly denied any role in the attacks on the city.',
                 'any role', 'any role in the attacks on the city', 'which', id='which_with_an_adverb_before_the_cue'),
    pytest.param('His ex-wife agreed, but also contended that she should not have to give up her privacy.',
                 'privacy', 'that she should not have to give up her privacy', 'His ex-wife', id='possessive_subject_of_but_also_contended'),
    pytest.param("In the mayor's favour, all the experts I interviewed said her plans were more detailed than the others.",
                 'more detailed', 'her plans were more detailed than the others', 'experts', id='restrictive_clause_without_a_relative_pronoun'),
    pytest.param('The vote, which she has repeatedly said was a mistake, was a major factor in her defeat.',
                 'mistake', 'which she has repeatedly said was a mistake', 'she', id='which_aside_with_a_cue_ends_at_its_comma'),
]


@pytest.mark.parametrize(("text", "contains", "quote", "speaker"), CASES)
def test_indirect_statement(text: str, contains: str, quote: str, speaker: str | None) -> None:
    r = one(text, contains)
    assert r["quote"] == quote
    if speaker is not None:
        assert spoken(text, r) == speaker
