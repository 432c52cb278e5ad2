"""Subject-relation-object triples between entities, from the parse.

Active and passive voice come out the right way round ("a theater was
flattened by Russian air strikes" -> Russia attacked the theater);
prepositional objects give ``<verb>_<prep>`` relations ("fled to Poland" ->
fled_to); "an air strike on a mall" is an attack on the mall. Roles, memberships
and places that titles and appositions describe come from
:mod:`extract.descriptions`.
Relation names come from :data:`graph.vocab.RELATIONS` where a verb maps to
one, else they are the verb's lemma.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from core.records import Mention, Triple

from .coref import resolve_token
from .descriptions import PLACE_NOUNS, description_triples, make_triple, of_object
from .doc import doc_quotes, entity_at
from .speakers import SPEECH_VERBS

ATTACK_VERBS = frozenset(
    "attack bomb shell strike hit target flatten destroy demolish raid bombard storm besiege shoot".split()
)
ATTACK_NOUNS = frozenset("attack strike airstrike shelling bombing assault raid bombardment offensive".split())
VERB_RELATIONS = {"kill": "killed", "invade": "invaded", "accuse": "accused"}
PREP_RELATIONS = {("flee", "to"): "fled_to", ("arrive", "in"): "arrived_in", ("arrive", "at"): "arrived_in"}
ALLEGATION_VERBS = frozenset("accuse blame charge suspect".split())
#: What these verbs allow is a possibility, not an event ("allowing it to link Crimea with …").
ENABLING_VERBS = frozenset("allow enable let permit help".split())
#: "take control of X", "seize possession of X": the held thing is the verb's object.
CONTROL_NOUNS = frozenset("control possession command".split())


def relation_name(lemma: str, prep: str = "") -> str:
    """The vocabulary name for a verb (and preposition).

    >>> relation_name("flatten"), relation_name("flee", "to"), relation_name("take", "to")
    ('attacked', 'fled_to', 'take_to')
    """
    lemma = lemma.lower()
    if prep:
        return PREP_RELATIONS.get((lemma, prep.lower()), f"{lemma}_{prep.lower()}")
    if lemma in ATTACK_VERBS:
        return "attacked"
    return VERB_RELATIONS.get(lemma, lemma)


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out = []
    for t in tokens:
        out.append(t)
        out.extend(c for c in t.conjuncts if c.i > t.i)
    return out


def _subjects(verb: Token) -> tuple[list[Token], float]:
    """Agents of ``verb`` and a confidence; inherited from the governing verb
    for conjoined and controlled verbs, and from the accused for "accused X of bombing Y"."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    # "Russia has for the past two weeks attempted …": the parser may hang the subject on "has".
    subj += [g for c in verb.children if c.dep_ == "aux" and c.i < verb.i for g in c.children if g.dep_ == "nsubj"]
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if subj or agent:
        return _with_conjuncts(subj + agent), 1.0
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.lemma_ in ALLEGATION_VERBS:
        accuser = head.head
        accused = [c for c in accuser.children if c.dep_ in ("dobj", "nsubjpass")]
        return _with_conjuncts(accused), 0.6
    passive_head = [c for c in head.children if c.dep_ == "nsubjpass"]
    if verb.dep_ == "conj" and passive_head and verb.tag_ != "VBN" \
            and not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        # "Putin was briefed, and flew to Magnitogorsk": an active verb coordinated
        # with a passive one shares its subject, not its agent.
        return _with_conjuncts(passive_head), 0.9
    if verb.dep_ in ("conj", "xcomp") and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        found, conf = _subjects(head)
        return found, conf * 0.9
    return [], 0.0


def _objects(verb: Token) -> Iterator[tuple[Token, str]]:
    """(object token, preposition or "") pairs of a verb."""
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    for o in _with_conjuncts([c for c in verb.children if c.dep_ == "dobj"] + passive):
        held = of_object(o) if o.lemma_.lower() in CONTROL_NOUNS else None
        if held is not None:  # "takes control of the town": the town is the object (take_control_of)
            yield held, f"{o.lemma_.lower()}_of"
            continue
        # "Crimea, which it seized in 2014": the relative pronoun stands for the clause's head.
        yield (verb.head if o.lower_ in ("which", "that", "who", "whom") and verb.dep_ == "relcl" else o), ""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ not in ("by",):
            for o in _with_conjuncts([c for c in prep.children if c.dep_ == "pobj"]):
                yield o, prep.lower_


def _verb_triples(verb: Token) -> Iterator[Triple]:
    if any(c.dep_ == "neg" for c in verb.children):
        return  # "Russia denies attacking civilians" is no attack
    if verb.lemma_.lower() in SPEECH_VERBS and verb.lemma_.lower() not in VERB_RELATIONS:
        return  # what was said is a Statement, not a relation
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in ENABLING_VERBS:
        return  # "allowing it to link Crimea with …" says what could happen, not what did
    subjects, conf = _subjects(verb)
    objects = list(_objects(verb))
    has_object = any(not prep or prep.endswith("_of") for _, prep in objects)
    # "The country has accused Russia": the country is not Russia.
    object_names = frozenset(m.name for o, prep in objects if not prep and (m := resolve_token(o, agent=False)))
    for s_tok in subjects:
        s = resolve_token(s_tok, exclude=object_names)
        if s is None:
            continue
        for o_tok, prep in objects:
            rel = relation_name(verb.lemma_, prep)
            direct = not prep or prep.endswith("_of")
            if not direct and rel not in PREP_RELATIONS.values() and (has_object or o_tok.head.i < verb.i):
                # "stepped up its offensive in eastern Ukraine", "In Zaporizhzhia, … held back
                # tears": the phrase says where, not what the verb relates; "bombing a hospital in
                # the city" is already the attack on the hospital.
                continue
            o = _object_entity(o_tok)
            if o is not None and o.name != s.name:
                yield make_triple(s, rel, o, verb, s_tok, o_tok, conf * 0.9)


def _object_entity(token: Token) -> Mention | None:
    """The entity an object names: "the town of Svitlodarsk" is Svitlodarsk, not the town
    "the city" stands for elsewhere in the article."""
    if entity_at(token) is None and token.lemma_.lower() in PLACE_NOUNS:
        named = of_object(token)
        if named is not None and entity_at(named) is not None:
            return resolve_token(named, agent=False)
    return resolve_token(token, agent=False)


def _noun_attack_triples(noun: Token) -> Iterator[Triple]:
    """"Russian air strikes on a mall", "Russia's attack on Kyiv"."""
    preps = [p for p in noun.children if p.dep_ == "prep"]
    if noun.dep_ == "dobj":  # "broadened their attacks elsewhere, including on the capital"
        preps += [p for p in noun.head.children if p.dep_ == "prep" and p.lower_ == "including"]
    # "their attacks elsewhere, including on the capital"
    preps += [g for p in preps if p.lower_ == "including" for g in p.children if g.dep_ in ("prep", "pcomp")]
    targets = [g for p in preps if p.lower_ in ("on", "against") for g in p.children if g.dep_ == "pobj"]
    if not targets:
        return
    s = resolve_token(noun)
    if s is None:
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        s = resolve_token(owner) if owner is not None else None
        if s is None and owner is not None and owner.pos_ == "PRON" and noun.dep_ == "dobj":
            # "Russian forces intensified their attacks": the owner is the verb's subject.
            subjects = _subjects(noun.head)[0]
            s = resolve_token(subjects[0]) if subjects else None
    if s is None:
        return
    for t in _with_conjuncts(targets):
        o = resolve_token(t, agent=False)
        if o is not None and o.name != s.name:
            yield make_triple(s, "attacked", o, noun, noun, t, 0.7)


def extract_triples(doc: Doc) -> Iterator[Triple]:
    """Every entity-to-entity triple in a processed doc, in text order.

    Clauses inside quotation marks are left out: they are the speaker's
    words, kept as a Statement, not facts the article states."""
    quoted = doc_quotes(doc)
    for token in doc:
        if any(qs <= token.idx < qe for qs, qe in quoted):
            continue
        if token.pos_ == "VERB":
            yield from _verb_triples(token)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in ATTACK_NOUNS:
            yield from _noun_attack_triples(token)
    for ent in doc.ents:
        yield from description_triples(ent)
