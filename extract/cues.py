"""Attribution cues beyond speech verbs: what a poll shows, what someone believes, wants, supports.

News attributes content with many verbs that are no speech: "a poll shows
that …", "Republicans believe they …", "Clinton wants to …", "declined to
comment", "Kasich called for the suspension of the deal". Each verb belongs
to a class (the lexicon ``attribution_cues``), and each class reads its
content from its own part of the parse: a clause for beliefs, a "to" clause
for intents and refusals, the object for stances. :mod:`extract.reported`
turns what these rules find into reported statements, with the verb's
subject as the speaker, like a speech verb's.

Rule examples are sentences of Wikinews (CC BY 2.5).
"""
from __future__ import annotations

from spacy.tokens import Token

from .coref import resolve_token
from .lexicon import table, words
from .rules import NOTHING, first, holds, rule
from .speakers import STATEMENTS, speech_subject

MIN_QUOTED_NAME = 4  # a quoted name this long is a direct quote (see extract.reported.MIN_QUOTE_WORDS)
ATTRIBUTION_CUES = table("attribution_cues")
STANCE_CUE_PREPS = words("stance_cue_preps")
CALL_CUE_PREPS = words("call_cue_preps")
EVIDENCE_NOUNS = words("evidence_nouns")
SHARE_NOUNS = words("share_nouns")
RESPONDENT_NOUNS = words("respondent_nouns")
PERSON = "Person"  # the entity type of people


def cue_class(cue: Token) -> str:
    """The attribution class of a verb ("evidence", "belief", …), or "" for none."""
    return str(ATTRIBUTION_CUES.get(cue.lemma_.lower(), "")) if cue.pos_ == "VERB" else ""


def _children(cue: Token, *deps: str) -> list[Token]:
    return [c for c in cue.children if c.dep_ in deps and c.i > cue.i]


def _not_a_pronoun(parts: list[Token]) -> list[Token] | None:
    """The parts, unless all they hold is a pronoun ("supported it", "backed him")."""
    return parts if parts and any(t.pos_ != "PRON" for p in parts for t in p.subtree) else None


def _held_by_a_person(cue: Token, groups: bool = False) -> bool:
    """Whether the verb's subject is a person (named, or a he/she standing for
    one), or with ``groups`` people in the plural ("many researchers",
    "Republicans"): a country, a force or an "it" that "intends" or "rejects"
    acts; it attributes no view (the relations stage keeps such intent)."""
    subj = speech_subject(cue)
    if subj is None:
        return False
    if groups and subj.tag_ in ("NNS", "NNPS") and not subj.ent_type_:
        return True
    if _share_of_people(subj):
        return True
    found = resolve_token(subj)
    return subj.ent_type_ == PERSON or (found is not None and found.type == PERSON)


def _share_of_people(subj: Token) -> bool:
    """Whether the subject is a share of people, as polls count them ("a
    majority of Republicans", "19 percent of college students", "two-thirds
    of voters"), not of things ("half of the funds")."""
    if subj.lemma_.lower() not in SHARE_NOUNS and subj.pos_ != "NUM":
        return False
    of = [p for p in subj.children if p.dep_ == "prep" and p.lower_ == "of"]
    group = [o for p in of for o in p.children if o.dep_ == "pobj"]
    # a proper plural keeps its "s" in the lemma ("Republicans")
    return any(o.ent_type_ == "NORP" or o.lemma_.lower() in RESPONDENT_NOUNS
               or o.tag_ == "NNPS" and o.lower_.removesuffix("s") in RESPONDENT_NOUNS for o in group)


def _not_a_state(cue: Token) -> bool:
    """Whether the verb's subject is no country, government, force or place
    ("His spokesman declined to comment", not "Ukraine refused to surrender")."""
    subj = speech_subject(cue)
    if subj is None:
        return False
    found = resolve_token(subj)
    return found is None and not subj.ent_type_ and subj.pos_ != "PRON" or _held_by_a_person(cue)


def _found_by_a_record(cue: Token) -> bool:
    """Whether the verb's subject is a poll, study or record ("the poll showed …")."""
    subj = speech_subject(cue)
    return subj is not None and subj.lemma_.lower() in EVIDENCE_NOUNS


@rule(example="The study found that when the whites disappeared, a Jurassic-era predator called the sevengill shark "
              "(Notorhynchus cepedianus) moved in.")
def evidence_clause_or_object(cue: Token):
    """What a poll, study or record shows or finds: its clause, or its object
    when a poll, study or record finds it ("opinion polls showed national
    support for de Blasio"; "rescuers found two bodies" is no attribution).
    Anything else shows a "that" clause ("Trump showed that …"), not what
    footage shows ("images show mass graves")."""
    if cue_class(cue) != "evidence":
        return None
    record = _found_by_a_record(cue)
    clause = [c for c in _children(cue, "ccomp") if record or any(m.dep_ == "mark" for m in c.children)]
    if clause:
        return clause
    return _not_a_pronoun(_children(cue, "dobj")) if record else None


@rule(example="Not everyone actually believes that Neandertals made those.")
def belief_clause(cue: Token):
    """What someone believes, thinks, fears or expects: the clause ("believes
    that …"), never a bare object ("believed him")."""
    if cue_class(cue) != "belief":
        return None
    return _children(cue, "ccomp") or None if _held_by_a_person(cue, groups=True) else NOTHING


@rule(example="Nigeria previously announced it planned to join the AfCFTA in the week leading up to the summit.")
def intent_clause_or_object(cue: Token):
    """What someone wants, plans or seeks: the "to" clause ("seeks to retake
    control", "planned to join the AfCFTA"), else the thing wanted ("wants more funding")."""
    if cue_class(cue) != "intent":
        return None
    if not _held_by_a_person(cue):
        return NOTHING
    return _children(cue, "xcomp", "ccomp") or _not_a_pronoun(_children(cue, "dobj"))


@rule(example="Barr and Ross, however, refused to hand over the documents.")
def refusal_clause(cue: Token):
    """What someone declines, refuses or agrees to do: the "to" clause
    ("refused to hand over the documents", "declined to comment"), unless a
    country or its government refuses: an act of state."""
    if cue_class(cue) != "refusal":
        return None
    if not _not_a_state(cue):
        return NOTHING
    return _children(cue, "xcomp") or None


@rule(example="Adamowicz, 53, has supported LGBT rights and and the inclusion of minority groups.")
def stance_object(cue: Token):
    """Whom or what someone supports, opposes, praises or condemns: the object
    and its reason ("criticized him for saying …"), not a lone pronoun."""
    if cue_class(cue) != "stance":
        return None
    if not _held_by_a_person(cue):
        return NOTHING
    return _not_a_pronoun(_children(cue, "dobj") + [p for p in _children(cue, "prep") if p.lower_ in STANCE_CUE_PREPS])


@rule(example="Protesters called for Rosselló's resignation after revelations he and his staffers sent "
              "anti-homosexual and misogynistic comments using Telegram, a messaging app.")
def called_for_or_named(cue: Token):
    """"Called for X", "called on X to Y": the phrase; "called X Y": the object
    and what it is called ('called her "weak"'), unless that is a quote of its
    own ('called the stabbing "an act of inexplicable barbarity"': a direct
    quote). "Called" alone is a phone call."""
    if cue_class(cue) != "call":
        return None
    named = _children(cue, "oprd")
    quoted = [t for t in cue.doc[named[0].left_edge.i : named[-1].right_edge.i + 1] if not t.is_punct] if named else []
    if named and not (len(quoted) >= MIN_QUOTED_NAME and any(t.is_quote for t in cue.doc[named[0].left_edge.i - 1:
                                                                                         named[-1].right_edge.i + 1])):
        return _children(cue, "dobj") + named
    return [p for p in _children(cue, "prep") if p.lower_ in CALL_CUE_PREPS] + _children(cue, "xcomp") or None


@rule(example="I never really thought that they should be with the woman.")
def first_or_second_person(cue: Token):
    """"I think", "we want", "you believe": the article's own voice or a
    speech's, no attribution of its own (a quote holding it is the statement)."""
    subj = speech_subject(cue)
    return True if subj is not None and subj.pos_ == "PRON" and subj.morph.get("Person") in (["1"], ["2"]) else None


@rule(example="And this selection really shows that they had knowledge of the raw material properties of these ribs "
              "and knew what they wanted for their particular tasks.")
def relative_or_question_cue(cue: Token):
    """A cue inside a relative clause or a question ("what it thinks is
    important", "how they want it"): it describes, it attributes nothing."""
    wh = any(c.tag_ in ("WP", "WDT", "WRB") and c.i < cue.i for c in cue.subtree)
    return True if cue.dep_ in ("relcl", "acl", "pcomp", "csubj") or wh else None


NOT_CUE_RULES = STATEMENTS.step("no attribution", (first_or_second_person, relative_or_question_cue), kind="test")


CUE_CLASS_RULES = STATEMENTS.step("attribution cue", (evidence_clause_or_object, belief_clause,
                                                      intent_clause_or_object, refusal_clause, stance_object,
                                                      called_for_or_named))


def attributed_parts(cue: Token) -> list[Token] | None:
    """The heads of what an attribution cue attributes, by the rules of the step
    "attribution cue" (none when a rule of the step "no attribution" says so)."""
    if not cue_class(cue) or holds(NOT_CUE_RULES, cue):
        return None
    return first(CUE_CLASS_RULES, cue)
