"""Helpers for the statement tests: one text in, its statement records out."""
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
