"""Where an organisation is based, said by a noun about it (rules of the relations stage).

"Ford's Detroit headquarters", "the Chicago firm Continental Illinois", "the Florida company
Ridgeback Biotherapeutics": the place names the organisation's seat, or the noun that describes
it. :data:`extract.phrases.BASED` runs these rules with its own.

Rule examples are sentences of English Wikinews (wikinews_2019_2020, CC BY 2.5, credit: Wikinews
contributors).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from core.records import Mention

from .coref import CONTAINER_TYPES, resolve_token
from .described import COMPANY_NOUNS
from .kinds import ORGANIZATION_NOUNS
from .lexicon import words
from .rules import rule
from .triples import demonym_country

#: "headquarters", "head office": the place that names them is the organisation's base.
SEAT_NOUNS = words("seat_nouns")

_FIRM_NOUNS = COMPANY_NOUNS | ORGANIZATION_NOUNS  # "the Chicago firm X", "the Rollei company"


def _places_modifying(noun: Token) -> Iterator[tuple[Token, Mention]]:
    """The places (or, for a nationality word, countries) that modify a noun before it."""
    for c in noun.children:
        if c.i > noun.i:
            continue
        if c.dep_ in ("compound", "nmod"):
            m = resolve_token(c, agent=False)
            if m is not None and m.type in CONTAINER_TYPES:
                yield c, m
        elif c.dep_ == "amod" and (country := demonym_country(c)) is not None:
            yield c, country


@rule(example=("In his Tuesday live-streamed talk at the United States think tank Atlantic Council's Washington "
               "headquarters, Mitsotakis reaffirmed that the EastMed project is open for other countries to join."))
def place_of_owned_seat(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """An organisation owning a seat noun that a place modifies is based there: "Atlantic Council's
    Washington headquarters", "Ford's Detroit headquarters"."""
    root = ent.root
    if root.dep_ == "poss" and root.head.lower_ in SEAT_NOUNS:
        yield from _places_modifying(root.head)


@rule(example="Tipton held a panel on her career, dubbing anime for US distribution company Funimation Entertainment.")
def place_of_company_noun(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """An organisation named after a company noun that a place modifies is based there: "US
    distribution company Funimation Entertainment", "the Florida company Ridgeback Biotherapeutics",
    "the Chicago firm Continental Illinois"."""
    root, doc = ent.root, ent.doc
    nouns = [root.head] if root.dep_ == "appos" and root.head.i == ent.start - 1 else []
    nouns += [c for c in root.children if c.dep_ == "compound" and c.i == ent.start - 1]
    if ent.start >= 1 and not nouns and doc[ent.start - 1].head.i == root.i:
        nouns.append(doc[ent.start - 1])
    for noun in nouns:
        if noun.lower_ in _FIRM_NOUNS and noun.tag_ == "NN":
            yield from _places_modifying(noun)
