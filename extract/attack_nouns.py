"""Attacks named by a noun: "Russian air strikes on a mall", "Russia's attack on Kyiv" (relations stage).

The attacker is what the noun names or its owner; the target follows "on" or "against". Used by
:mod:`extract.relations`, whose ``triple`` step runs :func:`attack_noun_on_target`.

Rule examples are sentences of real news: the seeds and single sentences of the Guardian/NYT corpus.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from core.records import Mention, Triple

from .antecedents import TARGET_PREPS
from .coref import resolve_token
from .lexicon import words
from .rules import chain, first, rule
from .subjects import subjects, with_conjuncts
from .triples import RELATIONS, make_triple

__all__ = ["ATTACK_NOUNS", "attack_noun_on_target"]

ATTACK_NOUNS = words("attack_nouns")


@rule(example=("Eight have died after Russian attacks on Donetsk and Kharkiv, according to the governors of "
               "those regions."))
def target_after_on(noun: Token) -> Iterator[Token]:
    """The target of an attack noun after "on" or "against": "air strikes on a mall"."""
    yield from (g for p in noun.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPS
                for g in p.children if g.dep_ == "pobj")


@rule(example=("As Mariupol's Ukrainian defenders battled to stave off the deadly onslaught on March 21, Russian"
               " forces intensified and broadened their attacks elsewhere, including on the capital, Kyiv, where"
               " an air strike on a shopping mall and nearby apartment building killed at least eight people."))
def target_including_on(noun: Token) -> Iterator[Token]:
    """"broadened their attacks elsewhere, including on the capital": a target after "including on"
    (the "including" may hang on the verb)."""
    including = [p for p in noun.children if p.dep_ == "prep" and p.lower_ == "including"]
    if noun.dep_ == "dobj":
        including += [p for p in noun.head.children if p.dep_ == "prep" and p.lower_ == "including"]
    yield from (t for p in including for g in p.children if g.dep_ in ("prep", "pcomp") and g.lower_ in TARGET_PREPS
                for t in g.children if t.dep_ == "pobj")


ATTACK_TARGET = RELATIONS.step("attack target", (target_after_on, target_including_on))


@rule(example=("Eight have died after Russian attacks on Donetsk and Kharkiv, according to the governors of "
               "those regions."))
def attacker_named_by_noun(noun: Token) -> Mention | None:
    """The attack noun itself names the attacker: "Russian air strikes" (a nationality's instrument)."""
    return resolve_token(noun)


@rule(example="The United States strongly condemns Russia’s attack on the port of Odesa today.")
def attack_owner(noun: Token) -> Mention | None:
    """The owner of an attack is the attacker: "Russia's attack on Kyiv"."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return resolve_token(owner) if owner is not None else None


@rule(example=("A top Ukrainian official has accused Russia of deliberately escalating its deadly attacks on "
               "civilian targets."))
def owner_pronoun_is_verb_subject(noun: Token) -> Mention | None:
    """"Russian forces intensified their attacks": a pronoun owner of an object is the verb's subject."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ != "PRON" or noun.dep_ != "dobj":
        return None
    doers = subjects(noun.head)[0]
    return resolve_token(doers[0]) if doers else None


ATTACKER = RELATIONS.step("attacker", (attacker_named_by_noun, attack_owner, owner_pronoun_is_verb_subject))


@rule(example="The United States strongly condemns Russia’s attack on the port of Odesa today.")
def attack_noun_on_target(noun: Token) -> Iterator[Triple]:
    """An attack noun with a target is an attack by its attacker: "Russian air strikes on a mall",
    "Russia's attack on Kyiv"."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in ATTACK_NOUNS:
        return
    targets = list(chain(ATTACK_TARGET, noun))
    if not targets:
        return
    s = first(ATTACKER, noun)
    if s is None:
        return
    for t in with_conjuncts(targets):
        o = resolve_token(t, agent=False)
        if o is not None and o.name != s.name:
            yield make_triple(s, "attacked", o, noun, noun, t, 0.7)
