"""Places the words around a name show, where the gazetteer reads another place or none.

For the typing stage (:mod:`extract.entities` lists them among the model entity's readings): a
US state's name before one of its offices is the state ("New York Governor Andrew Cuomo"), not
the city of the same name; names before a plural region noun are regions ("the Donetsk and Luhansk
regions"); the name after "a native of" or after a person's age ("Peter Stuart,
75, of Weybread") is where the person lives, a place, though the model tags an organisation.
No list of places decides: the gazetteer and the shape of the phrase do.

Each rule's example is a sentence of real news (Reuters-21578; the BBC; newsarticles 2017; The Guardian).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from core import gazetteer

from .doc import typed_span
from .places import article_countries, region_of_name
from .lexicon import words
from .names import INSTITUTION_WORDS, ORG_HEAD_WORDS, REGION_NOUNS, names_organisation
from .kinds import ORG_NAME_WORDS
from .rules import rule

#: Titles of a US state's offices: "Governor", "Gov.", "Sen.".
STATE_TITLES = words("state_titles")
#: Person nouns whose "of" object is the person's home: "a native of Hebei".
HOME_NOUNS = words("home_of_nouns")


def _title_word(text: str) -> str:
    return text.lower().rstrip(".")


@rule(example="A group of prominent politicians, led by New York Governor Mario Cuomo, charged at a public "
              "meeting on the proposed plan on Tuesday that NRC members were more interested in protecting "
              "the utilties'investments than protecting public safety.")
def state_before_its_title(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """A US state's name right before a title of its offices is the state, a Region: "New York
    Governor Mario Cuomo", "Illinois Gov." (not New York City, whose mayor is "New York Mayor")."""
    doc = span.doc
    if ent.label_ not in ("GPE", "ORG", "LOC") or span.end >= len(doc) \
            or _title_word(doc[span.end].text) not in STATE_TITLES or not doc[span.end].is_title:
        return None
    state = gazetteer.us_state(span.text)
    if state is None or state.type != "Region" or state.name != span.text:
        return None
    return typed_span(doc, span.start, span.end, "Region", state.name, state.geonames_id, state.country)


def _home_cue(span: Span) -> bool:
    """"a native of X", "a resident of X", or "Peter Stuart, 75, of X": X is where someone lives."""
    doc, start = span.doc, span.start
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    before = doc[start - 2]
    if before.lemma_.lower() in HOME_NOUNS:
        return True
    # ", 75, of X": an age between commas right after a name.
    return start >= 4 and before.text == "," and doc[start - 3].is_digit and len(doc[start - 3].text) <= 3 \
        and doc[start - 4].text == ","


def _bare_place_name(span: Span) -> bool:
    """A name of capitalised words with no word of an organisation's name."""
    if span[0].lower_ == "the" or not all(t.is_alpha and t.is_title for t in span) or names_organisation(span):
        return False
    return not any(t.lower_ in ORG_NAME_WORDS or t.lower_ in ORG_HEAD_WORDS or t.lower_ in INSTITUTION_WORDS
                   for t in span)


@rule(example="Peter Stuart, 75, of Weybread, Suffolk, was found stabbed to death near the home he shared with "
              "his wife, Sylvia, on 3 June.")
def home_after_native_or_age(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """A name after "a native of", "a resident of" or a person's age and "of" is a town, though the
    model tags an organisation or a person: "Peter Stuart, 75, of Weybread"; a name the gazetteer
    knows is left to it."""
    if ent.label_ not in ("ORG", "PERSON", "GPE", "FAC") or not _home_cue(span) or not _bare_place_name(span) \
            or gazetteer.lookup(span.text) is not None or names.get(span.text, "").startswith("Person|"):
        return None
    town = gazetteer.lookup_town(span.text)
    if town is not None and town.country in article_countries(span.doc):
        return typed_span(span.doc, span.start, span.end, "City", town.name, town.geonames_id, town.country)
    return typed_span(span.doc, span.start, span.end, "City", span.text)


#: How far a plural region noun may follow the first name of its list: "the Tula, Moscow, Ryazan, Vladimir
#: and Ivanovo regions".
_LIST_REACH = 12


def _plural_region_noun_after(doc: Doc, end: int) -> Token | None:
    """The plural region noun that ends the list of names going on at token ``end``: "… and Luhansk
    regions"; None if anything but names, commas and "and"/"or" comes first."""
    for k in range(end, min(len(doc), end + _LIST_REACH)):
        t = doc[k]
        if t.tag_ == "NNS" and t.is_lower and t.lemma_.lower() in REGION_NOUNS:
            return t
        if not _in_list(t):
            return None
    return None


def _in_list(token: Token) -> bool:
    """A word of a list of names: a name, a comma or a conjunction ("and", "or")."""
    return token.text == "," or token.pos_ == "CCONJ" or (token.pos_ == "PROPN" and token.is_title)


def _listed_with_a_place(span: Span, noun: Token) -> bool:
    """The name is a place the gazetteer knows, or another name of its list is one or is tagged by the
    model as a place: "the Belt and Road regions" names no place."""
    doc = span.doc
    if gazetteer.lookup(span.text) is not None:
        return True
    start = span.start
    while start > 0 and start > span.start - _LIST_REACH and _in_list(doc[start - 1]):
        start -= 1
    return any(t.ent_type_ in ("GPE", "LOC") or gazetteer.lookup(t.text) is not None for t in doc[start : noun.i]
               if t.pos_ == "PROPN" and not span.start <= t.i < span.end)


@rule(example="Since May 2014 the Investigative Committee has more than once reported progress in investigating "
              "grave and extremely grave crimes committed by Ukraine's top political and military leadership in "
              "the territories of the Donetsk and Lugansk regions,\" Petrenko said.")
def regions_before_a_plural_noun(ent: Span, span: Span, names: dict[str, str]) -> Span | None:
    """Names listed before a plural region noun are regions, named apart from the cities they are
    named after: "the Donetsk and Lugansk regions", "Hebei and Henan provinces"."""
    doc = span.doc
    if ent.label_ not in ("GPE", "ORG", "PERSON", "LOC") or (noun := _plural_region_noun_after(doc, span.end)) is None \
            or not _listed_with_a_place(span, noun):
        return None
    return region_of_name(doc, span.start, span.end, span.text)


@rule(example="Luhansk and Donetsk provinces combined are known as the Donbas.")
def untagged_region_before_a_plural_noun(token: Token) -> Span | None:
    """An untagged name listed before a plural region noun is a region: "Kharkiv" in "the
    Kharkiv, Donetsk and Luhansk oblasts"."""
    doc = token.doc
    if token.ent_type_ or not token.is_title or token.pos_ != "PROPN" \
            or (noun := _plural_region_noun_after(doc, token.i + 1)) is None:
        return None
    if not _listed_with_a_place(doc[token.i : token.i + 1], noun):
        return None
    return region_of_name(doc, token.i, token.i + 1, token.text)
