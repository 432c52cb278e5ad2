"""One name, one place per article: the last step of the places stage.

A name the article puts in a place elsewhere ("around Popasna") is that
place where the model calls it an organisation ("being Popasna") or leaves
it untagged ("Gdańsk residents"); a name one letter from a city of the
article is a misspelling of it ("Magnitigorsk"); a city name that the
article names only as a region ("the Luhansk region") is that region.

Each rule's example is a sentence of real news (English Wikinews, CC BY 2.5, Wikinews
contributors; The Guardian; The New York Times; Reuters-21578; the seeds).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from core import gazetteer

from .doc import sent_of, typed_span
from .places import PLACES, called_city
from .rules import chain, first, rule


def _lookup_city(name: str) -> bool:
    place = gazetteer.lookup(name)
    return place is not None and place.type == "City"


def _article_places(spans: list[Span]) -> dict[str, Span]:
    """The article's places by the text that names them: each city, and each region or country
    the gazetteer knows. A city name that the article names as a region ("the Luhansk region",
    "the provinces of Donetsk and Luhansk") and never calls a city stands for that region."""
    places: dict[str, Span] = {}
    for s in spans:
        if s.label_ == "City" or s.label_ in ("Region", "Country") and s._.kg_geo:
            places.setdefault(s.text, s)
    # Not a capital ("Seoul"), nor a district, which is smaller than its town ("Mysore district").
    regions = {s._.kg_name[: -len(" region")]: s for s in spans if s.label_ == "Region"
               and s._.kg_name.endswith(" region") and s[-1].lower_ != "district"}
    regions = {k: v for k, v in regions.items() if _lookup_city(k) and not gazetteer.country_of_capital(k)}
    if regions:
        called = {s._.kg_name for s in spans if s.label_ == "City" and called_city(s)}
        for s in spans:
            if s.label_ == "City" and s._.kg_name in regions and s._.kg_name not in called:
                places[s.text] = regions[s._.kg_name]
    return places


def _copy(src: Span, start: int, end: int) -> Span:
    return typed_span(src.doc, start, end, src.label_, src._.kg_name, src._.kg_geo, src._.kg_country)


@rule(example="The event was sustained by the city of Cahors, the State of France, and the civil society, "
              "for which many people have invested themselves, including volunteers. Other celebrations and "
              "other events have been planned in Cahors until December.")
def organisation_named_like_a_place(span: Span, places: dict[str, Span]) -> Span | None:
    """An organisation or facility named like a place of the article is that place: "being
    Popasna" after "around Popasna"."""
    if span.label_ in ("Organization", "Facility") and span.text in places:
        return _copy(places[span.text], span.start, span.end)
    return None


@rule(example="Four were killed in shelling in the town of Lyman in Donetsk, the regional governor said. "
              "“On May 1, four civilians were killed in Russian shelling in the Donetsk region, all in "
              "Lyman.")
def city_named_as_region(span: Span, places: dict[str, Span]) -> Span | None:
    """A city name that the article names as a region and never calls a city is that region: "in
    Luhansk" in an article about the Luhansk region."""
    src = places.get(span.text) if span.label_ == "City" else None
    return _copy(src, span.start, span.end) if src is not None and src.label_ == "Region" else None


@rule(example="An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of "
              "Russia. Monday saw armed police with dogs searching a second apartment block in "
              "Magnitigorsk.")
def misspelt_city(span: Span, places: dict[str, Span]) -> Span | None:
    """A one-word place the gazetteer does not know, one letter from a city of the article, is a
    misspelling of it: "Magnitigorsk" for "Magnitogorsk"."""
    if span.text in places or span._.kg_geo or span.label_ not in ("Region", "Place") or len(span) != 1:
        return None
    src = next((p for t, p in places.items() if p.label_ == "City" and gazetteer.one_edit_apart(span.text, t)), None)
    return _copy(src, span.start, span.end) if src is not None else None


SPANS_AGAIN = PLACES.step("same place again", (organisation_named_like_a_place, city_named_as_region,
                                                misspelt_city))


def _in_longer_name(t: Token) -> bool:
    """"Canada" in "Canada Emergency Response Benefit": a word of a longer proper name."""
    doc = t.doc
    return any(0 <= j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN" for j in (t.i - 1, t.i + 1)
               if j != sent_of(t).start)


@rule(example="The Kharkiv regional governor said Russian forces were intensifying attacks from Izium, but "
              "Ukrainian troops were holding their ground. Kharkiv regional prosecutors said two civilians "
              "were killed and seven wounded in Russian shelling of the village of Pokotilovka.")
def untagged_place_again(doc: Doc, places: dict[str, Span], taken: set[int]):
    """A one-word name of a place of the article, left untagged (at a sentence start: "Gdańsk
    residents"), is that place again. Yields the replacements in order."""
    for token in doc:
        if token.i in taken or not token.is_title or token.ent_type_:
            continue
        src = places.get(token.text)
        if src is None or len(src) != 1 or token.pos_ not in ("PROPN", "NOUN", "ADJ") or _in_longer_name(token):
            continue
        yield _copy(src, token.i, token.i + 1)


TOKENS_AGAIN = PLACES.step("untagged place again", (untagged_place_again,))


def same_place_again(doc: Doc, spans: list[Span], taken: set[int]) -> list[tuple[Span | None, Span]]:
    """One name, one place in an article (see :data:`SPANS_AGAIN` and :data:`TOKENS_AGAIN`).

    Returns (the span replaced or None, its replacement); the caller drops the spans replaced."""
    places = _article_places(spans)
    if not places:
        return []
    out: list[tuple[Span | None, Span]] = []
    for s in spans:
        if (new := first(SPANS_AGAIN, s, places)) is not None:
            out.append((s, new))
    out += [(None, new) for new in chain(TOKENS_AGAIN, doc, places, taken)]
    return out
