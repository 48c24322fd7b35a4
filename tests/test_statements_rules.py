"""Unit tests of the statement rules added after the first release (sentences written for the tests)."""
from __future__ import annotations

from toolkit.extract.statements import article_statements

PUB = "2024-05-08"


def run(text: str) -> list[dict]:
    return article_statements(text, article_id="t", published=PUB)


def one(text: str, contains: str) -> dict:
    rows = [r for r in run(text) if contains in r["quote"]]
    assert len(rows) == 1, [(r["quote"], r["speaker"]) for r in run(text)]
    return rows[0]


def spoken(text: str, row: dict) -> str:
    return text[row["speaker_start"]:row["speaker_end"]]


# --- content boundaries ---------------------------------------------------------------------

def test_trailing_which_clause_is_not_content():
    text = "Anna Berg said the bridge would reopen in June, which surprised the town council."
    r = one(text, "bridge")
    assert r["quote"] == "the bridge would reopen in June"


def test_trailing_participle_clause_is_not_content():
    text = "Anna Berg said the mill would close next year, forcing hundreds of workers to move away."
    r = one(text, "mill")
    assert r["quote"] == "the mill would close next year"


def test_clause_cut_never_falls_inside_a_quote():
    text = 'Anna Berg said the plan was "late, which is what we feared from the start" last week.'
    r = one(text, "plan")
    assert r["quote"].endswith("last week")
