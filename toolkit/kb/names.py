"""Personal names: split off honorifics and titles, a transliteration key, a stable id.

    from toolkit.kb import names
    names.split_name("Head of the President's Office Mykhailo Podoliak")
    # PersonName(name='Mykhailo Podoliak', role="Head of the President's Office", honorific='', ...)
    names.name_key("Mykhailo Podoliak") == names.name_key("Mykhailo Podolyak")   # True
    names.person_id("Mykhailo Podolyak")     # the KB official_id when the KB knows the name, else
                                             # a slug of the key: the same in every article and run
    names.find_person("Volodymyr Zelenskyiyy", on=date(2022, 3, 1))   # the officials.csv row

Ids (one scheme for people): a KB official's ``official_id``; a person the KB does not know gets
``slug(name_key(name))``, e.g. "mykhaylo-podolyak". Variants of one name meet by
``datasets/lexicons/transliteration.csv`` (regex rules applied to every word of the folded name)
and by the KB's aliases — never by a similarity score, which would merge two real people.
Particles ("von der Leyen", "de Gaulle", "bin Salman") stay part of the surname.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from toolkit import _paths
from toolkit import kb as _kb

__all__ = ["PersonName", "find_person", "has_word", "is_kb_surname", "is_personal_name", "is_title_word",
           "name_id", "name_key", "person_id", "role_key", "split_name",
           "surname_key"]

PARTICLES = frozenset({"de", "da", "del", "della", "der", "den", "van", "von", "bin", "ibn",
                       "al", "el", "la", "le", "di", "du", "dos", "das", "ter", "zu", "ben"})
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class PersonName:
    """A personal name as written, split: ``name`` without honorific or title, the ``role``
    the title gave ("" when none), the ``honorific`` ("Mr", "Dr"; never a role), and the
    ``surname`` with its particles ("von der Leyen")."""
    name: str
    role: str
    honorific: str
    surname: str

    @property
    def key(self) -> str:
        return name_key(self.name)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    path = _paths.LEXICONS / "transliteration.csv"
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple((re.compile(r["pattern"]), r["replacement"]) for r in csv.DictReader(fh)
                     if r.get("pattern"))


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    path = _paths.LEXICONS / "honorifics.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().casefold() for ln in lines if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """Every word of a title, office title or person noun of the lexicons, plus glue words."""
    words: set[str] = set()
    for name, col in (("titles.csv", "title"), ("office_titles.csv", "title"),
                      ("speaker_nouns.csv", "noun")):
        path = _paths.LEXICONS / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if name == "speaker_nouns.csv" and r.get("speaker_type") not in ("person", None):
                    continue
                words.update(w.strip(".").casefold() for w in (r.get(col) or "").split())
    return frozenset(w for w in words if w and w not in PARTICLES)


@lru_cache(maxsize=1)
def _role_variants() -> tuple[tuple[str, str], ...]:
    path = _paths.LEXICONS / "role_variants.csv"
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(r["variant"].strip().casefold(), r["canonical"].strip().casefold())
                for r in csv.DictReader(fh) if r.get("variant")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _word_key(word: str) -> str:
    for pattern, repl in _rules():
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The name folded (toolkit.kb.normalize: case, diacritics, dots, hyphens) with the
    transliteration rules applied to every word: equal keys = one name in two spellings."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__} ({name!r})")
    return " ".join(_word_key(w) for w in _kb.normalize(name).split())


def surname_key(name: str) -> str:
    """The key of the last word of ``name`` (the surname without its particles)."""
    key = name_key(name)
    return key.rsplit(" ", 1)[-1] if key else ""


def slug(text: str) -> str:
    return _SLUG.sub("-", _kb.normalize(text)).strip("-")


def has_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` as a whole word (case-sensitive; no regex to build)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "’'-")) and (
                end == len(text) or not (text[end].isalnum() or text[end] in "’'-")):
            return True
        at = text.find(word, at + 1)
    return False


@lru_cache(maxsize=1)
def _glue() -> frozenset[str]:
    path = _paths.LEXICONS / "role_glue.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().casefold() for ln in lines if ln.strip() and not ln.startswith("#"))


def _bare(word: str) -> str:
    low = word.casefold().rstrip(",").rstrip(".")
    return low[:-2] if low.endswith(("’s", "'s")) else low


def _is_glue(word: str) -> bool:
    """A word of a role phrase that is no title by itself, a country ("of Ukraine") or an
    organisation's short name ("UN Secretary-General", "NATO")."""
    low = _bare(word)
    if low in _glue():
        return True
    bare = word.rstrip(",").removesuffix("’s").removesuffix("'s")
    return word[:1].isupper() and (_kb.country_code(bare) is not None
                                   or bare.isupper() and _kb.find_organization(bare) is not None)


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    path = _paths.LEXICONS / "first_names.csv"
    if not path.exists():
        return frozenset()
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset((r.get("name") or "").strip().casefold() for r in csv.DictReader(fh))


def _is_title(word: str) -> bool:
    low = _bare(word)
    return low in _role_words() and low not in _glue()


def is_title_word(word: str) -> bool:
    """Whether ``word`` is a title or a person noun of the lexicons, also in the plural
    ("Governor", "Experts")."""
    low = _bare(word)
    return low in _role_words() or (low.endswith("s") and low[:-1] in _role_words())


def is_personal_name(name: str) -> bool:
    """Capitalised words (particles allowed inside), with no title or honorific in front, not
    one title or group noun alone: "Mykhailo Podolyak", "Yermak", "Ursula von der Leyen"; not
    "Governor", "Members", "leaders", "UN Secretary-General"."""
    words = name.split()
    if not words or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return False
    if len(words) == 1 and is_title_word(words[0]):
        return False
    if not all(w[:1].isupper() or w.casefold() in PARTICLES for w in words):
        return False
    return split_name(name).name == name  # not a title ("UN Secretary-General") nor "Mr X"


@lru_cache(maxsize=65536)
def split_name(raw: str) -> PersonName:
    """Split a name phrase as written into name, role, honorific and surname:
    "Mr Peskov" -> name "Peskov", honorific "Mr"; "Office of the President of Ukraine Andriy
    Yermak" -> name "Andriy Yermak", role "Office of the President of Ukraine";
    "Ursula von der Leyen" -> surname "von der Leyen". A phrase that is all title ("the Head of
    State", "Deputy Head") keeps ``name`` "" and ``role`` the phrase. Words before a name that
    hold no title ("Jordan Smith", "Ukraine's Andriy Yermak") stay in the name, except a
    possessive."""
    if not isinstance(raw, str):
        raise TypeError(f"raw must be a str, got {type(raw).__name__} ({raw!r})")
    words = raw.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    honorific = ""
    while len(words) > 1 and words[0].casefold().rstrip(".") in _honorifics():
        honorific = (honorific + " " + words[0]).strip()
        words = words[1:]
    k = 0
    titled = False
    while k < len(words) and (_is_title(words[k]) or _is_glue(words[k])):
        titled = titled or _is_title(words[k])
        k += 1
    if k == len(words) and (titled or not words):
        return PersonName("", " ".join(words), honorific, "")
    if not titled:
        k = 0
        while k < len(words) - 1 and words[k].endswith(("’s", "'s")):
            k += 1  # "Ukraine's Andriy Yermak"
    if any(w in ("of", "for", "to") for w in words):
        # "of Infrastructure of Ukraine Oleksandr Kubrakov": a role with its complement; the
        # name is what follows its last title, glue or country word
        last = max(i for i, w in enumerate(words) if _is_title(w) or _is_glue(w))
        if last >= k and len(words) - last - 1 >= 2 and all(w[:1].isupper() for w in words[last + 1:]):
            k, titled = last + 1, True
    given = next((j for j in range(k, len(words) - 1) if words[j].casefold() in _first_names()), None)
    if given is not None and given > k and all(w[:1].isupper() for w in words[k:given]):
        # "Minister of Infrastructure Oleksandr Kubrakov", "Goldman Sachs Group David Solomon":
        # the name starts at the first given name ("Mary Ann Smith" stays whole: it starts with one)
        k, titled = given, True
    role_words, name_words = words[:k] if titled else [], words[k:]
    if name_words and not name_words[0][:1].isupper() or (
            len(name_words) == 1 and role_words and role_words[-1] in ("of", "for", "to")):
        # "President of Russia has very", "Minister for Reintegration": no name follows
        return PersonName("", " ".join(words), honorific, "")
    for j, w in enumerate(name_words):
        if j >= 2 and w[:1].islower() and w.casefold() not in PARTICLES and not _is_glue(w) \
                and all(x[:1].isupper() for x in name_words[:j]):
            name_words = name_words[:j]  # "Volodymyr Zelenskyy held a conference"
            break
    name = " ".join(name_words)
    surname = name_words[-1] if name_words else ""
    i = len(name_words) - 2
    while i >= 1 and name_words[i].casefold() in PARTICLES:
        surname = name_words[i] + " " + surname
        i -= 1
    return PersonName(name, " ".join(role_words), honorific, surname)


def role_key(role: str) -> str:
    """A role folded for matching one office in its variants: "Head of the President's Office",
    "Head of the Office of the President", "Head of the Presidential Office" -> one key
    (datasets/lexicons/role_variants.csv; articles and "of Ukraine" dropped)."""
    s = " " + " ".join(str(role).casefold().replace("’", "'").split()) + " "
    for variant, canonical in _role_variants():
        s = s.replace(" " + variant + " ", " " + canonical + " ")
    words = [w for w in s.split() if w not in ("the", "a", "an")]
    # "... of Ukraine", "... of the Russian Federation": the country is not part of the office
    while len(words) > 2 and words[-2] == "of" and _kb.country_code(words[-1].title()):
        words = words[:-2]
    return " ".join(words)


@lru_cache(maxsize=4)
def _key_index(kb_dir: str, user_dir: str) -> dict[str, tuple[int, ...]]:
    """name_key of every official's name and alias -> row numbers of officials.csv."""
    out: dict[str, list[int]] = {}
    for i, row in enumerate(_kb._row_list("officials")):
        for s in [row["name"], *_kb.split_multi(row["aliases"])]:
            lst = out.setdefault(name_key(s), [])
            if i not in lst:
                lst.append(i)
    return {k: tuple(v) for k, v in out.items()}


def clear_cache() -> None:
    """Forget the key indexes (toolkit.kb.clear_cache calls this)."""
    _key_index.cache_clear()
    _kb_surnames.cache_clear()


def find_person(name: str, *, on: object = None) -> dict[str, Any] | None:
    """The officials.csv row of the KB official whose name or alias has the same
    ``name_key`` as ``name`` (the office held on ``on`` as in ``kb.find_official``); None when
    no official or more than one person has that key."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__} ({name!r})")
    # every exact name or alias is in the key index too: a key missing there is no KB person
    index = _key_index(str(_paths.KB_DIR), str(_kb.user_kb_dir()))
    rows = index.get(name_key(name))
    words = name.split()
    if not rows and len(words) >= 3 and words[-1].lower().rstrip(".") not in _SUFFIXES \
            and words[-2].casefold() not in _first_names():
        # a second surname the KB leaves out: "José Manuel Albares Bueno" is "José Manuel Albares"
        # (not "Anna Maria" of "Anna Maria Berg", nor a father of a "Jr.")
        rows = index.get(name_key(" ".join(words[:-1])))
    if not rows:
        return None
    table = _kb._row_list("officials")
    if len({table[i]["official_id"] for i in rows}) != 1:
        return _kb.find_official(name, on=on)  # two people share the key: only the exact name
    return _kb.find_official(table[rows[0]]["name"], on=on)


def name_id(name: str) -> str:
    """The id of a name the KB does not know: the slug of its ``name_key``."""
    return slug(name_key(name))


def is_kb_surname(word: str) -> bool:
    """Whether ``word`` is the surname (in any spelling) of a KB official's name or alias."""
    return surname_key(word) in _kb_surnames(str(_paths.KB_DIR), str(_kb.user_kb_dir()))


@lru_cache(maxsize=4)
def _kb_surnames(kb_dir: str, user_dir: str) -> frozenset[str]:
    return frozenset(surname_key(s) for row in _kb._row_list("officials")
                     for s in [row["name"], *_kb.split_multi(row["aliases"])] if len(s.split()) > 1)


def person_id(name: str, *, on: object = None) -> str:
    """The stable id of a person named ``name`` (honorifics and titles already split off):
    the KB official_id when the KB knows the name in any of its spellings, else the slug of
    ``name_key(name)``; "" for an empty name."""
    if not name or not name.strip():
        return ""
    hit = find_person(name, on=on)
    if hit is not None:
        return str(hit["official_id"])
    return name_id(name)
