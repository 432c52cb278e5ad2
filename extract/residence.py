"""Where a person lives or comes from, said around a name rather than by a verb (relations stage).

A person's home named with an owner ("his native New York City", "Soleimani's hometown", "at her
home in Carmel Valley"); a description in apposition that says where the person comes from ("X, a
Memphis native", "X, a technician from North Wales, Pa."). An office of a place gives no ``from``:
the place is already the holder's role_of (see tests/model/test_relation_phrases.py).
:func:`residence_triples` runs them for each entity, after :mod:`extract.phrases`.

Rule examples are sentences of English Wikinews (wikinews_2019_2020, CC BY 2.5, credit: Wikinews
contributors).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from core.records import Mention, Triple

from .coref import CONTAINER_TYPES, resolve_token
from .doc import entity_at, mention
from .lexicon import table, words
from .phrases import NATIVE_NOUNS
from .rules import chain, rule
from .triples import RELATIONS, container_of, make_triple

__all__ = ["RESIDENCE", "residence_triples"]

#: "hometown" -> from, "birthplace" -> born_in, "home" -> lives_in: a noun for a person's home place.
HOME_NOUNS = table("home_nouns")
#: "of", "in": "hometown of Kryvyi Rih", "home in Carmel Valley".
HOME_PREPS = words("home_prepositions")


def _place(token: Token) -> Mention | None:
    m = resolve_token(token, agent=False)
    return m if m is not None and m.type in CONTAINER_TYPES else None


def _with_container(tok: Token, place: Mention) -> Iterator[tuple[Token, Mention]]:
    """The place and the place in apposition that contains it ("Carmel Valley, California")."""
    yield tok, place
    container = container_of(tok, place)
    if container is not None:
        yield tok, container


# -- a person's home, named with its owner ---------------------------------------

def _home_relation(noun: Token) -> str:
    """The relation a home noun says ("hometown" -> from), "" for another noun; "home state",
    "home town" are the person's origin."""
    low = noun.lemma_.lower()
    if any(c.dep_ == "compound" and c.lower_ == "home" for c in noun.children):
        return "from"
    rel = str(HOME_NOUNS.get(low, "")) if noun.pos_ in ("NOUN", "ADJ") else ""
    if rel == "lives_in" and any(c.dep_ == "amod" for c in noun.children):
        return "from"  # "his ancestral home", "her childhood home", "his former home": not where they live now
    return rel


def _owner(token: Token) -> Mention | None:
    """The person who owns a noun ("his", "Soleimani's")."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    person = resolve_token(owner) if owner is not None else None
    return person if person is not None and person.type == "Person" else None


@rule(example=("US singer, actor, and animal rights advocate Doris Day died on Monday at her home in Carmel Valley, "
               "California."))
def owned_home_place(ent: Span) -> Iterator[tuple[Mention, str, Token]]:
    """A place named as someone's home: "his native New York City", "his Iowa hometown", "Zelenskiy's
    hometown of Kryvyi Rih", "her home in Carmel Valley", "Kerman, Soleimani's hometown" (owner, relation,
    token of the home noun)."""
    root = ent.root
    # "his native New York City": the place owns the owner and the home word
    native = next((c for c in root.children if c.dep_ == "amod" and c.lower_ in NATIVE_NOUNS), None)
    if native is not None and (owner := _owner(root)) is not None:
        yield owner, "from", native
    nouns = [c for c in root.children if c.dep_ == "appos"]  # "Kerman, Soleimani's hometown"
    if root.dep_ in ("compound", "nmod", "appos"):  # "his Iowa hometown", "his hometown, Kyiv"
        nouns.append(root.head)
    if root.dep_ == "pobj" and root.head.lower_ in HOME_PREPS:  # "hometown of Kryvyi Rih", "home in Carmel Valley"
        nouns.append(root.head.head)
    for noun in nouns:
        if (rel := _home_relation(noun)) and (owner := _owner(noun)) is not None:
            yield owner, rel, noun


HOME = RELATIONS.step("home", (owned_home_place,))


@rule(example="English mathematician John Horton Conway died on Saturday at his New Jersey home, reportedly due to COVID-19 complications.")
def home_of_person(ent: Span) -> Iterator[Triple]:
    """A person comes from (or lives in, was born in) each place named as their home (see :data:`HOME`)."""
    if ent.label_ not in CONTAINER_TYPES:
        return
    for owner, rel, noun in chain(HOME, ent):
        for tok, where in _with_container(ent.root, mention(ent)):
            if where.name != owner.name:
                yield make_triple(owner, rel, where, noun, noun, tok, 0.7)


# -- a description of where the person comes from --------------------------------

@rule(example=("Nabil Hasan al-Quaety, a photo- and videojournalist from Yemen, died in the city of Aden, in southern "
               "Yemen, on Tuesday after being shot in his car."))
def description_from_place(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """"X, a videojournalist from Yemen", "X, an electronics technician from North Wales, Pa.": a
    place after "from" on the noun in apposition to the name; "X, a Memphis native" (the parser often
    makes the place the apposition, "native" its adjective)."""
    for noun in ent.root.children:
        if noun.dep_ != "appos":
            continue
        if any(g.dep_ == "amod" and g.lower_ in NATIVE_NOUNS for g in noun.children) \
                and (place := _place(noun)) is not None:
            yield noun, place
        if noun.pos_ != "NOUN" or entity_at(noun) is not None:
            continue
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and (place := _place(pobj)) is not None:
                        yield pobj, place


ORIGIN = RELATIONS.step("origin", (description_from_place,))


@rule(example=("Nabil Hasan al-Quaety, a photo- and videojournalist from Yemen, died in the city of Aden, in southern "
               "Yemen, on Tuesday after being shot in his car."))
def person_from_description(ent: Span) -> Iterator[Triple]:
    """A person is from each place a description beside their name says they come from (see :data:`ORIGIN`)."""
    if ent.label_ != "Person":
        return
    person = mention(ent)
    for tok, place in chain(ORIGIN, ent):
        for t, where in _with_container(tok, place):
            if where.name != person.name:
                yield make_triple(person, "from", where, t, ent.root, t, 0.7)


RESIDENCE = RELATIONS.step("residence", (home_of_person, person_from_description))


def residence_triples(ent: Span) -> Iterator[Triple]:
    """Where a person comes from or lives, from the words around a name (see :data:`RESIDENCE`)."""
    return chain(RESIDENCE, ent)
