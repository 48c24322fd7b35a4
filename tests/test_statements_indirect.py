"""Indirect speech in relative, participial and subordinate clauses (sentences written for the tests)."""
from __future__ import annotations

from statement_helpers import one, run, spoken


def test_restrictive_who_clause_on_an_indefinite_noun():
    text = ("The mayor refused to pay a plumber who said he was never paid for the work on the town hall, "
            'saying, "He did a poor job."')
    r = one(text, "never paid")
    assert r["quote"] == "he was never paid for the work on the town hall"
    assert spoken(text, r) == "who" and r["speaker"] == "plumber"
    g = one(text, "poor job")
    assert spoken(text, g) == "mayor"  # the gerund belongs to the main clause's subject


def test_subordinate_when_clause_ends_at_its_dash():
    text = ("When Berg noted that the council had not met in a year ― as the minutes show ― "
            'the mayor replied, "We were busy with the flood."')
    r = one(text, "council had not met")
    assert r["quote"] == "that the council had not met in a year"
    assert spoken(text, r) == "Berg"


def test_subordinate_after_clause_ends_at_its_comma():
    text = "After the mayor said the budget was balanced, the council voted to approve it."
    r = one(text, "budget")
    assert r["quote"] == "the budget was balanced"
    assert spoken(text, r) == "mayor"


def test_participle_after_main_clause_with_generic_subject():
    text = ("In a long letter to the editor on Monday, two retired engineers urged the council to rebuild "
            "the bridge, arguing that the old one would not survive another winter.")
    r = one(text, "survive")
    assert r["quote"] == "that the old one would not survive another winter"
    assert spoken(text, r) == "two retired engineers"


def test_generic_plural_subject_with_auxiliary():
    text = "Several former park rangers have complained they were never consulted about the new trail."
    r = one(text, "consulted")
    assert r["quote"] == "they were never consulted about the new trail"
    assert spoken(text, r) == "Several former park rangers"


def test_participle_without_a_person_subject_is_not_a_statement():
    text = "The new rules cut emissions sharply, saying nothing about coal or the mines."
    assert run(text) == []
