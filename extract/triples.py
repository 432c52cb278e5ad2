"""The bottom of the relations stage: its registry, and how a triple is made.

The rules are in :mod:`extract.relations` (verbs and attack nouns),
:mod:`extract.descriptions` (roles, memberships, a group's country, a
facility's city) and :mod:`extract.located` (places located in places).
"""
from __future__ import annotations

from spacy.tokens import Token

from core import gazetteer
from core.records import Mention, Triple

from .coref import CONTAINER_TYPES, resolve_token
from .dates import date_in
from .doc import entity_at, provenance
from .rules import registry

RELATIONS = registry("relations", "subject-relation-object triples between entities")


def make_triple(s: Mention, rel: str, o: Mention, verb: Token, first: Token, last: Token, conf: float,
                modality: str = "") -> Triple:
    """A triple whose provenance spans its verb (or noun) and the two tokens that name its ends
    (``modality``: how the verb states it, "" asserted; see :mod:`extract.modality`)."""
    doc = verb.doc
    lo = min(first.idx, last.idx, verb.idx)
    hi = max(t.idx + len(t.text) for t in (first, last, verb))
    return Triple(s, rel, o, verb.lemma_.lower(), provenance(doc, lo, hi),
                  round(min(s.confidence, o.confidence, conf), 3), date_in(verb), modality=modality)


def of_object(token: Token) -> Token | None:
    """The object of the token's "of" ("control" -> "the town" in "control of the town")."""
    return next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"), None)


def demonym_country(token: Token) -> Mention | None:
    """"Ukrainian" in "Ukrainian Defense Minister Oleksiy Reznikov" -> Ukraine."""
    place = gazetteer.lookup(gazetteer.country_of_demonym(token.text)) if token.dep_ in ("amod", "compound") else None
    if place is None:
        return None
    return Mention(token.text, place.name, "Country", provenance(token.doc, token.idx, token.idx + len(token.text)),
                   0.8, geonames_id=place.geonames_id)


def container_of(token: Token, place: Mention) -> Mention | None:
    """The place in apposition to a place, which contains it: "born in Point Pleasant, Ohio" -> Ohio,
    "Owens-Corning Fiberglass of Toledo, Ohio" -> Ohio (what is in the town is in the state)."""
    if place.type not in CONTAINER_TYPES:
        return None
    return next((m for c in token.children if c.dep_ == "appos" and entity_at(c) is not None
                 and (m := resolve_token(c, agent=False)) is not None and m.type in CONTAINER_TYPES
                 and m.name != place.name), None)
