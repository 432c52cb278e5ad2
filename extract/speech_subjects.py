"""Who speaks, as the parse says: the subject of a speech verb (the statements stage's first step).

The subject is the speech verb's own, the agent of a passive ("was told by
X"), the head of a relative clause ("Zelenskiy, who added"), the one quoted
("quoted X as saying"), or, for a participle ("…, adding that …"), the main
clause's. :mod:`extract.speakers` resolves it to an entity.

This is the lowest module of the statements stage, so the stage's registry
lives here (its steps: the subject here, the speaker and the speaker's name in
:mod:`extract.speakers`); :mod:`extract.reported` and :mod:`extract.statements`
add theirs to it.

Rule examples are sentences of real news: the seeds, Reuters (by id in the
annotated sets), the Guardian and Wikinews (CC BY 2.5).
"""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import words
from .rules import NOTHING, first, registry, rule

STATEMENTS = registry("statements", "direct quotes and reported speech, with their speakers")

SPEECH_VERBS = words("speech_verbs")
#: Verbs whose object and complement, not a clause, carry the content.
OBJECT_CUES = words("object_cues")
RELATIVE_PRONOUNS = words("relative_pronouns")


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


# -- the subject of a speech verb -------------------------------------------------

def _nearest_subject(cue: Token) -> Token | None:
    # The subject nearest the verb: in "…, some buried in graves, authorities
    # have said" the parser may hang "some" on "said" too.
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    return min(subjects, key=lambda c: (abs(c.i - cue.i), c.i), default=None)


def _agent(cue: Token) -> Token | None:
    agent = next((c for c in cue.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


@rule(example='"I believe that without this meeting, it is impossible to fully understand what they are ready for '
              'in order to stop the war," said Zelenskiy, who added that any compromises made in talks with '
              "Russians would be put before the Ukrainian people in a referendum.")
def relative_pronoun_speaker(cue: Token):
    """The noun a relative clause hangs on, when the clause's subject is "who",
    "which" or "that" ("Zelenskiy, who added …")."""
    if cue.dep_ != "relcl":
        return None
    subj = _nearest_subject(cue)
    if subj is None:
        subj = _agent(cue)
    return cue.head if subj is not None and subj.lower_ in RELATIVE_PRONOUNS else None


@rule(example="Kiev said no further withdrawals were planned for Friday.")
def subject_of_speech_verb(cue: Token):
    """The verb's subject, the one nearest the verb ("…, some buried in graves,
    authorities have said": authorities)."""
    return _nearest_subject(cue)


@rule(example="His death was confirmed by his son, Wolfgang Van Halen.")
def agent_of_passive(cue: Token):
    """The agent of a passive speech verb ("was told by X")."""
    return _agent(cue)


@rule(example="Last week, Ukrainian troops were told to stop defending the southern Ukrainian city and to “save "
              "the lives of soldiers” instead.")
def addressee_of_passive(cue: Token):
    """No speaker for a passive speech verb without an agent: its subject is
    the addressee ("troops were told to …")."""
    return NOTHING if any(c.dep_ == "nsubjpass" for c in cue.children) else None


@rule(example="A total of 39 are confirmed dead, officials told state media, adding that rescuers ended their work "
              "yesterday.")
def participle_speaker(cue: Token):
    """The speaker of the main clause for a speech participle ("X said A,
    adding that B": X adds B)."""
    host = participle_host(cue)
    if host is None:
        return None
    found = speech_subject(host)
    return found if found is not None else NOTHING


@rule(example="Russia denies attacking civilians and says it has rescued the city from nationalists.")
def speaker_of_head_verb(cue: Token):
    """The speaker of the verb a subjectless speech verb is joined to or
    depends on ("went … and said")."""
    if cue.dep_ not in ("advcl", "conj", "xcomp") or cue.head.i == cue.i:
        return None
    found = speech_subject(cue.head)
    return found if found is not None else NOTHING


@rule(example="The radio, monitored by the British Broadcasting Corporation, quoted Malekzadegan as saying Iran's "
              "navy now had the most advanced defensive equipment.")
def quoted_as_saying(cue: Token):
    """The one quoted, not the one quoting: "quoted X as saying …" is X's, both for "quoted"
    and for "saying"."""
    host = cue
    if cue.tag_ == "VBG" and cue.dep_ == "pcomp" and cue.head.lower_ == "as":
        host = cue.head.head
    elif not any(c.dep_ == "prep" and c.lower_ == "as" and any(p.dep_ == "pcomp" for p in c.children)
                 for c in cue.children):
        return None
    if host.lemma_.lower() != "quote":
        return None
    return next((c for c in host.children if c.dep_ == "dobj"), None)


SUBJECT_RULES = STATEMENTS.step("subject", (quoted_as_saying, relative_pronoun_speaker, subject_of_speech_verb, agent_of_passive,
                                            addressee_of_passive, participle_speaker, speaker_of_head_verb))


def speech_subject(cue: Token) -> Token | None:
    """Who speaks: the subject, the agent of a passive ("was told by X"), the
    head of a relative clause ("Zelenskiy, who added"), or the subject of the
    verb a participle hangs on ("…, saying …", "adding that …")."""
    return first(SUBJECT_RULES, cue)
