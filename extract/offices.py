"""Where a person is from, said by the office they hold for a place (a rule of the relations stage).

"former United States Senator Kay Hagan", "Iowa Democrat Tom Harkin": a state's politician
represents it, so is ``from`` it (the vocabulary's "from": a native, a resident, a state's
politician). Only seats and party labels count (lexicon place_office_nouns): a governor's, mayor's
or minister's place is already their role_of or mayor_of (:mod:`extract.descriptions`), and
"England manager Gareth Southgate" is not from England. :func:`extract.phrases.person_from` runs
it in its step.

Rule examples are sentences of real news: English Wikinews (wikinews_2019_2020, CC BY 2.5,
credit: Wikinews contributors).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from core.records import Mention

from .coref import CONTAINER_TYPES, resolve_token
from .lexicon import words
from .rules import rule
from .triples import demonym_country, of_object

#: "governor", "gov.", "senator", "minister", "democrat": the holder represents the place that modifies them.
PLACE_OFFICE_NOUNS = words("place_office_nouns")


def _office_nouns(ent: Span) -> list[Token]:
    """The nouns that describe the person: a title before the name, a noun in apposition either way."""
    nouns = [t for t in ent.root.lefts if t.i < ent.start]
    nouns += [c for c in ent.root.children if c.dep_ == "appos"]
    if ent.root.dep_ == "appos":
        nouns.append(ent.root.head)
    return [n for n in nouns if n.lower_ in PLACE_OFFICE_NOUNS or n.lemma_.lower() in PLACE_OFFICE_NOUNS]


def _represented(token: Token) -> Mention | None:
    if token.dep_ == "amod":
        return demonym_country(token)  # "the British prime minister"
    m = resolve_token(token, agent=False)
    return m if m is not None and m.type in CONTAINER_TYPES else None


@rule(example="Yesterday, former United States Senator Kay Hagan died, according to a statement released by her family.")
def office_for_place(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """A place that modifies a seat or party label describing the person, or follows its "of":
    "former United States Senator Kay Hagan", "Iowa Democrat Tom Harkin", "X, a senator of Utah"."""
    for noun in _office_nouns(ent):
        before = [t for t in noun.subtree if t.i < noun.i and t.dep_ in ("poss", "compound", "nmod", "amod")]
        if noun.i < ent.start:  # the parser may hang the place on the name: "Illinois Gov. James Thompson"
            before += [t for t in ent.root.lefts if t.i < noun.i and t.dep_ in ("poss", "compound", "nmod")]
        after = of_object(noun)
        for tok in before + ([after] if after is not None else []):
            if (place := _represented(tok)) is not None:
                yield tok, place
