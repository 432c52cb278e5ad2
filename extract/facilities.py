"""Facilities: a hospital, a theatre, a steel plant, for the typing stage.

A facility noun with a proper-name modifier is a named Facility ("the
Azovstal steel mill"); without one it is a Facility only where a city can be
found for it, and it is named after that city ("theater (Mariupol)").
:mod:`extract.entities` lists these rules in its steps.

Each rule's example is a sentence of real news (English Wikinews, CC BY 2.5, Wikinews
contributors; The Guardian; The New York Times; Reuters-21578; the seeds).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .coref import facility_place, preceding
from .doc import mention, sent_of, typed_span
from .lexicon import table, words
from .rules import NOTHING, rule

#: Facility nouns, each with the word it is named by: "steel mill" = "steel plant".
FACILITY_HEADS = table("facility_heads")
#: Lower-case adjectives that are part of a facility's name: "maternity hospital".
FACILITY_KIND_ADJECTIVES = words("facility_kind_adjectives")


def _facility_phrase(token: Token) -> tuple[Span, bool] | None:
    """The facility noun phrase headed by ``token``, and whether a proper name is in it."""
    if token.lower_ not in FACILITY_HEADS or token.pos_ != "NOUN" or token.dep_ == "compound":
        return None
    mods = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.i >= token.i - 3]
    # "the Azovstal steel mill": the name may hang on the first modifier.
    start = min((m.left_edge.i for m in mods if m.left_edge.i >= token.i - 4), default=token.i)
    while start < token.i and token.doc[start].dep_ in ("det", "punct", "poss", "case"):
        start += 1
    while start < token.i and (token.doc[start].ent_type_ == "NORP" or token.doc[start].pos_ == "ADJ"
                               and not token.doc[start].is_title
                               and token.doc[start].lower_ not in FACILITY_KIND_ADJECTIVES):
        start += 1  # "massive", "Russian": not part of the name
    span = token.doc[start : token.i + 1]
    named = any(t.pos_ == "PROPN" or (t.ent_type_ and t.is_title and t.i > sent_of(t).start) for t in span)
    return span, named


def _descriptor(span: Span) -> list[str]:
    """The words of a facility phrase, its noun in the one spelling it is named by."""
    return [t.text for t in span[:-1]] + [FACILITY_HEADS[span[-1].lower_]]


@rule(example="In Kyiv, air strikes hit the Retroville shopping mall in the northwest outskirts of the "
              "capital late on March 20, killing at least eight people.")
def named_facility(doc: Doc):
    """A facility noun with a proper name in its phrase is a named Facility: "the Azovstal steel
    mill" -> "Azovstal steel plant". Yields the facilities of the doc in order."""
    for token in doc:
        found = _facility_phrase(token)
        if found is not None and found[1]:
            span = found[0]
            yield typed_span(doc, span.start, span.end, "Facility", " ".join(_descriptor(span)))


def unnamed_facility_phrase(token: Token) -> Span | None:
    """The phrase of a facility noun with no proper name in it: "a theater", "the steel plant"."""
    found = _facility_phrase(token)
    return found[0] if found is not None and not found[1] else None


def _lower_descriptor(span: Span) -> str:
    return " ".join([t.text.lower() for t in span[:-1]] + [FACILITY_HEADS[span[-1].lower_]])


@rule(example="In Kyiv, air strikes hit the Retroville shopping mall in the northwest outskirts of the "
              "capital late on March 20, killing at least eight people. The mall, surrounded by several "
              "high-rise apartment buildings in the Podil neighborhood of Kyiv, was still smoldering on the "
              "morning of March 21.")
def facility_named_elsewhere(span: Span, named: list[Span]) -> Span | None:
    """An unnamed facility is the article's one named facility of that kind: "the steel plant" ->
    "Azovstal steel plant"."""
    descriptor = _lower_descriptor(span)
    same = [n for n in named if n._.kg_name.lower().endswith(descriptor)]
    if len({n._.kg_name for n in same}) == 1:
        return typed_span(span.doc, span.start, span.end, "Facility", same[0]._.kg_name)
    return None


@rule(example="Navalny was transferred from the hospital in Omsk to Charité in Berlin via air ambulance.")
def facility_in_a_city(span: Span, named: list[Span]) -> Span | None:
    """An unnamed facility the text places in a city is named after it: "a theater in Mariupol" ->
    "theater (Mariupol)"; placed elsewhere, it is no entity."""
    place = facility_place(span)
    if place is None:
        return None
    if place.type != "City":
        return NOTHING
    return typed_span(span.doc, span.start, span.end, "Facility", f"{_lower_descriptor(span)} ({place.name})")


@rule(example="Particularly harrowing was the 5 July strike on Sloviansk’s town market, where people had "
              "been working and shopping.")
def facility_in_the_article_city(span: Span, named: list[Span]) -> Span | None:
    """An unnamed facility the text places nowhere is in the city the article is about: "attacks
    on places such as a maternity hospital" -> "maternity hospital (Mariupol)"."""
    city = preceding(span.doc, span.start, ("City",), salient=True)
    place = mention(city, 0.5) if city is not None else None
    if place is not None and place.type == "City":
        return typed_span(span.doc, span.start, span.end, "Facility", f"{_lower_descriptor(span)} ({place.name})")
    return None
