"""Who speaks: the subject of a speech verb, resolved to an entity.

The subject is the speech verb's own, the agent of a passive ("was told by
X"), the head of a relative clause ("Zelenskiy, who added"), or, for a
participle ("…, adding that …"), the main clause's. Pronouns, titles and
unnamed organs are resolved through :mod:`extract.coref`.

This is the lowest module of the statements stage, so the stage's registry
lives here (its steps: the subject, the speaker, the speaker's name);
:mod:`extract.reported` and :mod:`extract.statements` add theirs to it.

Rule examples are sentences of real news: the seeds, the Guardian and Wikinews (CC BY 2.5).
"""
from __future__ import annotations

from collections.abc import Iterator

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
from .doc import ents, entity_at, mention, sent_of
from .genders import PERSON, person_genders, pronoun_gender
from .lexicon import words
from .rules import NOTHING, first, registry, rule

STATEMENTS = registry("statements", "direct quotes and reported speech, with their speakers")

SPEECH_VERBS = words("speech_verbs")
#: Verbs whose object and complement, not a clause, carry the content.
OBJECT_CUES = words("object_cues")
RELATIVE_PRONOUNS = words("relative_pronouns")
ALTERNATION_SENTENCES = 6  # how far back a run of quotes between two speakers reaches


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


SUBJECT_RULES = STATEMENTS.step("subject", (relative_pronoun_speaker, subject_of_speech_verb, agent_of_passive,
                                            addressee_of_passive, participle_speaker, speaker_of_head_verb))


def speech_subject(cue: Token) -> Token | None:
    """Who speaks: the subject, the agent of a passive ("was told by X"), the
    head of a relative clause ("Zelenskiy, who added"), or the subject of the
    verb a participle hangs on ("…, saying …", "adding that …")."""
    return first(SUBJECT_RULES, cue)


# -- the speaker ------------------------------------------------------------------

def previous_speaker(doc: Doc, before: int) -> Token | None:
    """The subject of the nearest earlier speech verb that is not a pronoun."""
    for tok in reversed(doc[:before]):
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ == "VERB":
            subj = speech_subject(tok)
            if subj is not None and subj.pos_ != "PRON":
                return subj
    return None


def _resolve_speaker(token: Token, exclude: frozenset[str] = frozenset()) -> Mention | None:
    return resolve_token(token, exclude=exclude) or state_organ(token) or unnamed_actor(token)


def counted_people(token: Token) -> bool:
    """A plural noun with a number: "Two top Russian officials"."""
    return token.tag_ == "NNS" and any(c.dep_ == "nummod" for c in token.children)


@rule(example="But three foreign diplomats said Russia had sent vague signals suggesting it might try to use the "
              "vote to gain concessions in the standoff over Ukraine.")
def counted_people_speaker(subj: Token, cue: Token):
    """People counted ("Two top Russian officials said"): no entity (persons the
    text does not name, not the institution they serve), only their words."""
    return (None, noun_phrase(subj)) if counted_people(subj) else None


@rule(example="Two top Russian officials appeared to acknowledge that Moscow’s advance has been slower than "
              "expected, though they vowed the offensive would achieve its goals.")
def they_plural_subject(subj: Token, cue: Token):
    """"They": the plural subject of the sentence, before it ("Two top Russian
    officials appeared to …, though they vowed …")."""
    if subj.lower_ != "they" or subj.pos_ != "PRON":
        return None
    root = sent_of(subj).root
    plural = next((c for c in root.children if c.dep_ == "nsubj" and c.tag_ in ("NNS", "NNPS")), None)
    if plural is not None and plural.i < subj.i and counted_people(plural):
        return None, noun_phrase(plural)
    m = resolve_token(plural) if plural is not None and plural.i < subj.i else None
    return m, subj.text


@rule(example="The UK’s Ministry of Defence said Russia has “increased the intensity of its operations” in the "
              "area but there has been “strong Ukrainian resistance”. “Russia’s capture of the Severodonetsk "
              "pocket would see the whole of Luhansk Oblast placed under Russian occupation,” it added.")
def it_last_organisation_speaker(subj: Token, cue: Token):
    """"It": the last speaker named before it that is no person ("… the Ministry
    of Defence said … “…,” it added")."""
    if subj.lower_ != "it" or subj.pos_ != "PRON":
        return None
    earlier = previous_speaker(cue.doc, subj.i)
    m = _resolve_speaker(earlier) if earlier is not None else None
    if m is not None and m.type != "Person":
        return m, subj.text
    return None, subj.text


@rule(example='In comments to local media on March 21, Zelenskiy accused Moscow of trying to "destroy" his '
              'country. "Ukraine cannot fulfill Russian ultimatums," he said.')
def pronoun_last_speaker(subj: Token, cue: Token):
    """"He", "she": the last speaker when named after the last person named
    (a speaker introduced later, "One man … told RFE/RL", is the likelier "he"
    of the next quote), else the person the pronoun stands for."""
    if subj.lower_ not in PERSON_PRONOUNS:
        return None
    named_person = person_antecedent(subj)
    earlier = previous_speaker(cue.doc, subj.i)
    if earlier is not None and (named_person is None or earlier.i >= named_person.end):
        m = _resolve_speaker(earlier)
        if m is None:
            return None, noun_phrase(earlier)
        if m.type == "Person" or named_person is None:
            return agreeing_person(subj, m), subj.text
    return agreeing_person(subj, resolve_token(subj)), subj.text


def _persons_before(doc: Doc, before: int) -> Iterator[Mention]:
    """The persons a he/she may stand for, nearest first: the speakers of the
    speech verbs before it, then the persons named in the sentences before."""
    window = sent_of(doc[before]).start
    for _ in range(ALTERNATION_SENTENCES):
        window = sent_of(doc[window - 1]).start if window > 0 else window
    for tok in reversed(doc[window:before]):
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ == "VERB":
            subj = speech_subject(tok)
            m = _resolve_speaker(subj) if subj is not None and subj.pos_ != "PRON" else None
            if m is not None and m.type == PERSON:
                yield m
    for ent in reversed([e for e in ents(doc) if window <= e.start and e.end <= before and e.label_ == PERSON]):
        yield mention(ent)


@rule(example="The previous day, television broadcaster PBS revealed that in December, Crown Prince Mohammad bin "
              "Salman of Saudi Arabia accepted responsibility for the murder of journalist Jamal Khashoggi but did "
              "not say he'd ordered it. Speaking to Martin Smith of PBS, he said, \"It happened under my watch. I get "
              "all the responsibility, because it happened under my watch.\"")
def gender_agreement(subj: Token, found: Mention | None):
    """A he/she keeps the person found when the article shows their genders
    agree; given to a person of the other gender, it goes to the nearest
    earlier speaker, else person named, who agrees ('“…,” Clinton said. “…,” he
    said': the man before her), so a run of quotes alternating between two
    speakers keeps each one's quotes."""
    want = pronoun_gender(subj)
    genders = person_genders(subj.doc)
    if not want or found is None or found.type != PERSON or found.name not in genders:
        return None
    if genders[found.name] == want:
        return found
    return next((m for m in _persons_before(subj.doc, subj.i) if genders.get(m.name) == want), None)


AGREEMENT_RULES = STATEMENTS.step("pronoun agreement", (gender_agreement,))


def agreeing_person(subj: Token, found: Mention | None) -> Mention | None:
    """``found``, or the person a rule of the step "pronoun agreement" puts in its place."""
    return first(AGREEMENT_RULES, subj, found) or found


@rule(example="City authorities said 130 people were rescued but many more could remain under the debris.")
def named_subject_speaker(subj: Token, cue: Token):
    """Any other subject: the entity it names, by the rules of the step "speaker's
    name"; the speaker's words are the pronoun, the entity's words when the
    subject is inside an entity, else the noun phrase."""
    # "The country has accused Russia": the country is not the accused.
    objects = frozenset(m.name for c in cue.children if c.dep_ == "dobj" and (m := resolve_token(c)) is not None)
    appos = next((c for c in subj.children if c.dep_ == "appos" and entity_at(c) is not None), None)
    m = first(NAME_RULES, subj, objects, appos)
    text = subj.text if subj.pos_ == "PRON" else (m.text if m is not None and entity_at(subj) else noun_phrase(subj))
    return m, text


SPEAKER_RULES = STATEMENTS.step("speaker", (counted_people_speaker, they_plural_subject, it_last_organisation_speaker,
                                            pronoun_last_speaker, named_subject_speaker))


@rule(example='In comments to local media on March 21, Zelenskiy accused Moscow of trying to "destroy" his country.')
def subject_entity_not_object(subj: Token, objects: frozenset[str], appos: Token | None):
    """The entity the subject is or stands for, never the verb's object ("The
    country has accused Russia": the country is not Russia)."""
    if appos is not None and entity_at(subj) is None:
        return None
    return resolve_token(subj, exclude=objects)


@rule(example='The Vice President, Mike Pence, said on Friday the United States is "in the midst of a crisis on '
              'our southern border."')
def apposition_name(subj: Token, objects: frozenset[str], appos: Token | None):
    """The name in apposition ("the regional governor, Serhiy Haida"): the name
    given wins over the last governor named."""
    if appos is None:
        return None
    m = resolve_token(appos)
    return m if m is not None else NOTHING


@rule(example="Ukraine’s military command said Russia was trying to bomb rail infrastructure to disrupt arms "
              "supplies from foreign countries.")
def state_organ_speaker(subj: Token, objects: frozenset[str], appos: Token | None):
    """An unnamed organ of a named country ("Ukraine's military command"): its
    forces or government. See :func:`extract.coref.state_organ`."""
    return state_organ(subj)


@rule(example="Moldova’s president said during a visit to Ukraine that her country was “fragile and vulnerable” "
              "and needed help to remain “part of the free world”. President Maia Sandu visited three towns where "
              "Ukraine suspects Russian forces of committing atrocities.")
def titled_holder_speaker(subj: Token, objects: frozenset[str], appos: Token | None):
    """An office named without its holder ("the governor"): the person named
    with that title. See :func:`extract.coref.titled_holder`."""
    return titled_holder(subj)


@rule(example='One resident told Paul Rivera of WESH 2 news, "We\'re used to it."')
def unnamed_actor_speaker(subj: Token, objects: frozenset[str], appos: Token | None):
    """An actor the text does not name ("city authorities", "One man"), as a
    scoped entity. See :func:`extract.coref.unnamed_actor`."""
    return unnamed_actor(subj)


NAME_RULES = STATEMENTS.step("speaker's name", (subject_entity_not_object, apposition_name, state_organ_speaker,
                                                titled_holder_speaker, unnamed_actor_speaker))


def speaker_of(cue: Token) -> tuple[Mention | None, str]:
    """(the speaker's entity or None, the speaker's words) of a speech verb."""
    subj = speech_subject(cue)
    if subj is None:
        return None, ""
    return first(SPEAKER_RULES, subj, cue)
