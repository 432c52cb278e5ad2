"""Who speaks: the subject of a speech verb, resolved to an entity.

The subject is the speech verb's own, the agent of a passive ("was told by
X"), the head of a relative clause ("Zelenskiy, who added"), or, for a
participle ("…, adding that …"), the main clause's. Pronouns, titles and
unnamed organs are resolved through :mod:`extract.coref`.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from core.records import Mention

from .coref import (
    PERSON_PRONOUNS,
    person_antecedent,
    resolve_token,
    state_organ,
    titled_holder,
    unnamed_actor,
)
from .doc import entity_at, sent_of

SPEECH_VERBS = frozenset(
    """say tell add announce claim state declare insist write warn accuse deny confirm explain
    note stress reply respond argue estimate report allege admit vow urge told speculate suggest
    predict acknowledge tweet remark promise indicate comment reveal recall post describe call
    write""".split()
)
#: Verbs whose object and complement, not a clause, carry the content.
OBJECT_CUES = frozenset("accuse deny blame urge".split())


def noun_phrase(token: Token) -> str:
    """The words of a noun phrase without its relative clause or apposition;
    a relative clause deeper in ("the commander of the regiment, which is holed
    up in the plant") describes the phrase, it does not name the speaker.
    """
    skip = {t.i for c in token.children if c.dep_ in ("relcl", "appos", "acl", "punct") for t in c.subtree}
    skip |= {t.i for d in token.subtree if d.dep_ == "relcl" for t in d.subtree}
    return "".join(t.text_with_ws for t in token.subtree if t.i not in skip).strip().rstrip(",;:–—-").strip()


def participle_host(cue: Token) -> Token | None:
    """The verb a speech participle ("…, adding that …", "…, saying …",
    "…, accusing …") reports for: the parser hangs it on the nearest verb, often
    inside the reported clause or a subordinate one, but news prose means the
    subject of the main clause ("X said A, adding that B": X adds B)."""
    if cue.tag_ != "VBG" or cue.dep_ != "advcl" or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    head = cue.head
    while head.dep_ in ("ccomp", "advcl", "conj", "xcomp") and head.head.i != head.i:
        head = head.head
    return head if head.i != cue.i else None


def speech_subject(cue: Token) -> Token | None:
    """Who speaks: the subject, the agent of a passive ("was told by X"), the
    head of a relative clause ("Zelenskiy, who added"), or the subject of the
    verb a participle hangs on ("…, saying …", "adding that …")."""
    # The subject nearest the verb: in "…, some buried in graves, authorities
    # have said" the parser may hang "some" on "said" too.
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    subj = min(subjects, key=lambda c: (abs(c.i - cue.i), c.i), default=None)
    if subj is None:
        agent = next((c for c in cue.children if c.dep_ == "agent"), None)
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subj is None and any(c.dep_ == "nsubjpass" for c in cue.children):
        return None  # "troops were told to …": the subject is the addressee
    host = participle_host(cue) if subj is None else None
    if host is not None:
        return speech_subject(host)
    if subj is None and cue.dep_ in ("advcl", "conj", "xcomp") and cue.head.i != cue.i:
        return speech_subject(cue.head)
    if subj is not None and subj.lower_ in ("who", "which", "that") and cue.dep_ == "relcl":
        return cue.head
    return subj


def _previous_speaker(doc: Doc, before: int) -> Token | None:
    """The subject of the nearest earlier speech verb that is not a pronoun."""
    for tok in reversed(doc[:before]):
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ == "VERB":
            subj = speech_subject(tok)
            if subj is not None and subj.pos_ != "PRON":
                return subj
    return None


def _resolve_speaker(token: Token, exclude: frozenset[str] = frozenset()) -> Mention | None:
    return resolve_token(token, exclude=exclude) or state_organ(token) or unnamed_actor(token)


def _counted_people(token: Token) -> bool:
    """"Two top Russian officials": people counted are persons the text does
    not name, not the institution they serve."""
    return token.tag_ == "NNS" and any(c.dep_ == "nummod" for c in token.children)


def speaker_of(cue: Token) -> tuple[Mention | None, str]:
    subj = speech_subject(cue)
    if subj is None:
        return None, ""
    if _counted_people(subj):
        return None, noun_phrase(subj)
    if subj.lower_ == "they" and subj.pos_ == "PRON":
        # "Two top Russian officials appeared to …, though they vowed …": the plural subject of the sentence.
        root = sent_of(subj).root
        plural = next((c for c in root.children if c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS")), None)
        if plural is not None and plural.i < subj.i and _counted_people(plural):
            return None, noun_phrase(plural)
        m = resolve_token(plural) if plural is not None and plural.i < subj.i else None
        return m, subj.text
    if subj.lower_ == "it" and subj.pos_ == "PRON":
        # "… the Ministry of Defence said …. “…,” it added": the last speaker that is no person.
        earlier = _previous_speaker(cue.doc, subj.i)
        m = _resolve_speaker(earlier) if earlier is not None else None
        if m is not None and m.type != "Person":
            return m, subj.text
        return None, subj.text
    if subj.lower_ in PERSON_PRONOUNS:
        # Salience: a speaker introduced after the last named person (“One man …
        # told RFE/RL”) is the likelier "he" of the next quote.
        named_person = person_antecedent(subj)
        earlier = _previous_speaker(cue.doc, subj.i)
        if earlier is not None and (named_person is None or earlier.i >= named_person.end):
            m = _resolve_speaker(earlier)
            if m is None:
                return None, noun_phrase(earlier)
            if m.type == "Person" or named_person is None:
                return m, subj.text
        return resolve_token(subj), subj.text
    # "The country has accused Russia": the country is not the accused.
    objects = frozenset(m.name for c in cue.children if c.dep_ == "dobj" and (m := resolve_token(c)) is not None)
    # "the regional governor, Serhiy Haida": the name given wins over the last governor named.
    appos = next((c for c in subj.children if c.dep_ == "appos" and entity_at(c) is not None), None)
    m = resolve_token(subj, exclude=objects) if appos is None or entity_at(subj) is not None else None
    if m is None:
        m = resolve_token(appos) if appos is not None else \
            state_organ(subj) or titled_holder(subj) or unnamed_actor(subj)
    text = subj.text if subj.pos_ == "PRON" else (m.text if m is not None and entity_at(subj) else noun_phrase(subj))
    return m, text
