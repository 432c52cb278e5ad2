"""Places the words around a name show, where the gazetteer reads another place or none.

For the typing stage (:mod:`extract.entities` lists them among the model entity's readings): a
US state's name before one of its offices is the state ("New York Governor Andrew Cuomo"), not
the city of the same name; the name after "a native of" or after a person's age ("Peter Stuart,
75, of Weybread") is where the person lives, a place, though the model tags an organisation.
No list of places decides: the gazetteer and the shape of the phrase do.

Each rule's example is a sentence of real news (Reuters-21578; the BBC; newsarticles 2017).
"""
from __future__ import annotations

from spacy.tokens import Span

from core import gazetteer

from .doc import typed_span
from .places import article_countries
from .lexicon import words
from .names import INSTITUTION_WORDS, ORG_HEAD_WORDS, names_organisation
from .kinds import ORG_NAME_WORDS
from .rules import rule

#: Titles of a US state's offices: "Governor", "Gov.", "Sen.".
STATE_TITLES = words("state_titles")
#: Person nouns whose "of" object is the person's home: "a native of Hebei".
HOME_NOUNS = words("home_nouns")


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
