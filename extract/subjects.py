"""Who does what a verb says: the subjects of a verb (rules of the relations stage).

A verb's own subject or a passive's agent; "who" in a relative clause is the noun the clause
hangs on; a participle's subject is the noun it describes; a verb without a subject borrows the
governing verb's. :mod:`extract.relations` relates each subject to each object.

Rule examples are sentences of real news: the seeds, English Wikinews (wikinews_2019_2020, CC BY 2.5,
credit: Wikinews contributors), and single sentences of the Guardian/NYT and BBC corpora.
"""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import words
from .rules import first, rule
from .speakers import RELATIVE_PRONOUNS
from .triples import RELATIONS

__all__ = ["SUBJECT", "subjects", "with_conjuncts"]

ALLEGATION_VERBS = words("allegation_verbs")
#: "bear", "base": "was born in Boston" relates the one born to Boston.
STATE_PARTICIPLES = words("state_participles")
#: "convict", "sentence", "serve": "serving 99 years for killing Y" is the one serving's killing.
CULPRIT_VERBS = words("culprit_verbs")


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """The tokens and the conjuncts after each ("Serbia and Montenegro")."""
    out = []
    for t in tokens:
        out.append(t)
        out.extend(c for c in t.conjuncts if c.i > t.i)
    return out

# -- the subjects of a verb: (tokens, confidence) -------------------------------------

@rule(example=("Russia has for the past two weeks attempted to encircle Mariupol, an important port on the Sea "
               "of Azov."))
def own_subject_or_agent(verb: Token) -> tuple[list[Token], float] | None:
    """A verb's own subjects, or the agent of a passive ("was flattened by Russian air strikes");
    the parser may hang the subject on the auxiliary ("Russia has for the past two weeks attempted …")."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    subj += [g for c in verb.children if c.dep_ == "aux" and c.i < verb.i for g in c.children if g.dep_ == "nsubj"]
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return (with_conjuncts(subj + agent), 1.0) if subj or agent else None


@rule(example="Kyiv has accused Moscow of planning to stage a fake independence referendum in the occupied south.")
def accused_of_doing(verb: Token) -> tuple[list[Token], float] | None:
    """"accused X of bombing Y": the accused is the subject of what they are accused of, at lower confidence."""
    head = verb.head
    if verb.dep_ != "pcomp" or head.dep_ != "prep":
        return None
    held = head.head
    if held.dep_ == "dobj" and held.head.lemma_ in ALLEGATION_VERBS:  # "convicted sniper X of killing Y"
        return with_conjuncts([held]), 0.6
    if held.lemma_ not in ALLEGATION_VERBS:
        return None
    accused = [held.head if c.lower_ in RELATIVE_PRONOUNS and held.dep_ == "relcl" else c  # "X, who was convicted of"
               for c in held.children if c.dep_ in ("dobj", "nsubjpass")]
    return (with_conjuncts(accused), 0.6) if accused else None


@rule(example=("President Vladimir Putin was briefed, and flew to Magnitogorsk on Monday, observing the rescue "
               "mission and visiting the wounded in hospital."))
def active_verb_beside_passive(verb: Token) -> tuple[list[Token], float] | None:
    """An active verb coordinated with a passive one shares its subject, not its agent: "Putin was
    briefed, and flew to Magnitogorsk"."""
    passive_head = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
    if verb.dep_ == "conj" and passive_head and verb.tag_ != "VBN" \
            and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return with_conjuncts(passive_head), 0.9
    return None


@rule(example=("Russia has for the past two weeks attempted to encircle Mariupol, an important port on the Sea "
               "of Azov."))
def governing_verb_subject(verb: Token) -> tuple[list[Token], float] | None:
    """A conjoined or controlled verb without a subject has the governing verb's, at lower
    confidence ("attempted to encircle Mariupol"); so has a participle clause after the main verb
    ("Tupua Tamasese Meaole Hospital returned to normal operation on Sunday, joining Faleolo District
    Hospital": the hospital joined)."""
    head = verb.head
    # a participle set off by a comma after the sentence's main verb (deeper, the parse is too often wrong)
    participle = verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > head.i and head.dep_ in ("ROOT", "conj") \
        and verb.i > 0 and verb.doc[verb.i - 1].text == ","
    if (verb.dep_ in ("conj", "xcomp") or participle) and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        found, conf = subjects(head)
        return found, conf * 0.9
    return None


@rule(example=("The United States expressed its support via the December 20 signing of the Eastern Mediterranean"
               " Bill, a July 25 quadrilateral meeting in Washington, and sent Secretary of State Mike Pompeo to join"
               " the trilateral meeting of EastMed countries on March 20 last year."))
def object_of_controlling_verb(verb: Token) -> tuple[list[Token], float] | None:
    """A verb controlled by a verb with an object has that object for subject: "sent Pompeo to join the
    meeting" (Pompeo joins), "advised passengers to check their flights" (the passengers check),
    "called on the Football Association to punish Henry" (the FA, who is asked to)."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.i == verb.i or head.pos_ != "VERB":
        return None
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i < verb.i] \
        or [g for p in head.children if p.dep_ == "prep" and p.lower_ == "on" and p.i < verb.i
            for g in p.children if g.dep_ == "pobj"]  # "called on the Football Association to punish …"
    return (with_conjuncts(objects), 0.9) if objects else None


@rule(example=("The 51-year-old designer was shot outside his Florida home in 1997 by suspected serial killer Andrew "
               "Cunanan, who later killed himself."))
def relative_pronoun_subject(verb: Token) -> tuple[list[Token], float] | None:
    """"Andrew Cunanan, who later killed himself": the subject "who" is the noun the
    relative clause hangs on."""
    if verb.dep_ != "relcl":
        return None
    if any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS for c in verb.children):
        return with_conjuncts([verb.head]), 0.9
    return None


@rule(example="An animal rights activist was sentenced to 18 years in prison last year for killing Fortuyn.")
def subject_of_verb_before_gerund(verb: Token) -> tuple[list[Token], float] | None:
    """A gerund after a preposition has the subject of the verb the preposition hangs on: "X was
    convicted of killing Y", "X was jailed for murdering Y" ("charged with": accused_of_doing)."""
    head = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or head.dep_ != "prep" or head.head.pos_ not in ("VERB", "AUX") \
            and not (head.head.dep_ == "dobj" and head.head.head.lemma_.lower() in CULPRIT_VERBS):
        return None
    governing = head.head
    if governing.dep_ == "dobj" and governing.head.lemma_.lower() in CULPRIT_VERBS:
        governing = governing.head  # "X, serving 99 years for assassinating Y": the one serving
    passive = [governing.head if c.lower_ in RELATIVE_PRONOUNS and governing.dep_ == "relcl" else c
               for c in governing.children if c.dep_ == "nsubjpass"]  # "X was charged with killing Y": X; "X, who was …"
    if not passive and governing.dep_ == "acl" and governing.tag_ == "VBN":
        passive = [governing.head]  # "Sirhan, convicted of killing Kennedy": the one convicted
    found, conf = (with_conjuncts(passive), 1.0) if passive else subjects(governing)
    return (found, conf * 0.8) if found else None


@rule(example="In 2003, C-Murder was found guilty of killing a 16-year-old in a nightclub, but that decision was thrown out.")
def subject_of_adjective_before_gerund(verb: Token) -> tuple[list[Token], float] | None:
    """A gerund after an adjective's preposition has the subject the adjective describes: "X pleaded
    guilty to killing Y", "X was found guilty of killing Y" (X), "found X guilty of murdering Y" (X,
    the verb's object)."""
    head = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or head.dep_ != "prep" or head.head.pos_ != "ADJ":
        return None
    adjective = head.head
    if adjective.dep_ == "acomp":  # "X pleaded guilty to killing Y"
        found, conf = subjects(adjective.head)
    elif adjective.dep_ in ("oprd", "ccomp", "xcomp"):  # "found X guilty", "X was found guilty": X
        found = [c for c in adjective.children if c.dep_ == "nsubj"] \
            or [c for c in adjective.head.children if c.dep_ in ("dobj", "nsubjpass")]  # "X was found guilty"
        found, conf = with_conjuncts(found), 1.0
    else:
        return None
    return (found, conf * 0.8) if found else None


@rule(example="Elijah Eugene Cummings, first elected to Congress in 1996, was born in Baltimore, Maryland, in 1951.")
def subject_of_state_participle(verb: Token) -> tuple[list[Token], float] | None:
    """"X was born in Y", "X, born in Y,", "Born in Y, X …", "a company based in Y": the one born or
    based is the passive subject, the noun the participle hangs on, or the main clause's subject."""
    if verb.lemma_.lower() not in STATE_PARTICIPLES or any(c.dep_ == "agent" for c in verb.children):
        return None
    passive = [verb.head if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else c
               for c in verb.children if c.dep_ == "nsubjpass"]  # "X, who was born in Y"
    if passive:
        return with_conjuncts(passive), 1.0
    if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN"):
        return with_conjuncts([verb.head]), 0.9
    if verb.dep_ == "advcl" and verb.i < verb.head.i:
        found, conf = subjects(verb.head)
        return (found, conf * 0.9) if found else None
    return None


SUBJECT = RELATIONS.step("subject", (relative_pronoun_subject, subject_of_state_participle, own_subject_or_agent,
                                     accused_of_doing, subject_of_verb_before_gerund, subject_of_adjective_before_gerund,
                                     active_verb_beside_passive, object_of_controlling_verb, governing_verb_subject))


def subjects(verb: Token) -> tuple[list[Token], float]:
    """Agents of ``verb`` and a confidence (see :data:`SUBJECT`)."""
    return first(SUBJECT, verb) or ([], 0.0)


