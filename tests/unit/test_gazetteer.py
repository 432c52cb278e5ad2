"""core.gazetteer: its word lists are the lists it had in code, and both of its jobs
(reading names, locating places) share one GeoNames loader."""
from __future__ import annotations

from core import gazetteer

# Frozen copies of the lists as they were in core/gazetteer.py (do not edit).
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
_AMBIGUOUS = frozenset(
    """Of Mobile Reading Bath Split Nice Orange Enterprise Independence Victoria Florence
    Sydney Austin Jackson Lincoln Aurora Chester Derby Wells Hope Faith Marion Eugene
    Buffalo Troy Salem Dover Pride Male Temple Concord Union Liberty Sale Man Most Mass""".split()
)
_ALIASES = {"US": "United States", "U.S.": "United States", "UK": "United Kingdom",
            "U.K.": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
            "Czech Republic": "Czechia", "Russian Federation": "Russia"}


def test_the_word_lists_are_the_old_lists():
    assert dict(gazetteer._IRREGULAR_DEMONYMS) == _IRREGULAR_DEMONYMS
    assert gazetteer._AMBIGUOUS == _AMBIGUOUS
    # The aliases may grow (names of countries news writes that GeoNames does not list); the old stay first.
    assert list(gazetteer._COUNTRY_ALIASES.items())[: len(_ALIASES)] == list(_ALIASES.items())


def test_one_geonames_loader_for_both_jobs():
    gazetteer.lookup("Kyiv")
    gazetteer.lookup_town("Lyman")
    gazetteer.locate("City", "Mariupol")
    gazetteer.locate("Country", "Ukraine")
    gazetteer.locate("Place", "Europe")
    assert gazetteer._geonames.cache_info().currsize == 1


def test_aliases_and_demonyms():
    assert gazetteer.lookup("U.K.") == gazetteer.lookup("United Kingdom")
    assert gazetteer.country_of_demonym("Welsh") == "United Kingdom"
    assert gazetteer.lookup("Reading") is None  # an everyday word first
    assert gazetteer.country_of_capital("Kyiv") == "Ukraine"


def test_locate_by_id_and_by_name():
    assert gazetteer.locate("Country", "Ukraine").geonames_id == 690791
    assert gazetteer.locate("Region", "Texas").lat is None
    assert gazetteer.locate("Place", "Europe").lat is not None
    assert gazetteer.locate("Person", "Mariupol") is None
