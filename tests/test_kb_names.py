"""toolkit.kb.names: splitting titles off names, transliteration keys, stable person ids."""
from __future__ import annotations

import pytest

from toolkit.kb import names


@pytest.mark.parametrize("raw,name,role,honorific", [
    ("Head of the President's Office Mykhailo Podoliak", "Mykhailo Podoliak",
     "Head of the President's Office", ""),
    ("Office of the President of Ukraine Andriy Yermak", "Andriy Yermak",
     "Office of the President of Ukraine", ""),
    ("Mr Peskov", "Peskov", "", "Mr"),
    ("Dr. Jill Biden", "Jill Biden", "", "Dr."),
    ("Sen. Mitch McConnell", "Mitch McConnell", "Sen.", ""),
    ("Minister of Economic Development Maxim Reshetnikov", "Maxim Reshetnikov",
     "Minister of Economic Development", ""),
    ("President of Ukraine Volodymyr Zelenskyy held a conference", "Volodymyr Zelenskyy",
     "President of Ukraine", ""),
    ("Jordan Smith", "Jordan Smith", "", ""),  # a country's name as first name is no role
    ("Ukraine's Andriy Yermak", "Andriy Yermak", "", ""),
    ("the Head of State", "", "Head of State", ""),
    ("Deputy Head", "", "Deputy Head", ""),
])
def test_split_name(raw: str, name: str, role: str, honorific: str) -> None:
    got = names.split_name(raw)
    assert (got.name, got.role, got.honorific) == (name, role, honorific)


@pytest.mark.parametrize("raw,surname", [
    ("Ursula von der Leyen", "von der Leyen"), ("Charles de Gaulle", "de Gaulle"),
    ("Mohammed bin Salman", "bin Salman"), ("Andriy Yermak", "Yermak"),
])
def test_particles_stay_in_the_surname(raw: str, surname: str) -> None:
    assert names.split_name(raw).surname == surname


@pytest.mark.parametrize("a,b", [
    ("Mykhailo Podolyak", "Mykhailo Podoliak"), ("Volodymyr Zelenskyy", "Volodymyr Zelenskiy"),
    ("Volodymyr Zelenskyy", "Volodymyr Zelenskyiyy"), ("Zelensky", "Zelenskyy"),
    ("Dmitry Peskov", "Dmitry Peskow"), ("Andriy Yermak", "Andrii Jermak"),
    ("Oleksii Reznikov", "Oleksiy Reznikov"), ("Sergei Lavrov", "Sergey Lawrow"),
])
def test_transliteration_variants_share_a_key(a: str, b: str) -> None:
    assert names.name_key(a) == names.name_key(b)


@pytest.mark.parametrize("a,b", [
    ("Joe Biden", "Jill Biden"), ("Olena Zelenska", "Volodymyr Zelenskyy"),
    ("Dmitry Peskov", "Dmitry Pesko"), ("Anna Berg", "Anne Berg"),
])
def test_different_people_keep_different_keys(a: str, b: str) -> None:
    assert names.name_key(a) != names.name_key(b)


def test_person_id_is_the_kb_id_in_any_spelling() -> None:
    for spelling in ("Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Volodymyr Zelenskyiyy"):
        assert names.person_id(spelling, on="2022-03-01") == "volodymyr-zelenskyy"
    assert names.person_id("Mykhail Podolyak") == "mykhailo-podolyak"  # a KB alias
    assert names.person_id("Dmitry Peskow") == "dmitry-peskov"  # by the rule table


def test_person_id_of_an_unknown_name_is_stable_and_spelling_blind() -> None:
    a, b = names.person_id("Taras Kovalchuk"), names.person_id("Taras Kovaltchuk")
    assert a == names.person_id("Taras Kovalchuk") == "taras-kovalchuk"
    assert names.person_id("Oksana Ivaniuk") == names.person_id("Oksana Ivanyuk")
    assert a != b  # no fuzzy match: "tch" is not in the rule table
    assert names.person_id("") == ""


def test_find_person_never_guesses_between_two_people(monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    from toolkit import kb
    rows = kb.officials()
    extra = rows[rows["official_id"] == "dmitry-peskov"].assign(official_id="dmitri-peskow",
                                                                 name="Dmitriy Peskow", aliases="")
    both = pd.concat([rows, extra], ignore_index=True)
    monkeypatch.setattr(kb, "_row_list", lambda name: tuple(both.to_dict("records"))
                        if name == "officials" else ())
    names.clear_cache()
    try:
        assert names.find_person("Dmitry Peskow") is None  # two people share the key
    finally:
        monkeypatch.undo()
        names.clear_cache()


def test_role_key_meets_the_variants_of_one_office() -> None:
    key = names.role_key("Head of the Presidential Office")
    assert names.role_key("Head of the President's Office") == key
    assert names.role_key("Head of the Office of the President of Ukraine") == key
    assert names.role_key("head of state") == "president"
    assert names.role_key("Deputy Head of the Office of the President") != key


def test_bad_input_names_the_parameter() -> None:
    with pytest.raises(TypeError, match="name must be a str"):
        names.name_key(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="raw must be a str"):
        names.split_name(3)  # type: ignore[arg-type]


def test_a_second_surname_the_kb_leaves_out_is_the_same_person():
    from toolkit.kb import names
    assert names.person_id("José Manuel Albares Bueno") == "jose-manuel-albares"
    # a last word after a first name is a surname, not a second one; a suffix is another person
    assert names.find_person("José Manuel Berglund") is None
    assert names.person_id("José Manuel Albares Jr.") != "jose-manuel-albares"
