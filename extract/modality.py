"""How a verb states its relation: asserted, or negated, possible, intended, refused, ... (a fact's modality).

"Wilders had pledged to leave the EU" is no leaving, and "did not identify
Sirhan" no identifying; but what someone pledges, refuses or denies is news
too. So such a verb still gives its fact, with the relation of the verb,
and the fact says how it is stated (:attr:`core.records.Triple.modality`,
one of :data:`core.records.MODALITIES`); the graph keeps it as an
``nkg:Fact`` with ``nkg:modality`` and never states the relation itself
(graph/build.py). The rules are one step of the relations stage
(:data:`MODALITY`); the first with an answer decides, none: asserted.

Rule examples are sentences of real news: English Wikinews (wikinews_2019_2020, CC BY 2.5,
credit: Wikinews contributors), and single sentences of the Guardian and BBC corpora.
"""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import table, words
from .rules import first, rule
from .speakers import RELATIVE_PRONOUNS
from .triples import RELATIONS

__all__ = ["MODALITY", "modality_of"]

#: "could" -> possible, "will" -> future.
MODAL_AUXILIARIES = table("modal_auxiliaries")
#: "pledge" -> intended, "refuse" -> refused, "allow" -> possible: what their complement is.
MODAL_VERBS = table("modal_verbs")
#: "neither", "nobody": a subject that negates its verb.
NEGATIVE_SUBJECTS = words("negative_subject_words")
#: "allege", "allegation", "accusation": what they say is alleged.
ALLEGATION_WORDS = words("allegation_words")


@rule(example=("The California Department of Corrections and Rehabilitation (CDCR) did not identify Sirhan as "
               "the victim."))
def negation_of_verb(verb: Token) -> str | None:
    """A verb with a negation ("not", "never", "n't") is negated: "did not identify Sirhan"."""
    return "negated" if any(c.dep_ == "neg" for c in verb.children) else None


@rule(example="Erdogan might block NATO’s proposed expansion until he reaches a deal on the F-16 jets.")
def modal_auxiliary(verb: Token) -> str | None:
    """A modal auxiliary makes the verb a possibility ("might block", "could", "would") or a future
    ("will join"): lexicon modal_auxiliaries."""
    for c in verb.children:
        if c.dep_ == "aux" and c.i < verb.i:
            found = MODAL_AUXILIARIES.get(c.lower_) or MODAL_AUXILIARIES.get(c.lemma_.lower())
            if found:
                return found
    return None


@rule(example=("His lawyers had argued that he had not intended to kill the victim, Oleksandar Shelipov, when he"
               " shot him in the northern region of Sumy in the early days of the war."))
def complement_of_negated_verb(verb: Token) -> str | None:
    """What someone did not intend, want or try to do is negated, not intended: "had not intended to
    kill the victim" (a verb controlled by a negated one)."""
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i and any(c.dep_ == "neg" for c in head.children):
        return "negated"
    return None


@rule(example="Neither Dasbach nor Mears would provide Wikinews with an image of the wound.")
def neither_subject(verb: Token) -> str | None:
    """A subject under "neither … nor" (or "no one", "nobody") negates the verb: "Neither Dasbach nor
    Mears would provide Wikinews with an image" (lexicon negative_subject_words)."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in NEGATIVE_SUBJECTS
                                                 or any(g.lower_ in NEGATIVE_SUBJECTS for g in c.children)):
            return "negated"
    return None


@rule(example=("The book alleges, among other things, that Trump paid his friend Joe Shapiro to take the SAT for"
               " him before his admission to the Wharton School of the University of Pennsylvania."))
def complement_of_allegation(verb: Token) -> str | None:
    """What an allegation says is alleged, not stated: "The book alleges that Trump paid his
    friend", "the accusation he penetrated Reade", "allegations that Russia tried to interfere"
    (a clause under a verb or noun of lexicon allegation_words)."""
    head = verb.head
    if head.i == verb.i or head.lemma_.lower() not in ALLEGATION_WORDS:
        return None
    # "the accusation he penetrated Reade": a content clause the parser took for a relative clause
    content = verb.dep_ == "relcl" and not any(c.lower_ in RELATIVE_PRONOUNS for c in verb.children)
    if verb.dep_ in ("ccomp", "acl") or content:
        return "alleged"
    return None


@rule(example="Anelka reportedly wants to leave Manchester City in search of Champions League football.")
def complement_of_modal_verb(verb: Token) -> str | None:
    """What someone pledges, plans or wants to do is intended, what they refuse or decline to do
    refused, threaten threatened, fail to do failed, deny doing denied, and what a verb allows
    possible: "wants to leave Manchester City" is no leaving (lexicon modal_verbs)."""
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.i != verb.i:
        return MODAL_VERBS.get(verb.head.lemma_.lower())
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "on":  # "plans on leaving the EU"
        return MODAL_VERBS.get(head.head.lemma_.lower())
    return None


@rule(example=("Terrorists might try to target the UK in the run-up to the election, London's most senior police "
               "officer has said."))
def modality_of_governing_verb(verb: Token) -> str | None:
    """A verb controlled by another ("might try to target the UK"), or a bare verb coordinated with
    one ("could attack and seize"), is stated as that verb is."""
    head = verb.head
    if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    if verb.dep_ == "xcomp" or (verb.dep_ == "conj" and verb.tag_ == "VB" and head.tag_ == "VB"):
        return first(MODALITY, head)
    return None


MODALITY = RELATIONS.step("modality", (negation_of_verb, neither_subject, modal_auxiliary,
                                       complement_of_negated_verb, complement_of_allegation,
                                       complement_of_modal_verb, modality_of_governing_verb))


def modality_of(verb: Token) -> str:
    """How ``verb`` states its relation: "" (asserted) or one of :data:`core.records.MODALITIES`."""
    return first(MODALITY, verb) or ""
