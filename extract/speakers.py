"""Who speaks: the subject of a speech verb, resolved to an entity.

The subject (:mod:`extract.speech_subjects`, which holds the stage's registry) is
resolved here: pronouns through the last speaker and gender agreement, titles
and descriptions ("the former Russian president", "the diplomat", "the
company") to the person or organisation the article introduced, unnamed
organs through :mod:`extract.coref`. The steps here: the speaker, pronoun
agreement, the speaker's name.

Rule examples are sentences of real news: the seeds, the Guardian and Wikinews (CC BY 2.5).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

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
from .described import company_most_named, organisation_named_with_noun
from .doc import ents, ents_ending_by, entity_at, inside_quotes, mention, sent_of
from .genders import PERSON, person_genders, pronoun_gender
from .lexicon import words
from .rules import NOTHING, first, rule
from .speech_subjects import (  # noqa: F401  (the stage's registry and lexicons, read here by the stage's modules)
    OBJECT_CUES,
    RELATIVE_PRONOUNS,
    SPEECH_VERBS,
    STATEMENTS,
    noun_phrase,
    participle_host,
    speech_subject,
)

DESCRIBED_PERSON_NOUNS = words("described_person_nouns")
ALTERNATION_SENTENCES = 6  # how far back a run of quotes between two speakers reaches


# -- the speaker ------------------------------------------------------------------

def narrated_speech_verb(tok: Token) -> bool:
    """A speech verb of the narration: one inside someone's quoted words ("“…, as the minister
    said last year, …”") names no speaker of the run of quotes."""
    return tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ == "VERB" and not inside_quotes(tok.doc, tok.idx)


def previous_speaker(doc: Doc, before: int) -> Token | None:
    """The subject of the nearest earlier speech verb of the narration that is not a pronoun."""
    for tok in reversed(doc[:before]):
        if narrated_speech_verb(tok):
            subj = speech_subject(tok)
            if subj is not None and subj.pos_ != "PRON":
                return subj
    return None


def _resolve_speaker(token: Token, exclude: frozenset[str] = frozenset()) -> Mention | None:
    return resolve_token(token, exclude=exclude) or state_organ(token) or unnamed_actor(token)


def _named_speaker(token: Token) -> Mention | None:
    """The entity a speaker's subject names, by every rule of the step "speaker's name"."""
    return first(NAME_RULES, token, frozenset(), None)


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
    chained = _same_pronoun_speaker(subj, cue)
    if chained is not None:
        return chained, subj.text
    named_person = person_antecedent(subj)
    earlier = previous_speaker(cue.doc, subj.i)
    if earlier is not None and named_person is not None and _in_reported_words(named_person) \
            and (m := _named_speaker(earlier)) is not None and m.type == PERSON:
        return agreeing_person(subj, m), subj.text
    if earlier is not None and (named_person is None or earlier.i >= named_person.end
                                or _within_words_of(earlier, named_person)):
        m = _named_speaker(earlier)
        if m is None:
            return None, noun_phrase(earlier)
        if m.type == "Person" or named_person is None:
            return agreeing_person(subj, m), subj.text
    return agreeing_person(subj, resolve_token(subj)), subj.text


def _within_words_of(speaker: Token, ent) -> bool:
    """Whether a person is named inside what a speaker's verb reports ("The United boss said it
    was worse than Ruud van Nistelrooy's foul"): a name in someone's words is no new speaker."""
    return any(c.dep_ in ("ccomp", "xcomp") and c.left_edge.i <= ent.start and ent.end - 1 <= c.right_edge.i
               for c in speaker.head.children)


def _same_pronoun_speaker(subj: Token, cue: Token) -> Mention | None:
    """A he/she whose sentence follows one where the same pronoun speaks, no one named between
    but in what was said ("Trump questioned the selection. He said the "phony" and "nasty" Harris
    attacked Biden during Democratic debates […]. He also said Harris' poll numbers dropped
    precipitously before her withdrawal."): the same speaker as there. Wikinews, CC BY 2.5."""
    doc = cue.doc
    start = sent_of(subj).start
    if start == 0:
        return None
    before = sent_of(doc[start - 1])
    found = ents(doc)
    for i in range(ents_ending_by(doc, subj.i) - 1, -1, -1):
        e = found[i]
        if e.start < before.start:
            break
        if e.label_ == PERSON and not inside_quotes(doc, e.start_char) and not _in_reported_words(e):
            return None  # someone named in between: the other rules weigh them
    verb = next((t for t in reversed(doc[before.start:subj.i]) if narrated_speech_verb(t)), None)
    other = speech_subject(verb) if verb is not None else None
    if other is None or other.lower_ != subj.lower_ or other.i >= subj.i or other.i < before.start:
        return None
    m, _ = first(SPEAKER_RULES, other, verb)
    return m if m is not None and m.type == PERSON else None


def _in_reported_words(ent) -> bool:
    """Whether a person is named inside the clause a speech verb reports ("… saying the candidate
    is no <a person of history>. “…,” he said"): someone talked about, not a new speaker for the
    next quote."""
    tok = ent.root
    while tok.dep_ not in ("ROOT", "ccomp", "xcomp") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in ("ccomp", "xcomp") and tok.head.lemma_.lower() in SPEECH_VERBS and tok.head.i < ent.start


def _window_start(doc: Doc, before: int) -> int:
    """The start of the run of sentences a he/she or a description looks back over."""
    window = sent_of(doc[before]).start
    for _ in range(ALTERNATION_SENTENCES):
        window = sent_of(doc[window - 1]).start if window > 0 else window
    return window


def _recent_persons(doc: Doc, before: int, subjects: bool = False, noun: str = "") -> Iterator[Mention]:
    """The persons who speak before ``before`` in the run of sentences, nearest first (the
    subjects of speech verbs), and with ``subjects`` the persons who are the subject of a
    sentence's main verb outside quotes too; none before an earlier speaker called by ``noun``
    ("A … official said … the official said": the same unnamed person)."""
    window = doc[_window_start(doc, before):before]
    if noun and any(tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ == "VERB"
                    and (subj := speech_subject(tok)) is not None and subj.lemma_.lower() == noun
                    and entity_at(subj) is None for tok in window):
        return
    for tok in reversed(window):
        if narrated_speech_verb(tok):
            subj = speech_subject(tok)
            m = _resolve_speaker(subj) if subj is not None and subj.pos_ != "PRON" and subj.i < before else None
            if m is not None and m.type == PERSON:
                yield m
        elif subjects and tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and not inside_quotes(doc, tok.idx):
            ent = entity_at(tok)
            if ent is not None and ent.label_ == PERSON:
                yield mention(ent)


def _persons_before(doc: Doc, before: int) -> Iterator[Mention]:
    """The persons a he/she may stand for, nearest first: the speakers of the
    speech verbs before it, then the persons named in the sentences before."""
    window = _window_start(doc, before)
    yield from _recent_persons(doc, before)
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
    m = first(NAME_RULES, subj, objects, appos or role_of_named_person(subj))
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


def role_of_named_person(subj: Token) -> Token | None:
    """The person named after a role of something ("The head of the Electoral Commission, John
    Holmes, said"): the parser hangs the name on the role's "of" object."""
    if subj.lemma_.lower() not in DESCRIBED_PERSON_NOUNS:
        return None
    for prep in (c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            named = next((c for c in pobj.children if c.dep_ == "appos"
                          and (e := entity_at(c)) is not None and e.label_ == PERSON), None)
            if named is not None:
                return named
    return None


@rule(example="Russia and Iran will sign an agreement on visa-free travel for tourist groups, Russian Ambassador to "
              "Iran Levan Dzhagaryan said in an interview with TASS. […] “Interaction on most pressing regional "
              "issues […] will also be in focus of the talks,” the diplomat said.")
def described_person_speaker(subj: Token, objects: frozenset[str], appos: Token | None):
    """"the diplomat", "The United boss": a person's role or occupation after "the", with no one
    named with it, is the person last speaking or last the subject of a sentence, a few
    sentences back ("Ferguson believes … The United boss said …")."""
    if subj.lemma_.lower() not in DESCRIBED_PERSON_NOUNS or subj.tag_ != "NN" or subj.ent_type_:
        return None
    if [c.lower_ for c in subj.children if c.dep_ in ("det", "poss")] != ["the"] \
            or any(c.dep_ in ("prep", "relcl", "acl") for c in subj.children):
        return None
    found = next(_recent_persons(subj.doc, subj.i, subjects=True, noun=subj.lemma_.lower()), None)
    return replace(found, text=subj.text, confidence=0.5) if found is not None else None


NAME_RULES = STATEMENTS.step("speaker's name", (subject_entity_not_object, apposition_name, state_organ_speaker,
                                                titled_holder_speaker, organisation_named_with_noun,
                                                company_most_named, described_person_speaker,
                                                unnamed_actor_speaker))


def speaker_of(cue: Token) -> tuple[Mention | None, str]:
    """(the speaker's entity or None, the speaker's words) of a speech verb."""
    subj = speech_subject(cue)
    if subj is None:
        return None, ""
    return first(SPEAKER_RULES, subj, cue)
