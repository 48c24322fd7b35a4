"""Statement dates: each expression, each pitfall, the governing-expression rule, the seed article."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.extract.dates import date_expressions, resolve_published, statement_date

PUB = "2024-05-08"  # a Wednesday


def day(s: str) -> pd.Timestamp:
    return pd.Timestamp(s, tz="UTC")


def whole(text: str, published=PUB, **kw):
    """statement_date over the whole text as the statement span."""
    return statement_date(text, 0, len(text), published=published, **kw)


def with_cue(text: str, cue: str, published=PUB):
    i = text.index(cue)
    return statement_date(text, 0, len(text), published=published, cue_start=i, cue_end=i + len(cue))


@pytest.mark.parametrize(("sentence", "expected", "date_text", "basis"), [
    ("Peskov said on Monday.", "2024-05-06", "on Monday", "relative"),
    ("Peskov said Monday.", "2024-05-06", "Monday", "relative"),
    ("Peskov said Wednesday.", "2024-05-08", "Wednesday", "relative"),  # published on a Wednesday
    ("Peskov said Thursday.", "2024-05-02", "Thursday", "relative"),
    ("Peskov said on Sunday.", "2024-05-05", "on Sunday", "relative"),
    ("Peskov said last Friday.", "2024-05-03", "last Friday", "relative"),
    ("Peskov said last Wednesday.", "2024-05-01", "last Wednesday", "relative"),
    ("Peskov will speak next Monday.", "2024-05-13", "next Monday", "relative"),
    ("Peskov said last week.", "2024-04-29", "last week", "relative"),
    ("Peskov said this week.", "2024-05-06", "this week", "relative"),
    ("Peskov said earlier this week.", "2024-05-06", "earlier this week", "relative"),
    ("Peskov said on May 2.", "2024-05-02", "on May 2", "explicit"),
    ("Peskov said May 2.", "2024-05-02", "May 2", "explicit"),
    ("Peskov said on 2 May.", "2024-05-02", "on 2 May", "explicit"),
    ("Peskov said on May 2, 2023.", "2023-05-02", "on May 2, 2023", "explicit"),
    ("Peskov said on 2 May 2023.", "2023-05-02", "on 2 May 2023", "explicit"),
    ("Peskov said on Thursday, May 2.", "2024-05-02", "on Thursday, May 2", "explicit"),
    ("Peskov said on Sept. 3.", "2023-09-03", "on Sept. 3", "explicit"),
    ("Peskov said earlier this month.", "2024-05-01", "earlier this month", "relative"),
    ("Peskov said last month.", "2024-04-01", "last month", "relative"),
    ("Peskov said yesterday.", "2024-05-07", "yesterday", "relative"),
    ("Peskov said today.", "2024-05-08", "today", "relative"),
    ("Peskov said in February.", "2024-02-01", "in February", "relative"),
    ("Peskov said in June.", "2023-06-01", "in June", "relative"),  # latest June on or before
    ("Peskov said in May.", "2024-05-01", "in May", "relative"),
    ("Peskov said in mid-April.", "2024-04-15", "in mid-April", "relative"),
    ("Peskov said last year.", "2023-01-01", "last year", "relative"),
    ("Peskov said earlier this year.", "2024-01-01", "earlier this year", "relative"),
    ("Peskov said this morning.", "2024-05-08", "this morning", "relative"),
    ("Peskov said tonight.", "2024-05-08", "tonight", "relative"),
    ("Peskov said hours ago.", "2024-05-08", "hours ago", "relative"),
    ("Peskov said two days ago.", "2024-05-06", "two days ago", "relative"),
    ("Peskov said 3 weeks ago.", "2024-04-17", "3 weeks ago", "relative"),
    ("Peskov said a month ago.", "2024-04-08", "a month ago", "relative"),
    ("Peskov said over the weekend.", "2024-05-04", "over the weekend", "relative"),
    ("Peskov said in March 2022.", "2022-03-01", "in March 2022", "explicit"),
    ("Peskov said on 2024-05-02.", "2024-05-02", "2024-05-02", "explicit"),
    ("Peskov said on 02.05.2024.", "2024-05-02", "02.05.2024", "explicit"),
    ("Peskov said on 13/05/2024.", "2024-05-13", "13/05/2024", "explicit"),
    ("Peskov said on 05/13/2024.", "2024-05-13", "05/13/2024", "explicit"),
])
def test_each_expression(sentence, expected, date_text, basis):
    got, text, got_basis = whole(sentence)
    assert got == day(expected)
    assert text == date_text
    assert got_basis == basis


def test_result_is_utc_midnight_timestamp():
    got, _, _ = whole("Peskov said on Monday.")
    assert isinstance(got, pd.Timestamp)
    assert str(got.tz) == "UTC"
    assert (got.hour, got.minute) == (0, 0)


def test_no_expression_falls_back_to_published():
    assert whole("Peskov said the talks failed.") == (day(PUB), None, "published")


def test_ambiguous_slash_date_is_ignored():
    assert whole("Peskov said on 05/06/2024.")[2] == "published"


def test_yearless_date_just_after_publication_stays_in_the_year():
    # announced events: up to 7 days after publication keep the publication year
    assert whole("The summit opens on May 12.")[0] == day("2024-05-12")
    assert whole("Peskov said on December 28.", published="2024-01-03")[0] == day("2023-12-28")


@pytest.mark.parametrize("published", [None, pd.NaT, float("nan"), "not a date"])
def test_without_published_relative_gives_none_but_full_dates_resolve(published):
    assert whole("Peskov said on Monday.", published=published) == (None, "on Monday", "relative")
    assert whole("Peskov said on May 2, 2023.", published=published)[0] == day("2023-05-02")
    assert whole("Peskov said in March 2022.", published=published)[0] == day("2022-03-01")
    assert whole("Peskov said on May 2.", published=published) == (None, "on May 2", "explicit")
    assert whole("Peskov said it.", published=published) == (None, None, "published")


@pytest.mark.parametrize("published", [
    "2024-05-08", dt.date(2024, 5, 8), dt.datetime(2024, 5, 8, 23, 0),
    pd.Timestamp("2024-05-08T10:00:00Z"), pd.Timestamp("2024-05-08").to_datetime64(),
])
def test_published_types(published):
    assert resolve_published(published) == dt.date(2024, 5, 8)
    assert whole("Peskov said yesterday.", published=published)[0] == day("2024-05-07")


# --- pitfalls ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Russia may send more troops, Peskov said.",
    "Russia May send more troops, Peskov said.",  # capitalised but no day, year or preposition
    "Protesters march through Moscow, Peskov said.",
    "March on, the leaders urged, Peskov said.",
    "The Sunday Times reported it, Peskov said.",
    "He spoke on Good Friday, Peskov said.",
    "Talks are held on Mondays, Peskov said.",
    "We will see, Peskov said.",  # dateparser reads "we" as Wednesday
    "May 20,000 troops come, Peskov said.",
    "Peskov told USA Today about it.",
    "Peskov told ITV's This Morning about it.",
])
def test_pitfalls_are_not_dates(sentence):
    assert whole(sentence) == (day(PUB), None, "published")


def test_may_as_month_with_day_or_preposition():
    assert whole("Peskov said in May.")[1] == "in May"
    assert whole("Peskov said since May.")[1] == "since May"
    assert whole("Peskov said late May.")[0] == day("2024-05-08")  # late May, never after publication
    assert whole("Peskov said May 3.")[0] == day("2024-05-03")


def test_sunday_times_is_a_newspaper_but_sunday_alone_a_date():
    text = "Peskov told the Sunday Times on Sunday."
    assert whole(text)[:2] == (day("2024-05-05"), "on Sunday")


def test_weekday_possessive_is_a_date():
    assert whole("Peskov said at Monday's briefing.")[0] == day("2024-05-06")


# --- which expression governs ------------------------------------------------------------------

def test_date_inside_direct_quote_is_ignored():
    text = '"We met on Friday," Peskov said.'
    assert whole(text) == (day(PUB), None, "published")
    text = '"We met on Friday," Peskov said on Monday.'
    assert whole(text)[:2] == (day("2024-05-06"), "on Monday")


def test_indirect_verb_attached_date_wins_over_content_date():
    text = "Peskov said last week that the talks would resume on Friday."
    assert with_cue(text, "said")[:2] == (day("2024-04-29"), "last week")
    assert whole(text)[:2] == (day("2024-04-29"), "last week")


def test_date_after_that_is_content_with_cue():
    text = "Peskov said that the talks would resume on Friday."
    assert with_cue(text, "said") == (day(PUB), None, "published")


def test_fronted_content_date_is_not_the_statement_date():
    text = "Russia will strike next week, Peskov said."
    assert with_cue(text, "said") == (day(PUB), None, "published")
    text = "On Monday, Peskov said the talks failed."
    assert with_cue(text, "said")[:2] == (day("2024-05-06"), "On Monday")


def test_explicit_content_offsets_exclude_content_dates():
    text = "Peskov said the talks would resume on Friday."
    q = text.index("the talks")
    got = statement_date(text, 0, len(text), published=PUB, quote_start=q, quote_end=len(text) - 1)
    assert got == (day(PUB), None, "published")


def test_cue_nearest_expression_wins():
    text = ("Russia on Monday summoned the ambassador over Macron's comments to The Economist "
            "last week that troops could be sent.")
    assert with_cue(text, "summoned")[1] == "on Monday"
    assert with_cue(text, "comments")[1] == "last week"


def test_sentence_outside_the_span_is_searched_but_not_other_sentences():
    text = "Peskov spoke on Tuesday. Simonyte said it in an interview published Wednesday. Then Friday."
    i = text.index("Simonyte")
    j = i + len("Simonyte said it")
    assert statement_date(text, i, j, published=PUB)[1] == "Wednesday"


# --- the founding example ----------------------------------------------------------------------

SEED = (
    "Lithuania is prepared to send its soldiers on a training mission to Ukraine despite Russia's "
    "nuclear threats, Lithuanian Prime Minister Ingrida Simonyte said in an interview with the "
    "Financial Times published Wednesday.\n\n"
    "Russia on Monday summoned France's ambassador to denounce the country's \"provocative\" "
    "policies following President Emmanuel Macron's comments to The Economist last week that "
    "Western troops could be sent to Ukraine if Russia broke through Ukrainian front lines.\n\n"
    "\"They are talking about the readiness and even the intention of sending armed contingents "
    "to Ukraine,\" Kremlin spokesman Dmitry Peskov said.\n\n"
    "Despite Simonyte's remarks to FT, the Italian daily Corriere Della Sera, citing a NATO draft "
    "document, reported on Sunday that the Western military alliance is planning to adopt a "
    "\"no boots on the ground\" in Ukraine resolution this summer."
)


def seed_date(span: str, cue: str | None = None):
    i = SEED.index(span)
    kw = {}
    if cue:
        c = SEED.index(cue, i)
        kw = {"cue_start": c, "cue_end": c + len(cue)}
    return statement_date(SEED, i, i + len(span), published=pd.Timestamp(PUB, tz="UTC"), **kw)


@pytest.mark.parametrize("use_cue", [True, False])
def test_seed_dates(use_cue):
    simonyte = seed_date("Lithuania is prepared to send its soldiers on a training mission to Ukraine despite "
                         "Russia's nuclear threats, Lithuanian Prime Minister Ingrida Simonyte said",
                         "said" if use_cue else None)
    assert simonyte[0] == day("2024-05-08") and simonyte[1] == "Wednesday"
    macron = seed_date("President Emmanuel Macron's comments to The Economist last week that Western troops "
                       "could be sent to Ukraine", "comments" if use_cue else None)
    assert day("2024-04-29") <= macron[0] <= day("2024-05-05")
    corriere = seed_date("the Italian daily Corriere Della Sera, citing a NATO draft document, reported on "
                         "Sunday that the Western military alliance", "reported" if use_cue else None)
    assert corriere[0] == day("2024-05-05")
    peskov = seed_date("\"They are talking about the readiness and even the intention of sending armed "
                       "contingents to Ukraine,\" Kremlin spokesman Dmitry Peskov said", "said" if use_cue else None)
    assert peskov == (day("2024-05-08"), None, "published")
    russia = seed_date("Russia on Monday summoned France's ambassador", "summoned" if use_cue else None)
    assert russia[0] == day("2024-05-06")


# --- robustness --------------------------------------------------------------------------------

def test_bad_arguments_raise_naming_the_parameter():
    with pytest.raises(TypeError, match="text"):
        statement_date(None, 0, 0, published=PUB)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="end"):
        statement_date("abc", 0, 10, published=PUB)
    with pytest.raises(TypeError, match="start"):
        statement_date("abc", "0", 1, published=PUB)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="published"):
        statement_date("abc", 0, 1, published=[2024])


def test_huge_span_without_punctuation_still_finds_the_cue_date():
    filler = "word " * 40000
    text = filler + "Peskov said on Monday " + filler
    c = text.index("said")
    got = statement_date(text, 0, len(text), published=PUB, cue_start=c, cue_end=c + 4)
    assert got[:2] == (day("2024-05-06"), "on Monday")


def test_unbalanced_quote_marks_do_not_crash():
    text = '"He said on Monday that "they" will, "Peskov said on Tuesday.'
    got = whole(text)
    assert got[2] in {"relative", "published"}


def test_date_expressions_lists_all():
    found = date_expressions("On Monday and on May 2, 2023, or last week.", published=PUB)
    assert [f["text"] for f in found] == ["On Monday", "on May 2, 2023", "last week"]


def test_capitalised_relative_word_at_sentence_start_is_a_date():
    assert whole("Today, Peskov said it.")[:2] == (day(PUB), "Today")
    assert whole('He left. "Yesterday we met," Peskov said on Monday.')[1] == "on Monday"
    assert date_expressions("Yesterday Peskov said it.", published=PUB)[0]["text"] == "Yesterday"


def test_title_abbreviation_does_not_end_the_sentence():
    text = "Sunday on Fox News, Rep. Darrell Issa said the judgment is in question."
    i = text.index("Darrell")
    c = text.index("said")
    got = statement_date(text, i, len(text), published="2016-01-31", cue_start=c, cue_end=c + 4)
    assert got[:2] == (day("2016-01-31"), "Sunday")


def test_date_in_a_later_subordinate_clause_is_not_the_statement_date():
    text = "He also pledged to shut down private centers, after he introduced a bill last month that would end it."
    c = text.index("pledged")
    q = text.index("to shut")
    qe = text.index(", after")
    got = statement_date(text, 0, qe, published=PUB, cue_start=c, cue_end=c + 7, quote_start=q, quote_end=qe)
    assert got == (day(PUB), None, "published")
    text = "He said the economy is weak, speaking on Monday."
    c = text.index("said")
    got = statement_date(text, 0, 28, published=PUB, cue_start=c, cue_end=c + 4, quote_start=8, quote_end=28)
    assert got[1] == "on Monday"
