"""Subject-relation-object triples between entities, from the parse (the relations stage).

Active and passive voice come out the right way round ("a theater was
flattened by Russian air strikes" -> Russia attacked the theater);
the subjects are :mod:`extract.subjects`'s; prepositional objects give ``<verb>_<prep>`` relations ("fled to Poland" ->
fled_to); "an air strike on a mall" is an attack on the mall. Roles, memberships
and places that titles and appositions describe come from
:mod:`extract.descriptions`. Relation names are the vocabulary's
(ontology.ttl) where a verb maps to one (lexicons attack_verbs,
verb_relations, prep_relations), else the verb's lemma. The stage's registry, :data:`RELATIONS`, is declared in
:mod:`extract.triples`.

Rule examples are sentences of real news: the seeds, English Wikinews (wikinews_2019_2020, CC BY 2.5,
credit: Wikinews contributors), and single sentences of the Guardian/NYT and BBC corpora.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from core.records import Mention, Triple

from .attack_nouns import ATTACK_NOUNS, attack_noun_on_target
from .copula import be_from_or_in, is_copula
from .coref import resolve_token
from .descriptions import description_triples
from .phrases import phrase_triples
from .residence import residence_triples
from .doc import entity_at, inside_quotes
from .lexicon import table, words
from .located import PLACE_NOUNS
from .modality import modality_of
from .rules import chain, first, holds, rule
from .speakers import RELATIVE_PRONOUNS, SPEECH_VERBS
from .subjects import subjects, with_conjuncts
from .triples import RELATIONS, container_of, make_triple, of_object
from .victories import VICTORY, VICTORY_NOUNS

__all__ = ["RELATIONS", "extract_triples", "relation_name"]

ATTACK_VERBS = words("attack_verbs")
VERB_RELATIONS = table("verb_relations")
#: "flee to" -> fled_to.
PREP_RELATIONS = table("prep_relations")
CONTROL_NOUNS = words("control_nouns")
#: "dead", "fatally", "death": an attack they qualify was a killing.
LETHAL_WORDS = words("lethal_words")
#: "gun": "gunned down" is a killing.
GUN_VERBS = words("gun_verbs")
#: "shoot", "stab": done to a person, the relation keeps the verb's name.
PERSON_ATTACK_VERBS = words("person_attack_verbs")
#: "fin" -> "fine": the model's lemmas of verbs that are wrong.
LEMMA_FIXES = table("lemma_fixes")


def relation_name(lemma: str, prep: str = "") -> str:
    """The vocabulary name for a verb (and preposition).

    >>> relation_name("flatten"), relation_name("flee", "to"), relation_name("take", "to")
    ('attacked', 'fled_to', 'take_to')
    """
    lemma = LEMMA_FIXES.get(lemma.lower(), lemma.lower())
    if prep:
        return PREP_RELATIONS.get(f"{lemma} {prep.lower()}", f"{lemma}_{prep.lower()}")
    if lemma in ATTACK_VERBS:
        return "attacked"
    return VERB_RELATIONS.get(lemma, lemma)


# -- words that state no relation (these answer True) -------------------------------

@rule(example="Charles told the Daily Mail, \"All we need to do is ask her to come back.\"")
def in_quotation_marks(token: Token) -> bool | None:
    """Words inside quotation marks are the speaker's, kept as a Statement, not facts the article states."""
    return True if inside_quotes(token.doc, token.idx) else None


QUOTED = RELATIONS.step("quoted", (in_quotation_marks,), kind="test")


@rule(example="In a press conference afterwards, Pelosi said that the US would not be bullied.")
def speech_verb(verb: Token) -> bool | None:
    """What a speech verb reports is a Statement, not a relation (unless the vocabulary names the
    verb: "accused")."""
    lemma = verb.lemma_.lower()
    return True if lemma in SPEECH_VERBS and lemma not in VERB_RELATIONS else None


NO_RELATION = RELATIONS.step("no relation", (speech_verb,), kind="test")


# -- the objects of a verb: (token, preposition or "") --------------------------------

@rule(example="Russia takes control of Donetsk region town of Svitlodarsk")
def held_after_control_noun(obj: Token, verb: Token) -> tuple[Token, str] | None:
    """"take control of X", "seize possession of X": the held thing is the verb's object (take_control_of)."""
    lemma = obj.lemma_.lower()
    held = of_object(obj) if lemma in CONTROL_NOUNS else None
    return (held, f"{lemma}_of") if held is not None else None


@rule(example=("It is seeking to take control of the city, allowing it to link Crimea -- which it seized in 2014"
               " -- with territory controlled by Kremlin-backed separatists in eastern Ukraine."))
def relative_pronoun_head(obj: Token, verb: Token) -> tuple[Token, str] | None:
    """"Crimea, which it seized in 2014": the relative pronoun stands for the clause's head."""
    return (verb.head, "") if obj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else None


@rule(example=("Recently, the United States announced a naval coalition to patrol the Persian Gulf which was joined"
               " by Australia, Bahrain, Saudi Arabia, the United Kingdom and the United Arab Emirates."))
def restrictive_clause_on_name(obj: Token, verb: Token) -> tuple[Token, str] | None:
    """A relative clause without a comma restricts a common noun; English does not restrict a proper
    name ("the Persian Gulf which was joined by Australia" is the coalition that was joined), so when
    the parser hangs one on a name, the pronoun stands for no entity (answers the pronoun itself)."""
    head = verb.head
    if obj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and head.pos_ == "PROPN" \
            and obj.i == head.i + 1:
        return obj, ""
    return None


OBJECT = RELATIONS.step("object", (held_after_control_noun, restrictive_clause_on_name, relative_pronoun_head))


@rule(example=("Yukos is currently suing four companies - Gazprom, its unit Gazpromneft, Rosneft and the shell"
               " company which won the bidding - for their part in Yugansk's disposal."))
def members_of_plural_object(obj: Token) -> Iterator[Token]:
    """A plural common noun as object stands for the entities it lists, in apposition or after
    "including": "suing four companies - Gazprom, …, Rosneft", "companies, including Gazprom"."""
    if obj.tag_ not in ("NNS", "NNPS") or obj.pos_ != "NOUN" or entity_at(obj) is not None:
        return
    listed = [c for c in obj.children if c.dep_ == "appos"]
    listed += [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "including"
               for g in p.children if g.dep_ == "pobj"]
    for t in listed:  # "Gazprom, its unit Gazpromneft": the unit's own apposition too
        yield t
        yield from (c for c in t.children if c.dep_ == "appos")


MEMBERS = RELATIONS.step("members of object", (members_of_plural_object,))


def _like_conjuncts(objects: list[Token]) -> list[Token]:
    """The objects and their conjuncts, but no name conjoined to a common noun: in "had a solid game and
    Jason Robinson and Josh Lewsey both did nothing wrong" the names start a clause of their own."""
    out = []
    for o in objects:
        out.append(o)
        common = o.pos_ == "NOUN" and entity_at(o) is None
        out.extend(c for c in o.conjuncts if c.i > o.i and not (common and c.pos_ == "PROPN"))
    return out


def _violent(verb: Token) -> bool:
    """Whether the verb attacks or kills ("shoot", "wound", "kill")."""
    lemma = verb.lemma_.lower()
    return lemma in PERSON_ATTACK_VERBS or lemma in ATTACK_VERBS or VERB_RELATIONS.get(lemma) == "killed"


def _objects(verb: Token) -> Iterator[tuple[Token, str]]:
    """(object token, preposition or "") pairs of a verb: direct objects (see :data:`OBJECT`),
    then prepositional objects (not "by": that is the agent)."""
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    direct = [c for c in verb.children if c.dep_ == "dobj"]
    if not direct and not passive and _violent(verb):
        # "Jack Ruby shot and mortally wounded Lee Harvey Oswald": the object of the second attack verb
        direct = [c for v in verb.children if v.dep_ == "conj" and _violent(v) for c in v.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() != "have":  # "had three children, including X": no "have" of a child
        direct += [m for o in direct for m in chain(MEMBERS, o)]
    for o in _like_conjuncts(direct) + with_conjuncts(passive):
        yield first(OBJECT, o, verb) or (o, "")
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ != "by":
            for o in with_conjuncts([c for c in prep.children if c.dep_ == "pobj"]):
                yield o, prep.lower_


@rule(example="Russia shelled the city on Monday night.")
def phrase_of_place_or_time(verb: Token, obj: Token, prep: str, rel: str, has_object: bool) -> bool | None:
    """A prepositional phrase beside a direct object, or before the verb, says where or when, not what
    the verb relates: "stepped up its offensive in eastern Ukraine", "In Zaporizhzhia, … held back
    tears" ("bombing a hospital in the city" is already the attack on the hospital). Answers True."""
    direct = not prep or prep.endswith("_of")
    if not direct and rel not in PREP_RELATIONS.values() and (has_object or obj.head.i < verb.i):
        return True
    return None


@rule(example=("Stevens was born in 1920 in Chicago, Illinois and studied law at Northwestern University. He was"
               " nominated to the Supreme Court in 1975 by President Gerald Ford."))
def prepositional_object_of_passive(verb: Token, obj: Token, prep: str, rel: str, has_object: bool) -> bool | None:
    """In a passive with its agent ("was nominated to the Supreme Court by President Gerald Ford"), a
    prepositional phrase relates the passive's subject, not the agent: no fact between the agent and
    it. Answers True."""
    if prep and not prep.endswith("_of") and any(c.dep_ == "agent" for c in verb.children):
        return True
    return None


NO_OBJECT = RELATIONS.step("no object", (phrase_of_place_or_time, prepositional_object_of_passive), kind="test")


@rule(example="Tupac Shakur was shot dead in 1996.")
def lethal_manner(verb: Token) -> bool | None:
    """An attack that a word says was lethal is a killing: "shot dead", "fatally shot", "shot to
    death", "gunned down"."""
    for c in verb.children:
        if c.lower_ in LETHAL_WORDS and c.dep_ in ("advmod", "oprd", "acomp", "xcomp", "ccomp", "dep"):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ in LETHAL_WORDS for g in c.children):
            return True
        if c.dep_ == "prt" and verb.lemma_.lower() in ATTACK_VERBS | GUN_VERBS and c.lower_ == "down":
            return True
    return None


LETHAL = RELATIONS.step("lethal", (lethal_manner,), kind="test")


@rule(example=("Russian forces seized Lysychansk’s twin city of Sievierodonetsk last week after weeks of intense"
               " fighting."))
def place_noun_naming_object(token: Token) -> Mention | None:
    """An object that is a place noun named after "of" is the named place ("the town of Svitlodarsk"),
    not the town "the city" stands for elsewhere in the article."""
    if entity_at(token) is None and token.lemma_.lower() in PLACE_NOUNS:
        named = of_object(token)
        if named is not None and entity_at(named) is not None:
            return resolve_token(named, agent=False)
    return None


OBJECT_ENTITY = RELATIONS.step("object entity", (place_noun_naming_object,))


@rule(example="Sirhan shot him in the head just after midnight, while he was walking through a hotel kitchen.")
def shooting_of_person(verb: Token, rel: str, obj: Mention) -> str | None:
    """"X shot Y" of a person is a shooting (the verb's name), not a mere attack."""
    lemma = verb.lemma_.lower()
    return lemma if rel == "attacked" and obj.type == "Person" and lemma in PERSON_ATTACK_VERBS else None


@rule(example=("At the beginning of May, with the Coronavirus Pandemic ongoing and stay-at-home orders easing in"
               " some states, presumptive US Democratic Party presidential nominee Joe Biden led incumbent US"
               " President Donald Trump of the Republican Party in the RealClearPolitics average of head-to-head"
               " opinion polls."))
def lead_over_person(verb: Token, rel: str, obj: Mention) -> str | None:
    """One leads (heads) an organisation or a place; leading a person is being ahead of them in a
    race or a poll: the relation is the verb's lemma, not ``leads``."""
    return verb.lemma_.lower() if rel == "leads" and obj.type == "Person" else None


RELATION_FOR_OBJECT = RELATIONS.step("relation for object", (shooting_of_person, lead_over_person))


# -- triples -------------------------------------------------------------------------

def _apposition_entity(token: Token) -> Mention | None:
    """The entity named in apposition to a noun that names none: "the founder of the
    company, X, was born in …" is X (a person named in apposition to the noun or its "of" phrase)."""
    if token.pos_ not in ("NOUN", "PROPN") or entity_at(token) is not None:  # "the 18th President of …, X,"
        return None
    holders = [token]
    following = of_object(token)  # the parser may hang the name on the "of" phrase
    if following is not None:
        holders.append(following)
    named = next((c for h in holders for c in h.children if c.dep_ == "appos" and entity_at(c) is not None
                  and entity_at(c).label_ == "Person"), None)
    if named is None and token.dep_ == "appos" and entity_at(token.head) is not None \
            and entity_at(token.head).label_ == "Person":  # "Sirhan Sirhan, the man convicted of killing Kennedy"
        named = token.head
    if named is None and token.dep_ == "attr" and token.head.lemma_ == "be":  # "X was the gunman who killed Y"
        named = next((c for c in token.head.children if c.dep_ == "nsubj" and entity_at(c) is not None
                      and entity_at(c).label_ == "Person"), None)
    return resolve_token(named) if named is not None else None


@rule(example="Trudeau heads the Liberal Party.")
def verb_between_entities(verb: Token) -> Iterator[Triple]:
    """A verb relates each of its subjects to each of its objects, the relation named for the verb
    (and preposition): "Russia attacked Kyiv", "fled to Poland"."""
    if verb.pos_ != "VERB" or holds(NO_RELATION, verb):
        return
    modality = modality_of(verb)  # "did not attack", "pledged to leave": kept, not asserted
    doers, conf = subjects(verb)
    objects = list(_objects(verb))
    has_object = any(not prep or prep.endswith("_of") for _, prep in objects)
    lethal = bool(objects) and holds(LETHAL, verb)  # "shot dead": a killing, whoever did it
    # "The country has accused Russia": the country is not Russia.
    object_names = frozenset(m.name for o, prep in objects if not prep and (m := resolve_token(o, agent=False)))
    for s_tok in doers:
        s = resolve_token(s_tok, exclude=object_names) or _apposition_entity(s_tok)
        if s is None:
            continue
        for o_tok, prep in objects:
            if o_tok in doers:  # "Bush and Dukakis were born in …": the one born is no object
                continue
            rel = relation_name(verb.lemma_, prep)
            if not prep and rel in ("attacked", verb.lemma_.lower()) and lethal:
                rel = "killed"
            if holds(NO_OBJECT, verb, o_tok, prep, rel, has_object):
                continue
            # An object that resolves is always an entity, so place_noun_naming_object answers or passes.
            o = first(OBJECT_ENTITY, o_tok) or resolve_token(o_tok, agent=False) or _apposition_entity(o_tok)
            if o is not None:
                rel = first(RELATION_FOR_OBJECT, verb, rel, o) or rel
            if o is not None and o.name != s.name:
                yield make_triple(s, rel, o, verb, s_tok, o_tok, conf * 0.9, modality)
                if prep and (container := container_of(o_tok, o)) is not None and container.name != s.name:
                    yield make_triple(s, rel, container, verb, s_tok, o_tok, conf * 0.8, modality)


TRIPLE = RELATIONS.step("triple", (verb_between_entities, attack_noun_on_target, be_from_or_in))


def extract_triples(doc: Doc) -> Iterator[Triple]:
    """Every entity-to-entity triple in a processed doc, in text order (see :data:`TRIPLE`):
    verbs, "be" and attack nouns, then what describes each entity."""
    for token in doc:
        # Only verbs, "be" and attack nouns give triples (the rules' own first test, made here so
        # that few tokens are looked for in the quotations).
        if (token.pos_ == "VERB" or token.pos_ == "NOUN" and token.lemma_.lower() in ATTACK_NOUNS
                or is_copula(token)) and not holds(QUOTED, token):
            yield from chain(TRIPLE, token)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in VICTORY_NOUNS and not holds(QUOTED, token):
            yield from chain(VICTORY, token)
    for ent in doc.ents:
        yield from description_triples(ent)
        yield from phrase_triples(ent)
        yield from residence_triples(ent)
