"""Knowledge base: shipped CSVs, lookups, the user overlay, and the consistency of the tables."""
from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pycountry
import pytest

from toolkit import kb


@pytest.fixture
def user_kb(tmp_path, monkeypatch):
    """A user KB folder, with caches cleared before and after."""
    monkeypatch.setenv("TOOLKIT_USER_KB", str(tmp_path))
    kb.clear_cache()
    yield tmp_path
    kb.clear_cache()


def test_tables_have_pinned_columns():
    assert list(kb.countries().columns[:6]) == ["iso3", "iso2", "name", "aliases", "demonyms",
                                                "metonyms"]
    assert list(kb.organizations().columns[:5]) == ["org_id", "name", "aliases", "country",
                                                    "org_type"]
    assert list(kb.officials().columns[:10]) == kb.COLUMNS["officials"]
    assert list(kb.outlets().columns[:5]) == kb.COLUMNS["outlets"]


def test_every_iso_country_is_there_with_demonyms_and_capitals():
    c = kb.countries()
    codes = set(c["iso3"])
    assert {x.alpha_3 for x in pycountry.countries} <= codes
    assert c["iso3"].is_unique
    # Sovereign states (UN members and the like) all have a demonym and a capital/seat.
    for iso in ("LTU", "GBR", "NLD", "USA", "RUS", "UKR", "FRA", "ITA", "DEU", "CHN", "JPN",
                "BRA", "NGA", "IND", "AUS", "KAZ", "GEO", "MDA"):
        row = c[c["iso3"] == iso].iloc[0]
        assert row["demonyms"], iso
        assert row["metonyms"], iso


@pytest.mark.parametrize("surface,iso", [
    ("Lithuanian", "LTU"), ("Kremlin", "RUS"), ("the Kremlin", "RUS"), ("Kyiv", "UKR"),
    ("Kiev", "UKR"), ("U.K.", "GBR"), ("UK", "GBR"), ("Britain", "GBR"), ("Great Britain", "GBR"),
    ("British", "GBR"), ("Downing Street", "GBR"), ("Whitehall", "GBR"),
    ("the United States", "USA"), ("U.S.", "USA"), ("USA", "USA"), ("America", "USA"),
    ("American", "USA"), ("the White House", "USA"), ("Washington", "USA"),
    ("the Netherlands", "NLD"), ("Holland", "NLD"), ("Dutch", "NLD"), ("Russia", "RUS"),
    ("Moscow", "RUS"), ("South Korea", "KOR"), ("North Korea", "PRK"), ("Iran", "IRN"),
    ("Syria", "SYR"), ("Czechia", "CZE"), ("Czech Republic", "CZE"), ("Ivory Coast", "CIV"),
    ("Côte d'Ivoire", "CIV"), ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Moldova", "MDA"),
    ("Vietnam", "VNM"), ("Taiwan", "TWN"), ("Bolivia", "BOL"), ("Venezuela", "VEN"),
    ("Tanzania", "TZA"), ("Laos", "LAO"), ("Congo", "COD"), ("Elysee", "FRA"),
    ("Élysée", "FRA"), ("Beijing", "CHN"), ("Berlin", "DEU"), ("Paris", "FRA"),
    ("Tokyo", "JPN"), ("Vilnius", "LTU"), ("Ukrainian", "UKR"), ("French", "FRA"),
    ("Italian", "ITA"), ("German", "DEU"), ("Chinese", "CHN"), ("Kosovo", "XKX"),
])
def test_country_code(surface, iso):
    assert kb.country_code(surface) == iso


def test_country_code_unknown_and_bad_type():
    assert kb.country_code("Atlantis") is None
    with pytest.raises(TypeError, match="surface"):
        kb.country_code(3)  # type: ignore[arg-type]


def test_find_organization():
    assert kb.find_organization("NATO")["org_id"] == "nato"
    assert kb.find_organization("the Pentagon")["country"] == "USA"
    assert kb.find_organization("Russian Defence Ministry")["org_id"] == "rus-mod"
    assert kb.find_organization("Russia's Defense Ministry")["org_id"] == "rus-mod"
    assert kb.find_organization("State Department")["country"] == "USA"
    assert kb.find_organization("Acme Widgets") is None


def test_find_official_by_date_and_without_diacritics():
    if kb.officials().empty:
        pytest.skip("officials.csv not there yet")
    cameron = kb.find_official("David Cameron", on=dt.date(2024, 5, 8))
    assert cameron is not None and cameron["role"] == "Foreign Secretary"
    assert cameron["country"] == "GBR"
    pm = kb.find_official("David Cameron", on=dt.date(2015, 1, 1))
    assert pm is not None and pm["role"] == "Prime Minister"
    assert kb.find_official("Ingrida Simonyte")["country"] == "LTU"
    assert kb.find_official("ingrida šimonytė")["country"] == "LTU"
    assert kb.find_official("Nobody Inparticular") is None


def test_outlet_for_domain_handles_www_and_subdomains(user_kb):
    (user_kb / "outlets.csv").write_text(
        "domain,name,aliases,country,outlet_type\n"
        "example-news.test,Example News,EN|The Example,FRA,newspaper\n", encoding="utf-8")
    assert kb.outlet_for_domain("www.example-news.test")["name"] == "Example News"
    assert kb.outlet_for_domain("https://edition.example-news.test/a/b")["country"] == "FRA"
    assert kb.outlet_for_domain("example-news.test.evil") is None
    assert kb.find_outlet("The Example")["domain"] == "example-news.test"
    assert kb.find_outlet("EN")["domain"] == "example-news.test"


def test_user_rows_override_and_extend(user_kb):
    (user_kb / "countries.csv").write_text(
        "iso3,iso2,name,aliases,demonyms,metonyms\n"
        "LTU,LT,Lithuania,Lietuva,Lithuanian|Litvak,Vilnius|Seimas\n"
        "XYZ,XY,Freedonia,,Freedonian,Fredville\n", encoding="utf-8")
    (user_kb / "organizations.csv").write_text(
        "org_id,name,aliases,country,org_type\nacme,Acme Corp,Acme,USA,company\n", encoding="utf-8")
    c = kb.countries()
    assert (c["iso3"] == "LTU").sum() == 1  # replaced, not duplicated
    assert kb.country_code("Seimas") == "LTU"
    assert kb.country_code("Freedonian") == "XYZ"
    assert kb.country_code("Ukrainian") == "UKR"  # shipped rows stay
    assert kb.find_organization("Acme")["country"] == "USA"
    assert kb.find_organization("NATO") is not None


def test_missing_shipped_file_gives_empty_frame(tmp_path, monkeypatch):
    from toolkit import _paths

    monkeypatch.setattr(_paths, "KB_DIR", tmp_path)
    off = kb.officials()
    assert off.empty and list(off.columns) == kb.COLUMNS["officials"]
    assert kb.find_official("Anyone") is None
    assert kb.outlet_for_domain("ft.com") is None


def test_frames_are_copies():
    a = kb.countries()
    a.loc[:, "name"] = "changed"
    assert (kb.countries()["name"] != "changed").all()


def test_organizations_consistent():
    o = kb.organizations()
    assert o["org_id"].is_unique
    codes = set(kb.countries()["iso3"])
    assert set(o["country"][o["country"] != ""]) <= codes
    for name in ("NATO", "European Union", "United Nations", "OSCE", "IAEA", "G7",
                 "European Commission", "European Council", "European External Action Service",
                 "FSB", "SBU", "Pentagon", "State Department", "Foreign Office"):
        assert kb.find_organization(name) is not None, name


def test_officials_consistent():
    """No two holders of one office overlap by more than a day; starts precede ends;
    country codes exist."""
    off = kb.officials()
    if off.empty:
        pytest.skip("officials.csv not there yet")
    codes = set(kb.countries()["iso3"])
    assert set(off["country"][off["country"] != ""]) <= codes
    start = pd.to_datetime(off["term_start"], errors="coerce")
    end = pd.to_datetime(off["term_end"].replace("", None), errors="coerce")
    bad = off[start.notna() & end.notna() & (start > end)]
    assert bad.empty, bad[["official_id", "role"]].to_string()
    frame = off.assign(ts=start, te=end.fillna(pd.Timestamp("2100-01-01")))
    problems = []
    for (_c, _o, _r), g in frame.groupby(["country", "organization", "role"]):
        g = g.sort_values("ts")
        rows = list(g.itertuples())
        for a, b in itertools.pairwise(rows):
            if a.official_id != b.official_id and (a.te - b.ts).days > 1:
                problems.append((a.official_id, b.official_id, a.role))
    assert not problems, problems[:10]


def test_trie_regex_matches_like_a_longest_first_alternation():
    import re

    from toolkit.kb.surfaces import trie_regex

    words = ["Niger", "Nigeria", "Guinea", "Guinea-Bissau", "Papua New Guinea", "U.S.", "US",
             "Dominica", "Dominican Republic", "a+b", "[x]"]
    pat = re.compile(r"(?<![\w])(?:" + trie_regex(words) + r")(?![\w])")
    text = ("Nigeria, Niger, Guinea-Bissau, Papua New Guinea and Guinea; the U.S. and US; "
            "Dominica, the Dominican Republic; a+b [x] Nigerian")
    assert pat.findall(text) == ["Nigeria", "Niger", "Guinea-Bissau", "Papua New Guinea",
                                 "Guinea", "U.S.", "US", "Dominica", "Dominican Republic",
                                 "a+b", "[x]"]
    assert trie_regex([]) == "(?!)"


def test_official_genders_by_official_id_and_wikidata_id() -> None:
    genders = kb.official_genders()
    assert genders["emmanuel-macron"] == "male" and genders["Q3052772"] == "male"  # "m" in the CSV
    assert set(genders.values()) <= {"female", "male", "other", "unknown"}
    with pytest.raises(TypeError):
        genders["emmanuel-macron"] = "female"  # type: ignore[index]  # shared: read-only
