"""Wins named by a noun: "a win over Alicia Molik" is a defeat of her (a rule of the relations stage).

Sport and election news tell a result with a noun more often than with a verb ("continued her rise
with victory over …", "Biden's victory over Trump"), so the winner is the noun's owner or the
subject of the verb the noun hangs on, and the relation is the verb's: ``defeat``.

Rule examples are sentences of real news (Wikinews, CC BY 2.5).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from core.records import Mention, Triple

from .coref import resolve_token
from .lexicon import words
from .modality import modality_of
from .rules import rule
from .subjects import subjects, with_conjuncts
from .triples import RELATIONS, make_triple

__all__ = ["VICTORY", "VICTORY_NOUNS"]

#: "victory", "win": nouns whose "over" names the one beaten.
VICTORY_NOUNS = words("victory_nouns")
#: "with", "after": a victory noun after these belongs to the verb's subject.
WINNER_PREPOSITIONS = words("winner_prepositions")


def _winners(noun: Token) -> tuple[list[Token], Token | None]:
    """The winner tokens of a victory noun, and the verb that carries it (None for an owner)."""
    owner = [c for c in noun.children if c.dep_ == "poss"]
    if owner:
        return owner, None
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in WINNER_PREPOSITIONS:
        head = head.head
        if head.pos_ == "NOUN" and head.dep_ == "dobj":  # "continued her rise with victory over Y"
            head = head.head
    elif noun.dep_ != "dobj":
        return [], None
    if head.pos_ not in ("VERB", "AUX"):
        return [], None
    return subjects(head)[0], head


@rule(example=("Among the most famous opinions written by Stevens was his dissent in the Court's decision to halt"
               " Florida recounts in the 2000 US Presidential election, the decision that cemented George W. Bush's"
               " victory over Al Gore."))
def victory_over(noun: Token) -> Iterator[Triple]:
    """"X … with (a) victory/win over Y", "X's victory over Y", "X recorded a win over Y": X defeated Y
    (the winner is the owner, else the subject of the verb the noun or its "with" hangs on)."""
    beaten = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "over"
              for g in p.children if g.dep_ == "pobj"]
    if not beaten:
        return
    winners, verb = _winners(noun)
    modality = modality_of(verb) if verb is not None else ""
    for w_tok in winners:
        w = resolve_token(w_tok)
        if w is None:
            continue
        for b_tok in with_conjuncts(beaten):
            b = resolve_token(b_tok, agent=False) or _named_in_apposition(b_tok)
            if b is not None and b.name != w.name:
                yield make_triple(w, "defeat", b, noun, w_tok, b_tok, 0.7, modality)


def _named_in_apposition(token: Token) -> Mention | None:
    """"a win over sixth seed Alicia Molik": the name in apposition to a description."""
    named = next((c for c in token.children if c.dep_ == "appos"), None)
    return resolve_token(named, agent=False) if named is not None else None


VICTORY = RELATIONS.step("victory", (victory_over,))
