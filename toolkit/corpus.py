"""PLACEHOLDER until the corpus store lands."""
from __future__ import annotations


class Corpus:
    pass
