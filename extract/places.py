"""The places stage: what the text itself says is a place.

The gazetteer alone knows cities of 50,000 people or more; these rules read
the words around a name ("in Lyman", "the town of Svitlodarsk", "the
provinces of Donetsk and Luhansk", "the Podil neighbourhood") and keep
non-places out ("pro-Moscow separatists"). The typing stage
(:mod:`extract.entities`) asks them for each name; one name, one place per
article is in :mod:`extract.place_again`.

Each rule's example is a sentence of real news (English Wikinews, CC BY 2.5, Wikinews
contributors; The Guardian; The New York Times; Reuters-21578; the seeds).

>>> # doc = nlp("Three civilians were killed in the town of Vuhledar.")
>>> # [(e.text, e.label_) for e in doc.ents]  -> [('Vuhledar', 'City')]
"""
from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from core import gazetteer

from .doc import sent_of, state, typed_span
from .lexicon import words
from .names import REGION_NOUNS, TITLE_WORDS
from .rules import NOTHING, chain, first, registry, rule

PLACES = registry("places", "what the text itself says is a place")

#: Prepositions of location and movement: their object is a place when the gazetteer knows it
#: as a town ("in Lyman", "around Popasna", "from Izium").
PLACE_PREPOSITIONS = words("place_prepositions")
#: Nouns for a settlement: "the town of Vuhledar", "Izium, a town on the Donets river".
SETTLEMENT_NOUNS = words("settlement_nouns")
#: Parts of a city named by a proper name: "the Podil neighbourhood" is a place, not a people.
QUARTER_NOUNS = words("quarter_nouns")
#: "pro-Moscow", "anti-Kyiv": an adjective about a side, not the place.
SIDE_PREFIXES = words("side_prefixes")
#: Last words of natural features: "the Donets river" is a place, not an organisation.
FEATURE_WORDS = words("feature_words")
#: The model's labels for names; dates, numbers and the like are never places here ("in March").
NAME_LABELS = frozenset("PERSON ORG GPE LOC FAC NORP PRODUCT".split())
#: Labels under which a town is taken from its context: not people, peoples, or areas ("in Asia").
TOWN_LABELS = frozenset("ORG GPE FAC PRODUCT".split())


# -- names that are no place ------------------------------------------------------------

@rule(example="It is located close to territory held by pro-Moscow separatists.")
def side_adjective(doc: Doc):
    """A place's name that is half of an adjective about a side is no place: "pro-Moscow
    separatists" (but "Anti-Corruption", no place's name, is left alone). Yields token indices."""
    for t in doc[2:]:
        if doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ in SIDE_PREFIXES \
                and (t.ent_type_ in ("GPE", "LOC") or gazetteer.lookup(t.text) is not None):
            yield t.i


SIDE_ADJECTIVES = PLACES.step("side adjective", (side_adjective,))


def side_adjectives(doc: Doc) -> set[int]:
    """"pro-Moscow separatists": names that are half of an adjective ("pro-", "anti-"), by token index."""
    return set(chain(SIDE_ADJECTIVES, doc))


# -- one model entity, two places ---------------------------------------------------------

@rule(example="Today, Russian opposition leader Alexei Navalny was airlifted from the city of Omsk in "
              "Siberia to Berlin, Germany.")
def places_joined_by_preposition(ent: Span) -> list[Span] | None:
    """"Kharkiv from Izium", "Omsk in Siberia" (one entity to the model): the parts of a name
    joined by a lower-case place preposition that the parse hangs outside it, or that follows
    a town. Parts joined by a place preposition are places (GPE)."""
    doc = ent.doc

    def cut(t: Token) -> bool:
        if not (t.is_lower and t.pos_ == "ADP") or t.i == ent.start:
            return False
        if t.lower_ not in PLACE_PREPOSITIONS or t.lower_ == "to":
            return False  # "Commission on Social Justice", "Ambassador to Russia"
        return not ent.start <= t.head.i < ent.end or gazetteer.lookup_town(doc[ent.start : t.i].text) is not None

    cuts = [t.i for t in ent if cut(t)]
    if not cuts or ent.label_ not in NAME_LABELS:
        return None
    placed = all(doc[i].lower_ in PLACE_PREPOSITIONS for i in cuts)
    label = "GPE" if placed and ent.label_ in TOWN_LABELS else ent.label_
    bounds = [ent.start - 1, *cuts, ent.end]
    return [Span(doc, a + 1, b, label=label) for a, b in pairwise(bounds) if b > a + 1]


@rule(example="Sergeant Ratana, from Hawke's Bay, New Zealand, served in the Auckland, New Zealand police force "
              "for five years.")
def town_comma_country(ent: Span) -> list[Span] | None:
    """"Auckland, New Zealand" (one organisation to the model): a town of a country, a comma and
    that country are two places, whatever the model's label."""
    doc = ent.doc
    comma = next((t.i for t in ent if t.text == ","), None)
    if comma is None or comma == ent.start or comma + 1 >= ent.end:
        return None
    country = gazetteer.lookup(doc[comma + 1 : ent.end].text)
    town = gazetteer.lookup(doc[ent.start : comma].text)
    if country is None or country.type != "Country" or town is None or town.country != country.name:
        return None
    return [Span(doc, ent.start, comma, label="GPE"), Span(doc, comma + 1, ent.end, label="GPE")]


SPLITS = PLACES.step("split", (places_joined_by_preposition, town_comma_country))


def split_at_preposition(ent: Span) -> list[Span]:
    """The parts of a model entity that are names of their own (see :data:`SPLITS`), or the entity."""
    parts = first(SPLITS, ent)
    return parts if parts is not None else [ent]


# -- helpers over the gazetteer and the parse ----------------------------------------------

def _city(doc: Doc, start: int, end: int, place: gazetteer.Place | None) -> Span:
    if place is None:
        return typed_span(doc, start, end, "City", doc[start:end].text)
    return typed_span(doc, start, end, "City", place.name, place.geonames_id, place.country)


def region_of_name(doc: Doc, start: int, end: int, core: str, noun: str = "") -> Span | None:
    """A region named apart from a city of the same name ("Luhansk region"); a country is no
    region. ``noun``: the region noun that named it, kept with a name the gazetteer does not
    know ("the Ural region": the Urals are mountains, the region is the "Ural region")."""
    place = gazetteer.lookup(core)
    if place is None:
        return typed_span(doc, start, end, "Region", f"{core} {noun}" if noun else core)
    if place.type == "Country":
        return None
    return typed_span(doc, start, end, "Region", f"{place.name} region", country=place.country)


def settlement_of(span: Span) -> bool:
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


def called_city(span: Span) -> bool:
    """"the city of Kharkiv", "Seoul city", "Kharkiv, a city …", "Ukraine's second biggest city, Kharkiv"."""
    root, doc = span.root, span.doc
    if span.end < len(doc) and doc[span.end].lower_ in SETTLEMENT_NOUNS:
        return True
    return settlement_of(span) or any(c.dep_ == "appos" and c.lemma_.lower() in SETTLEMENT_NOUNS
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


def countries_named_besides(span: Span) -> frozenset[str]:
    """The countries the article names (as :func:`article_countries`) through names other than the span's."""
    by_country = _names_of_countries(span.doc)
    return frozenset(c for c, texts in by_country.items() if len(texts) > 1 or span.text not in texts)


def _names_of_countries(doc: Doc) -> dict[str, frozenset[str]]:
    """Each country the model's entities name, with the texts that name it: read once per doc
    (as :func:`article_countries`), so that asking for every name of a long article stays linear."""
    st = state(doc)
    if st.country_names is None:
        texts: dict[str, set[str]] = {}
        for e in doc.ents:
            if e.label_ == "NORP":
                country = gazetteer.country_of_demonym(e.text)
            elif e.label_ in ("GPE", "LOC", "ORG", "PERSON") and (place := gazetteer.lookup(e.text)) is not None:
                country = place.country or place.name
            else:
                continue
            if country:
                texts.setdefault(country, set()).add(e.text)
        st.country_names = {c: frozenset(t) for c, t in texts.items()}
    return st.country_names


def has_place_cue(span: Span) -> bool:
    """The words around a name say it is a place: a place preposition, "the town of",
    or an apposition "a town"."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in SETTLEMENT_NOUNS for c in root.children):
        return True  # "Izium, a town on the Donets river"
    return settlement_of(span)


# -- place readings of a model entity ----------------------------------------------------
# Each rule takes (the name's span, the model's label, whether the name stands for a person of the
# article, "Zelenskiy", and so is never read as a town).

@rule(example="Griner was arrested at a Moscow airport in February.")
def no_place_in_dates_or_numbers(span: Span, label: str, person_word: bool) -> Span | None:
    """A date, a number or the like is never a place: "in March"."""
    return NOTHING if label not in NAME_LABELS else None


@rule(example="The mall, surrounded by several high-rise apartment buildings in the Podil neighborhood of "
              "Kyiv, was still smoldering on the morning of March 21.")
def quarter_of_a_city(span: Span, label: str, person_word: bool) -> Span | None:
    """A proper name before a quarter noun is a part of a city, a Place: "the Podil neighbourhood"."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in QUARTER_NOUNS and span[-1].pos_ == "PROPN":
        return typed_span(doc, span.start, span.end, "Place", span.text)
    return None


@rule(example="Ukraine called its retreat from Sievierodonetsk a “tactical withdrawal” to fight from higher "
              "ground in Lysychansk on the opposite bank of the Siverskyi Donets river.")
def natural_feature(span: Span, label: str, person_word: bool) -> Span | None:
    """A name before a feature word is a river, a sea, a mountain: a Place, not an organisation:
    "the Donets river"."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in FEATURE_WORDS and label in ("ORG", "PERSON", "FAC"):
        return typed_span(doc, span.start, span.end + 1, "Place", f"{span.text} {doc[span.end].lower_}")
    return None


@rule(example="Wiranto, who was visiting the town of Pandeglang in the province of Banten, survived the "
              "attack.")
def region_named_with_of(span: Span, label: str, person_word: bool) -> Span | None:
    """A name after "the region of" is a Region: "the eastern provinces of Donetsk and Luhansk",
    "the northern region of Sumy"; not an area ("the regions of South East Asia")."""
    if _region_of(span) and label != "LOC":
        return region_of_name(span.doc, span.start, span.end, span.text) or NOTHING
    return None


@rule(example="Russia takes control of Donetsk region town of Svitlodarsk")
def town_of(span: Span, label: str, person_word: bool) -> Span | None:
    """A name after "the town of" is a town, with its GeoNames entry only in a country of the
    article: "the town of Svitlodarsk"; not "the capital city of South Sudan"."""
    if not settlement_of(span):
        return None
    known = gazetteer.lookup(span.text)
    if known is not None and known.type != "City":
        return None
    town = gazetteer.lookup_town(span.text)
    return _city(span.doc, span.start, span.end, town if town and town.country in article_countries(span.doc) else None)


def _state_after(span: Span) -> gazetteer.Place | None:
    """The US state named right after the span and a comma ("La Jolla, Calif."), ending the phrase."""
    doc = span.doc
    if span.end + 2 > len(doc) or doc[span.end].text != ",":
        return None
    state = gazetteer.us_state(doc[span.end + 1].text)
    after = span.end + 2
    if state is None or state.type != "Region":
        return None
    return state if after == len(doc) or not doc[after].is_alpha or doc[after].is_sent_start else None


def _titled(span: Span) -> bool:
    """"Sen. Lloyd Bentsen, Texas": a title right before the name says it is a person's."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.text.lower().rstrip(".") in TITLE_WORDS


@rule(example="He was 101 and died of pneumonia in La Jolla, California.")
def town_before_state(span: Span, label: str, person_word: bool) -> Span | None:
    """A name right before a comma and a US state, or its abbreviation, is a US town: "La Jolla, Calif.",
    "Urbana, Md.", "San Diego, Calif." ("Paris, Texas" is not the capital of France); so is a name the
    model reads as a person's that the article does not ("Mineral Wells, Texas"), with no title before it."""
    if label not in ("GPE", "LOC", "ORG", "FAC", "PERSON") or _state_after(span) is None:
        return None
    if label == "PERSON" and (person_word or _titled(span)):
        return None
    town = gazetteer.lookup_town(span.text)
    if town is not None and town.country == "United States":
        return _city(span.doc, span.start, span.end, town)
    return typed_span(span.doc, span.start, span.end, "City", span.text, country="United States")


@rule(example="He was 101 and died of pneumonia in La Jolla, California.")
def state_after_town(span: Span, label: str, person_word: bool) -> Span | None:
    """A US state's abbreviation after a town and a comma is the state: "La Jolla, Calif." (California)."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != "," or not doc[span.start - 2].is_title or len(span) != 1:
        return None
    state = gazetteer.us_state(span.text)
    if state is None or state.type != "Region":
        return None
    return typed_span(doc, span.start, span.end, "Region", state.name, state.geonames_id, state.country)


@rule(example="Lysychansk was the last Ukrainian-controlled city in the Luhansk region.")
def gazetteer_reads_it(span: Span, label: str, person_word: bool) -> Span | None:
    """A name the gazetteer knows, or that stands for a person of the article, is not read from its
    context: the gazetteer's own reading comes next."""
    return NOTHING if person_word or gazetteer.lookup(span.text) is not None else None


@rule(example="Pro-Russia forces drive past a destroyed residential building in Popasna, Luhansk, in May.")
def town_after_place_preposition(span: Span, label: str, person_word: bool) -> Span | None:
    """A name the gazetteer knows only as a small town, after a place preposition or "the town of",
    is that town if it is in a country of the article: "in Lyman", "around Popasna" (in Ukraine)."""
    if label in TOWN_LABELS and has_place_cue(span) and (town := gazetteer.lookup_town(span.text)) \
            and town.country in article_countries(span.doc):
        return _city(span.doc, span.start, span.end, town)
    return None


READINGS = PLACES.step("model entity", (no_place_in_dates_or_numbers, quarter_of_a_city, natural_feature,
                                        region_named_with_of, town_of, town_before_state, state_after_town,
                                        gazetteer_reads_it,
                                        town_after_place_preposition))


def place_span(span: Span, label: str, person_word: bool = False) -> Span | None:
    """A place reading of a model entity that the words around it give (see :data:`READINGS`)."""
    return first(READINGS, span, label, person_word)


# -- names the model did not tag ------------------------------------------------------------

@rule(example="An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region of "
              "Russia.")
def untagged_region(token: Token) -> Span | None:
    """An untagged proper name before a region noun is a Region: "the Ural region"."""
    doc = token.doc
    if token.pos_ == "PROPN" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in REGION_NOUNS:
        return region_of_name(doc, token.i, token.i + 2, token.text, doc[token.i + 1].lower_) or NOTHING
    return None


@rule(example="“Russia’s capture of the Severodonetsk pocket would see the whole of Luhansk Oblast placed "
              "under Russian occupation,” it added.")
def city_as_modifier(token: Token) -> Span | None:
    """An untagged modifier the gazetteer knows as a city is that city: "the Severodonetsk pocket"."""
    if token.pos_ in ("ADJ", "NOUN") and token.dep_ in ("amod", "compound") and token.head.i > token.i \
            and not gazetteer.country_of_demonym(token.text):
        place = gazetteer.lookup(token.text)
        if place is not None and place.type == "City":
            return _city(token.doc, token.i, token.i + 1, place)
    return None


UNTAGGED = PLACES.step("untagged name", (untagged_region, city_as_modifier))


def untagged_place(token: Token) -> Span | None:
    """A name the model did not tag, read as a place by its context (see :data:`UNTAGGED`)."""
    if token.ent_type_ or not token.is_title or token.is_stop or token.i == sent_of(token).start:
        return None
    return first(UNTAGGED, token)
