"""Names the small model reads as organisations or places that the sentence shows are people's.

The model tags many a surname alone as an organisation or an unknown region. No list of
names decides here: the words around the name do, the way a reader of English knows a person
("Pohiva, who had been …", "Khashoggi was murdered", "Shapiro's widow", "La Riva said she …"). Each rule answers for a bare name only: a few capitalised words, none
of them an organisation's word, no place the gazetteer knows.

Each rule's example is a sentence of real news (English Wikinews, CC BY 2.5, Wikinews
contributors).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from core import gazetteer

from .coref import PERSON_PRONOUNS
from .doc import typed_span
from .lexicon import words
from .names import INSTITUTION_WORDS, ORG_HEAD_WORDS, names_organisation
from .kinds import ORG_NAME_WORDS
from .rules import rule

#: Verbs done to a person, whose object or passive subject is one: "shot Khan", "was murdered".
VICTIM_VERBS = words("victim_verbs")
#: Nouns of a person's family, after a possessive name that is a person's: "Shapiro's widow".
KIN_NOUNS = words("kin_nouns")
#: Verbs of saying whose subject, said of as he or she, is a person: "La Riva said she …".
SAYING_VERBS = words("saying_verbs")
#: Verbs of punishing a person, whose passive subject is one: "was sentenced", "was jailed".
PUNISHMENT_VERBS = words("punishment_verbs")
#: Nouns of a killing or a killer whose possessive owner was killed: "Fortuyn's murder".
VICTIM_OWNER_NOUNS = words("victim_owner_nouns")
#: The model's kinds a surname alone is often mistaken for.
_MISREAD = ("Organization", "Region", "Place", "Facility")


def bare_name(span: Span, kind: str | None) -> bool:
    """A name of one to three capitalised words, read as an organisation or a place, with no word
    of an organisation or institution and no place the gazetteer knows: may be a person's."""
    if kind not in _MISREAD or not 1 <= len(span) <= 3 or span[0].lower_ == "the":
        return False
    if not all(t.is_alpha and t.is_title for t in span) or names_organisation(span):
        return False
    if any(t.lower_ in ORG_NAME_WORDS or t.lower_ in ORG_HEAD_WORDS or t.lower_ in INSTITUTION_WORDS for t in span):
        return False
    return gazetteer.lookup(span.text) is None and not gazetteer.country_of_demonym(span.text)


def _person(span: Span) -> Span:
    return typed_span(span.doc, span.start, span.end, "Person", span.text)


def _plural(verb: Token) -> bool:
    """"who have won", "who were": a verb in the plural, as British sport writes of a team."""
    return any(t.tag_ == "VBP" or t.lower_ == "were"
               for t in (verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))))


@rule(example="Pohiva, who had been Tonga's prime minister since his election in 2014, was evacuated Wednesday "
              "afternoon from Tonga's capital, Nukuʻalofa, to a hospital in Auckland, New Zealand, with pneumonia.")
def who_after_name(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A name followed by a comma and "who" is a person's, though the model tags an organisation
    or a region: "Pohiva, who had been Tonga's prime minister"; not a team of which a
    plural is said ("Arsenal, who have won")."""
    doc = span.doc
    if span.end + 2 > len(doc) or doc[span.end].text != "," or doc[span.end + 1].lower_ != "who" \
            or not bare_name(span, kind) or _plural(doc[span.end + 1].head):
        return None
    return _person(span)


@rule(example="Khashoggi was murdered last October in the Saudi consulate in Istanbul, Turkey.")
def victim_of_a_verb(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A name that is shot, killed, murdered or assassinated is a person's: "the police shot Khan",
    "Khashoggi was murdered"."""
    root = span.root
    if root.dep_ not in ("dobj", "nsubjpass") or root.head.lemma_.lower() not in VICTIM_VERBS \
            or not bare_name(span, kind):
        return None
    return _person(span)


@rule(example="Shapiro's widow, former tennis player Pam Shriver, said her husband had told her Trump had not "
              "met Shapiro until being admitted to Wharton.")
def kin_of_a_name(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A name whose father, wife or children the sentence names is a person's: "Shapiro's widow",
    "Day's son"."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].tag_ != "POS" or doc[span.end + 1].lemma_.lower() not in KIN_NOUNS \
            or not bare_name(span, kind):
        return None
    return _person(span)


def _said_of_as_a_person(verb: Token) -> bool:
    """"said he would …", "said his …": the clause said names its speaker he, she, his or her."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        if any(t.lower_ in PERSON_PRONOUNS and t.dep_ in ("nsubj", "nsubjpass", "poss") for t in clause.children):
            return True
    return False


@rule(example="La Riva said she fully supports abortion rights.")
def speaker_called_he_or_she(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A name that says something of itself as he or she is a person's, not an organisation's:
    "La Riva said she fully supports abortion rights"."""
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in SAYING_VERBS or not bare_name(span, kind) \
            or not _said_of_as_a_person(root.head):
        return None
    return _person(span)



@rule(example="On December 30, 2014, Moscow's Zamoskvoretsky Court found the Navalny brothers guilty of embezzling "
              "Yves Rocher funds and sentenced Alexey Navalny to a suspended sentence of 3 years and 6 months, while "
              "Oleg Navalny was sentenced to 3 years 6 months in a general-security colony.")
def punished_name(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A name that is sentenced, jailed, imprisoned or executed is a person's (a company is fined):
    "Oleg Navalny was sentenced to 3 years", "X was jailed for life"."""
    root = span.root
    if root.dep_ != "nsubjpass" or root.head.lemma_.lower() not in PUNISHMENT_VERBS or not bare_name(span, kind):
        return None
    return _person(span)


@rule(example="Van Gogh's movie mixes real images of the day of Fortuyn's murder with a fictional plot about "
              "Dutch intelligence services conspiring to silence the politician.")
def owner_of_a_killing(ent: Span, span: Span, kind: str | None, names: dict[str, str]) -> Span | None:
    """A name whose murder, assassination or killer the sentence names is a person's: "Fortuyn's
    murder", "Amanda Champion's killer"; not one that kills ("the group's killing of …")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].tag_ != "POS" or not bare_name(span, kind):
        return None
    noun = doc[span.end + 1]
    if noun.lemma_.lower() not in VICTIM_OWNER_NOUNS or any(c.lower_ == "of" for c in noun.children):
        return None
    return _person(span)
