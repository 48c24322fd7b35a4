"""Consistency of the shipped knowledge-base files officials.csv and outlets.csv.

These tests read the CSVs directly (not through toolkit.kb) so that a data error is reported
as a data error, whatever state the loader is in.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pycountry
import pytest

from toolkit._paths import KB_DIR

OFFICIALS = KB_DIR / "officials.csv"
OUTLETS = KB_DIR / "outlets.csv"

OFFICIAL_COLUMNS = ["official_id", "name", "aliases", "gender", "country", "organization",
                    "role", "term_start", "term_end", "wikidata"]
OUTLET_COLUMNS = ["domain", "name", "aliases", "country", "outlet_type"]
OUTLET_TYPES = {"newspaper", "broadcaster", "agency", "magazine", "state media",
                "government site", "online"}
ORGANIZATIONS = {"NATO", "EU", "UN", "European Commission", "European Council", "EEAS"}
# ISO 3166-1 alpha-3 plus the user-assigned codes the project accepts.
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID = re.compile(r"^Q[1-9][0-9]*$")
DOMAIN = re.compile(r"^(?!www\.)[a-z0-9-]+(?:\.[a-z0-9-]+)+$")
# Terms are only kept when they overlap this window.
WINDOW = (date(2014, 1, 1), date(2026, 12, 31))
OPEN_END = date(2026, 12, 31)  # an empty term_end means "still in office"


def _read(path: Path, columns: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == columns, f"{path.name}: columns {reader.fieldnames}"
        rows = list(reader)
    for i, row in enumerate(rows, start=2):
        assert None not in row and all(v is not None for v in row.values()), \
            f"{path.name} line {i}: wrong number of fields"
    return rows


@pytest.fixture(scope="module")
def officials() -> list[dict[str, str]]:
    return _read(OFFICIALS, OFFICIAL_COLUMNS)


@pytest.fixture(scope="module")
def outlets() -> list[dict[str, str]]:
    return _read(OUTLETS, OUTLET_COLUMNS)


def _day(value: str) -> date:
    return date.fromisoformat(value)


# letters that NFKD does not decompose into ascii
_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ð": "d", "đ": "d", "Đ": "D",
                          "þ": "th", "Þ": "Th", "æ": "ae", "ß": "ss", "ı": "i"})


def _fold(text: str) -> str:
    text = text.translate(_LETTERS)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


# ---------------------------------------------------------------- officials

def test_officials_size(officials: list[dict[str, str]]) -> None:
    assert len(officials) >= 400
    assert len({r["official_id"] for r in officials}) >= 300


def test_officials_required_fields(officials: list[dict[str, str]]) -> None:
    for r in officials:
        for col in ("official_id", "name", "gender", "role", "term_start"):
            assert r[col].strip(), f"{r['name'] or r['official_id']}: empty {col}"
        assert r["country"] or r["organization"], f"{r['name']}: no country or organization"
        assert r["gender"] in {"f", "m"}, f"{r['name']}: gender {r['gender']!r}"
        for col, value in r.items():
            assert value == value.strip(), f"{r['name']}: whitespace around {col}"


def test_officials_ids_are_slugs(officials: list[dict[str, str]]) -> None:
    for r in officials:
        assert SLUG.match(r["official_id"]), r["official_id"]


def test_one_person_one_id(officials: list[dict[str, str]]) -> None:
    by_id: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    by_name: dict[str, set[str]] = defaultdict(set)
    for r in officials:
        by_id[r["official_id"]].add((r["name"], r["gender"], r["wikidata"]))
        by_name[r["name"]].add(r["official_id"])
    for oid, people in by_id.items():
        assert len(people) == 1, f"{oid}: rows disagree on name/gender/wikidata {people}"
    for name, ids in by_name.items():
        assert len(ids) == 1, f"{name}: several ids {ids}"


def test_wikidata_ids_well_formed_and_unique(officials: list[dict[str, str]]) -> None:
    owner: dict[str, str] = {}
    for r in officials:
        qid = r["wikidata"]
        if not qid:
            continue
        assert QID.match(qid), f"{r['name']}: {qid!r}"
        assert owner.setdefault(qid, r["official_id"]) == r["official_id"], \
            f"{qid} used for {owner[qid]} and {r['official_id']}"


def test_country_codes_exist(officials: list[dict[str, str]]) -> None:
    for r in officials:
        if r["country"]:
            assert r["country"] in ISO3, f"{r['name']}: country {r['country']!r}"
        if r["organization"]:
            assert r["organization"] in ORGANIZATIONS, f"{r['name']}: {r['organization']!r}"


def test_terms_are_ordered_and_in_window(officials: list[dict[str, str]]) -> None:
    for r in officials:
        start = _day(r["term_start"])
        end = _day(r["term_end"]) if r["term_end"] else OPEN_END
        assert start < end or (r["term_end"] and start == end), \
            f"{r['name']} {r['role']}: {start} .. {end}"
        assert start <= WINDOW[1] and end >= WINDOW[0], \
            f"{r['name']} {r['role']}: term {start}..{end} outside {WINDOW}"


def _overlaps(rows: list[dict[str, str]]) -> list[str]:
    """Pairs of holders of one office (country, organization, role) whose terms overlap by
    more than a day; an empty term_end counts as still in office."""
    offices: dict[tuple[str, str, str], list[tuple[date, date, str]]] = defaultdict(list)
    for r in rows:
        end = _day(r["term_end"]) if r["term_end"] else OPEN_END
        offices[(r["country"], r["organization"], r["role"])].append(
            (_day(r["term_start"]), end, r["name"]))
    problems = []
    for office, terms in offices.items():
        terms.sort()
        # compare each term with the latest-ending earlier one, so a long term that
        # contains several short ones is caught too
        latest = terms[0]
        for term in terms[1:]:
            s1, e1, n1 = latest
            s2, e2, n2 = term
            if s2 < e1 - timedelta(days=1):
                problems.append(f"{office}: {n1} ({s1}..{e1}) overlaps {n2} ({s2}..{e2})")
            if e2 > e1:
                latest = term
    return problems


def test_no_two_holders_of_one_office_overlap(officials: list[dict[str, str]]) -> None:
    assert _overlaps(officials) == []


def test_overlap_check_itself() -> None:
    def row(name: str, start: str, end: str, role: str = "Prime Minister") -> dict[str, str]:
        return {"name": name, "country": "LTU", "organization": "", "role": role,
                "term_start": start, "term_end": end}
    # a handover on the same day or a day apart is fine
    assert _overlaps([row("A", "2020-01-01", "2021-01-02"), row("B", "2021-01-01", "")]) == []
    # a short term inside a long one is caught even when a later term follows it
    nested = [row("A", "2010-01-01", "2020-01-01"), row("B", "2012-01-01", "2013-01-01"),
              row("C", "2014-01-01", "2015-01-01")]
    assert len(_overlaps(nested)) == 2
    # an open term overlaps any later one; other roles are other offices
    assert len(_overlaps([row("A", "2020-01-01", ""), row("B", "2022-01-01", "")])) == 1
    assert _overlaps([row("A", "2020-01-01", ""), row("B", "2022-01-01", "", "President")]) == []


def test_aliases(officials: list[dict[str, str]]) -> None:
    for r in officials:
        aliases = [a for a in r["aliases"].split("|") if a] if r["aliases"] else []
        assert len(aliases) == len(set(aliases)), f"{r['name']}: repeated alias"
        assert r["name"] not in aliases, f"{r['name']}: name repeated as alias"
        for a in aliases:
            assert a == a.strip() and a, f"{r['name']}: bad alias {a!r}"
        # a name with diacritics is also findable without them
        if _fold(r["name"]) != r["name"]:
            assert _fold(r["name"]) in aliases, f"{r['name']}: no ascii alias"


def _holders(officials: list[dict[str, str]], name: str, on: date) -> list[dict[str, str]]:
    rows = []
    for r in officials:
        if r["name"] != name and name not in r["aliases"].split("|"):
            continue
        end = _day(r["term_end"]) if r["term_end"] else OPEN_END
        if _day(r["term_start"]) <= on <= end:
            rows.append(r)
    return rows


@pytest.mark.parametrize(("name", "country", "role"), [
    ("Ingrida Simonyte", "LTU", "Prime Minister"),
    ("Ingrida Šimonytė", "LTU", "Prime Minister"),
    ("Dmitry Peskov", "RUS", "Kremlin Spokesman"),
    ("Emmanuel Macron", "FRA", "President"),
    ("David Cameron", "GBR", "Foreign Secretary"),
    ("Maria Zakharova", "RUS", "Foreign Ministry Spokeswoman"),
    ("Vladimir Putin", "RUS", "President"),
    ("Volodymyr Zelensky", "UKR", "President"),
    ("Sergei Lavrov", "RUS", "Foreign Minister"),
    ("Sergei Shoigu", "RUS", "Defence Minister"),
    ("Dmytro Kuleba", "UKR", "Foreign Minister"),
    ("Rishi Sunak", "GBR", "Prime Minister"),
    ("Joe Biden", "USA", "President"),
])
def test_founding_example_people_on_2024_05_08(officials: list[dict[str, str]], name: str,
                                               country: str, role: str) -> None:
    rows = _holders(officials, name, date(2024, 5, 8))
    assert [(r["country"], r["role"]) for r in rows] == [(country, role)]


def test_founding_example_genders_and_earlier_office(officials: list[dict[str, str]]) -> None:
    peskov = _holders(officials, "Dmitry Peskov", date(2024, 5, 8))
    assert peskov[0]["gender"] == "m"
    assert _holders(officials, "Ingrida Simonyte", date(2024, 5, 8))[0]["gender"] == "f"
    cameron = _holders(officials, "David Cameron", date(2015, 1, 1))
    assert [(r["country"], r["role"]) for r in cameron] == [("GBR", "Prime Minister")]
    assert _holders(officials, "Ingrida Simonyte", date(2025, 1, 1)) == []


# ---------------------------------------------------------------- outlets

def test_outlets_size_and_unique_domains(outlets: list[dict[str, str]]) -> None:
    assert len(outlets) >= 300
    domains = [r["domain"] for r in outlets]
    assert len(domains) == len(set(domains)), \
        sorted({d for d in domains if domains.count(d) > 1})


def test_outlet_fields(outlets: list[dict[str, str]]) -> None:
    for r in outlets:
        assert DOMAIN.match(r["domain"]), f"bad domain {r['domain']!r} (lowercase, no www.)"
        assert r["name"].strip() == r["name"] and r["name"], r["domain"]
        assert r["outlet_type"] in OUTLET_TYPES, f"{r['domain']}: {r['outlet_type']!r}"
        if r["country"]:
            assert r["country"] in ISO3, f"{r['domain']}: country {r['country']!r}"
        aliases = [a for a in r["aliases"].split("|")] if r["aliases"] else []
        assert all(a.strip() == a and a for a in aliases), f"{r['domain']}: {aliases}"
        assert r["name"] not in aliases, f"{r['domain']}: name repeated as alias"


def test_outlet_aliases_point_to_one_outlet(outlets: list[dict[str, str]]) -> None:
    # "FT" must not mean two different outlets; a display name shared by several
    # domains of one outlet (bbc.co.uk, bbc.com) is fine.
    owner: dict[str, str] = {}
    names = {r["name"].casefold(): r["name"] for r in outlets}
    for r in outlets:
        for alias in filter(None, r["aliases"].split("|")):
            key = alias.casefold()
            assert names.get(key, r["name"]) == r["name"], \
                f"alias {alias!r} of {r['domain']} is the name of another outlet"
            assert owner.setdefault(key, r["name"]) == r["name"], \
                f"alias {alias!r} used by {owner[key]} and {r['name']}"


@pytest.mark.parametrize(("domain", "name", "country", "outlet_type", "alias"), [
    ("themoscowtimes.com", "The Moscow Times", "NLD", "online", None),
    ("ft.com", "Financial Times", "GBR", "newspaper", "FT"),
    ("economist.com", "The Economist", "GBR", "magazine", "Economist"),
    ("corriere.it", "Corriere della Sera", "ITA", "newspaper", "Corriere Della Sera"),
    ("reuters.com", "Reuters", "GBR", "agency", None),
    ("apnews.com", "Associated Press", "USA", "agency", "AP"),
    ("afp.com", "Agence France-Presse", "FRA", "agency", "AFP"),
    ("tass.com", "TASS", "RUS", "state media", None),
    ("ria.ru", "RIA Novosti", "RUS", "state media", None),
    ("interfax.ru", "Interfax", "RUS", "agency", None),
    ("kmu.gov.ua", "Government of Ukraine", "UKR", "government site", None),
    ("kremlin.ru", "Kremlin", "RUS", "government site", None),
    ("en.kremlin.ru", "Kremlin", "RUS", "government site", None),
    ("president.gov.ua", "President of Ukraine", "UKR", "government site", None),
])
def test_founding_example_outlets(outlets: list[dict[str, str]], domain: str, name: str,
                                  country: str, outlet_type: str, alias: str | None) -> None:
    row = next(r for r in outlets if r["domain"] == domain)
    assert (row["name"], row["country"], row["outlet_type"]) == (name, country, outlet_type)
    if alias:
        assert alias in row["aliases"].split("|")


def test_polnear_publishers_present(outlets: list[dict[str, str]]) -> None:
    domains = {r["domain"] for r in outlets}
    publishers = {"breitbart.com", "huffingtonpost.com", "nytimes.com", "politico.com",
                  "usatoday.com", "washingtonpost.com", "westernjournal.com",
                  "cnn.com", "foxnews.com"}
    assert publishers <= domains, sorted(publishers - domains)
