"""Place readings for :mod:`extract.entities`: what the text itself says is a place.

The gazetteer alone knows cities of 50,000 people or more; these rules read
the words around a name ("in Lyman", "the town of Svitlodarsk", "the
provinces of Donetsk and Luhansk", "the Podil neighbourhood") and keep
non-places out ("pro-Moscow separatists", "Karl Marx Avenue" as a person).

>>> # doc = nlp("Three civilians were killed in the town of Vuhledar.")
>>> # [(e.text, e.label_) for e in doc.ents]  -> [('Vuhledar', 'City')]
"""
from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from core import gazetteer

from .doc import sent_of, state, typed_span
from .names import REGION_NOUNS

#: Prepositions of location and movement: their object is a place when the gazetteer knows it
#: as a town ("in Lyman", "around Popasna", "from Izium").
PLACE_PREPOSITIONS = frozenset("in from to near around outside into towards toward across through".split())
#: Nouns for a settlement: "the town of Vuhledar", "Izium, a town on the Donets river".
SETTLEMENT_NOUNS = frozenset("town city village settlement hamlet port".split())
#: Parts of a city named by a proper name: "the Podil neighbourhood" is a place, not a people.
QUARTER_NOUNS = frozenset("neighborhood neighbourhood suburb quarter".split())
#: "pro-Moscow", "anti-Kyiv": an adjective about a side, not the place.
SIDE_PREFIXES = frozenset("pro anti".split())
#: The model's labels for names; dates, numbers and the like are never places here ("in March").
NAME_LABELS = frozenset("PERSON ORG GPE LOC FAC NORP PRODUCT".split())
#: Labels under which a town is taken from its context: not people, peoples, or areas ("in Asia").
TOWN_LABELS = frozenset("ORG GPE FAC PRODUCT".split())
#: Last words of natural features: "the Donets river" is a place, not an organisation.
FEATURE_WORDS = frozenset("river sea lake mountains mountain gulf bay strait".split())


def side_adjectives(doc: Doc) -> set[int]:
    """"pro-Moscow separatists": names that are half of an adjective ("pro-", "anti-"), by token index."""
    return {t.i for t in doc[2:] if doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ in SIDE_PREFIXES
            and (t.ent_type_ in ("GPE", "LOC") or gazetteer.lookup(t.text) is not None)}  # not "Anti-Corruption"


def _city(doc: Doc, start: int, end: int, place: gazetteer.Place | None) -> Span:
    if place is None:
        return typed_span(doc, start, end, "City", doc[start:end].text)
    return typed_span(doc, start, end, "City", place.name, place.geonames_id, place.country)


def _region(doc: Doc, start: int, end: int, core: str, noun: str = "") -> Span | None:
    """A region named apart from a city of the same name ("Luhansk region"); a country is no
    region. ``noun``: the region noun that named it, kept with a name the gazetteer does not
    know ("the Ural region": the Urals are mountains, the region is the "Ural region")."""
    place = gazetteer.lookup(core)
    if place is None:
        return typed_span(doc, start, end, "Region", f"{core} {noun}" if noun else core)
    if place.type == "Country":
        return None
    return typed_span(doc, start, end, "Region", f"{place.name} region", country=place.country)


def _settlement_of(span: Span) -> bool:
    """"the town of Svitlodarsk", "the Polish city of Gdańsk"."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in SETTLEMENT_NOUNS


def _region_of(span: Span) -> bool:
    """"the eastern provinces of Donetsk and Luhansk", "the northern region of Sumy"; not "the
    north-east region of Seoul": a region of a capital is a part of the city."""
    root = span.root
    while root.dep_ == "conj" and root.head.i < root.i:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in REGION_NOUNS \
        and not gazetteer.country_of_capital(span.text)


def _called_city(span: Span) -> bool:
    """"the city of Kharkiv", "Seoul city", "Kharkiv, a city …", "Ukraine's second biggest city, Kharkiv"."""
    root, doc = span.root, span.doc
    if span.end < len(doc) and doc[span.end].lower_ in SETTLEMENT_NOUNS:
        return True
    return _settlement_of(span) or any(c.dep_ == "appos" and c.lemma_.lower() in SETTLEMENT_NOUNS
                                       for c in root.children) \
        or root.dep_ == "appos" and root.head.lemma_.lower() in SETTLEMENT_NOUNS


def article_countries(doc: Doc) -> frozenset[str]:
    """The countries an article names, itself or through its cities and nationality words:
    a small town is taken only in a country the article is about ("Essex" is no town in Vermont
    in a story about Britain). Computed once per doc."""
    st = state(doc)
    if st.countries is None:
        names = set()
        for e in doc.ents:
            if e.label_ == "NORP":
                names.add(gazetteer.country_of_demonym(e.text))
            elif e.label_ in ("GPE", "LOC", "ORG", "PERSON") and (place := gazetteer.lookup(e.text)) is not None:
                names.add(place.country or place.name)
        st.countries = frozenset(names - {""})
    return st.countries


def has_place_cue(span: Span) -> bool:
    """The words around a name say it is a place: a place preposition, "the town of",
    or an apposition "a town"."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in SETTLEMENT_NOUNS for c in root.children):
        return True  # "Izium, a town on the Donets river"
    return _settlement_of(span)


def place_span(span: Span, label: str, person_word: bool = False) -> Span | None:
    """A place reading of a model entity that the words around it give.

    ``label``: the model's label; ``person_word``: the name stands for a person of the
    article ("Zelenskiy"), so it is never read as a town."""
    doc, text = span.doc, span.text
    if label not in NAME_LABELS:
        return None
    if span.end < len(doc) and doc[span.end].lower_ in QUARTER_NOUNS and span[-1].pos_ == "PROPN":
        return typed_span(doc, span.start, span.end, "Place", text)  # "the Podil neighbourhood"
    if span.end < len(doc) and doc[span.end].lower_ in FEATURE_WORDS and label in ("ORG", "PERSON", "FAC"):
        return typed_span(doc, span.start, span.end + 1, "Place", f"{text} {doc[span.end].lower_}")
    if _region_of(span) and label != "LOC":  # not "the regions of South East Asia", an area
        return _region(doc, span.start, span.end, text)
    known = gazetteer.lookup(text)
    if _settlement_of(span) and (known is None or known.type == "City"):  # not "the capital city of South Sudan"
        town = gazetteer.lookup_town(text)  # its GeoNames entry only in a country of the article
        return _city(doc, span.start, span.end, town if town and town.country in article_countries(doc) else None)
    if person_word or known is not None:
        return None  # the gazetteer's own reading comes next
    if label in TOWN_LABELS and has_place_cue(span) and (town := gazetteer.lookup_town(text)) \
            and town.country in article_countries(doc):
        return _city(doc, span.start, span.end, town)  # "in Lyman", "around Popasna" (in Ukraine)
    return None


def split_at_preposition(ent: Span) -> list[Span]:
    """"Kharkiv from Izium", "Omsk in Siberia" (one entity to the model): the parts of a
    name joined by a lower-case preposition that the parse hangs outside it, or a place
    preposition after a town. Parts joined by a place preposition are places (GPE)."""
    doc = ent.doc

    def cut(t: Token) -> bool:
        if not (t.is_lower and t.pos_ == "ADP") or t.i == ent.start:
            return False
        if t.lower_ not in PLACE_PREPOSITIONS or t.lower_ == "to":
            return False  # "Commission on Social Justice", "Ambassador to Russia"
        return not ent.start <= t.head.i < ent.end or gazetteer.lookup_town(doc[ent.start : t.i].text) is not None

    cuts = [t.i for t in ent if cut(t)]
    if not cuts or ent.label_ not in NAME_LABELS:
        return [ent]
    placed = all(doc[i].lower_ in PLACE_PREPOSITIONS for i in cuts)
    label = "GPE" if placed and ent.label_ in TOWN_LABELS else ent.label_
    bounds = [ent.start - 1, *cuts, ent.end]
    return [Span(doc, a + 1, b, label=label) for a, b in pairwise(bounds) if b > a + 1]


def untagged_place(token: Token) -> Span | None:
    """A name the model did not tag, read as a place by its context:
    "the Ural region" (a Region), "the Severodonetsk pocket" (a modifier the gazetteer knows)."""
    doc = token.doc
    if not token.is_title or token.is_stop or token.i == sent_of(token).start:
        return None
    if token.pos_ == "PROPN" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in REGION_NOUNS:
        return _region(doc, token.i, token.i + 2, token.text, doc[token.i + 1].lower_)
    if token.pos_ in ("ADJ", "NOUN") and token.dep_ in ("amod", "compound") and token.head.i > token.i \
            and not gazetteer.country_of_demonym(token.text):
        place = gazetteer.lookup(token.text)
        if place is not None and place.type == "City":
            return _city(doc, token.i, token.i + 1, place)
    return None


def lookup_city(name: str) -> bool:
    place = gazetteer.lookup(name)
    return place is not None and place.type == "City"


def same_place_again(doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
    """One name, one place in an article: a name the article puts in a place elsewhere
    ("around Popasna") is that place where the model calls it an organisation ("being
    Popasna") or leaves it untagged at a sentence start ("Gdańsk residents"); a name one
    letter from a city of the article is a misspelling of it ("Magnitigorsk").

    A city name that the article names as a region ("the Luhansk region", "the provinces
    of Donetsk and Luhansk") and never calls a city is that region ("in Luhansk").

    Returns the replacements; the caller drops the spans they replace."""
    places: dict[str, Span] = {}
    for s in spans:
        if s.label_ == "City" or s.label_ in ("Region", "Country") and s._.kg_geo:
            places.setdefault(s.text, s)
    # Not a capital ("Seoul"), nor a district, which is smaller than its town ("Mysore district").
    regions = {s._.kg_name[: -len(" region")]: s for s in spans if s.label_ == "Region"
               and s._.kg_name.endswith(" region") and s[-1].lower_ != "district"}
    regions = {k: v for k, v in regions.items() if lookup_city(k) and not gazetteer.country_of_capital(k)}
    if regions:
        called = {s._.kg_name for s in spans if s.label_ == "City" and _called_city(s)}
        for s in spans:
            if s.label_ == "City" and s._.kg_name in regions and s._.kg_name not in called:
                places[s.text] = regions[s._.kg_name]
    if not places:
        return []
    out = []

    def copy(src: Span, start: int, end: int) -> Span:
        return typed_span(doc, start, end, src.label_, src._.kg_name, src._.kg_geo, src._.kg_country)

    for s in spans:
        if s.text in places or s._.kg_geo:
            src = places.get(s.text) if s.label_ in ("Organization", "Facility") else None
            if s.label_ == "City" and places.get(s.text, s).label_ == "Region":
                src = places[s.text]  # "in Luhansk" in an article about the Luhansk region
        else:  # a place the gazetteer does not know: a misspelt city of this article?
            src = next((p for t, p in places.items() if p.label_ == "City" and gazetteer.one_edit_apart(s.text, t)),
                       None) if s.label_ in ("Region", "Place") and len(s) == 1 else None
        if src is not None:
            out.append((s, copy(src, s.start, s.end)))
    def in_longer_name(t: Token) -> bool:  # "Canada" in "Canada Emergency Response Benefit"
        return any(0 <= j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN" for j in (t.i - 1, t.i + 1)
                   if j != sent_of(t).start)

    for token in doc:
        if token.i not in taken and token.is_title and not token.ent_type_ and (src := places.get(token.text)) \
                is not None and len(src) == 1 and token.pos_ in ("PROPN", "NOUN", "ADJ") and not in_longer_name(token):
            out.append((None, copy(src, token.i, token.i + 1)))
    return out
