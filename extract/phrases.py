"""Relations said inside a noun phrase, without a verb (rules of the relations stage).

Where an organisation is based ("the Yemen-based Houthi movement", "Eagle-Picher Industries of
Cincinnati", "a Hong Kong construction firm"), where a person is from ("Elijah Cummings of
Illinois", "a native of Hebei", "an Arizona businessman"), and who killed whom when a noun says
it ("Amanda Champion's killer, James Ford", "the assassination of Robert F. Kennedy" with the person the
clause is about). :func:`phrase_triples` runs them for each entity, after the descriptions of
:mod:`extract.descriptions`.

Rule examples are sentences of real news: English Wikinews (wikinews_2019_2020, CC BY 2.5,
credit: Wikinews contributors) and single sentences of the Guardian/NYT, BBC and Reuters corpora.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from core.records import Mention, Triple

from .coref import CONTAINER_TYPES, resolve_token
from .descriptions import ROLE_NOUNS
from .doc import entity_at, mention
from .lexicon import words
from .rules import chain, rule
from .triples import RELATIONS, make_triple

#: "assassin", "killer": a person noun that says its owner killed someone.
KILLER_NOUNS = words("killer_nouns")
#: "assassination", "murder", "slaying": a noun that says someone was killed.
KILLING_NOUNS = words("killing_nouns")
#: "native", "resident": a person noun that says where someone is from.
NATIVE_NOUNS = words("native_nouns")
#: "convicted", "sentenced", "charged": verbs whose subject is the culprit of the killing its phrase names.
CULPRIT_VERBS = words("culprit_verbs")
#: "of", "for", "in", "with": the prepositions between a culprit verb and the killing ("sentenced for the murder of").
CULPRIT_PREPS = words("culprit_prepositions")
BASED_PREPS = words("based_prepositions")
ORIGIN_PREPS = words("origin_prepositions")
#: "of", "at", "for": an occupation noun's organisation follows them ("a reporter for the AP").
EMPLOYER_PREPS = words("employer_prepositions")
#: "at", "for", "with": after a role noun, they name the organisation ("spokesman for the union").
ROLE_EMPLOYER_PREPS = words("role_employer_prepositions")
#: Nouns that name no employment: "a critic of X", "the son of X".
NOT_OCCUPATIONS = words("not_occupation_nouns")
ORGANISATION_TYPES = ("Organization", "Group")


def _place(token: Token) -> Mention | None:
    m = resolve_token(token, agent=False)
    return m if m is not None and m.type in CONTAINER_TYPES else None


def _prep_objects(token: Token, prep: str) -> list[Token]:
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ == prep for g in c.children if g.dep_ == "pobj"]


# -- where an organisation is based -------------------------------------------------

@rule(example=("Miami-based Wallco manufactures and distributes wallcoverings and showed a pretax profit of 1.5 mln "
              "dlrs on turnover of 37 mln in the year ending June 1986."))
def hyphen_based(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """"Paris-based X": the place before the hyphen is where the organisation is based."""
    for t in ent.root.subtree:
        if t.lower_ == "based" and t.dep_ in ("amod", "acl", "compound") and (t.head.i == ent.root.i or t.head.i in
                                                                                 range(ent.start, ent.end)):
            for c in t.children:  # ("X, based in Y" is the verb's: subject_of_state_participle)
                if c.i < t.i and (place := _place(c)) is not None:  # "Yemen" "-" "based"
                    yield c, place
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "based" and doc[ent.start - 2].text == "-":
        # the parser leaves "Paris-based" outside the phrase: the place before the hyphen
        before = entity_at(doc[ent.start - 3]) if ent.start >= 3 else None
        if before is not None and before.label_ in CONTAINER_TYPES:
            yield before.root, mention(before)


@rule(example=("Sumitomo Bank of California said it declared a 7-1/2 pct stock dividend in addition to its regular "
              "quarterly cash dividend of 29 cts per share."))
def organisation_of_place(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """"X of Cincinnati", "X in Houston" right after an organisation's name: where it is based
    (wherever the parser hangs the phrase)."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ in BASED_PREPS:
        where = entity_at(doc[ent.end + 1])
        if where is not None and where.start == ent.end + 1 and (place := _place(where.root)) is not None:
            yield where.root, place


@rule(example="CEMAR, a consortium of Combustion Engineering Canada Inc and Japan's Marubeni Corp.")
def place_owning_organisation(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """A place that owns or modifies an organisation's name is where it is based: "Japan's
    Marubeni Corp", "the U.S. Congress" (a place inside the name is the name's own)."""
    for c in ent.root.children:
        if c.dep_ in ("poss", "compound", "nmod") and c.i < ent.start and (place := _place(c)) is not None:
            yield c, place


def _places_of_description(ent: Span) -> Iterator[tuple[Token, Mention]]:
    for noun in ent.root.children:
        if noun.dep_ != "appos" or entity_at(noun) is not None:
            continue
        for c in noun.children:
            if c.dep_ in ("compound", "nmod") and c.i < noun.i and (place := _place(c)) is not None:
                yield c, place


@rule(example=("Strevig and Associates, a Houston firm that tracks oil and gas reserve sales, said growing interest "
              "among foreign buyers had helped push reserve prices in recent months higher."))
def place_modifying_description(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """A place that modifies the noun in apposition to an organisation's name: "Strevig and
    Associates, a Houston firm"."""
    return _places_of_description(ent)


BASED = RELATIONS.step("based", (hyphen_based, organisation_of_place, place_owning_organisation,
                                 place_modifying_description))


@rule(example=("Miami-based Wallco manufactures and distributes wallcoverings and showed a pretax profit of 1.5 mln "
              "dlrs on turnover of 37 mln in the year ending June 1986."))
def organisation_based_in(ent: Span) -> Iterator[Triple]:
    """An organisation is based_in each place its phrase names as its base (see :data:`BASED`)."""
    if ent.label_ != "Organization":
        return
    org = mention(ent)
    for tok, place in chain(BASED, ent):
        # "the UK's Ministry of Defence" is already "Ministry of Defence (United Kingdom)": an organ of
        # the country, which its name says; no base is added
        if place.name != org.name and place.name != ent._.kg_country and f"({place.name})" not in org.name:
            yield make_triple(org, "based_in", place, tok, ent.root, tok, 0.7)


# -- where a person is from ---------------------------------------------------------

@rule(example="Edward Madigan of Illinois.")
def person_of_place(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """"Edward Madigan of Illinois", "Colm Deely, 44, from School Road": the place after the name's "of"
    (or "from"), also after an age in apposition."""
    holders = [ent.root] + [c for c in ent.root.children if c.dep_ in ("appos", "amod") and c.like_num]
    for holder in holders:
        for prep in sorted(ORIGIN_PREPS):
            for pobj in _prep_objects(holder, prep):
                if (place := _place(pobj)) is not None:
                    yield pobj, place


@rule(example=("January 2005: Wang Shujin, a native of Hebei, is detained and charged with murder and rape in many "
              "other cases."))
def native_of_place(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """"a native of Hebei", "a native", "a resident of X": in apposition to the
    name or as what the name is ("X is a native of Y")."""
    nouns = [c for c in ent.root.children if c.dep_ == "appos" and c.lemma_.lower() in NATIVE_NOUNS]
    if ent.root.dep_ == "nsubj":
        nouns += [c for c in ent.root.head.children if c.dep_ == "attr" and c.lemma_.lower() in NATIVE_NOUNS]
    if ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in NATIVE_NOUNS:
        nouns.append(ent.root.head)
    nouns += [t for t in ent.root.lefts if t.i < ent.start and t.lemma_.lower() in NATIVE_NOUNS]
    for noun in nouns:
        for pobj in _prep_objects(noun, "of"):
            if (place := _place(pobj)) is not None:
                yield pobj, place
        for c in noun.children:
            if c.dep_ in ("compound", "nmod", "poss") and (place := _place(c)) is not None:
                yield c, place


@rule(example=("John Cotton, an Arizona businessman, told the Securities and Exchange Commission he has acquired the "
              "equivalent of 213,500 shares of Class A common shares in Del E."))
def place_describing_person(ent: Span) -> Iterator[tuple[Token, Mention]]:
    """A place that modifies the noun in apposition to a person's name: "Richard Taylor, an Atlanta
    architect"."""
    return _places_of_description(ent)


FROM = RELATIONS.step("from", (person_of_place, native_of_place, place_describing_person))


@rule(example="Edward Madigan of Illinois.")
def person_from(ent: Span) -> Iterator[Triple]:
    """A person is from each place their phrase says they come from (see :data:`FROM`)."""
    if ent.label_ != "Person":
        return
    person = mention(ent)
    seen = set()
    for tok, place in chain(FROM, ent):
        if place.name not in seen:
            seen.add(place.name)
            yield make_triple(person, "from", place, tok, ent.root, tok, 0.7)


# -- who killed whom, said by a noun ------------------------------------------------

def _victims(noun: Token) -> list[Token]:
    """Who a killing or killer noun is of: its owner, its compound name, its "of" object."""
    found = [c for c in noun.children if c.dep_ in ("poss", "compound") and c.i < noun.i]
    return found + _prep_objects(noun, "of")


@rule(example=("In July this year Amanda Champion's killer, James Ford, pleaded guilty to her murder and was jailed "
              "for at least 15 years - it would have been longer had he denied the charge."))
def killer_named_by_noun(ent: Span) -> Iterator[tuple[Token, Token]]:
    """"Amanda Champion's killer, James Ford", "the killer of X, Y": (noun, victim)."""
    nouns = [t for t in ent.root.lefts if t.i < ent.start and t.lemma_.lower() in KILLER_NOUNS]
    nouns += [c for c in ent.root.children if c.dep_ == "appos" and c.lemma_.lower() in KILLER_NOUNS]
    if ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in KILLER_NOUNS:
        nouns.append(ent.root.head)
    for noun in nouns:
        yield from ((noun, v) for v in _victims(noun))


@rule(example="Sirhan, 75, is serving a life sentence for the 1968 assassination of United States senator and "
              "presidential candidate Robert F. Kennedy.")
def culprit_of_killing(ent: Span) -> Iterator[tuple[Token, Token]]:
    """The subject of a clause whose verb (convicted, sentenced, charged, serving a sentence) names a
    killing: "Sirhan … is serving a life sentence for the 1968 assassination of … Robert F. Kennedy"."""
    root = ent.root
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return
    verb = root.head
    if verb.lemma_.lower() not in CULPRIT_VERBS:
        return
    heads = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "xcomp")]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in CULPRIT_PREPS:
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in KILLING_NOUNS:
                    yield from ((noun, v) for v in _victims(noun))


KILLER = RELATIONS.step("killer", (killer_named_by_noun, culprit_of_killing))


@rule(example="Sirhan, 75, is serving a life sentence for the 1968 assassination of United States senator and "
              "presidential candidate Robert F. Kennedy.")
def person_killed_person(ent: Span) -> Iterator[Triple]:
    """A person killed the person a killer or killing noun of their phrase is of (see :data:`KILLER`)."""
    if ent.label_ != "Person":
        return
    killer = mention(ent)
    for noun, victim_tok in chain(KILLER, ent):
        victim = resolve_token(victim_tok, agent=False)
        if victim is not None and victim.type == "Person" and victim.name != killer.name:
            yield make_triple(killer, "killed", victim, noun, ent.root, victim_tok, 0.7)


# -- whom a person works for, said by an occupation noun -------------------------------

def _employers(noun: Token) -> Iterator[Token]:
    """The tokens after "of", "at", "for" or before the noun that may name an organisation; for a
    role noun only "at", "for", "with" (its "of" and its modifiers are the role rules' own:
    "spokesman for the Air Line Pilots Association" is this rule's, "Kremlin spokesman" theirs)."""
    role = noun.lemma_.lower() in ROLE_NOUNS
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in (ROLE_EMPLOYER_PREPS if role else EMPLOYER_PREPS):
            yield from (g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("compound", "poss", "nmod") and c.i < noun.i and not role:
            yield c


def _occupation(noun: Token) -> bool:
    return noun.pos_ == "NOUN" and entity_at(noun) is None and noun.lemma_.lower() not in NOT_OCCUPATIONS


@rule(example=("After the hearing, John Nabors, a lawyer for TransAmerican, said the company would pursue its state "
               "court lawsuit seeking 2.0 billion dlrs in damages from Coastal."))
def occupation_in_apposition(ent: Span) -> Iterator[Token]:
    """An occupation noun in apposition to the name, or the name in apposition to it: "John Nabors,
    a lawyer for TransAmerican", "Tony Measor, an analyst at Hong Leong Securities Ltd"."""
    nouns = [c for c in ent.root.children if c.dep_ == "appos"]
    if ent.root.dep_ == "appos":
        nouns.append(ent.root.head)
    if ent.root.dep_ == "nsubj" and ent.root.head.lemma_ == "be":  # "X is a correspondent for Y"
        nouns += [c for c in ent.root.head.children if c.dep_ == "attr"]
    for noun in nouns:
        yield from (n for n in (noun, *noun.conjuncts) if _occupation(n))


@rule(example=("Dresdner Bank economist Alfred Apholte said the Soviet Union's large currency and gold reserves had "
               "softened the impact of the dollar weakening and oil price drop."))
def occupation_title_before_name(ent: Span) -> Iterator[Token]:
    """An occupation noun right before the name, as a title: "Merrill Lynch analyst
    Matt Aizawa", "Dresdner Bank economist Alfred Apholte"."""
    yield from (t for t in ent.root.lefts if t.i < ent.start and t.dep_ == "compound" and _occupation(t)
                and t.lemma_.lower() not in ROLE_NOUNS)


OCCUPATION = RELATIONS.step("occupation", (occupation_in_apposition, occupation_title_before_name))


@rule(example=("Dresdner Bank economist Alfred Apholte said the Soviet Union's large currency and gold reserves had "
               "softened the impact of the dollar weakening and oil price drop."))
def person_works_for(ent: Span) -> Iterator[Triple]:
    """A person works_for the organisation an occupation noun of their phrase names (see
    :data:`OCCUPATION`), the noun kept as the fact's verb: "Dresdner Bank economist Alfred Apholte"."""
    if ent.label_ != "Person":
        return
    person = mention(ent)
    seen = set()
    for noun in chain(OCCUPATION, ent):
        for tok in _employers(noun):
            org = resolve_token(tok, agent=False)
            if org is not None and org.type in ORGANISATION_TYPES and org.name not in seen:
                seen.add(org.name)
                yield make_triple(person, "works_for", org, noun, ent.root, tok, 0.7)


PHRASE = RELATIONS.step("phrase", (organisation_based_in, person_from, person_killed_person, person_works_for))


def phrase_triples(ent: Span) -> Iterator[Triple]:
    """Where an organisation is based, where a person is from, whom a person killed, from noun phrases."""
    return chain(PHRASE, ent)
