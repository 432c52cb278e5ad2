"""Where a person is from and where a place lies, said by "be" (a rule of the relations stage).

"Tusk, a founding Civic Platform member, is from Gdańsk" has no verb but the copula, so
:func:`extract.relations.verb_between_entities` (verbs only) never reads it; "Rome is in Lazio"
likewise. Only a person "from" a place and a place "in" a larger place are facts: "X is in Paris"
of a person says where they are today, not where they live.

Rule examples are sentences of real news: English Wikinews (wikinews_2019_2020, CC BY 2.5,
credit: Wikinews contributors).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from core.records import Triple

from .coref import CONTAINER_TYPES, resolve_token
from .lexicon import table
from .modality import modality_of
from .rules import rule
from .subjects import subjects, with_conjuncts
from .triples import container_of, make_triple

#: "from" -> from (a person), "in" -> located_in (a place).
COPULA_RELATIONS = table("copula_relations")
#: How large a kind of place is: "in" puts a place in a larger one only.
_SIZE = {"City": 1, "Region": 2, "Place": 2, "Country": 3}


def is_copula(token: Token) -> bool:
    """Whether the token is "be" as a clause's verb (not an auxiliary of another verb)."""
    return token.lemma_ == "be" and token.dep_ not in ("aux", "auxpass")


@rule(example="Tusk, a founding Civic Platform member, is from Gdańsk.")
def be_from_or_in(verb: Token) -> Iterator[Triple]:
    """"X is from Y" (a person from a place, and the place's container: "was from West Palm Beach,
    Florida"), "X is in Y" (a place in a larger place: "Rome is in Lazio province")."""
    if not is_copula(verb):
        return
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in COPULA_RELATIONS]
    if not preps:
        return
    doers, conf = subjects(verb)
    modality = modality_of(verb)
    for s_tok in doers:
        s = resolve_token(s_tok)
        if s is None or s.type not in ("Person", "City", "Region", "Place"):
            continue
        for prep in preps:
            rel = COPULA_RELATIONS[prep.lower_]
            if (rel == "from") != (s.type == "Person"):  # a person from a place; a place in a place
                continue
            for o_tok in with_conjuncts([g for g in prep.children if g.dep_ == "pobj"]):
                o = resolve_token(o_tok, agent=False)
                if o is None or o.type not in CONTAINER_TYPES or o.name == s.name:
                    continue
                if rel == "located_in" and _SIZE.get(o.type, 0) <= _SIZE.get(s.type, 0):
                    continue
                yield make_triple(s, rel, o, verb, s_tok, o_tok, conf * 0.8, modality)
                container = container_of(o_tok, o)
                if container is not None and container.name != s.name:
                    yield make_triple(s, rel, container, verb, s_tok, o_tok, conf * 0.7, modality)
