"""Which organisation a description stands for: "the commission", "the company" (coreference stage).

News names an organisation once in full and then by a noun for what it is: "the
commission" is the commission the article named ("the United States Commission on
Presidential Debates"), "the company" the business it is about. The rules run for
speakers (:mod:`extract.speakers`, step "speaker's name", whose arguments they take: the
subject, the verb's objects and an apposition).

Rule examples are sentences of English Wikinews (wikinews_2019_2020, CC BY 2.5, credit:
Wikinews contributors).
"""
from __future__ import annotations

from spacy.tokens import Token

from core.records import Mention

from .antecedents import preceding
from .doc import entity_at, ents, ents_ending_by, sent_of, token_mention
from .lexicon import words
from .rules import rule
from .speech_subjects import SPEECH_VERBS, speech_subject

ORGANISATION_DESCRIPTIONS = words("organisation_descriptions")
COMPANY_NOUNS = words("company_nouns")
ORGANISATION_TYPES = ("Organization",)


def _the_noun(token: Token) -> str:
    """The noun of a description headed by "the" with no owner ("the commission"), or ""."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.ent_type_:
        return ""
    dets = [c for c in token.children if c.dep_ in ("det", "poss")]
    return token.lemma_.lower() if [d.lower_ for d in dets] == ["the"] else ""


@rule(example="The United States Commission on Presidential Debates announced on Friday the second presidential "
              "debate between US President Donald Trump and former US Vice President Joe Biden, which was slated "
              "for October 15, has been cancelled, citing COVID-19 safety concerns. "
              "In an official statement, the commission said, \"On October 8, CPD announced that for the health "
              "and safety of all involved, the second presidential debate, scheduled for October 15 in Miami, "
              "would be conducted virtually\".")
def organisation_named_with_noun(token: Token, objects: frozenset[str] = frozenset(),
                                 appos: Token | None = None) -> Mention | None:
    """"the commission", "the ministry": the organisation named last before it with that word
    in its name ("The United States Commission on Presidential Debates announced …")."""
    noun = _the_noun(token)
    if noun not in ORGANISATION_DESCRIPTIONS:
        return None
    found = ents(token.doc)
    for i in range(ents_ending_by(token.doc, token.i) - 1, -1, -1):
        ent = found[i]
        if ent.label_ in ORGANISATION_TYPES and noun in {t.lemma_.lower() for t in ent}:
            return token_mention(token, ent, 0.6)
    return None


@rule(example="The three deceased were reportedly PG&E contract employees. The company said power was restored "
              "by 20:21 following delays caused by warm weather at the time.")
def company_most_named(token: Token, objects: frozenset[str] = frozenset(),
                       appos: Token | None = None) -> Mention | None:
    """"the company", "the retailer": the organisation that spoke last, a few sentences back,
    else the one the article names most so far."""
    if _the_noun(token) not in COMPANY_NOUNS:
        return None
    ent = _last_organisation_speaking(token) or preceding(token.doc, token.i, ORGANISATION_TYPES, salient=True)
    return token_mention(token, ent, 0.5) if ent is not None else None


def _last_organisation_speaking(token: Token):
    """The organisation that is the subject of the nearest speech verb before ``token`` in its
    sentence or the three before ("Pacific Nuclear Systems Inc said … The company said …")."""
    doc = token.doc
    start = sent_of(token).start
    for _ in range(3):
        start = sent_of(doc[start - 1]).start if start > 0 else start
    for tok in reversed(doc[start:token.i]):
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ == "VERB":
            subj = speech_subject(tok)
            ent = entity_at(subj) if subj is not None and subj.i < token.i else None
            if ent is not None and ent.label_ in ORGANISATION_TYPES:
                return ent
    return None
